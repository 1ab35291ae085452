"""Excel exports of campaigns' boards (openpyxl, write-only: constant memory for long lists)."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

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
    "Số, ký hiệu kế hoạch của đơn vị",
]


def _local(dt):
    return timezone.localtime(dt).replace(tzinfo=None) if dt else None


def board_workbook(campaign, rows, today):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Kế hoạch của đơn vị")
    # Printed from Excel: A4 landscape, fitted to the page width, the header row repeated on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:2"
    sheet.column_dimensions["B"].width = 48
    sheet.column_dimensions["D"].width = 20
    title = f"Tình hình xây dựng kế hoạch thực hiện Kế hoạch số {campaign.reference} (đến ngày {today:%d/%m/%Y})"
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=title)
    cell.font = Font(bold=True)
    sheet.append([cell])
    header = []
    for text in HEADERS:
        c = WriteOnlyCell(sheet, value=text)
        c.font = Font(bold=True)
        header.append(c)
    sheet.append(header)
    for number, sp in enumerate(rows.iterator(chunk_size=1000), 1):
        row = [
            number,
            sp.organization.name,
            sp.organization.get_kind_display(),
            sp.get_status_display(),
            sp.due_date,
            _local(sp.first_submitted_at),
            _local(sp.submitted_at),
            sp.days_late(today),
            _local(sp.approved_at),
            document_number(sp.number, "KH", sp.organization) if sp.number else "",
        ]
        cells = []
        for value in row:
            c = WriteOnlyCell(sheet, value=value)
            if hasattr(value, "year"):
                c.number_format = "dd/mm/yyyy hh:mm" if hasattr(value, "hour") else "dd/mm/yyyy"
            cells.append(c)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
