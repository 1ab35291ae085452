"""Word (.docx) copies of official documents, from the same data as their PDF (never from the PDF).

API:

    from thidua.documents.docx import render_docx, DOCX_CONTENT_TYPE

    docx_bytes = render_docx("reports/print/campaign_plan.html", {"doc": meta, "campaign": campaign})

``render_docx(template_name, context)`` renders the same print template with the same context as ``render_pdf``
and writes the Word file from it:

- the header blocks (issuing body, number, party line or national name and motto, place and date), the document
  type and subject, and Nơi nhận beside the signature come from ``context["doc"]`` (the ``DocumentMeta``), laid out
  as Word tables and paragraphs: two borderless columns, the rules under the motto and the issuing body as
  paragraph borders exactly as long as the text they underline (measured with the font's own advance widths);
- the body is the print template's HTML turned into Word paragraphs by a small strict converter: p, h1-h6, div,
  strong/b, em/i, u, span, br, ol/ul/li, table/thead/tbody/tr/th/td/col. Any other element is dropped and its text
  kept; style, script and svg are dropped with their content. The few classes the print templates use for layout
  (``RULES`` below) give alignment, size, bold/italic and spacing. Text is copied as text: nothing a user typed
  becomes Word markup (python-docx escapes it), "<w:p>" prints as "<w:p>";
- the page: A4 (landscape with ``context["landscape"]``), margins, body size and line spacing from the format's
  rules (``doc.format_rules`` when the document carries them, else the print stylesheet's values), Times New Roman
  (Liberation Serif, its metric twin, where Word is not installed), page numbers at the top from page 2, a
  "DỰ THẢO" box top right of page 1 with ``context["draft"]``; tables of figures repeat their header row on every
  page and keep each row on one page; Nơi nhận and the signature stay on the page of the body's last paragraph.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass, field, replace
from functools import lru_cache
from html.parser import HTMLParser

from django.conf import settings
from django.template.loader import render_to_string
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"  # Word's name; LibreOffice and fontconfig map it to Liberation Serif (same metrics)

# --- format rules ----------------------------------------------------------------------------------------------


def page_rules(meta):
    """The document's FormatRules (thidua/documents/formats.py: dated, by issuer kind and issue date)."""
    rules = getattr(meta, "format_rules", None)
    if rules is not None:
        return rules
    from .formats import format_for

    return format_for(getattr(meta, "document_format", "party") or "party", getattr(meta, "issued_on", None))


def margins_mm(rules):
    """(top, bottom, left, right) in mm."""
    return (rules.margin_top_mm, rules.margin_bottom_mm, rules.margin_left_mm, rules.margin_right_mm)


def line_pt(rules):
    """Body line spacing in pt: the format's exact spacing, else its multiple of the body size (CSS line-height)."""
    return float(rules.line_spacing_pt or rules.line_height * rules.body_pt)


# --- text widths (for rules as long as their text) ----------------------------------------------------------------


