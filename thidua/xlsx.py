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


# Reading ---------------------------------------------------------------------------------------------------
#
# Uploaded workbooks are read with our own streaming parser over defusedxml's expat parser, not openpyxl:
# openpyxl loads every shared string at once (a 158 KB file holding one 150 MB string costs 277 MB), pads
# rows up to the sheet's declared dimension (a sheet "of 1,000,000 rows" took 30 s) and, without defusedxml,
# fails with a 500 on a DOCTYPE. Here the checks come first and every limit is counted as the XML streams:
#
# 1. the upload's size against MAX_UPLOAD_SIZE, then the ZIP signature;
# 2. the zip directory: number of members, each member's uncompressed size and the total (zip bombs), and
#    reads never go past the declared size;
# 3. every XML part through defusedxml with DTDs forbidden (DOCTYPE, entities, billion laughs);
# 4. shared strings: no string above Excel's 32,767 characters (refused as soon as the count passes it,
#    without holding the string), a bounded number of strings;
# 5. the sheet: the declared dimension is not trusted (only refused when it claims more rows than allowed);
#    rows are counted by their position as they stream and reading stops at the cap.
#
# Every refusal is a ValidationError with a Vietnamese message. The caller gets (row number, values) pairs.

MAX_ZIP_MEMBERS = 1000
MAX_PART_SIZE = 50 * 1024 * 1024  # uncompressed bytes of one part of the workbook
MAX_TOTAL_SIZE = 200 * 1024 * 1024  # uncompressed bytes of all parts together
MAX_SHARED_STRINGS = 200_000
MAX_SCANNED_ROWS = 20_000  # row positions read before giving up, empty rows included
_CHUNK = 64 * 1024


def _vn_number(value):
    return f"{value:,}".replace(",", ".")


class _Refused(Exception):
    """Raised inside the XML handlers; turned into a ValidationError with the message."""


def _local(tag):
    return tag[tag.rfind("}") + 1 :]


def _stream(archive, name):
    """The bytes of one part in chunks, never more than its declared (and already checked) size."""
    info = archive.getinfo(name)
    left = info.file_size
    with archive.open(info) as part:
        while True:
            chunk = part.read(_CHUNK)
            if not chunk:
                return
            left -= len(chunk)
            if left < 0:
                raise _Refused(BROKEN)
            yield chunk


def _parse(archive, name, target):
    """Feed one XML part through defusedxml (DTD forbidden) into a target with start/end/data methods."""
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.ElementTree import DefusedXMLParser, ParseError

    parser = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        for chunk in _stream(archive, name):
            parser.feed(chunk)
        return parser.close()
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise _Refused(
            "Tệp Excel chứa khai báo DOCTYPE hoặc thực thể XML, không có trong tệp Excel thật "
            "(có thể là tệp độc hại): không đọc."
        ) from None
    except ParseError:
        raise _Refused(BROKEN) from None


class _Tree:
    """A small part as (tag, attributes) pairs, for the workbook and relationship parts."""

    def __init__(self):
        self.elements = []

    def start(self, tag, attrib):
        self.elements.append((_local(tag), attrib))

    def end(self, tag):
        pass

    def data(self, text):
        pass

    def close(self):
        return self.elements


def _attr(attrib, name):
    for key, value in attrib.items():
        if _local(key) == name:
            return value
    return None


class _Texts:
    """Collects the text of <t> elements (not of phonetic runs <rPh>), refusing more than Excel's cell limit."""

    def __init__(self):
        self.parts, self.length, self.in_text, self.in_phonetic = [], 0, False, False

    def reset(self):
        self.parts, self.length = [], 0

    def start_text(self, name):
        if name == "rPh":
            self.in_phonetic = True
        elif name == "t" and not self.in_phonetic:
            self.in_text = True

    def end_text(self, name):
        if name == "rPh":
            self.in_phonetic = False
        elif name == "t":
            self.in_text = False

    def add(self, text, limit=MAX_CELL_TEXT):
        self.length += len(text)
        if self.length > limit:
            raise _Refused(
                f"Một ô trong tệp dài quá {_vn_number(MAX_CELL_TEXT)} ký tự (giới hạn của Excel): "
                "tệp hỏng hoặc đã bị sửa bất thường, không đọc."
            )
        self.parts.append(text)

    def value(self):
        return "".join(self.parts)


