"""Writes of every unit document, whatever its kind: the version-checked save, the review moves, attachments,
due dates. The kind (`core.DocumentKind`) supplies only what differs (its child rows, its checklist)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from thidua.text import nfc
from thidua.uploads import CONTENT_TYPES, SCANS
from thidua.workflow import TransitionError

from ..enums import EDITABLE_STATES
from ..workflows import SUBMIT
from .core import kind_of

VERSION_CONFLICT = (
    "{Noun} đã được lưu ở nơi khác (một thẻ hoặc người khác) sau khi bạn mở trang. "
    "Nội dung bạn vừa nhập vẫn còn dưới đây: hãy mở {noun} ở thẻ mới để xem bản đã lưu rồi nhập lại phần thay đổi."
)

SCAN_TYPES = tuple(CONTENT_TYPES[kind] for kind in SCANS)  # the signed and stamped scan: PDF, JPEG or PNG


def _capital(text):
    return text[:1].upper() + text[1:]


def not_editable_message(doc):
    return f"{_capital(doc.noun)} đang ở trạng thái «{doc.get_status_display()}»: không sửa được."


def save(doc, actor, *, version, header, parts):
    """Save the unit's draft: the model's own fields (`header`) and the kind's child rows (`parts`, written by
    `kind.save_parts`). Refused with a version conflict if the draft changed since `version` was read; the
    content-changed stamp moves only when what prints changed (the signed scan may no longer match)."""
    kind = kind_of(doc)
    if not kind.can_write(actor, doc):
        raise PermissionDenied
    if not doc.is_editable:
        raise ValidationError(not_editable_message(doc))
    header = {key: nfc(value.strip()) if isinstance(value, str) else value for key, value in header.items()}
    model = type(doc)
    with transaction.atomic():
        before = kind.digest(doc.pk)
        changed = model.objects.filter(pk=doc.pk, version=version, status__in=EDITABLE_STATES).update(
            version=F("version") + 1, updated_at=timezone.now(), **header
        )
        if not changed:
            noun = doc.noun
            raise ValidationError(VERSION_CONFLICT.format(Noun=_capital(noun), noun=noun), code="version_conflict")
        kind.save_parts(doc, parts)
        if kind.digest(doc.pk) != before:
            model.objects.filter(pk=doc.pk).update(content_changed_at=timezone.now())
    doc.refresh_from_db()
    return doc


def signed_scans(doc):
    return doc.attachments.filter(content_type__in=SCAN_TYPES)


def has_scan(doc):
    return signed_scans(doc).exists()


def checklist(doc):
    """What a submission needs, in the order the unit fills it: [(label, done)]."""
    return kind_of(doc).checklist(doc)


def missing(doc):
    return [f"chưa có {label}" for label, done in checklist(doc) if not done]


def scan_may_be_stale(doc):
    """True when the content was changed after the newest signed scan was attached (warn, do not block)."""
    if not doc.content_changed_at:
        return False
    newest = signed_scans(doc).order_by("-uploaded_at").values_list("uploaded_at", flat=True).first()
    return newest is not None and newest < doc.content_changed_at


def transition(doc, action, actor, *, reason="", expected_version=None):
    """The one way a unit document changes state (submit, withdraw, return, approve) over its kind's table.

    `expected_version` is the version the actor saw on the page (views always send it): a document withdrawn,
    edited or resubmitted since is refused with TransitionConflict instead of being approved unseen.
    A submission records the number the unit gave in the unit's register of outgoing documents (refused when
    another of its documents holds it).
    """
    kind = kind_of(doc)
    with transaction.atomic():
        result = apply_move(kind.workflow, doc, action, actor, reason, missing, expected_version)
        if action == SUBMIT:
            take_unit_number(doc, kind.labels.get("code", "CV"), actor)
    return result


def take_unit_number(doc, code, actor=None):
    """Record a unit document's number (typed by the unit: "18", "18-KH/ĐU") in the unit's register of outgoing
    documents; nothing when it has no plain number. Refused with TransitionError when the number is taken."""
    from thidua.documents import register

    from ..printing import register_number, unit_style

    org = doc.organization
    document_format = unit_style(org).document_format
    number, symbol = register_number(doc.number, code, org, document_format)
    if number is None:
        register.release(doc)  # the unit cleared its number: the entry it held is free again
        return None
    try:
        return register.take_number(
            org,
            register.document_type_of(symbol),
            doc.issued_on,
            kind=document_format,
            symbol=symbol,
            subject=" ".join((getattr(doc, "title", "") or f"{doc.noun} của {org.name}").split()),
            document=doc,
            created_by=actor,
            number=number,
        )
    except register.NumberTaken as exc:
        raise TransitionError(" ".join(exc.messages)) from None


def apply_move(workflow, doc, action, actor, reason, gaps_of, expected_version=None):
    """A move over `workflow` (its table stamps the dates and reviewer); `gaps_of(doc)` blocks a submission."""
    return workflow.apply(doc, action, actor, reason=reason, expected_version=expected_version, gaps_of=gaps_of)


def set_due_date(doc, actor, due_date):
    """Staff move one unit's deadline."""
    if not kind_of(doc).can_review(actor, doc):
        raise PermissionDenied
    type(doc).objects.filter(pk=doc.pk).update(due_date=due_date, updated_at=timezone.now())
    doc.due_date = due_date
    return doc


def add_attachment(doc, actor, upload, description=""):
    """Attach a checked file while the document is editable."""
    if not kind_of(doc).can_write(actor, doc):
        raise PermissionDenied
    if not doc.is_editable:
        raise ValidationError("Chỉ đính kèm tệp khi hồ sơ đang soạn hoặc bị trả lại.")
    related = doc.attachments
    attachment = related.model.from_upload(
        upload, uploaded_by=actor, description=description, **{related.field.name: doc}
    )
    attachment.save()
    return attachment


def delete_attachment(attachment, doc, actor):
    if not kind_of(doc).can_write(actor, doc):
        raise PermissionDenied
    if not doc.is_editable:
        raise ValidationError("Hồ sơ đã nộp: không xóa được tệp.")
    attachment.delete()


def oblige(kind, campaign, organization_ids, actor, *, due_date, variant=None, extra=None):
    """Create the obligation rows (status draft, nothing filled) for units not yet obliged; returns how many.

    `extra(org_id)` gives more fields per row (a progress report's sub-plan)."""
    model = kind.model
    existing = model.objects.filter(campaign=campaign, organization_id__in=organization_ids)
    variant_fields = {"kind": variant} if variant is not None else {}
    have = set(existing.filter(**variant_fields).values_list("organization_id", flat=True))
    new = [
        model(
            campaign=campaign,
            organization_id=org_id,
            due_date=due_date,
            created_by=actor,
            **variant_fields,
            **(extra(org_id) if extra else {}),
        )
        for org_id in organization_ids
        if org_id not in have
    ]
    model.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    return len(new)