@lru_cache(maxsize=4)
def _font_metrics(bold):
    """(advance widths by character, units per em) of Liberation Serif, or None when it is not installed."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    style = "Bold" if bold else "Regular"
    try:
        path = subprocess.run(
            [fc_match, "-f", "%{file}", f"Liberation Serif:style={style}"], capture_output=True, text=True, timeout=5
        ).stdout.strip()
        from fontTools.ttLib import TTFont

        font = TTFont(path, lazy=True)
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        widths = {chr(code): hmtx[name][0] for code, name in cmap.items()}
        return widths, font["head"].unitsPerEm
    except Exception:  # noqa: BLE001 - no font, no fontTools: an estimate is good enough for a rule's length
        return None


def text_width_pt(text, size_pt, *, bold=False):
    metrics = _font_metrics(bold)
    if metrics is None:
        return len(text) * size_pt * 0.5
    widths, per_em = metrics
    default = widths.get("n", per_em // 2)
    return sum(widths.get(ch, default) for ch in text) * size_pt / per_em


# --- a small HTML tree --------------------------------------------------------------------------------------------

VOID = {"br", "col", "img", "hr", "meta", "link", "input", "wbr", "source"}
DROPPED = {"style", "script", "svg", "head", "title", "template", "noscript", "object", "iframe"}


@dataclass
class Node:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)
    parent: Node | None = None

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def has_class(self, name):
        return name in self.classes

    def find(self, tag=None, cls=None):
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and (cls is None or child.has_class(cls)):
                    return child
                found = child.find(tag, cls)
                if found is not None:
                    return found
        return None

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: (v or "") for k, v in attrs}, parent=self.stack[-1]))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html):
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# --- the look of the print templates' elements ----------------------------------------------------------------------


@dataclass(frozen=True)
class Look:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    upper: bool = False
    size: float | None = None
    color: str | None = None
    nowrap: bool = False
    align: str | None = None  # left, center, right, justify
    indent: bool = False  # first-line indent of 1 cm
    before: float = 0
    after: float = 0
    page_break: bool = False
    keep_next: bool = False
    body: bool = False  # a paragraph of the body: indent and spacing after from the format
    side_mm: float = 0  # left and right indent


INHERITED = ("bold", "italic", "underline", "upper", "size", "color", "nowrap", "align")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# (tags or None, class or None, a class of an ancestor or None, properties): later entries win. They mirror
# static/print/document.css and the print templates' own small style blocks.
RULES = [
    (("p",), None, "doc-body", {"align": "justify", "indent": True, "body": True}),
    (HEADINGS, None, None, {"bold": True, "indent": True, "before": 6, "after": 6, "keep_next": True}),
    (("h1",), None, None, {"size": 16, "align": "center", "indent": False}),
    (("h4",), None, None, {"italic": True}),
    (None, "appendix", None, {"page_break": True}),
    (HEADINGS, None, "appendix", {"align": "center", "indent": False, "before": 0, "after": 4}),
    (HEADINGS, "pending", None, {"before": 14}),
    (None, "caption", None, {"align": "center", "italic": True, "size": 12, "after": 8}),
    (None, "chart", None, {"align": "center"}),
    (("table",), "figures", None, {"size": 11}),
    (("th",), None, None, {"bold": True, "align": "center"}),
    (("td", "th"), "num", None, {"align": "right", "nowrap": True}),
    (("td",), "center", None, {"align": "center"}),
    (("td",), "nowrap", None, {"nowrap": True}),
    (None, "symbol", None, {"nowrap": True}),
    # decision
    (None, "deciding", None, {"align": "center", "bold": True, "upper": True, "before": 6, "after": 6}),
    (None, "decide", None, {"align": "center", "bold": True, "before": 6, "after": 6}),
    (("p",), "basis", None, {"italic": True}),
    (None, "head", "appendix", {"align": "center", "bold": True}),
    (None, "sub", "appendix", {"align": "center", "italic": True, "after": 8}),
    (("table",), "list", None, {"size": 13}),
    (("td",), "n", None, {"align": "center"}),
    # proposal upward
    (("p",), "addressee", None, {"align": "center", "indent": False, "after": 10}),
    (None, "group", None, {"bold": True, "indent": True, "before": 8, "after": 4, "keep_next": True}),
    (None, "who", "group", {"bold": False, "italic": True}),
    # statistical form
    (("table",), "form", None, {"size": 12}),
    (("table",), "form-head", None, {"size": 12}),
    (None, "form-title", None, {"align": "center", "bold": True, "before": 8}),
    (None, "form-year", None, {"align": "center", "italic": True}),
    (None, "form-unit", None, {"align": "right", "italic": True, "size": 12}),
    # certificate
    (None, "nation", "frame", {"align": "center", "bold": True, "size": 14}),
    (None, "motto", "frame", {"align": "center", "bold": True, "size": 14}),
    (None, "granter", "frame", {"align": "center", "bold": True, "size": 16, "upper": True, "before": 22}),
    (None, "big", "frame", {"align": "center", "bold": True, "size": 40, "color": "B71C1C", "before": 11, "after": 6}),
    (None, "tang", "frame", {"align": "center", "bold": True, "size": 16}),
    (None, "name", "frame", {"align": "center", "bold": True, "size": 24, "before": 11, "after": 3}),
    (None, "pos", "frame", {"align": "center", "size": 15}),
    (None, "why", "frame", {"align": "center", "italic": True, "size": 15, "before": 11, "side_mm": 10}),
    (("table",), "foot", None, {"size": 13}),
    (("td",), "sign", None, {"align": "center", "bold": True}),
    (None, "date", "sign", {"italic": True, "bold": False}),
    (None, "who", "sign", {"before": 62}),
]


def _has_ancestor_class(node, cls):
    node = node.parent
    while node is not None:
        if isinstance(node, Node) and node.has_class(cls):
            return True
        node = node.parent
    return False


_STYLE_DECL = re.compile(r"([a-z-]+)\s*:\s*([^;]+)")


def look_of(node, parent_look):
    values = {name: getattr(parent_look, name) for name in INHERITED}
    if node.tag in ("strong", "b"):
        values["bold"] = True
    elif node.tag in ("em", "i"):
        values["italic"] = True
    elif node.tag == "u":
        values["underline"] = True
    classes = node.classes
    for tags, cls, inside, props in RULES:
        if tags is not None and node.tag not in tags:
            continue
        if cls is not None and cls not in classes:
            continue
        if inside is not None and not _has_ancestor_class(node, inside):
            continue
        values.update(props)
    for name, value in _STYLE_DECL.findall(node.attrs.get("style", "").lower()):
        value = value.strip()
        if name == "text-decoration" and "underline" in value:
            values["underline"] = True
        elif name == "font-weight":
            values["bold"] = value in ("bold", "700", "800", "900")
        elif name == "font-style":
            values["italic"] = value == "italic"
        elif name == "text-align" and value in ("left", "center", "right", "justify"):
            values["align"] = value
    return Look(**values)


# --- Word helpers ------------------------------------------------------------------------------------------------------

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_PBDR_SUCCESSORS = (
    "w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap w:overflowPunct w:topLinePunct w:autoSpaceDE "
    "w:autoSpaceDN w:bidi w:adjustRightInd w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents "
    "w:suppressOverlap w:jc w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle "
    "w:rPr w:sectPr w:pPrChange"
).split()


def _border(parent_tag, sides, *, val="single", size_eighths=6, space=1, color="000000"):
    element = OxmlElement(parent_tag)
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), val)
        edge.set(qn("w:sz"), str(size_eighths))
        edge.set(qn("w:space"), str(space))
        edge.set(qn("w:color"), color)
        element.append(edge)
    return element


def paragraph_rule(paragraph, *, side="bottom", size_eighths=6, space=1):
    """A solid rule drawn by the paragraph's border, as wide as the paragraph between its indents."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(_border("w:pBdr", [side], size_eighths=size_eighths, space=space), *_PBDR_SUCCESSORS)