class _SharedStrings(_Texts):
    def __init__(self):
        super().__init__()
        self.strings = []

    def start(self, tag, attrib):
        name = _local(tag)
        if name == "si":
            self.reset()
        self.start_text(name)

    def end(self, tag):
        name = _local(tag)
        self.end_text(name)
        if name == "si":
            if len(self.strings) >= MAX_SHARED_STRINGS:
                raise _Refused(f"Tệp có quá {_vn_number(MAX_SHARED_STRINGS)} chuỗi ký tự khác nhau: không đọc.")
            self.strings.append(self.value())

    def data(self, text):
        if self.in_text:
            self.add(text)

    def close(self):
        return self.strings


def _column_index(ref):
    """1 for "A7", 27 for "AA7"."""
    index = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            index = index * 26 + ord(ch) - 64
        else:
            break
    return index


def _row_index(ref):
    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(digits) if digits.isdigit() else 0


class _Sheet(_Texts):
    """Rows of a worksheet as they stream: (row number, values of columns 1..max_columns)."""

    def __init__(self, strings, max_columns, max_rows, max_scanned):
        super().__init__()
        self.strings, self.max_columns, self.max_rows, self.max_scanned = strings, max_columns, max_rows, max_scanned
        self.rows, self.row_number, self.values = [], 0, None
        self.cell_column, self.cell_type, self.in_value = 0, None, False

    def _too_many(self, number):
        raise _Refused(
            f"Bảng tính có tới dòng {_vn_number(number)}, quá giới hạn {_vn_number(self.max_scanned)} dòng: "
            "hãy xóa các dòng thừa hoặc chia thành nhiều tệp."
        )

    def start(self, tag, attrib):
        name = _local(tag)
        if name == "row":
            number = int(attrib["r"]) if attrib.get("r", "").isdigit() else self.row_number + 1
            self.row_number = max(number, self.row_number + 1)
            if self.row_number > self.max_scanned:
                self._too_many(self.row_number)
            self.values = None  # made on the first cell with a value: empty rows cost nothing
            self.cell_column = 0
        elif name == "c":
            ref = attrib.get("r", "")
            self.cell_column = _column_index(ref) if ref else self.cell_column + 1
            self.cell_type = attrib.get("t", "n")
            self.reset()
        elif name == "v":
            self.in_value = True
        elif name == "dimension":
            last = (attrib.get("ref") or "").split(":")[-1]
            if _row_index(last) > self.max_scanned:
                self._too_many(_row_index(last))
        self.start_text(name)

    def data(self, text):
        if (self.in_value or self.in_text) and 0 < self.cell_column <= self.max_columns:
            self.add(text)

    def end(self, tag):
        name = _local(tag)
        self.end_text(name)
        if name == "v":
            self.in_value = False
        elif name == "c" and 0 < self.cell_column <= self.max_columns:
            value = self._value()
            if value is not None and value != "":
                if self.values is None:
                    self.values = [None] * self.max_columns
                self.values[self.cell_column - 1] = value
        elif name == "row":
            if self.values is not None:
                if len(self.rows) >= self.max_rows:
                    raise _Refused(
                        f"Bảng tính có quá {_vn_number(self.max_rows)} dòng có dữ liệu: hãy chia thành nhiều tệp."
                    )
                self.rows.append((self.row_number, tuple(self.values)))
            self.values = None

    def _value(self):
        raw = self.value()
        kind = self.cell_type
        if kind in ("inlineStr", "str"):
            return raw
        if raw == "":
            return None
        if kind == "s":
            try:
                return self.strings[int(raw)]
            except (ValueError, IndexError):
                raise _Refused(BROKEN) from None
        if kind == "b":
            return raw == "1"
        if kind == "e":
            return None
        if kind == "d":
            return raw
        try:
            number = float(raw)
        except ValueError:
            raise _Refused(BROKEN) from None
        return int(number) if number.is_integer() and abs(number) < 2**53 else number

    def close(self):
        return self.rows


