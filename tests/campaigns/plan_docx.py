"""Build .docx files as offices write them, for the import tests: Word-like styles, automatic numbering of
headings and items, a two-column header table, a page break mid-paragraph, Nơi nhận beside the signature."""

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.seed import REPO_SEED

NUM_ID = 90
NUMBERING = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ID}">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
    "</w:abstractNum>"
)


def _numbering(document):
    part = document.part.numbering_part
    root = part.element
    abstract = parse_xml(NUMBERING)
    first_num = root.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'))


def _numbered(paragraph, level):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))


def _runs(paragraph, text, bold=False):
    """*…* in the text becomes an italic run (the movements' names)."""
    for i, part in enumerate(re.split(r"\*([^*]+)\*", text)):
        if part:
            run = paragraph.add_run(part)
            run.italic = i % 2 == 1 or None
            run.bold = bold or None


def _cell_lines(cell, lines, bold=(), italic=(), underline=()):
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = i in bold or None
        run.italic = i in italic or None
        run.underline = i in underline or None


def seed_docx():
    """The seed plan as a clerk's Word file."""
    blocks = [b.strip() for b in REPO_SEED.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    document = Document()
    _numbering(document)
    header = document.add_table(rows=1, cols=2)
    _cell_lines(header.cell(0, 0), ["ĐẢNG BỘ TỈNH SƠN LA", "HUYỆN ỦY MAI SƠN", "*", "Số      -KH/HU"], bold=(1,))
    _cell_lines(
        header.cell(0, 1),
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Mai Sơn, ngày     tháng     năm 2019"],
        bold=(0,),
        italic=(2,),
        underline=(0,),
    )
    section = ""
    for block in blocks:
        lines = block.split("\n")
        if block == "KẾ HOẠCH":
            p = document.add_paragraph(style="Title")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(block).bold = True
            continue
        if block.startswith("**"):
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for i, line in enumerate(block.strip("*").split("\n")):
                run = p.add_run(line)
                run.bold = True
                if i < len(lines) - 1:
                    run.add_break()  # soft line break inside the subject, as Word keeps it
            continue
        heading = re.match(r"^(I|II|III|IV)\. (.+)$", block)
        if heading:
            section = heading.group(1)
            p = document.add_paragraph(style="Heading 1")
            _numbered(p, 0)
            p.add_run(heading.group(2))
            continue
        item = re.match(r"^(\d)\. (.+)$", block, re.S)
        if item and section in ("I", "II", "IV"):
            style = "Heading 2" if section == "I" else None
            p = document.add_paragraph(style=style)
            _numbered(p, 1)
            _runs(p, item.group(2))
            if "gắn với việc thực hiện Chỉ thị" in block and block.endswith("Chỉ thị"):
                p.add_run().add_break(WD_BREAK.PAGE)  # the page ends mid-paragraph, as in the source
            continue
        if block.startswith("Nơi nhận"):
            continue
        if all(line.startswith("- ") for line in lines):
            closing = document.add_table(rows=1, cols=2)
            left = closing.cell(0, 0)
            left.paragraphs[0].text = ""
            label = left.paragraphs[0].add_run("Nơi nhận:")
            label.bold = label.italic = label.underline = True
            for line in lines:
                left.add_paragraph(line)
            continue
        if lines[0].startswith("T/M "):
            signature = closing.cell(0, 1)
            _cell_lines(signature, [line for line in lines if line.strip()] + ["", ""], bold=(0, 1))
            continue
        if block == "Lê Đình Châu":
            p = signature.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(block).bold = True
            continue
        p = document.add_paragraph()
        p.paragraph_format.first_line_indent = 360000
        _runs(p, " ".join(lines))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_part(data, name, content):
    """A copy of a .docx with one part replaced (to build hostile files)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == name else source.read(info))
        if name not in source.namelist():
            target.writestr(name, content)
    return out.getvalue()