def _set_run(run, look, size=None):
    font = run.font
    if look.bold:
        font.bold = True
    if look.italic:
        font.italic = True
    if look.underline:
        font.underline = True
    if size or look.size:
        font.size = Pt(size or look.size)
    if look.color:
        font.color.rgb = RGBColor.from_string(look.color)


def _add_text(paragraph, text, look, size=None):
    """A run of text; with nowrap, its hyphens are Word's non-breaking hyphens (read back as "-")."""
    if look.upper:
        text = text.upper()
    if look.nowrap and "-" in text:
        run = paragraph.add_run()
        _set_run(run, look, size)
        for i, piece in enumerate(text.split("-")):
            if i:
                run._r.append(OxmlElement("w:noBreakHyphen"))
            if piece:
                t = OxmlElement("w:t")
                t.set(qn("xml:space"), "preserve")
                t.text = piece
                run._r.append(t)
        return run
    run = paragraph.add_run(text)
    _set_run(run, look, size)
    return run


def _format_paragraph(paragraph, look, rules, *, in_table=False, cell_style=None):
    if in_table and cell_style is not None:
        # single lines (the stylesheet's 1.15), set once in the style; by id (python-docx's lookup by object walks
        # every style of the document for each paragraph)
        paragraph._p.get_or_add_pPr().style = cell_style
    pf = paragraph.paragraph_format
    if look.align:
        pf.alignment = ALIGN[look.align]
    if look.indent and not in_table:
        pf.first_line_indent = Mm(rules.first_line_indent_mm)
    if look.before:
        pf.space_before = Pt(look.before)
    if look.side_mm:
        pf.left_indent = pf.right_indent = Mm(look.side_mm)
    after = rules.paragraph_after_pt if look.body and not in_table else look.after
    if after:
        pf.space_after = Pt(after)
    if (in_table and cell_style is None) or (not in_table and look.size and look.size < rules.body_pt):
        pf.line_spacing = 1.0  # tables of figures and small print: single lines (the stylesheet's 1.15)
    if look.page_break:
        pf.page_break_before = True
    if look.keep_next:
        pf.keep_with_next = True


