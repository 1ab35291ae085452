"""Every xlsx the app writes goes through here (nominee lists, proposals upward, the award registry, the
official statistics, the sub-plan board, the review report's appendices).

- User text is text. A string is never written as a formula: one that starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return (what Excel and LibreOffice would evaluate when the cell is edited or
  the sheet is re-saved as CSV) is a string cell (``t="s"``) with the "quote prefix" style, so it also
  stays text when someone edits the cell in Excel. Characters XML cannot hold (NUL and the other
  control characters) are dropped instead of failing the export.
- The code's own formulas are written on purpose with ``Formula("=VLOOKUP(...)")``; nothing else
  becomes a formula.
- Dates are real dates (``dd/mm/yyyy``; ``dd/mm/yyyy hh:mm`` for times, in local time).
- Large exports stream: sheets are write-only (rows go to a temporary file as they are appended) and
  the workbook is saved to a temporary file that ``response()`` hands to a ``FileResponse``.
"""

import datetime
import io
import tempfile

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32767  # Excel's limit on the characters of one cell
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
BOLD = Font(bold=True)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="center")


class Formula(str):
    """A formula the code writes on purpose (a template's VLOOKUP, a total). Never build one from user text."""


def clean(value):
    """The value as it goes into a cell: control characters dropped, text cut at Excel's cell limit,
    aware datetimes in local time."""
    if isinstance(value, Formula):
        return value
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def is_risky(value):
    """A string Excel would read as a formula if it were typed or re-imported."""
    return isinstance(value, str) and not isinstance(value, Formula) and value.startswith(FORMULA_START)


def write(cell, value, *, bold=False, align=None, number_format=None):
    """Put a value in a cell (write-only or normal) by the rules above; returns the cell."""
    value = clean(value)
    cell.value = value
    if isinstance(value, Formula):
        cell.data_type = "f"
    elif isinstance(value, str):
        cell.data_type = "s"  # openpyxl would type a leading "=" as a formula
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True
    if number_format:
        cell.number_format = number_format
    elif isinstance(value, datetime.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = BOLD
    if align is not None:
        cell.alignment = align
    return cell


def append(ws, values, *, bold=False, align=None):
    """Append one row of values to a sheet (write-only or normal)."""
    if isinstance(ws, WriteOnlyWorksheet):
        ws.append([write(WriteOnlyCell(ws), v, bold=bold, align=align) for v in values])
        return
    row = ws._current_row + 1
    for col, value in enumerate(values, start=1):
        if value is not None or bold:
            write(ws.cell(row=row, column=col), value, bold=bold, align=align)
    ws._current_row = row


def put(ws, row, column, value, **style):
    """Write one cell of a normal (not write-only) sheet."""
    return write(ws.cell(row=row, column=column), value, **style)


def workbook(write_only=True):
    """A workbook without sheets: add them with sheet(), rows with append(), then save with response() or
    to_bytes(). Write-only (streaming) unless a sheet needs random access (merged cells)."""
    wb = Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    return wb


def sheet(wb, title, *, widths=(), title_rows="1:1", freeze=True, hidden_columns="", landscape=True, hidden=False):
    """A sheet set up to print from Excel: A4 landscape, one page wide, the header row(s) repeated on every page;
    column widths (in characters) and hidden columns must be set before the first row, so they are given here."""
    ws = wb.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        if width:
            ws.column_dimensions[get_column_letter(index)].width = width
    for letter in hidden_columns:
        ws.column_dimensions[letter].hidden = True
    if hidden:
        ws.sheet_state = "hidden"
        return ws
    if landscape:
        ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows
        if freeze:
            ws.freeze_panes = f"A{int(title_rows.split(':')[1]) + 1}"
    return ws


def _save(wb):
    handle = tempfile.TemporaryFile()
    wb.save(handle)
    handle.seek(0)
    return handle


def to_bytes(wb):
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def response(wb, filename):
    """A download of the workbook, streamed from a temporary file (not held in memory as one bytes object)."""
    return FileResponse(_save(wb), as_attachment=True, filename=filename, content_type=CONTENT_TYPE)
