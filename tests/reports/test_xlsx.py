"""The review appendix workbook: on-time blank for units that never handed in, real dates, print setup."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from reports.exports import build_xlsx
from reports.selectors import gather_review_data
from tests.factories import OrganizationFactory

from .conftest import give_subplan

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(review_campaign, issuer):
    # unit: handed in 25/01 (due 01/02), on time; other_unit: draft, never handed in; late_unit: handed in 10/02.
    late_unit = OrganizationFactory(parent=issuer, name="Đảng ủy xã Trễ Hạn", code="du-tre-han")
    give_subplan(review_campaign, late_unit, "submitted", submitted=datetime.date(2024, 2, 10))
    return load_workbook(io.BytesIO(build_xlsx(gather_review_data(review_campaign.pk, "final"))))


def unit_rows(book):
    sheet = book["Theo đơn vị"]
    header = [c.value for c in sheet[1]]
    return header, {row[1].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}


def test_on_time_is_blank_for_a_unit_that_never_handed_in(book):
    _, rows = unit_rows(book)
    assert rows["Đảng ủy xã Chiềng Mung"]["Đúng hạn"].value == "Có"
    assert rows["Đảng ủy xã Trễ Hạn"]["Đúng hạn"].value == "Không"
    assert rows["Đảng ủy xã Cò Nòi"]["Đúng hạn"].value is None


def test_dates_are_real_dates_shown_day_first(book):
    _, rows = unit_rows(book)
    row = rows["Đảng ủy xã Chiềng Mung"]
    for column, day in (("Ngày gửi", datetime.date(2024, 1, 25)), ("Hạn gửi", datetime.date(2024, 2, 1))):
        cell = row[column]
        assert cell.is_date and cell.value.date() == day
        assert cell.number_format.lower() == "dd/mm/yyyy"
    assert rows["Đảng ủy xã Cò Nòi"]["Ngày gửi"].value is None


def test_every_sheet_prints_on_a4_landscape_with_the_header_repeated(book):
    assert len(book.worksheets) == 4
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert str(sheet.page_setup.paperSize) == "9", sheet.title  # A4
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title


def test_user_text_in_the_appendices_is_text():
    from tests.utils import HOSTILE_TEXTS, assert_user_text_is_text

    link, plus, minus, at, tab, cr = HOSTILE_TEXTS
    unit = {"required": True, "name": link, "subplan": None, "progress": None}
    data = {
        "units": [{**unit, "targets_total": 1, "targets_reported": 0, "targets_met": 0}],
        "content_areas": [
            {
                "heading": plus,
                "movements": [minus],
                "targets_total": 1,
                "targets_reported": 0,
                "targets_met": 0,
                "attainment_pct": None,
            }
        ],
        "not_answered": [{"name": at, "subplan": "Chưa có", "progress": "Chưa có"}],
        "commendations": [{"unit": tab, "is_collective": False, "name": cr, "award": "Giấy khen", "achievement": cr}],
    }
    assert_user_text_is_text(build_xlsx(data))
