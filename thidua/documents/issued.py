"""Issued documents: stored versions, verification codes, reprints.

API (other apps call only this):

- Each app describes the documents it issues in its own ``issued_documents.py`` with ``register(Source(...))``
  (found by ``DocumentsConfig.ready``): the kind, the model, the facts the public page shows (``Facts``), how to
  render the PDF, and the field of the record that points at the current stored file (if any).
- ``print_issued(obj, kind, *, actor=None)`` -> ``DocumentVersion``: gives the record its ``IssuedDocument``
  (verification code) if it has none, renders the PDF with the code and QR in the footer of page 1, stores it as
  a version (reason "issued") and points the record's file field at it. ``store_rendered`` does the same for a
  PDF the caller rendered itself inside ``with verifying(document):`` (review reports, rendered in parts).
- ``reprint(document, run, *, actor=None)``: a new version (reason "reprint") rendered from the record as it is;
  the old versions are kept; one version per document and run, so a run repeated (a retried task, ``load_demo``
  twice) prints nothing twice. Refused (``FontMissing``) when the serif font is not installed, or when the
  renderer fell back to another font anyway.
- ``verifying(document)``: while it is active, the print base template's ``{% verification_footer %}`` prints
  the code and the QR code of ``/xac-thuc/<code>``.
"""

from __future__ import annotations

import contextvars
import hashlib
import io
import logging
import re
import secrets
import shutil
import subprocess
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse

from .models import DocumentVersion, IssuedDocument, VersionReason

logger = logging.getLogger(__name__)

# Crockford base32: no I, L, O, U (read as 1, 1, 0 and refused). 10 characters = 50 bits from `secrets`.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
_CROCKFORD_READS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text):
    """What a person typed or a QR code carried -> the stored form (upper case, no separators, O/I/L read as 0/1).
    Anything else comes back as it is, so it simply matches nothing."""
    text = re.sub(r"[\s\-]", "", (text or "")[:40]).upper().translate(_CROCKFORD_READS)
    return text


# --- what each app issues ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What the public verification page shows of a document (nothing else is disclosed)."""

    document_type: str
    reference: str
    issued_on: object
    issuer_id: int
    issuer_name: str
    signer: str


@dataclass(frozen=True)
class Source:
    kind: str
    model: str  # "app_label.Model"
    facts: Callable  # (obj) -> Facts
    render: Callable  # (obj) -> bytes; called inside verifying(document)
    issued: Callable  # () -> queryset of the records issued (reprints walk it)
    file_field: str = ""  # the record's FileField pointing at the current stored PDF ("" if rendered on demand)


SOURCES: dict[str, Source] = {}


def register(source):
    SOURCES[source.kind] = source
    return source


def source_of(kind):
    return SOURCES[kind]


_scope = {}


def set_scope(organization_ids_for):
    """units says which organisations a user is head or staff of (the core imports no app)."""
    _scope["organization_ids_for"] = organization_ids_for


def organization_ids_for(user):
    return _scope["organization_ids_for"](user)


# --- the verification footer ---------------------------------------------------------------------------------

_verifying: contextvars.ContextVar = contextvars.ContextVar("verifying", default=None)


@contextmanager
def verifying(document):
    """Renders inside print the document's code and QR code in the footer of page 1."""
    token = _verifying.set(document)
    try:
        yield document
    finally:
        _verifying.reset(token)


def verification_url(code):
    return settings.SITE_URL.rstrip("/") + reverse("documents:verify", args=[code])


def qr_svg(text):
    """A QR code as an inline SVG element (no data: URL: the print fetcher refuses those)."""
    import segno

    return segno.make(text, error="m").svg_inline(border=0, omitsize=True, svgclass="qr", lineclass=None)


def current_verification():
    document = _verifying.get()
    if document is None:
        return None
    url = verification_url(document.code)
    return {"code": document.printed_code, "url": url, "qr": qr_svg(url)}


# --- fonts -------------------------------------------------------------------------------------------------

SERIF_FAMILY = "Liberation Serif"
FONT_INSTALL = "sudo apt install fonts-liberation2"
_ACCEPTED_FONTS = ("LiberationSerif", "TimesNewRoman", "Times-Roman", "TimesNewRomanPSMT")
_FALLBACK_FONTS = ("DejaVuSerif",)


class FontMissing(ValidationError):
    pass


def serif_font_installed():
    """True when fontconfig resolves the print font to itself (not to a fallback such as DejaVu Serif)."""
    if not shutil.which("fc-match"):
        return True  # no fontconfig to ask: the rendered file's fonts are checked instead
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{family}", SERIF_FAMILY], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return True
    return SERIF_FAMILY.lower() in found.lower()


def refuse_without_font():
    if not serif_font_installed():
        raise FontMissing(
            f"Chưa cài phông chữ {SERIF_FAMILY} (tương đương Times New Roman) mà văn bản cần: "
            f"không in lại. Cài bằng lệnh: {FONT_INSTALL}"
        )


