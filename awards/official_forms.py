"""Official statistics forms of the emulation sector (Thông tư 02/2023/TT-BNV, biểu 06xx.N), computed from data.

0601.N (number of emulation movements) is computed from the committee's own campaigns; 0602.N/0603.N are the
registry's table (`selectors.official_statistics`); 0604.N/0605.N come from the record of the organisations and
people doing emulation work (`EmulationOffice`, `EmulationWorker`). Each form's header carries its number and
legal basis, chosen by the report's date from `FORM_BASES` (dated like the catalogue).

Thông tư 18/2025/TT-BNV (08/10/2025) lays down the Interior sector's statistical reporting regime again; its
annex (whether it renumbers or changes these forms) could not be read from any stored source, so its row in
`FORM_BASES` keeps the 2023 forms and only adds a notice shown on screen for reports dated from 08/10/2025:
replace the row (from, basis, notice) — and add a layout to `STAFF_LAYOUTS` — when its text is at hand.
"""

import datetime

from units.enums import OrgKind, OrgLevel

BASIS_2023 = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"
NOTICE_2025 = (
    "Thông tư số 18/2025/TT-BNV ngày 08/10/2025 của Bộ Nội vụ quy định lại chế độ báo cáo thống kê ngành Nội vụ; "
    "chưa đối chiếu được phụ lục biểu mẫu của Thông tư này. Biểu dưới đây theo Thông tư số 02/2023/TT-BNV: kiểm tra "
    "số hiệu và bố cục biểu trước khi nộp."
)

FORM_BASES = [
    # (valid from, text printed under the form's number, notice shown on screen above the form)
    (None, BASIS_2023, ""),
    (datetime.date(2025, 10, 8), BASIS_2023, NOTICE_2025),
]


def _row_on(day):
    chosen = FORM_BASES[0]
    for row in FORM_BASES:
        if row[0] is None or row[0] <= day:
            chosen = row
    return chosen


def basis_on(day):
    """The legal basis printed on a form reported on `day` (the last row that started on or before it)."""
    return _row_on(day)[1]


def notice_on(day):
    """What the screen says above a form reported on `day` about rules not yet checked (empty when none)."""
    return _row_on(day)[2]


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


# --- 0604.N and 0605.N: organisations and people doing emulation work -------------------------------------
#
# Their official column layout could not be retrieved (README, «Official forms»): what follows is the closest
# defensible layout — the breakdowns the issue and the sector's other forms use (kind of organisation × level;
# people by level × full/part time, women, ethnic minorities, age band, training, years in the job) — kept as
# dated data (`STAFF_LAYOUTS`, chosen by the report's date like `FORM_BASES`), so that the official layout, once
# at hand, is a new row and not a change of the code.

LEVEL_COLUMNS = [
    ("central", "Cấp Trung ương"),
    ("province", "Cấp bộ, ban, ngành, đoàn thể trung ương, tỉnh"),
    ("district", "Cấp huyện"),
    ("commune", "Cấp xã"),
]

LAYOUT_2023 = {
    "0604": {
        "title": "SỐ TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        "unit": "Tổ chức",
        "rows": [
            ("01", "Tổng số", 0, None),
            ("", "Chia theo loại tổ chức", None, None),
            ("02", "- Cơ quan chuyên trách (Ban, Phòng Thi đua - Khen thưởng)", 1, "dedicated"),
            ("03", "- Bộ phận thuộc cơ quan có nhiệm vụ thi đua, khen thưởng", 1, "division"),
            ("04", "- Giao công chức kiêm nhiệm (không có bộ phận riêng)", 1, "concurrent"),
        ],
        "levels": LEVEL_COLUMNS,
    },
    "0605": {
        "title": "SỐ LƯỢNG CÔNG CHỨC, NGƯỜI LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        "unit": "Người",
        "rows": [("01", "Tổng số", 0, None)]
        + [(f"{n:02d}", f"- {label}", 1, key) for n, (key, label) in enumerate(LEVEL_COLUMNS, start=2)],
        # (group, label, predicate key): every person counts once in each group
        "age_bands": [(None, 30), (31, 40), (41, 50), (51, 60), (61, None)],
        "service_bands": [(None, 4), (5, 9), (10, None)],
    },
}

STAFF_LAYOUTS = [
    # (valid from, layout): the report's date picks the last row that started on or before it
    (None, LAYOUT_2023),
]


