"""Excel exports of campaigns' boards (through thidua.xlsx: streamed, user text written as text)."""

from thidua import xlsx

from .printing import document_number

HEADERS = [
    "STT",
    "Đơn vị",
    "Loại tổ chức",
    "Trạng thái",
    "Hạn nộp",
    "Nộp lần đầu",
    "Nộp gần nhất",
    "Số ngày trễ",
    "Duyệt lúc",
    "Số, ký hiệu {noun} của đơn vị",
]


def board_workbook(kind, campaign, variant, rows, today):
    """The board of one kind of unit document (one variant: interim or final reports) as xlsx."""
    workbook = xlsx.workbook()
    sheet = xlsx.sheet(
        workbook, kind.label("plural", variant)[:31], widths=(None, 48, None, 20), title_rows="2:2", freeze=False
    )
    title = (
        f"{kind.label('board', variant)} thực hiện Kế hoạch số {campaign.dated_reference} (đến ngày {today:%d/%m/%Y})"
    )
    xlsx.append(sheet, [title], bold=True)
    xlsx.append(sheet, [h.format(noun=kind.label("noun", variant)) for h in HEADERS], bold=True)
    for number, sp in enumerate(rows.iterator(chunk_size=1000), 1):
        xlsx.append(
            sheet,
            [
                number,
                sp.organization.name,
                sp.organization.get_kind_display(),
                sp.get_status_display(),
                sp.due_date,
                sp.first_submitted_at,
                sp.submitted_at,
                sp.days_late(today),
                sp.approved_at,
                document_number(sp.number, kind.labels["code"], sp.organization, issued_on=sp.issued_on)
                if sp.number
                else "",
            ],
        )
    return workbook
