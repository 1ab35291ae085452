"""The appendices of a review report as an xlsx workbook (from the stored snapshot)."""

import datetime
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_START = ("=", "+", "-", "@")


def vn_day(iso):
    return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def _cell(ws, value, bold=False):
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"  # user text is text, never a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def _sheet(wb, title, header, rows, widths):
    ws = wb.create_sheet(title)
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, h, bold=True) for h in header])
    for row in rows:
        ws.append([_cell(ws, v) for v in row])


def yes_no(value):
    return "Có" if value else "Không"


def build_xlsx(data):
    wb = Workbook(write_only=True)
    units = [u for u in data["units"] if u["required"]]
    _sheet(
        wb, "Theo đơn vị",
        ["STT", "Đơn vị", "Kế hoạch: trạng thái", "Ngày gửi", "Hạn gửi", "Đúng hạn", "Báo cáo: trạng thái",
         "Ngày gửi báo cáo", "Chỉ tiêu đăng ký", "Đã báo cáo", "Đạt và vượt"],
        (
            [i, u["name"], (u["subplan"] or {}).get("status_label", "Chưa có"), vn_day((u["subplan"] or {}).get("submitted_on")),
             vn_day((u["subplan"] or {}).get("due_date")), yes_no((u["subplan"] or {}).get("on_time")),
             (u["progress"] or {}).get("status_label", "Chưa có"), vn_day((u["progress"] or {}).get("submitted_on")),
             u["targets_total"], u["targets_reported"], u["targets_met"]]
            for i, u in enumerate(units, start=1)
        ),
        [6, 45, 20, 12, 12, 10, 20, 14, 10, 10, 10],
    )
    _sheet(
        wb, "Theo nội dung thi đua",
        ["STT", "Nội dung thi đua", "Phong trào", "Số chỉ tiêu", "Đã báo cáo", "Đạt và vượt", "Tỷ lệ bình quân (%)"],
        (
            [i, a["heading"], "; ".join(a["movements"]), a["targets_total"], a["targets_reported"], a["targets_met"],
             a["attainment_pct"]]
            for i, a in enumerate(data["content_areas"], start=1)
        ),
        [6, 50, 50, 12, 12, 12, 16],
    )
    _sheet(
        wb, "Chưa báo cáo", ["STT", "Đơn vị", "Kế hoạch", "Báo cáo"],
        ([i, u["name"], u["subplan"], u["progress"]] for i, u in enumerate(data["not_answered"], start=1)),
        [6, 50, 22, 22],
    )
    _sheet(
        wb, "Đề nghị khen thưởng", ["STT", "Đơn vị đề nghị", "Tập thể/cá nhân", "Tên", "Hình thức", "Thành tích"],
        (
            [i, c.get("unit", ""), "Tập thể" if c.get("is_collective") else "Cá nhân", c.get("name", ""),
             str(c.get("award", "") or ""), c.get("achievement", "")]
            for i, c in enumerate(data["commendations"], start=1)
        ),
        [6, 40, 14, 40, 25, 60],
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