def staff_layout_on(day):
    chosen = STAFF_LAYOUTS[0][1]
    for start, layout in STAFF_LAYOUTS:
        if start is None or start <= day:
            chosen = layout
    return chosen


def band_label(low, high, unit):
    if low is None:
        return f"Dưới {high + 1} {unit}" if unit == "năm" else f"Từ {high} trở xuống"
    if high is None:
        return f"Từ {low} {unit} trở lên" if unit == "năm" else f"Trên {low - 1}"
    return f"Từ {low} đến dưới {high + 1} {unit}" if unit == "năm" else f"Từ {low} đến {high}"


def in_band(value, low, high):
    return (low is None or value >= low) and (high is None or value <= high)


def report_day(year):
    """The day the record is read for the report of `year`: the last day of the year."""
    return datetime.date(year, 12, 31)


def offices_on(offices, day):
    return [o for o in offices if o.active_on(day)]


def workers_on(workers, day):
    """People at work in an office alive on `day`: started by that year and not left by then."""
    return [
        w
        for w in workers
        if w.office.active_on(day) and w.started_year <= day.year and (w.left_on is None or day < w.left_on)
    ]


def _header(columns):
    """The two header rows of a grid: columns are (group or None, label); consecutive groups merge."""
    top, sub = [], []
    for group, label in columns:
        if group is None:
            top.append({"label": label, "colspan": 1, "rowspan": 2})
        elif top and top[-1].get("group") == group:
            top[-1]["colspan"] += 1
            sub.append(label)
        else:
            top.append({"label": group, "group": group, "colspan": 1, "rowspan": 1})
            sub.append(label)
    return top, sub


def _letters(count, parts):
    """A B, then 1=(2+…) for the total, then 2 … n."""
    return ["A", "B", f"1=({'+'.join(str(p) for p in parts)})"] + [str(n) for n in range(2, count + 1)]


def _form(number, layout, *, year, basis, reporter, columns, cells, parts):
    rows = [
        {"code": code, "label": label, "level": level, "cells": cells.get(code) if code else None}
        for code, label, level, _key in layout["rows"]
    ]
    top, sub = _header(columns)
    return {
        "number": number,
        "title": layout["title"],
        "unit": layout["unit"],
        "year": year,
        "basis": basis,
        "reporter": reporter,
        "columns": columns,
        "head_top": top,
        "head_sub": sub,
        "letters": _letters(len(columns), parts),
        "rows": rows,
        "cells": cells,
    }


def form_0604(offices, *, year, basis="", reporter=""):
    """{code: [total, central, province, district, commune]}: organisations doing emulation work at the end of the
    year, by kind (rows) and level (columns)."""
    layout = staff_layout_on(report_day(year))["0604"]
    levels = [key for key, _label in layout["levels"]]
    kinds = {key: code for code, _label, _level, key in layout["rows"] if key}
    cells = {code: [0] * (len(levels) + 1) for code, _label, _level, _key in layout["rows"] if code}
    for office in offices_on(offices, report_day(year)):
        column = levels.index(office.level) + 1
        for code in ("01", kinds[office.kind]):
            cells[code][column] += 1
            cells[code][0] += 1
    columns = [(None, "Tổng số")] + [("Chia theo cấp", label) for _key, label in layout["levels"]]
    return _form(
        "0604.N",
        layout,
        year=year,
        basis=basis,
        reporter=reporter,
        columns=columns,
        cells=cells,
        parts=range(2, len(levels) + 2),
    )


def columns_0605(layout):
    """(group, label, test(worker, year)) of every column of 0605.N after the total."""
    from .enums import Gender, TrainingLevel

    columns = [
        ("Chia theo tính chất công việc", "Chuyên trách", lambda w, y: w.full_time),
        ("Chia theo tính chất công việc", "Kiêm nhiệm", lambda w, y: not w.full_time),
        ("Trong tổng số", "Nữ", lambda w, y: w.gender == Gender.FEMALE),
        ("Trong tổng số", "Người dân tộc thiểu số", lambda w, y: w.ethnic_minority),
    ]
    for low, high in layout["age_bands"]:
        columns.append(
            (
                "Chia theo độ tuổi",
                band_label(low, high, "tuổi"),
                lambda w, y, lo=low, hi=high: in_band(y - w.birth_year, lo, hi),
            )
        )
    for value, label in TrainingLevel.choices:
        columns.append(("Chia theo trình độ đào tạo", label, lambda w, y, v=value: w.training == v))
    for low, high in layout["service_bands"]:
        columns.append(
            (
                "Chia theo thời gian làm công tác thi đua, khen thưởng",
                band_label(low, high, "năm"),
                lambda w, y, lo=low, hi=high: in_band(y - w.started_year, lo, hi),
            )
        )
    return columns