def _cell_margins(table, *, vertical_pt=0.0, horizontal_pt=0.0):
    """Cell padding of the whole table (the print stylesheet's: none for layout tables, 1.5 pt 3 pt for figures)."""
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(round((vertical_pt if side in ("top", "bottom") else horizontal_pt) * 20)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.append(margins)


def _no_cell_margins(table):
    _cell_margins(table)


def _fixed_table(table, widths_mm, *, cells=True):
    """Column widths that Word (cell widths) and LibreOffice (grid) both honour; fixed layout."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(width)
    if not cells:  # the caller sets the cells' widths as it fills them
        return
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _row_flags(row, *, header=False, cant_split=True):
    tr_pr = row._tr.get_or_add_trPr()
    if cant_split:
        tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _table_borders(table, size_eighths=4):
    table._tbl.tblPr.append(
        _border("w:tblBorders", ["top", "left", "bottom", "right", "insideH", "insideV"], size_eighths=size_eighths)
    )


def _clear(cell):
    """A new cell holds one empty paragraph: reuse it for the first block."""
    return cell.paragraphs[0]


def _page_field(paragraph, size):
    run = paragraph.add_run()
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


# --- the body converter ------------------------------------------------------------------------------------------------

BLOCKS = {"p", "div", "li", "table", "ul", "ol", "section", "article", "blockquote", "dl", "dt", "dd", "hr"} | set(
    HEADINGS
)
_SPACES = re.compile(r"[ \t\r\n\f]+")


class _Writer:
    """Turns the print HTML's body blocks into paragraphs and tables of `container` (the document or a cell)."""

    def __init__(self, document, text_width_mm, rules):
        self.document = document
        self.rules = rules
        style = document.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.paragraph_format.line_spacing = 1.0
        self.cell_style = style.style_id
        self.text_width_mm = text_width_mm
        self.last_paragraph = None

    # blocks
    def blocks(self, node, container, look, *, width_mm, in_table=False, first_paragraph=None):
        """Write the children of `node` into `container`. Returns the first paragraph slot still unused (a cell's)."""
        pending = []  # inline runs of the current anonymous paragraph: (text or None for <br>, look)
        slot = [first_paragraph]

        def new_paragraph(block_look):
            if slot[0] is not None:
                paragraph, slot[0] = slot[0], None
            else:
                paragraph = container.add_paragraph()
            _format_paragraph(paragraph, block_look, self.rules, in_table=in_table, cell_style=self.cell_style)
            self.last_paragraph = paragraph
            return paragraph

        def flush(block_look):
            if not any(text and text.strip(" \t\r\n\f") for text, _ in pending if text is not None) and not any(
                text is None for text, _ in pending
            ):
                pending.clear()
                return
            self.write_runs(new_paragraph(block_look), pending)
            pending.clear()

        for child in node.children:
            if isinstance(child, str):
                pending.append((child, look))
                continue
            if child.tag in DROPPED:
                continue
            child_look = look_of(child, look)
            if child.tag in BLOCKS:
                flush(look)
                if child.tag == "table":
                    self.table(child, container, child_look, width_mm=width_mm)
                elif child.tag in ("ul", "ol"):
                    self.list(child, container, child_look, width_mm=width_mm, in_table=in_table, slot=slot)
                elif child.tag == "hr":
                    paragraph_rule(new_paragraph(child_look))
                elif self._has_blocks(child):
                    if child_look.page_break:
                        # the break goes on the block's first paragraph
                        first = new_paragraph(replace(child_look, before=0, after=0))
                        slot[0] = self.blocks(
                            child,
                            container,
                            replace(child_look, page_break=False),
                            width_mm=width_mm,
                            in_table=in_table,
                            first_paragraph=first,
                        )
                        if slot[0] is not None:  # nothing was written into it: keep it as the break
                            slot[0] = None
                    else:
                        slot[0] = self.blocks(
                            child,
                            container,
                            child_look,
                            width_mm=width_mm,
                            in_table=in_table,
                            first_paragraph=slot[0],
                        )
                else:
                    runs = []
                    self.inline(child, child_look, runs)
                    paragraph = new_paragraph(child_look)
                    self.write_runs(paragraph, runs)
            elif child.tag == "br":
                pending.append((None, look))
            else:
                self.inline(child, child_look, pending)
        flush(look)
        return slot[0]

    def _has_blocks(self, node):
        return any(isinstance(c, Node) and (c.tag in BLOCKS or self._has_blocks(c)) for c in node.children)

    def inline(self, node, look, runs):
        for child in node.children:
            if isinstance(child, str):
                runs.append((child, look))
            elif child.tag in DROPPED:
                continue
            elif child.tag == "br":
                runs.append((None, look))
            else:
                self.inline(child, look_of(child, look), runs)

    def write_runs(self, paragraph, runs):
        """Collapse white space as HTML does (not the no-break spaces left to write by hand), then add the runs."""
        cleaned = []
        at_line_start = True
        for text, look in runs:
            if text is None:
                cleaned.append((None, look))
                at_line_start = True
                continue
            text = _SPACES.sub(" ", text)
            if at_line_start:
                text = text.lstrip(" ")
            if not text:
                continue
            at_line_start = text.endswith(" ")
            cleaned.append((text, look))
        # trailing spaces before a line break or the end
        for i in range(len(cleaned) - 1, -1, -1):
            text, look = cleaned[i]
            if text is None:
                continue
            stripped = text.rstrip(" ") if i == len(cleaned) - 1 or cleaned[i + 1][0] is None else text
            cleaned[i] = (stripped, look)
        for text, look in cleaned:
            if text is None:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            elif text:
                _add_text(paragraph, text, look)

    def list(self, node, container, look, *, width_mm, in_table, slot):
        number = 0
        for child in node.children:
            if not isinstance(child, Node) or child.tag != "li":
                continue
            number += 1
            item_look = look_of(child, look)
            runs = [(f"{number}. " if node.tag == "ol" else "- ", item_look)]
            self.inline(child, item_look, runs)
            if slot[0] is not None:
                paragraph, slot[0] = slot[0], None
            else:
                paragraph = container.add_paragraph()
            _format_paragraph(paragraph, item_look, self.rules, in_table=in_table, cell_style=self.cell_style)
            paragraph.paragraph_format.left_indent = Mm(5)
            self.write_runs(paragraph, runs)
            self.last_paragraph = paragraph

    # tables
    def table(self, node, container, look, *, width_mm):
        rows = []  # (tr node, is_header)
        widths = []
        for part in node.children:
            if not isinstance(part, Node):
                continue
            if part.tag == "colgroup":
                widths = [c.attrs.get("style", "") for c in part.children if isinstance(c, Node) and c.tag == "col"]
            elif part.tag == "col":
                widths.append(part.attrs.get("style", ""))
            elif part.tag in ("thead", "tbody", "tfoot"):
                rows.extend(
                    (tr, part.tag == "thead") for tr in part.children if isinstance(tr, Node) and tr.tag == "tr"
                )
            elif part.tag == "tr":
                rows.append((part, False))
        if not rows:
            return
        cells_of = [[c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")] for tr, _ in rows]
        columns = max(sum(int(c.attrs.get("colspan") or 1) for c in cells) for cells in cells_of) or 1
        column_widths = _column_widths(widths, columns, width_mm)
        try:
            table = container.add_table(rows=len(rows), cols=columns)
        except TypeError:  # a page header or footer wants the table's width
            table = container.add_table(len(rows), columns, Mm(width_mm))
        bordered = (
            bool({"figures", "list", "form"} & node.classes)
            or any(c.tag == "th" for cells in cells_of for c in cells)
            and "foot" not in node.classes
        )
        if bordered:
            _table_borders(table)
            _cell_margins(table, vertical_pt=1, horizontal_pt=3)
        else:
            _no_cell_margins(table)
        _fixed_table(table, column_widths, cells=False)
        widths = [Mm(w) for w in column_widths]
        for (tr, header), cells, row in zip(rows, cells_of, table.rows, strict=True):
            _row_flags(row, header=header)
            tr_look = look_of(tr, look)
            row_cells = row.cells  # computed once per row (python-docx walks the row's grid each time)
            for cell, width in zip(row_cells, widths, strict=False):
                cell.width = width
            column = 0
            for cell_node in cells:
                span = max(1, int(cell_node.attrs.get("colspan") or 1))
                cell = row_cells[column]
                if span > 1 and column + span <= columns:
                    cell = cell.merge(row_cells[column + span - 1])
                column += span
                cell_look = look_of(cell_node, tr_look)
                if cell_look.nowrap:
                    cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))
                if header and not cell_look.bold:
                    cell_look = replace(cell_look, bold=True, align=cell_look.align or "center")
                left = self.blocks(
                    cell_node, cell, cell_look, width_mm=width_mm, in_table=True, first_paragraph=_clear(cell)
                )
                if left is not None:
                    _format_paragraph(left, cell_look, self.rules, in_table=True, cell_style=self.cell_style)
                if column >= columns:
                    break
        self.last_paragraph = None
        return table


def _column_widths(styles, columns, width_mm):
    """Widths from the template's <col style="width: 12%"> or "1.1cm"; columns without one share the rest."""
    given = []
    for style in styles[:columns]:
        match = re.search(r"width\s*:\s*([\d.]+)\s*(%|cm|mm)", style)
        if not match:
            given.append(None)
            continue
        value, unit = float(match[1]), match[2]
        given.append(width_mm * value / 100 if unit == "%" else value * (10 if unit == "cm" else 1))
    given += [None] * (columns - len(given))
    fixed = sum(w for w in given if w is not None)
    free = [i for i, w in enumerate(given) if w is None]
    rest = max(width_mm - fixed, 10 * len(free))
    widths = [w if w is not None else rest / len(free) for w in given]
    total = sum(widths)
    return [w * width_mm / total for w in widths] if total > width_mm + 0.5 else widths


# --- the official blocks from DocumentMeta ---------------------------------------------------------------------------


def _lines(text):
    return [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]


def _header_lines(text):
    """A body's name broken where the print breaks it (thidua/templatetags/doc.py: header_lines)."""
    from thidua.templatetags.doc import header_lines

    return [part for line in _lines(text) for part in header_lines(line) if part.strip()]


def _centered_rule(cell, width_pt, cell_width_mm, *, space_before=0):
    """A solid 0.75 pt rule of `width_pt`, centred in the cell: an empty paragraph's bottom border between indents."""
    paragraph = cell.add_paragraph()
    pf = paragraph.paragraph_format
    side = max(0.0, (cell_width_mm * 72 / 25.4 - width_pt) / 2)
    pf.left_indent = Pt(side)
    pf.right_indent = Pt(side)
    pf.space_before = Pt(space_before)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(1)
    paragraph_rule(paragraph, space=0)
    return paragraph


def _cell_paragraph(cell, text, *, size, bold=False, italic=False, underline=False, before=0, first=False):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if before:
        paragraph.paragraph_format.space_before = Pt(before)
    _add_text(paragraph, text, Look(bold=bold, italic=italic, underline=underline), size)
    return paragraph


NATION, MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"


def write_header(document, meta, rules, text_width_mm):
    """The two header columns: issuing body (and superior), star or rule, number | party line or national name,
    motto and its rule, place and date."""
    state = meta.document_format == "state"
    left_mm = text_width_mm * rules.header_left_pct / 100
    if state:  # the national name holds on one line: the right column takes what it needs
        nation_mm = text_width_pt(NATION, rules.headline_pt, bold=True) * 25.4 / 72 + 3
        left_mm = min(left_mm, text_width_mm - nation_mm)
    right_mm = text_width_mm - left_mm
    table = document.add_table(rows=1, cols=2)
    _no_cell_margins(table)
    _fixed_table(table, [left_mm, right_mm])
    _row_flags(table.rows[0])
    left, right = table.rows[0].cells
    first = True
    for line in _header_lines(meta.superior_body):
        _cell_paragraph(left, line.upper(), size=rules.superior_pt, first=first)
        first = False
    issuing = _header_lines(meta.issuing_body) or [""]
    for line in issuing:
        _cell_paragraph(left, line.upper(), size=rules.issuing_pt, bold=True, first=first)
        first = False
    if state:
        longest = min(
            max(text_width_pt(line.upper(), rules.issuing_pt, bold=True) for line in issuing), left_mm * 72 / 25.4
        )
        _centered_rule(left, longest * 0.4, left_mm, space_before=1)
        _cell_paragraph(left, meta.printed_reference, size=rules.reference_pt, before=6)
    else:
        _cell_paragraph(left, "*", size=rules.issuing_pt)
        _cell_paragraph(left, meta.printed_reference, size=rules.reference_pt)
    if state:
        motto_pt = rules.motto_pt or rules.headline_pt
        _cell_paragraph(right, NATION, size=rules.headline_pt, bold=True, first=True)
        _cell_paragraph(right, MOTTO, size=motto_pt, bold=True)
        _centered_rule(right, text_width_pt(MOTTO, motto_pt, bold=True), right_mm, space_before=1)
    else:
        _cell_paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=rules.headline_pt, bold=True, underline=True, first=True)
    _cell_paragraph(right, meta.place_and_date, size=rules.place_date_pt, italic=True, before=10)
    return table


