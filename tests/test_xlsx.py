"""thidua.xlsx: the one writer of every xlsx the app produces."""

import datetime
import io
import os
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


# Reading: thidua.xlsx.read_rows against hand-built weapons (tests/xlsxfiles.py) ------------------------------


def read(data, **kwargs):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return xlsx.read_rows(SimpleUploadedFile("a.xlsx", data), **kwargs)


def refused(data, **kwargs):
    """(message, seconds, peak bytes allocated) of a refused file."""
    import time

    from django.core.exceptions import ValidationError

    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ValidationError) as caught:
        read(data, **kwargs)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return caught.value.messages[0], seconds, peak


def test_defusedxml_is_installed_so_openpyxl_uses_it_too():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_rows_keep_their_numbers_and_formulas_give_their_cached_result():
    from . import xlsxfiles as f

    sheet = f.sheet_xml([(1, ["STT", "Tên"]), (7, ["1", "Lò Văn Sổ"])]).replace(
        "</row></sheetData>",
        '<c r="C7"><f>1+1</f><v>2</v></c><c r="D7" t="s"><v>0</v></c></row></sheetData>',
    )
    rows = read(f.build(sheet, f.shared_strings_xml(["chuỗi dùng chung"])), max_columns=4)
    assert rows == [(1, ("STT", "Tên", None, None)), (7, ("1", "Lò Văn Sổ", 2, "chuỗi dùng chung"))]


def test_the_reference_template_reads_fast():
    from .awards.test_catalogue import REFERENCE

    rows = read(REFERENCE.read_bytes(), sheet="FILE NHAN", max_columns=21)
    assert [number for number, _ in rows] == [1]  # 552 rows of VLOOKUP formulas, all #N/A: no data


def test_a_huge_shared_string_is_refused_from_the_zip_directory_without_reading_it():
    from . import xlsxfiles as f

    data = f.huge_shared_string(150 * 1024 * 1024)
    assert len(data) < 300 * 1024  # the 158 KB weapon of the issue
    message, seconds, peak = refused(data)
    assert "giải nén ra quá lớn" in message and "sharedStrings.xml" in message
    assert seconds < 1 and peak < 5 * 1024 * 1024, (seconds, peak)


def test_a_shared_string_above_excels_cell_limit_is_refused_as_it_streams():
    from . import xlsxfiles as f

    message, seconds, peak = refused(f.huge_shared_string(40 * 1024 * 1024))  # under the part limit
    assert message.startswith("Một ô trong tệp dài quá 32.767 ký tự")
    assert seconds < 1 and peak < 5 * 1024 * 1024, (seconds, peak)
    assert read(f.huge_shared_string(32767))[0][1][0] == "A" * 32767


@pytest.mark.parametrize(
    "rows,dimension",
    [
        ([(1, ["STT"]), (2, ["1"])], "A1:I1000000"),  # a dimension claiming a million rows
        ([(1, ["STT"]), (1_000_000, ["1"])], None),  # one row placed at the millionth line
    ],
)
def test_a_sheet_of_a_million_rows_is_refused_fast(rows, dimension):
    from . import xlsxfiles as f

    message, seconds, _peak = refused(f.build(f.sheet_xml(rows, dimension=dimension)))
    assert message.startswith("Bảng tính có tới dòng 1.000.000, quá giới hạn 20.000 dòng"), message
    assert seconds < 1, seconds


def test_a_million_real_rows_stop_at_the_cap():
    from . import xlsxfiles as f

    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{f.MAIN}"><sheetData>'
    sheet = f.repeated(head, "<row/>", 1_000_000, "</sheetData></worksheet>")  # rows without numbers or cells
    message, seconds, peak = refused(f.build(sheet))
    assert "quá giới hạn 20.000 dòng" in message
    assert seconds < 3 and peak < 20 * 1024 * 1024, (seconds, peak)
    message, _, _ = refused(f.build(f.sheet_xml([(n, ["x"]) for n in range(1, 30)])), max_rows=20)
    assert message == "Bảng tính có quá 20 dòng có dữ liệu: hãy chia thành nhiều tệp."


@pytest.mark.parametrize("where", ["sheet", "shared strings", "workbook"])
def test_doctype_and_entities_are_refused(where):
    from . import xlsxfiles as f

    if where == "sheet":
        data = f.billion_laughs([(1, ["STT", "LOL"])])
    elif where == "shared strings":
        shared = f.shared_strings_xml(["a"]).replace("?>", '?><!DOCTYPE sst SYSTEM "file:///etc/passwd">', 1)
        data = f.build(f.sheet_xml([(1, ["STT"])]), shared)
    else:
        data = _replace_part(f.build(f.sheet_xml([(1, ["STT"])])), "xl/workbook.xml", f.BILLION_LAUGHS)
    message, seconds, _ = refused(data)
    assert "DOCTYPE" in message and seconds < 1


def _replace_part(data, name, doctype):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == name:
                content = content.replace(b"?>", b"?>" + doctype.encode(), 1)
            dst.writestr(info.filename, content)
    return out.getvalue()


def test_a_zip_bomb_is_refused_from_the_directory():
    from . import xlsxfiles as f

    data = f.zip_bomb(1024 * 1024 * 1024)  # 1 GB of zeros in about 1 MB
    message, seconds, peak = refused(data)
    assert "giải nén ra quá lớn" in message and "image1.bin" in message
    assert seconds < 1 and peak < 5 * 1024 * 1024


def test_a_zip_directory_that_lies_about_sizes_cannot_make_us_read_more():
    from . import xlsxfiles as f

    rows = [(1, ["STT"])] + [(n, ["x" * 100]) for n in range(2, 2000)]
    data = f.lying_directory(f.build(f.sheet_xml(rows)), "xl/worksheets/sheet1.xml", 1000)
    message, _, _ = refused(data)
    assert message == xlsx.BROKEN


def test_size_and_signature_are_checked_first(settings):
    from . import xlsxfiles as f

    settings.MAX_UPLOAD_SIZE = 1024 * 1024
    big = f.build(f.sheet_xml([(1, ["STT"])]), extra=[("xl/media/a.bin", os.urandom(2 * 1024 * 1024))])
    message, seconds, _ = refused(big)
    assert message.startswith("Tệp quá lớn (2,") and message.endswith("tối đa 1 MB.") and seconds < 0.5
    assert refused(b"%PDF-1.4")[0] == "Tệp không phải bảng tính Excel (.xlsx)."
    assert refused(b"PK\x03\x04 broken")[0] == xlsx.BROKEN
