""".docx → Lines, checked before python-docx opens it. No Django here either.

Checks: a ZIP (by its first bytes) holding word/document.xml, at most MAX_PARTS entries and MAX_UNPACKED bytes
unpacked (a small file that unpacks to gigabytes is refused), every XML part parsed first by defusedxml (no DTD,
no entity, no external reference), no macro part. Then python-docx reads paragraphs and tables in document
order; Word's automatic numbering is written out as text ("I.", "1.", "a)"), as a reader sees it.
"""

import io
import re
import zipfile
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from .parser import Line, nfc

MAX_PARTS = 500
MAX_UNPACKED = 60 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def defused_scan(data):
    """Parse an XML part with expat as defusedxml does (no DTD, no entity declaration, no external reference), without
    building a tree (python-docx parses it again; this only refuses what defusedxml refuses)."""
    parser = expat.ParserCreate()

    def doctype(name, sysid, pubid, has_internal_subset):
        raise DTDForbidden(name, sysid, pubid)

    def entity(name, is_parameter_entity, value, base, sysid, pubid, notation_name):
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)

    def external(context, base, sysid, pubid):
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = lambda *args: entity(args[0], False, None, *args[1:])
    parser.ExternalEntityRefHandler = external
    parser.Parse(data, True)


class DocxError(ValueError):
    """The file is not a Word document this reader accepts; the message is for the user."""


def check_package(data):
    if not data.startswith(b"PK\x03\x04"):
        raise DocxError("Tệp không phải văn bản Word .docx (kiểm tra theo nội dung tệp).")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocxError("Tệp .docx bị hỏng, không mở được.") from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise DocxError("Tệp không phải văn bản Word .docx (thiếu phần nội dung).")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise DocxError("Tệp có macro: hãy lưu lại thành .docx thường rồi tải lên.")
    if len(infos) > MAX_PARTS or sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise DocxError("Tệp .docx quá lớn khi giải nén.")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            try:
                defused_scan(archive.read(info))
            except DefusedXmlException:
                raise DocxError("Tệp .docx chứa khai báo XML không được phép (DTD, entity).") from None
            except Exception:  # noqa: BLE001 — any parse failure means a broken file
                raise DocxError("Tệp .docx bị hỏng, không đọc được.") from None
    return archive


# --- Word numbering written out ----------------------------------------------------------------------------

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL")]
_ROMAN += [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(n):
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _format(n, fmt):
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "bullet":
        return "-"
    if fmt == "none":
        return ""
    return str(n)


class Numbering:
    """Counters of Word's list numbering: numId → abstract definition → per level format, text and start."""

    def __init__(self, document):
        self.levels = {}  # numId -> {ilvl: (fmt, text, start)}
        self.counters = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[int(lvl.get(f"{W}ilvl"))] = (
                    fmt.get(f"{W}val") if fmt is not None else "decimal",
                    text.get(f"{W}val") if text is not None else "%1.",
                    int(start.get(f"{W}val")) if start is not None else 1,
                )
            abstract[node.get(f"{W}abstractNumId")] = levels
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})

    def label(self, num_id, ilvl):
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "-"

        def repl(match):
            level = int(match.group(1)) - 1
            lvl_fmt = levels.get(level, ("decimal", "", 1))[0]
            return _format(counters.get(level, levels.get(level, ("", "", 1))[2]), lvl_fmt)

        return re.sub(r"%(\d)", repl, text)


class _Styles:
    """What the reader needs of a paragraph style (bold, italic, numbering, heading level), looked up once per style:
    python-docx resolves a paragraph's style anew on every access, which is slow on long documents."""

    def __init__(self, document):
        self.document = document
        self.cache = {}

    def of(self, paragraph):
        key = paragraph._p.style  # the style id, or None for the default paragraph style
        if key not in self.cache:
            style = paragraph.style
            self.cache[key] = {
                "bold": _style_flag(style, "bold"),
                "italic": _style_flag(style, "italic"),
                "num": _style_num(style),
                "heading": _heading_level(style),
            }
        return self.cache[key]


def _num_of(ppr):
    if ppr is None or ppr.numPr is None:
        return None
    num_id = ppr.numPr.numId.val if ppr.numPr.numId is not None else None
    ilvl = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
    if num_id is not None and num_id != 0:
        return str(num_id), int(ilvl)
    return None


def _style_num(style):
    while style is not None:
        num = _num_of(style.element.pPr)
        if num:
            return num
        style = style.base_style
    return None


def _style_flag(style, attr):
    while style is not None:
        value = getattr(style.font, attr)
        if value is not None:
            return value
        style = style.base_style
    return False


def _heading_level(style):
    name = (style.name or "") if style is not None else ""
    match = re.match(r"(?:Heading|Tiêu đề)\s*(\d)", name)
    return int(match.group(1)) if match else 0


def _paragraph_text(paragraph, style):
    """Text with italic runs as *…* (the app's one markup) and whether every visible run is bold."""
    pieces, bold_all, any_text = [], True, False
    style_bold, style_italic = style["bold"], style["italic"]
    for run in paragraph.runs:
        text = run.text
        if not text:
            continue
        italic = run.italic if run.italic is not None else style_italic
        bold = run.bold if run.bold is not None else style_bold
        if text.strip():
            any_text = True
            bold_all = bold_all and bool(bold)
        if italic and text.strip() and "\n" not in text:
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            if pieces and pieces[-1][1] and not lead:
                pieces[-1] = (pieces[-1][0] + text.rstrip(), True, trail)
                continue
            pieces.append((lead + text.strip(), True, trail))
        else:
            pieces.append((text, False, ""))
    out = ""
    for text, italic, trail in pieces:
        if italic:
            lead = text[: len(text) - len(text.lstrip())]
            out += f"{lead}*{text.strip()}*{trail}"
        else:
            out += text
    return nfc(out.replace("**", "")), bold_all and any_text


def read_docx(data):
    """Bytes of a .docx → [Line] in reading order. Raises DocxError with a message for the user."""
    check_package(data)
    import docx  # python-docx; imported here so the pure parser does not need it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 — python-docx raises many kinds on a broken file
        raise DocxError("Không đọc được tệp .docx.") from None
    numbering = Numbering(document)
    styles = _Styles(document)
    lines = []

    def add_paragraph(paragraph, cell=None):
        style = styles.of(paragraph)
        text, bold = _paragraph_text(paragraph, style)
        num = _num_of(paragraph._p.pPr) or style["num"]
        label = numbering.label(*num) if num else ""
        if not text.strip():
            return
        if label:
            text = f"{label} {text.lstrip()}"
        lines.append(Line(text=text.strip(), bold=bold, cell=cell, heading=style["heading"]))

    table_index = 0
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            add_paragraph(Paragraph(child, document))
        elif child.tag == f"{W}tbl":
            table = Table(child, document)
            for r, row in enumerate(table.rows):
                seen = set()
                for c, cell in enumerate(row.cells):
                    if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        add_paragraph(paragraph, cell=(table_index, r, c))
            table_index += 1
    return lines
