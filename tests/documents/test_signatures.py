"""Signed originals: a PDF signed with a certificate of a CA made here is verified with pyHanko, checked against
the stored issued version and kept; a tampered file, another document's signed file and an untrusted signer are
refused, each with its own reason."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.services import launch_campaign
from tests.factories import AssignmentFactory, CampaignFactory, ContentAreaFactory
from thidua.documents import signatures
from thidua.documents.issued import document_of, stored_pdf
from thidua.documents.models import DocumentVersion, TrustedRoot, VersionReason

from .pki import CA

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ca():
    return CA()


@pytest.fixture(scope="module")
def signer(ca):
    return ca.issue("Nguyễn Văn Ký")


@pytest.fixture
def issued_plan(launched_campaign, staff_user):
    pdf = stored_pdf(launched_campaign, "plan")
    return document_of(launched_campaign), pdf


@pytest.fixture
def trusted(ca):
    cert, der = signatures.load_certificate(ca.pem)
    return TrustedRoot.objects.create(
        name="CA thử", certificate=der, subject=cert.subject.human_friendly, fingerprint="x" * 64
    )


def upload(client, document, data):
    return client.post(
        f"/van-ban/{document.pk}/ban-ky-so/",
        {"file": SimpleUploadedFile("da-ky.pdf", data, content_type="application/pdf")},
        follow=True,
    )


def test_a_valid_signature_is_kept_with_signer_serial_and_time(client, staff_user, issued_plan, signer, trusted):
    document, pdf = issued_plan
    signed = signer.sign(pdf)
    before = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=5)
    client.force_login(staff_user)
    response = upload(client, document, signed)
    assert "Đã nhận bản gốc ký số" in response.content.decode()
    version = DocumentVersion.objects.get(document=document, reason=VersionReason.SIGNED)
    assert "Nguyễn Văn Ký" in version.signer_subject
    assert version.signer_serial == signer.serial_hex
    assert version.signed_at is not None and version.signed_at >= before
    assert version.trusted and version.size == len(signed)
    assert version.file.read() == signed
    # The public page now shows the signed original's hash too.
    page = client.get(f"/xac-thuc/{document.code}").content.decode()
    assert version.sha256 in page


def test_bytes_changed_after_signing_are_refused(client, staff_user, issued_plan, signer, trusted):
    document, pdf = issued_plan
    signed = bytearray(signer.sign(pdf))
    at = signed.index(b"/Type /Page") if b"/Type /Page" in signed else len(signed) // 3
    signed[at + 1 : at + 5] = b"Typf"[:4] if signed[at + 1 : at + 5] != b"Typf" else b"Tzpe"
    check = signatures.verify_signed_pdf(bytes(signed), signatures.trusted_roots())
    assert check.outcome == signatures.INVALID
    client.force_login(staff_user)
    response = upload(client, document, bytes(signed))
    assert "Chữ ký số không hợp lệ" in response.content.decode()
    assert not DocumentVersion.objects.filter(document=document, reason=VersionReason.SIGNED).exists()


def test_changes_appended_after_signing_are_refused(issued_plan, signer, trusted):
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    _document, pdf = issued_plan
    signed = signer.sign(pdf)
    # An incremental update that replaces page 1's content after the signature (the signed bytes stay intact).

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0]
    stream = generic.StreamObject(stream_data=b"BT /F1 12 Tf 100 100 Td (Sua doi) Tj ET")
    page_obj = page.get_object()
    page_obj["/Contents"] = writer.add_object(stream)
    writer.update_container(page_obj)
    out = io.BytesIO()
    writer.write(out)
    check = signatures.verify_signed_pdf(out.getvalue(), signatures.trusted_roots())
    assert check.outcome == signatures.INVALID and "sửa đổi sau khi ký" in check.message


def test_a_signed_file_of_another_document_is_refused(client, staff_user, issuer, unit, issued_plan, signer, trusted):
    document, _pdf = issued_plan
    other = CampaignFactory(issuer=issuer, title="Kế hoạch khác hẳn")
    ContentAreaFactory(campaign=other, order=1)
    AssignmentFactory(campaign=other, organizations=[unit])
    other = launch_campaign(other, staff_user, issued_on=datetime.date(2024, 2, 1))
    signed_other = signer.sign(stored_pdf(other, "plan"))
    client.force_login(staff_user)
    response = upload(client, document, signed_other)
    text = response.content.decode()
    assert "Không nhận" in text and ("khác với bản đã ban hành" in text or "không mang số" in text)
    assert not DocumentVersion.objects.filter(document=document, reason=VersionReason.SIGNED).exists()


def test_a_signer_outside_the_trusted_list_is_reported_apart_from_invalid(client, staff_user, issued_plan, signer):
    document, pdf = issued_plan
    signed = signer.sign(pdf)
    other_root = CA("CA khác")
    cert, der = signatures.load_certificate(other_root.pem)
    TrustedRoot.objects.create(name="khác", certificate=der, subject="khác", fingerprint="y" * 64)
    check = signatures.verify_signed_pdf(signed, signatures.trusted_roots())
    assert check.outcome == signatures.UNTRUSTED
    assert "Nguyễn Văn Ký" in check.subject
    client.force_login(staff_user)
    text = upload(client, document, signed).content.decode()
    assert "hợp lệ về mặt kỹ thuật" in text and "không thuộc danh sách" in text
    assert "Chữ ký số không hợp lệ" not in text
    assert not DocumentVersion.objects.filter(document=document, reason=VersionReason.SIGNED).exists()


def test_an_unsigned_pdf_is_refused(client, staff_user, issued_plan, trusted):
    document, pdf = issued_plan
    client.force_login(staff_user)
    assert "không có chữ ký số" in upload(client, document, pdf).content.decode()


def test_only_the_issuers_staff_reach_the_document_and_upload_is_post_only(
    client, staff_user, other_head, issued_plan, signer, trusted
):
    document, pdf = issued_plan
    signed = signer.sign(pdf)
    client.force_login(other_head)
    assert client.get(f"/van-ban/{document.pk}/").status_code == 404
    response = client.post(
        f"/van-ban/{document.pk}/ban-ky-so/", {"file": SimpleUploadedFile("a.pdf", signed, "application/pdf")}
    )
    assert response.status_code == 404
    assert not DocumentVersion.objects.filter(document=document, reason=VersionReason.SIGNED).exists()
    client.force_login(staff_user)
    page = client.get(f"/van-ban/{document.pk}/")
    assert page.status_code == 200 and "signed-upload" in page.content.decode()
    assert client.get(f"/van-ban/{document.pk}/ban-ky-so/").status_code == 405
    client.logout()
    assert client.get(f"/van-ban/{document.pk}/").status_code == 302


def test_the_organisations_certificate_signs_a_copy_that_verifies(client, staff_user, issuer, issued_plan, ca):
    from thidua.documents.issued_admin import SigningIdentityForm
    from thidua.documents.models import SigningIdentity

    document, _pdf = issued_plan
    office = ca.issue("Huyện ủy Thử", organization="Huyện ủy Thử")
    form = SigningIdentityForm(
        data={"organization": issuer.pk, "active": True, "passphrase": "mat-khau"},
        files={"pkcs12": SimpleUploadedFile("co-quan.p12", office.pkcs12(b"mat-khau"))},
    )
    assert form.is_valid(), form.errors
    identity = form.save()
    assert office.pkcs12(b"mat-khau") not in bytes(identity.pkcs12_sealed)  # kept encrypted
    assert SigningIdentity.objects.get().serial == office.serial_hex
    client.force_login(staff_user)
    assert "sign-copy" in client.get(f"/van-ban/{document.pk}/").content.decode()
    response = client.post(f"/van-ban/{document.pk}/ky-ban-sao/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    cert, der = signatures.load_certificate(ca.pem)
    check = signatures.verify_signed_pdf(response.content, [cert])
    assert check.outcome == signatures.TRUSTED and "Huyện ủy Thử" in check.subject
    assert signatures.check_content(response.content, _pdf, document.reference) is None
    # The visible signature: a widget with an appearance at the top right of page 1, in the top margin.
    import io

    from pypdf import PdfReader

    from thidua.documents.signing import STAMP_BOX

    page = PdfReader(io.BytesIO(response.content)).pages[0]
    widgets = [a.get_object() for a in page["/Annots"] if a.get_object().get("/FT") == "/Sig"]
    assert len(widgets) == 1 and "/AP" in widgets[0]
    rect = [float(v) for v in widgets[0]["/Rect"]]
    assert rect == [float(v) for v in STAMP_BOX] and rect[1] > float(page.mediabox.height) - 25 * 72 / 25.4
