"""thidua.xlsx: the one writer of every xlsx the app produces."""

import datetime
import io
import tracemalloc

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from thidua import xlsx

from .utils import HOSTILE_TEXTS, assert_user_text_is_text


@pytest.mark.parametrize("write_only", [True, False])
def test_user_text_is_text_and_the_codes_own_formulas_are_kept(write_only):
    wb = xlsx.workbook(write_only=write_only)
    ws = xlsx.sheet(wb, "Danh sách")
    xlsx.append(ws, ["Tên", "Mã"], bold=True)
    for text in HOSTILE_TEXTS:
        xlsx.append(ws, [text, xlsx.Formula("=VLOOKUP(A2,HTKT!$A$2:$B$300,2,0)")])
    data = xlsx.to_bytes(wb)
    assert_user_text_is_text(data, formulas=["=VLOOKUP(A2,HTKT!$A$2:$B$300,2,0)"])
    formulas = [c for c in load_workbook(io.BytesIO(data)).active["B"] if c.data_type == "f"]
    assert len(formulas) == len(HOSTILE_TEXTS)


def test_dates_are_dates_and_control_characters_are_dropped(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    wb = xlsx.workbook()
    ws = xlsx.sheet(wb, "a")
    moment = timezone.make_aware(datetime.datetime(2024, 3, 1, 1, 30), datetime.UTC)
    xlsx.append(ws, [datetime.date(2024, 2, 29), moment, "a\x00b\x1fc", "x" * 40000])
    row = next(load_workbook(io.BytesIO(xlsx.to_bytes(wb))).active.iter_rows())
    assert row[0].value == datetime.datetime(2024, 2, 29) and row[0].number_format == "dd/mm/yyyy"
    assert row[1].value == datetime.datetime(2024, 3, 1, 8, 30) and row[1].number_format == "dd/mm/yyyy hh:mm"
    assert row[2].value == "abc"
    assert len(row[3].value) == xlsx.MAX_CELL_TEXT


def test_a_large_export_streams_from_a_temporary_file():
    wb = xlsx.workbook()
    ws = xlsx.sheet(wb, "a", widths=(6, 30, 30))
    tracemalloc.start()
    for number in range(1, 10_001):
        xlsx.append(ws, [number, f"Nguyễn Văn {number}", "=1+1", datetime.date(2024, 1, 1)])
    response = xlsx.response(wb, "danh-sách.xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert response.streaming and response["Content-Type"] == xlsx.CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert peak < 30 * 1024 * 1024, peak  # rows go to disk, not to a list in memory
    ws = load_workbook(io.BytesIO(response.getvalue()), read_only=True).active
    assert sum(1 for _ in ws.iter_rows()) == 10_000
