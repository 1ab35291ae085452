"""Uploaded files, checked once for every feature (sub-plans, progress reports, award dossiers).

- The type is decided by the file's first bytes (magic numbers), never by its name or the
  browser's Content-Type: PDF, JPEG, PNG and, where a feature allows it, DOCX (a ZIP holding
  ``word/document.xml``).
- The size is limited by ``settings.MAX_UPLOAD_SIZE``.
- The stored name is generated (``<prefix>/<yyyy>/<mm>/<uuid>.<ext>``); the original name is kept,
  cleaned, only for display and for the download's file name.
- A SHA-256 checksum is kept.
- Files are never served from ``/media/``: ``download_response`` is called by a view after it has
  checked the user's permission on the owning record.
"""

import hashlib
import math
import os
import re
import unicodedata
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse
from django.utils import timezone

from .text import nfc

PDF, JPEG, PNG, DOCX = "pdf", "jpeg", "png", "docx"
SCANS = (PDF, JPEG, PNG)
SCANS_AND_DOCX = (PDF, JPEG, PNG, DOCX)

CONTENT_TYPES = {
    PDF: "application/pdf",
    JPEG: "image/jpeg",
    PNG: "image/png",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx"}
LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", DOCX: "DOCX"}


def sniff(head, file=None):
    """The kind of a file from its first bytes, or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04") and file is not None:
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            file.seek(0)
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return DOCX
    return None


_UNSAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)


def clean_filename(name, max_length=120):
    """A display name without path parts or control characters ("../../a<b>.pdf" -> "a_b_.pdf")."""
    name = nfc(os.path.basename((name or "").replace("\\", "/"))).strip()
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name).strip(" .") or "tep"
    if len(name) > max_length:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: max_length - len(ext) - 1] + "." + ext) if dot and len(ext) < 10 else name[:max_length]
    return name


def human_size(size, *, round_up=False):
    """A size as people read it, one decimal with a Vietnamese comma: 11,000,009 bytes -> "10,5 MB", 10 MiB -> "10 MB".

    round_up: never print a size over a limit as equal to it (10 MiB + 1 byte -> "10,1 MB", not "10 MB").
    """
    if size < 1024:
        return f"{size} byte"
    unit, scale = ("MB", 1024 * 1024) if size >= 1024 * 1024 else ("KB", 1024)
    tenths = size * 10 / scale
    tenths = math.ceil(tenths) if round_up else int(tenths + 0.5)
    whole, tenth = divmod(tenths, 10)
    return f"{whole},{tenth} {unit}" if tenth else f"{whole} {unit}"


def validate_upload(file, allowed=SCANS):
    """Check an uploaded file; returns its kind. Raises ValidationError with a Vietnamese message."""
    if file is None:
        raise ValidationError("Chưa chọn tệp.")
    limit = settings.MAX_UPLOAD_SIZE
    if file.size == 0:
        raise ValidationError("Tệp rỗng.")
    if file.size > limit:
        raise ValidationError(f"Tệp quá lớn ({human_size(file.size, round_up=True)}); tối đa {human_size(limit)}.")
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    kind = sniff(head, file)
    if kind not in allowed:
        names = ", ".join(LABELS[k] for k in allowed)
        raise ValidationError(f"Chỉ nhận tệp {names} (kiểm tra theo nội dung tệp, không theo tên tệp).")
    if kind == PDF:
        check_pdf(file)
    return kind


PDF_BROKEN = "Tệp PDF bị hỏng hoặc không đầy đủ (có thể tải lên chưa hết): hãy quét hoặc xuất lại tệp rồi tải lên."
PDF_ENCRYPTED = "Tệp PDF có mật khẩu: hãy bỏ mật khẩu (hoặc in ra PDF không mật khẩu) rồi tải lên."


def check_pdf(file):
    """A PDF is parsed (pypdf) before it is accepted: its cross-reference table, trailer and page tree must
    read (a truncated file has none), it must open without a password and have at least one page.
    (The first bytes alone let a half-uploaded scan through as a signed document.)"""
    import logging
    import warnings

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    file.seek(0)
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)  # pypdf logs every repair it tries as a warning
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(file, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ValidationError(PDF_ENCRYPTED)
            pages = len(reader.pages)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        raise ValidationError(PDF_BROKEN) from None
    finally:
        logger.setLevel(level)
        file.seek(0)
    if pages < 1:
        raise ValidationError(PDF_BROKEN)


def sha256_of(file):
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(65536), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def stored_path(instance, filename):
    """upload_to: a generated name under the model's prefix; the original name is never used on disk."""
    ext = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    prefix = getattr(instance, "UPLOAD_PREFIX", "uploads")
    now = timezone.now()
    return f"{prefix}/{now:%Y/%m}/{uuid.uuid4().hex}.{ext}"


class UploadedFileBase(models.Model):
    """Abstract: a checked file attached to a record. Subclasses add the owner FK and UPLOAD_PREFIX."""

    UPLOAD_PREFIX = "uploads"
    ALLOWED = SCANS_AND_DOCX

    file = models.FileField("tệp", upload_to=stored_path, max_length=255)
    original_name = models.CharField("tên tệp gốc", max_length=255)
    content_type = models.CharField("loại tệp", max_length=128)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField("mã kiểm tra SHA-256", max_length=64, db_index=True)
    description = models.CharField("mô tả", max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="người tải lên"
    )
    uploaded_at = models.DateTimeField("tải lên lúc", default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name

    @classmethod
    def from_upload(cls, upload, *, uploaded_by, description="", **owner):
        """Validate and build (unsaved) an attachment from a Django UploadedFile."""
        kind = validate_upload(upload, cls.ALLOWED)
        name = clean_filename(upload.name)
        stem = name.rsplit(".", 1)[0] if "." in name else name
        display = f"{stem}.{EXTENSIONS[kind]}"
        obj = cls(
            original_name=display,
            content_type=CONTENT_TYPES[kind],
            size=upload.size,
            sha256=sha256_of(upload),
            description=nfc(description or "").strip(),
            uploaded_by=uploaded_by,
            **owner,
        )
        upload.name = f"f.{EXTENSIONS[kind]}"  # stored_path only keeps the checked extension
        obj.file = upload
        return obj

    @property
    def size_display(self):
        return human_size(self.size)

    def delete(self, *args, **kwargs):
        storage, name = self.file.storage, self.file.name
        result = super().delete(*args, **kwargs)
        if name:
            storage.delete(name)
        return result


def download_response(attachment, inline=False):
    """Serve an attachment after the caller checked permission: fixed type, attachment disposition, nosniff."""
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
