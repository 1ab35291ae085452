"""The register of outgoing documents (sổ văn bản đi): every numbered document takes its number here.

Numbers run per issuer, document type and numbering period — Party documents per term (nhiệm kỳ, "2020-2025"),
state documents per calendar year ("2026") — and the database refuses a second document with the same four
(``RegisterEntry``'s unique constraint), so two staff issuing at the same moment never share a number.

    from thidua.documents import register

    register.next_number(issuer, "KH", day, kind="party", term="2020-2025")       # the next free number: 3
    entry = register.take_number(issuer, "KH", day, kind="party", term="2020-2025", symbol="KH/HU",
                                 subject="Phát động …", document=campaign, created_by=user)   # entry.number == 3
    register.take_number(..., number=7)   # a number typed by staff: refused (NumberTaken) when it is used

``take_number`` is race-safe: it inserts in a savepoint and, when another transaction took the same number a moment
earlier (IntegrityError on the unique constraint), computes the next number again (a typed number is refused).
A document holds one entry (``document=``): taking a number again for it moves its entry to the new number.
"""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from . import formats

ATTEMPTS = 8

# Names of the document types (chữ viết tắt tên loại văn bản) for the register page.
TYPE_NAMES = {
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "QĐ": "Quyết định",
    "TTr": "Tờ trình",
    "GK": "Giấy khen",
    "BK": "Bằng khen",
    "CV": "Công văn",
    "TB": "Thông báo",
    "NQ": "Nghị quyết",
    "HD": "Hướng dẫn",
    "CT": "Chỉ thị",
    "ĐK": "Đăng ký",
}


class NumberTaken(ValidationError):
    """The number asked for is already in the register for this issuer, type and period."""


def document_type_of(symbol):
    """The type part of a symbol: "KH/HU" -> "KH", "QĐ-UBND" -> "QĐ", "TTr/HU" -> "TTr"."""
    return re.split(r"[/-]", (symbol or "").strip(), maxsplit=1)[0] or "CV"