def write_title(document, meta, rules):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(18)
    paragraph.paragraph_format.keep_with_next = True
    _add_text(paragraph, meta.document_type.upper(), Look(bold=True), rules.document_type_pt)
    lines = _lines(meta.title)
    if lines:
        subject = document.add_paragraph()
        subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subject.paragraph_format.keep_with_next = True
        for i, line in enumerate(lines):
            if i:
                subject.add_run().add_break(WD_BREAK.LINE)
            _add_text(subject, line, Look(bold=True), rules.subject_pt)
    if meta.document_format == "state":
        # a solid rule 40 % of the subject's width, centred (decree 30: 1/3 to 1/2), as the print draws it
        available_pt = _text_width_mm(document) * 72 / 25.4
        subject = max((text_width_pt(line, rules.subject_pt, bold=True) for line in lines), default=150)
        rule = document.add_paragraph()
        side = max(0.0, (available_pt - 0.4 * min(subject, available_pt)) / 2)
        rule.paragraph_format.left_indent = Pt(side)
        rule.paragraph_format.right_indent = Pt(side)
        rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        rule.paragraph_format.line_spacing = Pt(2)
        rule.paragraph_format.space_after = Pt(12)
        paragraph_rule(rule, space=0)
    else:
        dashes = document.add_paragraph()
        dashes.alignment = WD_ALIGN_PARAGRAPH.CENTER
        dashes.paragraph_format.space_after = Pt(12)
        _add_text(dashes, "-----", Look(), rules.subject_pt)


