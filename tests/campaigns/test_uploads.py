"""thidua/uploads.py: type by content, size limit, safe names, checksum; and the sub-plan upload page."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import SubPlanAttachment
from thidua import uploads

from .conftest import JPEG_BYTES, PDF_BYTES, PNG_BYTES


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("evil.exe", "MZ")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content, name, allowed, kind",
    [
        (PDF_BYTES, "a.pdf", uploads.SCANS, "pdf"),
        (JPEG_BYTES, "a.jpg", uploads.SCANS, "jpeg"),
        (PNG_BYTES, "anh.PNG", uploads.SCANS, "png"),
        (PDF_BYTES, "misnamed.docx", uploads.SCANS, "pdf"),  # the content decides, not the name
        (_docx(), "kh.docx", uploads.SCANS_AND_DOCX, "docx"),
        (_docx(), "kh.docx", uploads.SCANS, None),
        (_zip(), "kh.docx", uploads.SCANS_AND_DOCX, None),
        (b"<html><script>alert(1)</script>", "scan.pdf", uploads.SCANS_AND_DOCX, None),
        (b"MZ\x90\x00", "scan.jpg", uploads.SCANS_AND_DOCX, None),
    ],
)
def test_type_is_decided_by_content(content, name, allowed, kind):
    upload = SimpleUploadedFile(name, content, "application/pdf")
    if kind is None:
        with pytest.raises(ValidationError, match="Chỉ nhận tệp"):
            uploads.validate_upload(upload, allowed)
    else:
        assert uploads.validate_upload(upload, allowed) == kind


def test_size_limit_and_empty_file(settings):
    settings.MAX_UPLOAD_SIZE = 1024
    with pytest.raises(ValidationError, match="Tệp quá lớn"):
        uploads.validate_upload(SimpleUploadedFile("a.pdf", PDF_BYTES + b"0" * 2000))
    with pytest.raises(ValidationError, match="Tệp rỗng"):
        uploads.validate_upload(SimpleUploadedFile("a.pdf", b""))


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\Kế hoạch.pdf", "Kế hoạch.pdf"),
        ("a<b>|c.pdf", "a_b_c.pdf"),
        ("\x00\x1f.pdf", "pdf"),
        ("", "tep"),
    ],
)
def test_clean_filename(raw, clean):
    assert uploads.clean_filename(raw) == clean


@pytest.mark.django_db
def test_attachment_keeps_checksum_and_a_generated_stored_name(subplan, unit_head, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("Kế hoạch ký.jpeg", JPEG_BYTES, "image/jpeg")
    attachment = SubPlanAttachment.from_upload(upload, uploaded_by=unit_head, subplan=subplan)
    attachment.save()
    assert attachment.sha256 == hashlib.sha256(JPEG_BYTES).hexdigest()
    assert attachment.original_name == "Kế hoạch ký.jpg" and attachment.content_type == "image/jpeg"
    assert attachment.file.name.startswith("subplans/") and attachment.file.name.endswith(".jpg")
    assert "Kế" not in attachment.file.name
    path = attachment.file.path
    attachment.delete()
    import os

    assert not os.path.exists(path)


@pytest.mark.django_db
def test_upload_page_refuses_a_disguised_file_with_a_clear_message(client, subplan, unit_head, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(unit_head)
    fake = SimpleUploadedFile("scan.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/tep/", {"file": fake, "description": "Bản ký"})
    # Post/redirect/get: back to the page (F5 does not post again), the reason shown, the description kept.
    assert response.status_code == 302 and response["Location"] == f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert "Chỉ nhận tệp PDF, JPEG, PNG, DOCX" in body
    assert 'value="Bản ký"' in body  # what was typed is kept
    assert not SubPlanAttachment.objects.exists()
    good = SimpleUploadedFile("scan.pdf", PDF_BYTES, "application/pdf")
    response = client.post(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/tep/", {"file": good})
    assert response.status_code == 302
    assert SubPlanAttachment.objects.get().sha256 == hashlib.sha256(PDF_BYTES).hexdigest()


@pytest.mark.parametrize(
    "size, shown", [(11_000_009, "10,5 MB"), (10 * 1024 * 1024 + 1, "10,1 MB"), (20 * 1024 * 1024, "20 MB")]
)
def test_size_message_shows_the_real_size_and_the_limit(settings, size, shown):
    settings.MAX_UPLOAD_SIZE = 10 * 1024 * 1024

    class Big:
        name = "scan.pdf"

        def __init__(self, size):
            self.size = size

    with pytest.raises(ValidationError) as excinfo:
        uploads.validate_upload(Big(size))
    assert excinfo.value.messages == [f"Tệp quá lớn ({shown}); tối đa 10 MB."]


def test_human_size_one_decimal_with_comma():
    assert uploads.human_size(70) == "70 byte"
    assert uploads.human_size(1536) == "1,5 KB"
    assert uploads.human_size(10 * 1024 * 1024) == "10 MB"
    assert uploads.human_size(11_000_009) == "10,5 MB"


@pytest.mark.django_db
def test_limit_and_types_are_shown_before_upload(client, subplan, report, unit_head, settings):
    settings.MAX_UPLOAD_SIZE = 5 * 1024 * 1024
    client.force_login(unit_head)
    for url in (f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/", f"/phong-trao/bao-cao-don-vi/{report.pk}/"):
        if "ke-hoach" in url:
            subplan.refresh_from_db()
        page = client.get(url).content.decode()
        if 'id="upload-form"' not in page:
            continue  # the approved sub-plan of the report fixture takes no uploads
        form = page[page.index('id="upload-form"') :]
        assert "PDF, JPEG, PNG" in form and "DOCX" in form and "Tối đa 5 MB mỗi tệp" in form


@pytest.mark.parametrize(
    "mangle, message",
    [
        (lambda pdf: pdf[: len(pdf) // 2], uploads.PDF_BROKEN),  # an upload cut in the middle
        (lambda pdf: pdf[:-12], uploads.PDF_BROKEN),  # the end (startxref, %%EOF) missing
        (lambda pdf: b"%PDF-1.4\n%%EOF\n", uploads.PDF_BROKEN),  # only the magic bytes
        (lambda pdf: _encrypted(), uploads.PDF_ENCRYPTED),
    ],
    ids=["half", "no-end", "magic-only", "password"],
)
def test_a_pdf_is_parsed_before_it_is_accepted(mangle, message):
    from tests.utils import tiny_pdf

    data = mangle(tiny_pdf(pages=20))
    with pytest.raises(ValidationError) as caught:
        uploads.validate_upload(SimpleUploadedFile("ban-ky.pdf", data))
    assert caught.value.messages == [message]
    assert uploads.validate_upload(SimpleUploadedFile("ban-ky.pdf", tiny_pdf(pages=20))) == uploads.PDF


def _encrypted():
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mat-khau")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_protected_only_against_editing_is_accepted():
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="", owner_password="chu-so-huu")  # opens without a password, like many scans
    out = io.BytesIO()
    writer.write(out)
    assert uploads.validate_upload(SimpleUploadedFile("ban-ky.pdf", out.getvalue())) == uploads.PDF
