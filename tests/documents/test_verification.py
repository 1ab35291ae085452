"""Every issued print carries a verification code and QR code on page 1; /xac-thuc/<code> (no login) shows only
the document's facts and the SHA-256 of the stored file, and says whether a copy in hand matches."""

import io
import re
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader, PdfWriter

from thidua.documents import issued
from thidua.documents.issued import document_of, stored_pdf
from thidua.documents.models import DocumentVersion

pytestmark = pytest.mark.django_db

CODE = re.compile(r"Mã xác thực: ([0-9A-Z]{5}-[0-9A-Z]{5})")


def page_texts(data, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return text.stdout.split("\f")


@pytest.fixture
def plan(launched_campaign):
    pdf = stored_pdf(launched_campaign, "plan")
    return document_of(launched_campaign), pdf


@pytest.fixture
def long_plan(draft_campaign, staff_user):
    import datetime

    from campaigns.services import launch_campaign
    from tests.factories import ContentAreaFactory

    for order in range(3, 40):
        ContentAreaFactory(campaign=draft_campaign, order=order, body="Nội dung thi đua dài. " * 30)
    campaign = launch_campaign(draft_campaign, staff_user, issued_on=datetime.date(2024, 1, 15))
    return document_of(campaign) or issued.document_for(campaign, "plan"), stored_pdf(campaign, "plan")


def test_codes_are_crockford_base32_and_unguessable():
    codes = {issued.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 10 and set(c) <= set(issued.CODE_ALPHABET) for c in codes)
    assert not set("ILOU") & set("".join(codes))
    assert issued.normalize_code("8v19y-kvcfs") == "8V19YKVCFS"
    assert issued.normalize_code("O1IL0-ABCDE") == "01110ABCDE"


def test_the_code_and_qr_code_print_in_the_footer_of_page_one_only(long_plan, tmp_path):
    document, pdf = long_plan
    pages = page_texts(pdf, tmp_path)
    assert len([p for p in pages if p.strip()]) >= 3
    found = CODE.search(pages[0])
    assert found and found.group(1) == document.printed_code
    assert f"/xac-thuc/{document.code}" in pages[0]
    assert all("Mã xác thực" not in page for page in pages[1:])
    # In the bottom margin, below the body: the last lines of page 1.
    lines = [line for line in pages[0].splitlines() if line.strip()]
    assert "Mã xác thực" in " ".join(lines[-3:])
    # The QR code is vector art (segno's SVG drawn by WeasyPrint, nothing fetched): a 15 mm square of module
    # strokes in the bottom margin of page 1, from the left margin (35 mm); none on page 2.
    import pdfplumber

    mm = 72 / 25.4
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        first, second = doc.pages[0], doc.pages[1]
        strokes = [o for o in first.lines if o["top"] > first.height - 25 * mm]
        assert len(strokes) > 50
        left, right = min(o["x0"] for o in strokes), max(o["x1"] for o in strokes)
        assert abs(left - 35 * mm) < 1 * mm and abs((right - left) - 15 * mm) < 1 * mm
        assert first.height - max(o["bottom"] for o in strokes) > 3 * mm  # inside the page
        assert not [o for o in second.lines if o["top"] > second.height - 25 * mm]


def test_the_stored_print_is_served_again_and_recorded(plan, client, staff_user, launched_campaign):
    document, pdf = plan
    version = DocumentVersion.objects.get(document=document)
    assert version.sha256 == issued.sha256_hex(pdf) and version.reason == "issued" and version.size == len(pdf)
    assert "Liberation" in version.font
    client.force_login(staff_user)
    response = client.get(f"/bao-cao/ke-hoach/{launched_campaign.pk}.pdf")
    assert response.content == pdf
    assert DocumentVersion.objects.filter(document=document).count() == 1


def test_public_page_shows_only_the_facts_and_the_hash(plan, launched_campaign):
    document, pdf = plan
    response = Client().get(f"/xac-thuc/{document.printed_code.lower()}")
    assert response.status_code == 200
    text = response.content.decode()
    for shown in (document.reference, document.issuer_name, document.signer, issued.sha256_hex(pdf), "15/01/2024"):
        assert shown in text
    # Nothing else: not the plan's title or its body, recipients, who asked, or another link into the app.
    assert launched_campaign.title not in text
    assert "/van-ban/" not in text and "/phong-trao/" not in text


def test_unknown_code_is_the_sites_404(plan):
    client = Client()
    assert client.get("/xac-thuc/ZZZZZ-ZZZZZ").status_code == 404
    assert client.get("/xac-thuc/nonsense").status_code == 404
    response = client.post(
        "/xac-thuc/ZZZZZZZZZZ", {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4", "application/pdf")}
    )
    assert response.status_code == 404


def _post(client, document, data, name="ban-trong-tay.pdf"):
    return client.post(f"/xac-thuc/{document.code}", {"file": SimpleUploadedFile(name, data, "application/pdf")})


def test_a_copy_in_hand_is_compared(plan, launched_campaign):
    document, pdf = plan
    client = Client()
    same = _post(client, document, pdf).content.decode()
    assert "Trùng khớp" in same
    # Re-saved by another program: other bytes, the same text.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Producer": "Trình đọc PDF khác"})
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue() != pdf
    assert "Nội dung trùng khớp" in _post(client, document, out.getvalue()).content.decode()
    # Another document entirely.
    from thidua.documents.pdf import render_html

    other = render_html("<p>Một văn bản khác</p>")
    assert "Không khớp" in _post(client, document, other).content.decode()
    # Not a PDF: refused by the upload checks.
    response = _post(client, document, b"GIF89a not a pdf", "a.pdf")
    assert response.status_code == 400 and "Chỉ nhận tệp PDF" in response.content.decode()


def test_uploads_are_rate_limited_per_address(plan, settings):
    settings.VERIFY_UPLOADS_PER_HOUR = 2
    document, pdf = plan
    client = Client()
    assert _post(client, document, pdf).status_code == 200
    assert _post(client, document, pdf).status_code == 200
    response = _post(client, document, pdf)
    assert response.status_code == 429 and "quá nhiều lần" in response.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert (
        other.post(
            f"/xac-thuc/{document.code}", {"file": SimpleUploadedFile("a.pdf", pdf, "application/pdf")}
        ).status_code
        == 200
    )


def test_uploads_above_the_size_limit_are_refused(plan, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    document, pdf = plan
    response = _post(Client(), document, pdf)
    assert response.status_code == 400 and "Tệp quá lớn" in response.content.decode()


def test_the_compare_form_needs_its_csrf_token(plan):
    document, pdf = plan
    client = Client(enforce_csrf_checks=True)
    assert _post(client, document, pdf).status_code == 403
    page = client.get(f"/xac-thuc/{document.code}")
    token = page.cookies["csrftoken"].value
    response = client.post(
        f"/xac-thuc/{document.code}",
        {"file": SimpleUploadedFile("a.pdf", pdf, "application/pdf"), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200 and "Trùng khớp" in response.content.decode()


def test_only_the_issuers_staff_see_the_link_to_versions_and_signing(plan, launched_campaign, staff_user, unit_head):
    document, _pdf = plan
    client = Client()
    client.force_login(staff_user)
    page = client.get(f"/phong-trao/{launched_campaign.pk}/").content.decode()
    assert f"/van-ban/{document.pk}/" in page
    client.force_login(unit_head)  # takes part in the plan, does not issue it
    response = client.get(f"/phong-trao/{launched_campaign.pk}/")
    assert response.status_code == 200 and f"/van-ban/{document.pk}/" not in response.content.decode()
    assert client.get(f"/van-ban/{document.pk}/").status_code == 404


def test_a_plan_that_would_print_in_a_fallback_font_is_not_stored(launched_campaign, staff_user, monkeypatch):
    def fell_back(pdf):
        raise issued.FontMissing("Bản in dùng phông chữ thay thế (DejaVuSerif): sudo apt install fonts-liberation2")

    monkeypatch.setattr(issued, "check_rendered_fonts", fell_back)
    client = Client()
    client.force_login(staff_user)
    response = client.get(f"/bao-cao/ke-hoach/{launched_campaign.pk}.pdf", follow=True)
    assert "fonts-liberation2" in response.content.decode()
    assert not DocumentVersion.objects.exists()