def write_closing(document, meta, rules, text_width_mm):
    """Nơi nhận (left) beside the signature block (right), one row that never splits across pages."""
    state = meta.document_format == "state"
    left_mm = text_width_mm * 0.45
    table = document.add_table(rows=1, cols=2)
    _no_cell_margins(table)
    _fixed_table(table, [left_mm, text_width_mm - left_mm])
    _row_flags(table.rows[0])
    left, right = table.rows[0].cells
    if meta.recipients:
        label = left.paragraphs[0]
        label.paragraph_format.space_before = Pt(12)
        _add_text(label, "Nơi nhận:", Look(bold=True, italic=True, underline=not state), rules.recipients_label_pt)
        for recipient in meta.recipients:
            line = left.add_paragraph()
            _add_text(line, f"- {recipient}", Look(), rules.recipients_pt)
            line.paragraph_format.line_spacing = 1.0
    first = True
    for text in (meta.sign_on_behalf, meta.signer_title):
        if text:
            paragraph = _cell_paragraph(right, text, size=rules.signature_pt, bold=True, first=first)
            if first:
                paragraph.paragraph_format.space_before = Pt(12)
            first = False
    name = _cell_paragraph(right, meta.signer_name or "", size=rules.signature_pt, bold=True, first=first)
    name.paragraph_format.space_before = Pt(60)
    return table