NOT_XLSX = "Tệp không phải bảng tính Excel (.xlsx)."
BROKEN = "Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx)."


def _part_name(base, target):
    """A relationship target resolved against the folder of the part that holds it."""
    import posixpath

    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _check_directory(archive):
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise _Refused(f"Tệp Excel có quá nhiều phần ({_vn_number(len(infos))}): không đọc.")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_SIZE or total > MAX_TOTAL_SIZE:
            from .uploads import human_size

            raise _Refused(
                f"Tệp Excel giải nén ra quá lớn (phần «{info.filename[:80]}» {human_size(info.file_size)}; "
                f"tối đa {human_size(MAX_PART_SIZE)} mỗi phần, {human_size(MAX_TOTAL_SIZE)} cả tệp): "
                "có thể là tệp độc hại, không đọc."
            )


def _relationships(archive, part):
    folder, file = part.rsplit("/", 1) if "/" in part else ("", part)
    rels = f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"
    if rels not in archive.NameToInfo:
        return {}
    return {
        attrib.get("Id"): (attrib.get("Type", ""), _part_name(part, attrib.get("Target", "")))
        for name, attrib in _parse(archive, rels, _Tree())
        if name == "Relationship"
    }


def _sheet_part(archive, sheet):
    """(workbook part, the chosen sheet's part): the sheet whose name folds to `sheet`, else the first."""
    from .text import fold

    package = _relationships(archive, "")
    workbook_part = next(
        (target for kind, target in package.values() if kind.endswith("/officeDocument")), "xl/workbook.xml"
    )
    if workbook_part not in archive.NameToInfo:
        raise _Refused(BROKEN)
    sheets = [
        (attrib.get("name", ""), _attr(attrib, "id"))
        for name, attrib in _parse(archive, workbook_part, _Tree())
        if name == "sheet"
    ]
    if not sheets:
        raise _Refused("Bảng tính trống.")
    rels = _relationships(archive, workbook_part)
    wanted = fold(sheet) if sheet else None
    chosen = next((rid for name, rid in sheets if wanted and fold(name) == wanted), sheets[0][1])
    part = rels.get(chosen, ("", ""))[1]
    if part not in archive.NameToInfo:
        raise _Refused(BROKEN)
    strings = next((target for kind, target in rels.values() if kind.endswith("/sharedStrings")), None)
    return part, strings


def read_rows(upload, *, sheet=None, max_columns=26, max_rows=10_000, max_scanned=MAX_SCANNED_ROWS):
    """The rows of one sheet of an uploaded xlsx as [(row number, (value of column A, B, …))], rows without any
    value left out; the sheet named `sheet` (case, diacritics and spacing forgiven) or else the first one.

    Values as Excel stores them: text, int/float (dates come back as Excel serial numbers), bool, None;
    formulas give their cached result. Raises ValidationError with a Vietnamese message for every file
    that is too big, not an xlsx, broken, a zip bomb, holds a DOCTYPE/entity, a cell above Excel's limit,
    more than `max_rows` rows with data or a row beyond `max_scanned`."""
    import zipfile

    from django.conf import settings
    from django.core.exceptions import ValidationError

    from .uploads import human_size

    if upload is None:
        raise ValidationError("Chưa chọn tệp.")
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    if size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            f"Tệp quá lớn ({human_size(size, round_up=True)}); tối đa {human_size(settings.MAX_UPLOAD_SIZE)}."
        )
    if size == 0:
        raise ValidationError("Tệp rỗng: không phải bảng tính Excel (.xlsx).")
    upload.seek(0)
    if upload.read(4) != b"PK\x03\x04":
        upload.seek(0)
        raise ValidationError(NOT_XLSX)
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_directory(archive)
            part, strings_part = _sheet_part(archive, sheet)
            strings = []
            if strings_part and strings_part in archive.NameToInfo:
                strings = _parse(archive, strings_part, _SharedStrings())
            return _parse(archive, part, _Sheet(strings, max_columns, max_rows, max_scanned))
    except _Refused as exc:
        raise ValidationError(str(exc)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, KeyError, ValueError):
        raise ValidationError(BROKEN) from None
    finally:
        upload.seek(0)
