"""Prints of units' documents: number-symbol tokens never split across lines; empty areas say so."""

import subprocess

import pytest

from campaigns import printing
from campaigns.models import ContentArea, SubPlanItem

from .conftest import fill
from .test_progress_reports import write

pytestmark = pytest.mark.django_db

WORDS = ["a", "bản", "thôn", "xã hội", "nông thôn", "phong trào", "chính quyền", "đoàn kết toàn dân"]
SYMBOLS = ["05-CT/TW", "26/CT-TTg", "30/2020/NĐ-CP", "215-KH/HU"]


def _text(pdf_bytes, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf_bytes)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _paragraph():
    """Symbols at many offsets in a justified paragraph: without the fix some of them break at "/" or "-"."""
    parts = []
    for i in range(48):
        parts.append(f"{' '.join(WORDS[: i % len(WORDS) + 1])} theo {SYMBOLS[i % len(SYMBOLS)]}")
    return "Thực hiện " + ", ".join(parts) + "."


def test_symbols_stay_whole_in_the_subplan_print(subplan, unit_head, tmp_path):
    fill(subplan, unit_head)
    areas = list(subplan.campaign.content_areas.order_by("order"))
    for i, area in enumerate(areas):
        heading = f"Thi đua {' '.join(WORDS[: i + 3])} thực hiện Chỉ thị 05-CT/TW và Chỉ thị 26/CT-TTg " * 2
        ContentArea.objects.filter(pk=area.pk).update(heading=heading.strip())
    SubPlanItem.objects.filter(subplan=subplan, content_area=areas[0]).update(measures=_paragraph())
    subplan.refresh_from_db()
    text = _text(printing.subplan_pdf(subplan), tmp_path)
    paragraph = _paragraph()
    for symbol in SYMBOLS:
        assert text.count(symbol) >= paragraph.count(symbol), symbol
    assert text.count("05-CT/TW") >= paragraph.count("05-CT/TW") + 2 * len(areas)


def test_area_without_narrative_says_so_in_the_report_print(report, unit_head, tmp_path):
    write(report, unit_head)  # a narrative for the first area only
    report.refresh_from_db()
    text = " ".join(_text(printing.report_pdf(report), tmp_path).split())
    areas = report.campaign.content_areas.count()
    assert areas > 1
    assert text.count("(Đơn vị chưa báo cáo nội dung này.)") == areas - 1
    assert "Đã quán triệt." in text