# --- the document ---------------------------------------------------------------------------------------------------


def _text_width_mm(document):
    section = document.sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / Mm(1)


def _set_page(document, rules, *, landscape):
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(26)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        top, bottom, left, right = margins_mm(rules)
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    return section


def _set_fonts(document, rules):
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(rules.body_pt)
    r_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attribute), FONT)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    # The format's line spacing as a minimum: body lines come out exactly at it, larger type still fits.
    pf.line_spacing = Pt(line_pt(rules))
    pf.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    pf.widow_control = True
    core = document.core_properties
    core.author = ""
    core.comments = ""


def _page_numbers_and_draft(document, section, *, draft, landscape):
    section.different_first_page_header_footer = True
    if not landscape:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(header, 13)
    if draft:
        mark = section.first_page_header.paragraphs[0]
        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        ppr = mark._p.get_or_add_pPr()
        ppr.insert_element_before(
            _border("w:pBdr", ["top", "left", "bottom", "right"], size_eighths=8, space=2), *_PBDR_SUCCESSORS
        )
        _add_text(mark, "DỰ THẢO", Look(bold=True), 13)
        # the box around the word only, not the whole line
        width_pt = (section.page_width - section.left_margin - section.right_margin) / Pt(1)
        mark.paragraph_format.left_indent = Pt(max(0.0, width_pt - text_width_pt("DỰ THẢO", 13, bold=True) - 12))


