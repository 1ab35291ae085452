"""The issued version of a review report is an issued document: its code and QR code on page 1, stored as the
document's first version under the report's own file; drafts carry no code."""

import datetime

import pytest

from reports import services
from reports.models import ReviewReport
from thidua.documents.issued import document_of
from thidua.documents.models import DocumentVersion
from thidua.documents.text import pdf_text

pytestmark = pytest.mark.django_db


def test_the_issued_review_report_carries_its_code_and_is_stored_once(
    staff_user, review_campaign, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        draft, _ = services.request_review_report(
            review_campaign, "interim", staff_user, data_as_of=datetime.date(2024, 6, 30)
        )
    draft.refresh_from_db()
    assert document_of(draft) is None and "Mãxácthực" not in pdf_text(draft.pdf.read())
    ReviewReport.objects.filter(pk=draft.pk).update(number=7, issued_on=datetime.date(2024, 7, 2), signer_name="Lê Ký")
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        issued, _ = services.issue_review_report(draft, staff_user)
    issued.refresh_from_db()
    document = document_of(issued)
    assert document.kind == "review" and document.reference == "7-BC/HU" and document.signer.startswith("Lê Ký")
    version = DocumentVersion.objects.get(document=document)
    assert version.file.name == issued.pdf.name and version.reason == "issued"
    data = issued.pdf.read()
    assert version.sha256 == __import__("hashlib").sha256(data).hexdigest()
    first_page = pdf_text(data)
    assert document.printed_code in first_page and f"/xac-thuc/{document.code}" in first_page
    page = client.get(f"/xac-thuc/{document.code}").content.decode()
    assert "7-BC/HU" in page and "02/07/2024" in page and version.sha256 in page
