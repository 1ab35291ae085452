"""The review report's Word copy: built by the same Celery task as its PDF, from the same snapshot and narrative."""

import pytest
from docx.oxml.ns import qn

from reports import services
from reports.enums import ReviewStatus
from reports.models import ReviewReport
from tests.documents.docxutil import blocks, read
from tests.seed import assert_in_order, squash
from thidua.documents.docx import DOCX_CONTENT_TYPE

pytestmark = pytest.mark.django_db


def test_the_build_stores_a_word_copy_with_the_same_text_and_appendices_as_the_pdf(
    client, staff_user, unit_head, review_campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_review_report(review_campaign, "final", staff_user)
    report.refresh_from_db()
    assert report.status == ReviewStatus.DONE and report.docx.name.endswith(".docx")
    client.force_login(staff_user)
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert f'href="/bao-cao/{report.pk}/bao-cao.docx"' in page and "Tải bản Word (.docx)" in page
    response = client.get(f"/bao-cao/{report.pk}/bao-cao.docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX_CONTENT_TYPE
    reference = review_campaign.reference.replace("/", "-")
    assert f'filename="bao-cao-tong-ket-{reference}-v1.docx"' in response["Content-Disposition"]
    document = read(b"".join(response.streaming_content))
    text = squash("\n".join(blocks(document)))
    headings = [s["heading"] for s in report.sections if s.get("heading")]
    assert_in_order(
        text,
        [
            "BÁO CÁO",
            "Tổng kết thực hiện Kế hoạch số",
            *headings,
            "Nơi nhận:",
            report.signer_name,
            "Phụ lục 1",
            "TÌNH HÌNH XÂY DỰNG KẾ HOẠCH",
            "Tổng cộng 1/2 đã gửi",
            "Phụ lục 2",
            "Phụ lục 3",
            "Phụ lục 4",
        ],
    )
    assert "1/2 đơn vị đã xây dựng và gửi kế hoạch (50,0%), trong đó 1 đơn vị gửi đúng hạn" in text
    # a draft until issued, as the PDF; the appendix tables repeat their header row
    assert "DỰ THẢO" in document.sections[0].first_page_header.paragraphs[0].text
    units_table = next(t for t in document.tables if t.cell(0, 1).text == "Đơn vị")
    assert units_table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(units_table.rows) == 2 + report.snapshot["counts"]["units"]  # header, units, total
    # a unit's head sees neither the PDF nor the Word copy
    client.force_login(unit_head)
    pdf_status = client.get(f"/bao-cao/{report.pk}/bao-cao.pdf").status_code
    assert pdf_status in (403, 404)
    assert client.get(f"/bao-cao/{report.pk}/bao-cao.docx").status_code == pdf_status


def test_a_build_without_a_word_copy_offers_none(
    client, staff_user, review_campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_review_report(review_campaign, "final", staff_user)
    ReviewReport.objects.filter(pk=report.pk).update(docx="")  # built before Word copies existed
    client.force_login(staff_user)
    assert "bao-cao.docx" not in client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert client.get(f"/bao-cao/{report.pk}/bao-cao.docx").status_code == 404
