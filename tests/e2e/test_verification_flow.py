"""A citizen checks a printed document's code and compares the copy in hand; the issuer's staff upload the signed
original; in a real Chromium, with no CSP violation."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.documents.pki import CA
from thidua.documents import signatures
from thidua.documents.issued import document_of, stored_pdf
from thidua.documents.models import TrustedRoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_verify_a_copy_then_upload_the_signed_original(
    live_server, page, launched_campaign, staff_user, login, tmp_path, artifacts_dir
):
    pdf = stored_pdf(launched_campaign, "plan")
    document = document_of(launched_campaign)
    copy = tmp_path / "ban-trong-tay.pdf"
    copy.write_bytes(pdf)

    page.goto(f"{live_server.url}/xac-thuc/{document.printed_code}")
    assert document.reference in page.locator("#document-facts").inner_text()
    page.set_input_files("#compare-file", str(copy))
    page.click("#compare-form button[type=submit]")
    assert "Trùng khớp" in page.locator("#compare-result").inner_text()
    page.screenshot(path=str(artifacts_dir / "verification-page.png"), full_page=True)

    ca = CA()
    cert, der = signatures.load_certificate(ca.pem)
    TrustedRoot.objects.create(name="CA thử", certificate=der, subject="CA thử", fingerprint="z" * 64)
    signed = tmp_path / "da-ky.pdf"
    # pyHanko runs its own event loop: not in this thread, where Playwright's runs.
    with ThreadPoolExecutor(1) as pool:
        signed.write_bytes(pool.submit(ca.issue("Nguyễn Văn Ký").sign, pdf).result())
    login("staff")
    page.goto(f"{live_server.url}/phong-trao/{launched_campaign.pk}/")
    page.click("#issued-document-link")
    page.set_input_files("#signed-file", str(signed))
    page.click("#signed-upload button[type=submit]")
    assert "Đã nhận bản gốc ký số" in page.locator(".alert").first.inner_text()
    assert "Bản gốc đã ký số" in page.locator("#versions").inner_text()
