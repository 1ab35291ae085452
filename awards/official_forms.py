"""Official statistics forms of the emulation sector (Thông tư 02/2023/TT-BNV, biểu 06xx.N), computed from data.

0601.N (number of emulation movements) is computed from the committee's own campaigns; 0602.N/0603.N are the
registry's table (`selectors.official_statistics`). Each form's header carries its number and legal basis, chosen
by the report's date from `FORM_BASES` (dated like the catalogue). Thông tư 18/2025/TT-BNV (08/10/2025) replaces
the Interior sector's reporting regime; whether it renumbers or changes these forms could not be checked, so the
table below has no row for it yet: add one (from, basis) when its text is at hand.
"""

import datetime

from units.enums import OrgKind, OrgLevel

FORM_BASES = [
    # (valid from, text printed under the form's number)
    (None, "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"),
]


def basis_on(day):
    """The legal basis printed on a form reported on `day` (the last row that started on or before it)."""
    chosen = FORM_BASES[0][1]
    for start, text in FORM_BASES:
        if start is None or start <= day:
            chosen = text
    return chosen


COMMITTEE_KINDS = (OrgKind.PARTY_COMMITTEE, OrgKind.STANDING_COMMITTEE, OrgKind.PEOPLES_COMMITTEE)

# Rows of 0601.N: (code, label, level) — level 0 bold heading, 1 a counted row, None a heading without figures.
ROWS_0601 = [
    ("01", "Tổng số", 0),
    ("", "1. Chia theo phạm vi tổ chức thi đua", None),
    ("02", "- Toàn quốc", 1),
    ("03", "- Bộ, ban, ngành, đoàn thể, địa phương", 1),
    ("04", "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức", 1),
    ("05", "- Cơ quan, tổ chức, đơn vị", 1),
    ("", "2. Chia theo thời hạn thi đua", None),
    ("06", "- Dưới 1 năm", 1),
    ("07", "- 1 năm", 1),
    ("08", "- Từ 1 năm đến dưới 3 năm", 1),
    ("09", "- Từ 3 năm đến dưới 5 năm", 1),
    ("10", "- Từ 5 năm trở lên", 1),
    ("", "3. Chia theo phương thức tổ chức phong trào thi đua", None),
    ("11", "- Thi đua theo chuyên đề (theo đợt)", 1),
    ("12", "- Thi đua thường xuyên hàng năm", 1),
]
COLUMNS_0601 = [
    "Tổng số",
    "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)",
    "Cấp bộ, ban, ngành, đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
    "Cơ quan, tổ chức, đơn vị",
]


def months_between(start, end):
    """(whole months, leftover days?) of the period [start, end] (both days included)."""
    after = end + datetime.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if after.day < start.day:
        months -= 1
    return months, after.day != start.day


def duration_code(start, end):
    months, leftover = months_between(start, end)
    if months < 12:
        return "06"
    if months == 12 and not leftover:
        return "07"
    if months < 36:
        return "08"
    if months < 60:
        return "09"
    return "10"


def scope_code(issuer):
    """A committee's own campaign covers its locality or sector (03); any other body's, the body itself (05)."""
    return "03" if issuer.kind in COMMITTEE_KINDS else "05"


def host_column(issuer):
    """1-based index of the column by the level that launched it (no campaign here is central)."""
    return 2 if issuer.level == OrgLevel.PROVINCE else 3


def method_code(start, end):
    """A campaign over exactly one year is taken as regular yearly emulation (12), any other as by topic (11)."""
    return "12" if duration_code(start, end) == "07" else "11"


def campaigns_in_year(qs, year):
    """Launched or closed campaigns whose emulation period overlaps `year`."""
    return (
        qs.exclude(status="draft")
        .filter(period_start__lte=datetime.date(year, 12, 31), period_end__gte=datetime.date(year, 1, 1))
        .select_related("issuer")
    )


def form_0601(campaigns):
    """{code: [total, central, province level, agency]} and the rows to print, from the campaigns given."""
    cells = {code: [0, 0, 0, 0] for code, _label, level in ROWS_0601 if code}
    for c in campaigns:
        column = host_column(c.issuer)
        for code in (
            "01",
            scope_code(c.issuer),
            duration_code(c.period_start, c.period_end),
            method_code(c.period_start, c.period_end),
        ):
            cells[code][column] += 1
            cells[code][0] += 1
    rows = [
        {"code": code, "label": label, "level": level, "cells": cells.get(code) if code else None}
        for code, label, level in ROWS_0601
    ]
    return {"cells": cells, "rows": rows}


def export_0601(table, *, year, reporter, basis):
    """0601.N as xlsx laid out like the form: number and basis, title, unit, column letters A B 1=(2+3+4) 2 3 4."""
    from thidua import xlsx

    wb = xlsx.workbook(write_only=False)
    ws = xlsx.sheet(wb, "0601.N", widths=(62, 8, 12, 22, 26, 20), title_rows="7:8")
    xlsx.append(ws, ["Biểu số: 0601.N/BNV-TĐKT", None, None, None, "Đơn vị báo cáo:", reporter], bold=True)
    xlsx.append(
        ws, [basis, None, None, None, "Đơn vị nhận báo cáo:", "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)"]
    )
    xlsx.append(ws, ["Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo"])
    xlsx.append(ws, ["SỐ PHONG TRÀO THI ĐUA"], bold=True)
    xlsx.append(ws, [f"Năm {year}"])
    xlsx.append(ws, [None, None, None, None, None, "Đơn vị tính: Phong trào"])
    xlsx.append(ws, ["", "Mã số", *COLUMNS_0601], bold=True, align=xlsx.HEADER_ALIGNMENT)
    xlsx.append(ws, ["A", "B", "1=(2+3+4)", "2", "3", "4"], bold=True, align=xlsx.HEADER_ALIGNMENT)
    for row in table["rows"]:
        if row["cells"] is None:
            xlsx.append(ws, [row["label"]], bold=True)
        else:
            xlsx.append(ws, [row["label"], row["code"], *row["cells"]], bold=row["level"] == 0)
    for number in (4, 5):
        ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=6)
        ws.cell(row=number, column=1).alignment = xlsx.HEADER_ALIGNMENT
    return wb
