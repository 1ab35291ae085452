"""The appendices of a review report as an xlsx workbook (from the stored snapshot)."""

import datetime

from thidua import xlsx

HANDED_IN = ("submitted", "returned", "approved")


def day(iso):
    """An ISO date from the snapshot as a real date (the cell shows it dd/mm/yyyy), or None."""
    return datetime.date.fromisoformat(iso[:10]) if iso else None


def _sheet(wb, title, header, rows, widths):
    ws = xlsx.sheet(wb, title, widths=widths)
    xlsx.append(ws, header, bold=True)
    for row in rows:
        xlsx.append(ws, row)


def on_time(subplan):
    """ "Có"/"Không" for a sub-plan handed in; blank when it never was (nothing to be on time with)."""
    if not subplan or not (subplan.get("submitted_on") or subplan.get("status") in HANDED_IN):
        return None
    return "Có" if subplan.get("on_time") else "Không"


def build_xlsx(data):
    wb = xlsx.workbook()
    units = [u for u in data["units"] if u["required"]]
    _sheet(
        wb,
        "Theo đơn vị",
        [
            "STT",
            "Đơn vị",
            "Kế hoạch: trạng thái",
            "Ngày gửi",
            "Hạn gửi",
            "Đúng hạn",
            "Báo cáo: trạng thái",
            "Ngày gửi báo cáo",
            "Chỉ tiêu đăng ký",
            "Đã báo cáo",
            "Đạt và vượt",
        ],
        (
            [
                i,
                u["name"],
                (u["subplan"] or {}).get("status_label", "Chưa có"),
                day((u["subplan"] or {}).get("submitted_on")),
                day((u["subplan"] or {}).get("due_date")),
                on_time(u["subplan"]),
                (u["progress"] or {}).get("status_label", "Chưa có"),
                day((u["progress"] or {}).get("submitted_on")),
                u["targets_total"],
                u["targets_reported"],
                u["targets_met"],
            ]
            for i, u in enumerate(units, start=1)
        ),
        [6, 45, 20, 12, 12, 10, 20, 14, 10, 10, 10],
    )
    _sheet(
        wb,
        "Theo nội dung thi đua",
        ["STT", "Nội dung thi đua", "Phong trào", "Số chỉ tiêu", "Đã báo cáo", "Đạt và vượt", "Tỷ lệ bình quân (%)"],
        (
            [
                i,
                a["heading"],
                "; ".join(a["movements"]),
                a["targets_total"],
                a["targets_reported"],
                a["targets_met"],
                a["attainment_pct"],
            ]
            for i, a in enumerate(data["content_areas"], start=1)
        ),
        [6, 50, 50, 12, 12, 12, 16],
    )
    _sheet(
        wb,
        "Chưa báo cáo",
        ["STT", "Đơn vị", "Kế hoạch", "Báo cáo"],
        ([i, u["name"], u["subplan"], u["progress"]] for i, u in enumerate(data["not_answered"], start=1)),
        [6, 50, 22, 22],
    )
    _sheet(
        wb,
        "Đề nghị khen thưởng",
        ["STT", "Đơn vị đề nghị", "Tập thể/cá nhân", "Tên", "Hình thức", "Thành tích"],
        (
            [
                i,
                c.get("unit", ""),
                "Tập thể" if c.get("is_collective") else "Cá nhân",
                c.get("name", ""),
                str(c.get("award", "") or ""),
                c.get("achievement", ""),
            ]
            for i, c in enumerate(data["commendations"], start=1)
        ),
        [6, 40, 14, 40, 25, 60],
    )
    return xlsx.to_bytes(wb)