def _frame(section):
    """The certificate's double red frame: a page border about 11 mm from the paper's edge (Word's largest offset;
    the print's is 12 mm), the text 8 mm and 14 mm inside it."""
    borders = _border(
        "w:pgBorders", ["top", "left", "bottom", "right"], val="double", size_eighths=24, space=31, color="B71C1C"
    )
    borders.set(qn("w:offsetFrom"), "page")
    sect_pr = section._sectPr
    successors = (
        "w:lnNumType",
        "w:pgNumType",
        "w:cols",
        "w:formProt",
        "w:vAlign",
        "w:noEndnote",
        "w:titlePg",
        "w:textDirection",
        "w:bidi",
        "w:rtlGutter",
        "w:docGrid",
        "w:printerSettings",
        "w:sectPrChange",
    )
    sect_pr.insert_element_before(borders, *successors)


def _drop_empty_first_paragraph(container):
    first = container.paragraphs[0] if container.paragraphs else None
    if first is not None and not first.text and first._p.getnext() is not None:
        first._p.getparent().remove(first._p)


def html_to_docx(html, meta=None, *, landscape=False, draft=False):
    """The Word file of a print template's HTML; header, title and closing from `meta` (a DocumentMeta)."""
    rules = page_rules(meta)
    document = Document()
    section = _set_page(document, rules, landscape=landscape)
    _set_fonts(document, rules)
    _page_numbers_and_draft(document, section, draft=draft, landscape=landscape)
    width = _text_width_mm(document)
    root = parse_html(html)
    body = root.find("body") or root
    writer = _Writer(document, width, rules)
    frame = body.find(cls="frame")
    if frame is not None:
        _frame(section)
        foot = frame.find("table", "foot")
        if foot is not None:  # the certificate's number and signature sit at the bottom of the frame
            foot.parent.children.remove(foot)
            section.footer_distance = Mm(20)
            footer = section.first_page_footer
            writer.table(foot, footer, look_of(foot, Look()), width_mm=width)
            _drop_empty_first_paragraph(footer)
    base = Look(size=None)
    for child in body.children:
        if isinstance(child, str):
            if child.strip():
                writer.blocks(Node("div", children=[child]), document, base, width_mm=width)
            continue
        if child.tag in DROPPED or child.has_class("draft-mark") or child.has_class("verification"):
            continue  # the draft mark goes in the page header; the verification code belongs to the issued print
        if child.has_class("doc-header") and meta is not None:
            write_header(document, meta, rules, width)
        elif child.has_class("doc-title") and meta is not None:
            write_title(document, meta, rules)
        elif child.has_class("doc-closing") and meta is not None:
            if writer.last_paragraph is not None:
                writer.last_paragraph.paragraph_format.keep_with_next = True
            write_closing(document, meta, rules, width)
        else:
            wrapper = Node("#fragment", children=[child])
            child.parent = wrapper
            writer.blocks(wrapper, document, base, width_mm=width)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_docx(template_name, context):
    """Render a print template (the one the PDF uses, with the same context) to .docx bytes."""
    html = render_to_string(template_name, {"STATIC_URL": settings.STATIC_URL, **context})
    return html_to_docx(
        html, context.get("doc"), landscape=bool(context.get("landscape")), draft=bool(context.get("draft"))
    )


def docx_response(content, filename):
    """The .docx as a download (attachment), never cached by a shared cache."""
    from django.http import HttpResponse

    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