def pdf_fonts(pdf):
    """The font families embedded in a PDF, subset prefixes removed ("ABCDEF+LiberationSerif-Bold" ->
    "LiberationSerif-Bold"), sorted."""
    from pypdf import PdfReader

    names = set()
    try:
        reader = PdfReader(io.BytesIO(pdf), strict=False)
        for page in reader.pages:
            resources = page.get("/Resources") or {}
            fonts = resources.get_object().get("/Font") if hasattr(resources, "get_object") else None
            for ref in (fonts.get_object() if fonts is not None else {}).values():
                base = str(ref.get_object().get("/BaseFont", ""))
                if base:
                    names.add(base.lstrip("/").split("+", 1)[-1])
    except Exception:  # noqa: BLE001 - a PDF we cannot read has no font to report
        logger.warning("could not read the fonts of a PDF", exc_info=True)
    return sorted(names)


def _is_fallback(font):
    return font.replace("-", "").startswith(_FALLBACK_FONTS)


def check_rendered_fonts(pdf):
    """Refuse a render that fell back to another serif font (what the demo's first prints suffered from)."""
    fonts = pdf_fonts(pdf)
    fallback = [f for f in fonts if _is_fallback(f)]
    if fallback:
        raise FontMissing(
            f"Bản in dùng phông chữ thay thế ({', '.join(fallback)}) thay cho {SERIF_FAMILY}: không lưu. "
            f"Cài phông chữ bằng lệnh: {FONT_INSTALL}"
        )
    return fonts


# --- documents and versions ---------------------------------------------------------------------------------


def _content_type(obj):
    return ContentType.objects.get_for_model(obj, for_concrete_model=True)


def document_of(obj):
    """The IssuedDocument of a record, or None."""
    return IssuedDocument.objects.filter(source_type=_content_type(obj), source_id=obj.pk).first()


def document_for(obj, kind):
    """The record's IssuedDocument, created (with a fresh code and the facts as now) the first time."""
    existing = document_of(obj)
    if existing is not None:
        return existing
    facts = source_of(kind).facts(obj)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return IssuedDocument.objects.create(
                    kind=kind,
                    source_type=_content_type(obj),
                    source_id=obj.pk,
                    code=new_code(),
                    issuer_id=facts.issuer_id,
                    document_type=facts.document_type[:64],
                    reference=facts.reference[:64],
                    issued_on=facts.issued_on,
                    issuer_name=facts.issuer_name[:255],
                    signer=facts.signer[:255],
                )
        except IntegrityError:
            existing = document_of(obj)  # made meanwhile by another run; else the code collided: draw again
            if existing is not None:
                return existing
    raise RuntimeError("could not draw a free verification code")  # pragma: no cover - 2**50 codes


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def add_version(document, pdf, *, reason, run="", actor=None, stored_name="", fonts=None, **signed):
    """Store `pdf` as the document's next version. `stored_name`: the bytes are already stored under that name
    (written by the caller in its own transaction). With `run`, a second call for the same run returns the first
    version instead of adding one."""
    with transaction.atomic():
        IssuedDocument.objects.select_for_update().filter(pk=document.pk).first()
        if run:
            done = DocumentVersion.objects.filter(document=document, run=run).first()
            if done is not None:
                return done
        number = (DocumentVersion.objects.filter(document=document).aggregate(n=Max("number"))["n"] or 0) + 1
        version = DocumentVersion(
            document=document,
            number=number,
            reason=reason,
            sha256=sha256_hex(pdf),
            size=len(pdf),
            font=", ".join(fonts if fonts is not None else pdf_fonts(pdf))[:255],
            run=run,
            created_by=actor,
            **signed,
        )
        if stored_name:
            version.file.name = stored_name
        else:
            version.file.save("f.pdf", ContentFile(pdf), save=False)
        try:
            version.save()
        except BaseException:
            if not stored_name:
                version.file.storage.delete(version.file.name)
            raise
    return version


def render_for(document, obj=None):
    """Render the document's record now, with its verification footer; refuses a fallback font."""
    source = source_of(document.kind)
    obj = obj if obj is not None else document.source
    with verifying(document):
        pdf = source.render(obj)
    fonts = check_rendered_fonts(pdf)
    return pdf, fonts


def _point_record_at(document, version, obj):
    source = source_of(document.kind)
    if source.file_field:
        type(obj).objects.filter(pk=obj.pk).update(**{source.file_field: version.file.name})


def print_issued(obj, kind, *, actor=None):
    """The issued print of a record: its first stored version (made now if missing). Idempotent."""
    document = document_for(obj, kind)
    first = document.versions.exclude(reason=VersionReason.SIGNED).order_by("number").first()
    if first is not None:
        return first
    pdf, fonts = render_for(document, obj)
    version = add_version(document, pdf, reason=VersionReason.ISSUED, actor=actor, fonts=fonts, run="issued")
    _point_record_at(document, version, obj)
    return version


