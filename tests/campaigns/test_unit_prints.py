"""Official prints of a unit's sub-plan and progress report (thidua.documents.pdf), and the board's xlsx print setup."""

import io
import subprocess

import pytest
from openpyxl import load_workbook

from campaigns import services
from campaigns.enums import DocumentStatus as S
from campaigns.models import SubPlan, SubPlanTarget

from .conftest import bring_to, fill
from .test_progress_reports import write

pytestmark = pytest.mark.django_db


def _text(pdf_bytes, tmp_path, layout=False):
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf_bytes)
    args = ["pdftotext"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_subplan_pdf_in_the_official_format(client, subplan, unit, issuer, unit_head, tmp_path):
    fill(subplan, unit_head)
    SubPlanTarget.objects.filter(item__subplan=subplan).update(value="1500.5")
    SubPlan.objects.filter(pk=subplan.pk).update(title="Thực hiện phong trào thi đua <b>yêu nước</b>")
    client.force_login(unit_head)
    response = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/in/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    (tmp_path / "subplan.pdf").write_bytes(response.content)
    text = _text(response.content, tmp_path)
    layout = _text(response.content, tmp_path, layout=True)
    first_line = layout.strip().splitlines()[0]
    assert issuer.printed_header in first_line and "ĐẢNG CỘNG SẢN VIỆT NAM" in first_line  # superior body | party
    assert unit.name.upper() in layout and "Số 12-KH/ĐU" in layout
    assert "Chiềng Mung, ngày 20 tháng 01 năm 2024" in text
    assert "KẾ HOẠCH" in text and "Thực hiện phong trào thi đua <b>yêu nước</b>" in text  # user text printed as text
    for area in subplan.campaign.content_areas.all():
        assert f"Biện pháp cho nội dung {area.order}." in text
    assert "Tỷ lệ đảng viên được quán triệt" in text and "1.500,5" in text and "30/06/2024" in text
    assert "BÍ THƯ" in text and "Tòng Văn Dũng" in text
    assert text.index("KẾ HOẠCH") < text.index("Biện pháp cho nội dung 1.") < text.index("Tòng Văn Dũng")


def test_subplan_pdf_is_404_for_another_unit(client, subplan, other_head, staff_user, council_member, unit_head):
    url = f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/in/"
    for user in (other_head, council_member):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(staff_user)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


def test_progress_report_pdf(client, report, unit, unit_head, other_head, staff_user, tmp_path):
    write(report, unit_head)
    report.refresh_from_db()
    services.save_progress_report(
        report,
        unit_head,
        version=report.version,
        header={
            "number": "30-BC/ĐU",
            "place": "Chiềng Mung",
            "signer_title": "Bí thư",
            "signer_name": "Tòng Văn Dũng",
            "summary": "Triển khai kịp thời.",
            "difficulties": "Địa bàn rộng.",
        },
        narratives={report.campaign.content_areas.order_by("order").first().pk: "Đã quán triệt."},
        results={t.pk: (95, "") for t in services.report_targets(report)},
        commendations=[{"name": "Chi bộ bản Nà Sản", "is_collective": True, "award": "Giấy khen"}],
    )
    url = f"/phong-trao/bao-cao-don-vi/{report.pk}/in/"
    client.force_login(unit_head)
    detail = client.get(f"/phong-trao/bao-cao-don-vi/{report.pk}/").content.decode()
    assert f'href="{url}"' in detail
    response = client.get(url)
    assert response.status_code == 200
    text = _text(response.content, tmp_path)
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        unit.name.upper(),
        "Số 30-BC/ĐU",
        "BÁO CÁO",
        "Sơ kết thực hiện Kế hoạch số",
        "Triển khai kịp thời.",
        "Đã quán triệt.",
        "Tỷ lệ đảng viên được quán triệt",
        "95",
        "Địa bàn rộng.",
        "Chi bộ bản Nà Sản",
        "BÍ THƯ",
        "Tòng Văn Dũng",
    ):
        assert expected in text, expected
    client.force_login(other_head)
    assert client.get(url).status_code == 404


def test_download_link_on_the_subplan_page(client, subplan, unit_head):
    client.force_login(unit_head)
    page = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/").content.decode()
    assert f'href="/phong-trao/ke-hoach-don-vi/{subplan.pk}/in/"' in page


def test_board_xlsx_prints_landscape_with_the_header_row_repeated(
    client, launched_campaign, subplan, unit_head, staff_user
):
    bring_to(subplan, S.SUBMITTED, unit_head, staff_user)
    client.force_login(staff_user)
    response = client.get(f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/xuat-excel/")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$2:$2" and sheet["A2"].value == "STT"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1


def test_board_page_links_the_print_stylesheet(client, launched_campaign, staff_user):
    client.force_login(staff_user)
    for url in (
        f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/",
        f"/phong-trao/{launched_campaign.pk}/bao-cao-don-vi/final/",
    ):
        assert "css/board-print.css" in client.get(url).content.decode()