def form_0605(workers, *, year, basis="", reporter=""):
    """{code: [total, full time, part time, women, minorities, ages…, training…, years in the job…]}: people at
    work at the end of the year, by the level of their office (rows)."""
    layout = staff_layout_on(report_day(year))["0605"]
    tests = columns_0605(layout)
    level_code = {key: code for code, _label, _level, key in layout["rows"] if key}
    cells = {code: [0] * (len(tests) + 1) for code, _label, _level, _key in layout["rows"] if code}
    for worker in workers_on(workers, report_day(year)):
        hits = [1] + [1 if test(worker, year) else 0 for _group, _label, test in tests]
        for code in ("01", level_code[worker.office.level]):
            cells[code] = [a + b for a, b in zip(cells[code], hits, strict=True)]
    columns = [(None, "Tổng số")] + [(group, label) for group, label, _test in tests]
    return _form(
        "0605.N", layout, year=year, basis=basis, reporter=reporter, columns=columns, cells=cells, parts=(2, 3)
    )


def export_form(form):
    """A 06xx.N grid as xlsx laid out like the form: number and basis, title, year, unit, the two header rows,
    the column letters, then the rows (`thidua.xlsx` writes every cell)."""
    from thidua import xlsx

    width = len(form["columns"]) + 2
    wb = xlsx.workbook(write_only=False)
    ws = xlsx.sheet(wb, form["number"], widths=(52, 7) + (12,) * len(form["columns"]), title_rows="7:9")
    right = max(width - 2, 3)
    head = [f"Biểu số: {form['number']}/BNV-TĐKT"] + [None] * (right - 2) + ["Đơn vị báo cáo:", form["reporter"]]
    xlsx.append(ws, head, bold=True)
    xlsx.append(
        ws,
        [form["basis"]]
        + [None] * (right - 2)
        + ["Đơn vị nhận báo cáo:", "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)"],
    )
    xlsx.append(ws, ["Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo"])
    xlsx.append(ws, [form["title"]], bold=True)
    xlsx.append(ws, [f"Năm {form['year']}"])
    xlsx.append(ws, [None] * (width - 1) + [f"Đơn vị tính: {form['unit']}"])
    top_row, sub_row = 7, 8
    column = 3
    xlsx.put(ws, top_row, 1, "", bold=True, align=xlsx.HEADER_ALIGNMENT)
    xlsx.put(ws, top_row, 2, "Mã số", bold=True, align=xlsx.HEADER_ALIGNMENT)
    ws.merge_cells(start_row=top_row, start_column=1, end_row=sub_row, end_column=1)
    ws.merge_cells(start_row=top_row, start_column=2, end_row=sub_row, end_column=2)
    sub = iter(form["head_sub"])
    for cell in form["head_top"]:
        xlsx.put(ws, top_row, column, cell["label"], bold=True, align=xlsx.HEADER_ALIGNMENT)
        if cell["rowspan"] == 2:
            ws.merge_cells(start_row=top_row, start_column=column, end_row=sub_row, end_column=column)
        else:
            for offset in range(cell["colspan"]):
                xlsx.put(ws, sub_row, column + offset, next(sub), bold=True, align=xlsx.HEADER_ALIGNMENT)
            if cell["colspan"] > 1:
                ws.merge_cells(
                    start_row=top_row, start_column=column, end_row=top_row, end_column=column + cell["colspan"] - 1
                )
        column += cell["colspan"]
    for offset, letter in enumerate(form["letters"], start=1):
        xlsx.put(ws, 9, offset, letter, bold=True, align=xlsx.HEADER_ALIGNMENT)
    for number, row in enumerate(form["rows"], start=10):
        xlsx.put(ws, number, 1, row["label"], bold=row["level"] in (0, None))
        if row["cells"] is not None:
            xlsx.put(ws, number, 2, row["code"])
            for offset, value in enumerate(row["cells"], start=3):
                xlsx.put(ws, number, offset, value, bold=row["level"] == 0)
    for number in (4, 5):
        ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
        ws.cell(row=number, column=1).alignment = xlsx.HEADER_ALIGNMENT
    return wb