def term_of(day):
    """The Party term a date falls in when none is recorded: congresses every five years from 2020 ("2020-2025")."""
    start = 2020 + 5 * ((day.year - 2020) // 5)
    return f"{start}-{start + 5}"


def period_for(kind, on_date, term=""):
    """The numbering period: the term for Party documents (the one recorded, else the one of the date), the
    calendar year for state documents."""
    rules = formats.format_for(kind, on_date)
    if rules.numbering_period == "term":
        if term and term.strip():
            return term.strip()
        if on_date is None:
            from django.utils import timezone

            on_date = timezone.localdate()
        return term_of(on_date)
    if on_date is None:
        from django.utils import timezone

        on_date = timezone.localdate()
    return str(on_date.year)


def _entries():
    from .models import RegisterEntry

    return RegisterEntry.objects


def _last(issuer, document_type, period):
    issuer_id = getattr(issuer, "pk", issuer)
    return (
        _entries()
        .filter(issuer_id=issuer_id, document_type=document_type, period=period)
        .aggregate(n=Max("number"))["n"]
        or 0
    )


def next_in_period(issuer, document_type, period):
    return _last(issuer, document_type, period) + 1


def next_number(issuer, document_type, on_date=None, *, kind=formats.PARTY, term="", period=None):
    """The next free number ("số tiếp theo") of this type for the issuer in the period of on_date (or the period
    given)."""
    return next_in_period(issuer, document_type, period or period_for(kind, on_date, term))


def entry_for(document):
    """The register entry of a document (model instance), or None."""
    if document is None or document.pk is None:
        return None
    content_type = ContentType.objects.get_for_model(document)
    return _entries().filter(content_type=content_type, object_id=document.pk).first()


def taken_message(issuer_name, reference, period, next_free):
    period_text = f"nhiệm kỳ {period}" if "-" in period else f"năm {period}"
    return (
        f"Số {reference} {period_text} của {issuer_name} đã có trong sổ văn bản đi (có thể vừa được người khác lấy). "
        f"Số tiếp theo còn trống: {next_free}."
    )


def take_number(
    issuer,
    document_type,
    on_date=None,
    *,
    kind=formats.PARTY,
    term="",
    symbol="",
    subject="",
    document=None,
    created_by=None,
    number=None,
    note="",
    period=None,
):
    """Record a number in the register and return the entry. ``number=None``: the next free number; a number given
    (typed by staff) is refused with NumberTaken when another document holds it. Runs in a savepoint: call it
    inside the transaction that saves the document, so both commit or neither does. ``period``: a numbering
    period recorded on the document itself (else from kind, date and term)."""
    from .models import RegisterEntry

    period = period or period_for(kind, on_date, term)
    symbol = symbol or document_type
    issuer_id = getattr(issuer, "pk", issuer)
    content_type = ContentType.objects.get_for_model(document) if document is not None else None
    object_id = document.pk if document is not None else None
    values = {
        "symbol": symbol,
        "document_format": kind,
        "issued_on": on_date,
        "subject": (subject or "")[:500],
        "note": note,
    }
    existing = (
        _entries().filter(content_type=content_type, object_id=object_id).first() if object_id is not None else None
    )
    if existing and (existing.issuer_id, existing.document_type, existing.period) == (issuer_id, document_type, period):
        if number is None or existing.number == number:
            for name, value in values.items():
                setattr(existing, name, value)
            existing.save()
            return existing
    for _attempt in range(1 if number else ATTEMPTS):
        candidate = number or next_in_period(issuer_id, document_type, period)
        try:
            with transaction.atomic():
                if existing:
                    existing.issuer_id, existing.document_type, existing.period = issuer_id, document_type, period
                    existing.number = candidate
                    for name, value in values.items():
                        setattr(existing, name, value)
                    existing.save()
                    return existing
                return RegisterEntry.objects.create(
                    issuer_id=issuer_id,
                    document_type=document_type,
                    period=period,
                    number=candidate,
                    content_type=content_type,
                    object_id=object_id,
                    created_by=created_by,
                    **values,
                )
        except IntegrityError:
            continue
    rules = formats.format_for(kind, on_date)
    issuer_name = getattr(issuer, "name", "cơ quan")
    raise NumberTaken(
        taken_message(
            issuer_name,
            rules.reference(number, symbol) if number else symbol,
            period,
            next_in_period(issuer_id, document_type, period),
        )
    )


def is_free(issuer, document_type, period, number, *, document=None):
    """Whether the number is free in the register (or held by this very document)."""
    qs = _entries().filter(issuer_id=getattr(issuer, "pk", issuer), document_type=document_type, period=period)
    qs = qs.filter(number=number)
    if document is not None and document.pk is not None:
        qs = qs.exclude(content_type=ContentType.objects.get_for_model(document), object_id=document.pk)
    return not qs.exists()


def release(document):
    """Remove the entry of a document that is deleted before it is issued (a draft decision)."""
    if document is None or document.pk is None:
        return 0
    content_type = ContentType.objects.get_for_model(document)
    return _entries().filter(content_type=content_type, object_id=document.pk).delete()[0]


def release_all(queryset):
    """Remove the entries of the documents of a queryset (earlier builds of a document numbered again)."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    return _entries().filter(content_type=content_type, object_id__in=queryset.values("pk")).delete()[0]


def holder(issuer, document_type, period, number):
    """The entry holding this number, or None."""
    return (
        _entries()
        .filter(issuer_id=getattr(issuer, "pk", issuer), document_type=document_type, period=period, number=number)
        .first()
    )


def series(issuer_ids):
    """Every numbering series of these issuers, latest period first within a type, with its next number:
    [{"issuer_id", "document_type", "period", "last", "next"}] (one query)."""
    rows = (
        _entries()
        .filter(issuer_id__in=list(issuer_ids))
        .values("issuer_id", "document_type", "period")
        .annotate(last=Max("number"))
        .order_by("issuer_id", "document_type", "-period")
    )
    return [{**r, "next": r["last"] + 1} for r in rows]