def store_rendered(document, pdf, *, stored_name, actor=None):
    """A PDF the caller rendered inside verifying(document) and stored itself: record it as the issued version."""
    return add_version(document, pdf, reason=VersionReason.ISSUED, actor=actor, stored_name=stored_name, run="issued")


ADOPTED = "adopted"  # the run of a version stored before documents had versions (printed without a code)


def needs_reprint(document):
    """The current print was stored before codes existed, or with a fallback font."""
    version = current_version(document)
    if version is None:
        return False
    return version.run == ADOPTED or any(_is_fallback(name) for name in version.font.split(", "))


def adopt_stored(obj, kind):
    """A record printed before documents had versions: its stored file becomes version 1 (as it was printed,
    without a code). Returns the IssuedDocument, or None when the record has no stored file."""
    source = source_of(kind)
    field = getattr(obj, source.file_field, None) if source.file_field else None
    document = document_of(obj)
    if document is not None and document.versions.exists():
        return document
    if not field:
        return document_for(obj, kind) if not source.file_field else None
    try:
        with field.storage.open(field.name, "rb") as handle:
            pdf = handle.read()
    except FileNotFoundError:
        logger.warning("%s %s: stored file %s is missing", kind, obj.pk, field.name)
        return document_for(obj, kind)
    document = document_for(obj, kind)
    add_version(document, pdf, reason=VersionReason.ISSUED, stored_name=field.name, run=ADOPTED)
    return document


def reprint(document, run, *, actor=None):
    """A new version of the document rendered now (old ones kept); the record's file field points at it.
    Returns (version, created)."""
    refuse_without_font()
    done = DocumentVersion.objects.filter(document=document, run=run).first()
    if done is not None:
        return done, False
    obj = document.source
    if obj is None:
        raise ValidationError(f"{document}: văn bản gốc không còn trong hệ thống.")
    pdf, fonts = render_for(document, obj)
    version = add_version(document, pdf, reason=VersionReason.REPRINT, run=run, actor=actor, fonts=fonts)
    _point_record_at(document, version, obj)
    return version, True


def issued_records(kinds=None):
    """(kind, record) for every issued record of the given kinds (all by default)."""
    for kind, source in SOURCES.items():
        if kinds and kind not in kinds:
            continue
        for obj in source.issued().iterator():
            yield kind, obj


def current_version(document):
    """The print that is handed out now: the newest issued or reprinted version."""
    return document.versions.exclude(reason=VersionReason.SIGNED).order_by("-number").first()


def stored_pdf(obj, kind, *, actor=None):
    """The bytes of a record's current stored print (printing the issued version first if none yet)."""
    document = document_of(obj)
    version = current_version(document) if document is not None else None
    if version is None:
        version = print_issued(obj, kind, actor=actor)
    with version.file.storage.open(version.file.name, "rb") as handle:
        return handle.read()


def model_of(kind):
    return apps.get_model(source_of(kind).model)


# --- comparing a copy, signed originals ---------------------------------------------------------------------


@dataclass
class Comparison:
    outcome: str  # "identical", "same_text", "different", "unreadable"
    version: DocumentVersion | None = None


def _read(version):
    with version.file.storage.open(version.file.name, "rb") as handle:
        return handle.read()


def compare_copy(document, data):
    """Does a copy in hand match a stored version? Same bytes (SHA-256), else the same text (a re-saved copy)."""
    from .text import pdf_text

    versions = list(document.versions.order_by("-number"))
    digest = sha256_hex(data)
    for version in versions:
        if version.sha256 == digest:
            return Comparison("identical", version)
    text = pdf_text(data)
    if not text:
        return Comparison("unreadable")
    for version in versions:
        try:
            if pdf_text(_read(version)) == text:
                return Comparison("same_text", version)
        except FileNotFoundError:
            continue
    return Comparison("different")


def record_signed_original(document, data, *, actor):
    """Verify an uploaded signed PDF of the document; store it as the signed original when the signature is valid,
    trusted, and signs the issued text. Returns the SignatureCheck; the version is check.version (or None)."""
    from .signatures import INVALID, TRUSTED, check_content, trusted_roots, verify_signed_pdf

    check = verify_signed_pdf(data, trusted_roots())
    check.version = None
    if check.outcome != TRUSTED:
        return check
    issued = current_version(document)
    if issued is None:
        check.outcome, check.message = INVALID, "Văn bản chưa có bản in ban hành để đối chiếu."
        return check
    candidates = [issued] + [
        v for v in document.versions.exclude(reason=VersionReason.SIGNED).order_by("-number") if v.pk != issued.pk
    ]
    reasons = [check_content(data, _read(v), document.reference) for v in candidates]
    if all(reasons):
        check.outcome, check.message = INVALID, f"Không nhận: {reasons[0]}"
        return check
    check.version = add_version(
        document,
        data,
        reason=VersionReason.SIGNED,
        actor=actor,
        signer_subject=check.subject,
        signer_serial=check.serial,
        signer_issuer=check.issuer,
        signed_at=check.signed_at,
        trusted=True,
    )
    return check
