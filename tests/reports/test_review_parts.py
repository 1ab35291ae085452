"""A long review report prints in parts (separate documents joined, page numbers continued) with the same text."""

import datetime
import re

import pytest

from reports import services
from reports.models import ReviewReport
from reports.narrative import default_sections
from reports.selectors import gather_review_data
from tests.factories import OrganizationFactory

from .conftest import give_subplan
from .pdfutil import pdf_text

pytestmark = pytest.mark.django_db

# Each table's header row as one line of words: it repeats on every page a table runs over, so a part break that
# falls elsewhere than a page break adds one; the rows, the text and the figures must not change.
HEADERS = [
    "STT Đơn vị Kế hoạch Ngày gửi Đúng hạn Báo cáo tổng kết Chỉ tiêu Đạt, vượt",
    "STT Đơn vị đề nghị Tập thể, cá nhân Hình thức Thành tích",
    "STT Đơn vị Trạng thái báo cáo",
    "STT Đơn vị Kế hoạch Báo cáo",
]


def comparable(pdf):
    pages = pdf_text(pdf).split("\f")
    words = []
    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.split("\n") if line.strip()]
        if number > 1 and lines and lines[0].strip() == str(number):
            lines = lines[1:]
        elif number > 1 and lines and lines[-1].strip() == str(number):
            lines = lines[:-1]
        words += " ".join(lines).split()
    text = " ".join(words)
    for header in HEADERS:
        text = text.replace(header, " ")
    return " ".join(text.split())


@pytest.fixture
def long_campaign(review_campaign, issuer):
    areas = list(review_campaign.content_areas.order_by("order"))
    states = ["approved", "submitted", "returned", "draft"]
    for i in range(60):
        org = OrganizationFactory(parent=issuer, name=f"Chi bộ bản Phiêng Pằn số {i:02d}", code=f"cb-pp-{i}")
        give_subplan(
            review_campaign,
            org,
            states[i % 4],
            submitted=None if i % 4 == 3 else datetime.date(2024, 1, 20 + i % 10),
            targets=[(areas[0], [100])] if i % 4 == 0 else (),
        )
    return review_campaign


def test_parts_print_the_same_text_as_one_document_with_pages_numbered_on(long_campaign):
    snapshot = gather_review_data(long_campaign.pk, "final")
    sections = default_sections(snapshot)
    report = ReviewReport(campaign=long_campaign, kind="final")
    units = [u for u in snapshot["units"] if u["required"]]
    assert len(services.review_parts(snapshot, units, None)) == 1
    parts = services.review_parts(snapshot, units, 25)
    assert len(parts) >= 4 and parts[0]["main"] and not any(p["main"] for p in parts[1:])
    # Every row printed once, in order, numbered on from the part before.
    unit_rows = [row for p in parts for piece in p["pieces"] if piece["name"] == "units" for row in piece["rows"]]
    assert unit_rows == units

    whole = services.render_review_pdf(report, snapshot, sections, rows_per_part=None)
    split = services.render_review_pdf(report, snapshot, sections, rows_per_part=25)

    if comparable(split) != comparable(whole):  # pragma: no cover - a readable diff
        import difflib

        diff = difflib.unified_diff(comparable(whole).split(" "), comparable(split).split(" "), lineterm="", n=8)
        pytest.fail("split text differs:\n" + " ".join(diff))
    assert "Chi bộ bản Phiêng Pằn số 59" in comparable(split)
    pages = pdf_text(split).split("\f")[:-1]
    assert len(pages) > len(parts)
    for number, page in enumerate(pages[1:], start=2):
        lines = page.strip("\n").split("\n")
        assert str(number) in (lines[0].strip(), lines[-1].strip())
    assert pdf_text(split).count("DỰ THẢO") == pdf_text(whole).count("DỰ THẢO") == 1
    # Rows are numbered on across parts: the last unit row carries the number of units.
    assert re.search(rf"\b{len(units)} Chi bộ bản Phiêng Pằn số", comparable(split)) or str(len(units)) in split.decode(
        "latin-1"
    )
