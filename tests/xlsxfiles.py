"""Hand-built xlsx files for the import's tests, down to the XML: good ones and weapons (zip bombs, DOCTYPE,
oversized strings, lying dimensions). Large parts are written in chunks, so building a 150 MB string costs
the test no memory."""

import io
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def workbook_xml(sheet="file nhận"):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def inline_row(number, values):
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
        for i, v in enumerate(values)
        if v is not None
    )
    return f'<row r="{number}">{cells}</row>'


def sheet_xml(rows, dimension=None, doctype=""):
    """rows: [(row number, values)] written as inline strings."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(inline_row(n, values) for n, values in rows)
    return f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="{MAIN}">{dim}<sheetData>{body}</sheetData></worksheet>'


def shared_strings_xml(strings):
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(strings)}">{items}</sst>'


def build(sheet, shared=None, extra=(), compression=zipfile.ZIP_DEFLATED):
    """An xlsx as bytes. sheet / shared / extra parts: str, bytes, or an iterable of bytes chunks (streamed)."""
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook_xml()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", shared if shared is not None else shared_strings_xml([])),
        *extra,
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in parts:
            chunks = [content] if isinstance(content, (str, bytes)) else content
            with archive.open(name, "w", force_zip64=chunks is content) as part:
                for chunk in chunks:
                    part.write(chunk.encode() if isinstance(chunk, str) else chunk)
    return out.getvalue()


def repeated(head, unit, count, tail, chunk=1 << 20):
    """head + unit * count + tail as chunks of about `chunk` bytes (for parts of hundreds of MB)."""
    yield head.encode()
    block = unit.encode() * max(1, chunk // len(unit))
    per_block = max(1, chunk // len(unit))
    left = count
    while left >= per_block:
        yield block
        left -= per_block
    yield unit.encode() * left
    yield tail.encode()


def huge_shared_string(length):
    """A workbook whose only shared string is `length` characters long (compresses to about length/1000)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="1"><si><t>'
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    )
    return build(sheet, repeated(head, "A", length, "</t></si></sst>"))


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
)


def billion_laughs(rows):
    """The sheet's text cells are "&lol9;" (10^9 "lol") under a DOCTYPE declaring it."""
    sheet = sheet_xml(rows, doctype=BILLION_LAUGHS).replace("<t>LOL</t>", "<t>&lol9;</t>")
    return build(sheet)


def zip_bomb(size):
    """A valid workbook plus a part of `size` zero bytes (about size/1000 compressed)."""
    return build(sheet_xml([(1, ["STT"])]), extra=[("xl/media/image1.bin", repeated("", "\0", size, ""))])


def lying_directory(data, name, declared):
    """The same zip, but `name`'s uncompressed size claims `declared` bytes in both headers."""
    import struct

    data = bytearray(data)
    encoded = name.encode()
    # central directory entries: signature PK\x01\x02, uncompressed size at offset 24, name at 46
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if bytes(data[start + 46 : start + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, start + 24, declared)
            local = struct.unpack_from("<I", data, start + 42)[0]
            struct.pack_into("<I", data, local + 22, declared)
        start += 4
    return bytes(data)
