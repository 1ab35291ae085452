"""Official prints of units' documents (a sub-plan, a progress report) through thidua.documents.pdf.

The format follows the kind of the issuing unit (`unit_style`): party committees and party cells print in the
Party format (HD 36-HD/VPTW: "Số 18-KH/ĐU", "T/M ĐẢNG ỦY"); people's committees and state agencies in the
state format (decree 30/2020/NĐ-CP: "Số: 10/KH-UBND", "TM. ỦY BAN NHÂN DÂN"); the Fatherland Front and mass
organisations with the national name on the right as well ("Số: 15/KH-MTTQ", "TM. BAN THƯỜNG TRỰC").
The superior body is the parent organisation's printed header when it belongs to the same system.
Synchronous: these documents are 1–5 pages.
"""

import re
from dataclasses import dataclass

from thidua.documents import blocks
from thidua.documents.docx import render_docx
from thidua.documents.pdf import DocumentMeta, render_pdf
from thidua.text import fold, vn_date
from units.enums import OrgKind, OrgLevel

BLANK = "\u00a0" * 6  # space left to write by hand

PARTY, STATE = "party", "state"  # thidua.documents.pdf document_format values

# Which system a kind of organisation belongs to: decides the header and whether the parent is printed above it.
PARTY_KINDS = {
    OrgKind.PARTY_COMMITTEE,
    OrgKind.STANDING_COMMITTEE,
    OrgKind.COMMITTEE_BOARD,
    OrgKind.PARTY_CELL,
    OrgKind.COMMUNE,
}
STATE_KINDS = {OrgKind.PEOPLES_COMMITTEE, OrgKind.AGENCY}


@dataclass(frozen=True)
class UnitStyle:
    document_format: str  # "party" or "state" (the fatherland front and mass organisations use the state header)
    sign_on_behalf: str  # default "T/M …" / "TM. …" line; the unit may type its own
    signer_title: str  # default title of the signer; the unit may type its own


def unit_style(org):
    """The default format and signature lines of documents a unit issues, from Organization.kind."""
    name = fold(org.name)
    kind = org.kind
    if kind in (OrgKind.PARTY_COMMITTEE, OrgKind.STANDING_COMMITTEE):
        high = kind == OrgKind.STANDING_COMMITTEE or org.level in (
            OrgLevel.CENTRAL,
            OrgLevel.PROVINCE,
            OrgLevel.DISTRICT,
        )
        return UnitStyle(PARTY, "T/M BAN THƯỜNG VỤ" if high else "T/M ĐẢNG ỦY", "BÍ THƯ")
    if kind in (OrgKind.COMMUNE, OrgKind.PARTY_CELL):
        return UnitStyle(PARTY, "T/M CHI BỘ" if name.startswith("chi bo") else "T/M ĐẢNG ỦY", "BÍ THƯ")
    if kind == OrgKind.COMMITTEE_BOARD:
        if name.startswith("uy ban kiem tra"):
            return UnitStyle(PARTY, "T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM")
        return UnitStyle(PARTY, "", "CHÁNH VĂN PHÒNG" if name.startswith("van phong") else "TRƯỞNG BAN")
    if kind == OrgKind.PEOPLES_COMMITTEE:
        return UnitStyle(STATE, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    if kind == OrgKind.AGENCY:
        return UnitStyle(STATE, "", "GIÁM ĐỐC" if name.startswith(("trung tam", "cong thong tin")) else "THỦ TRƯỞNG")
    if kind == OrgKind.FATHERLAND_FRONT:
        return UnitStyle(STATE, "TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH")
    if kind == OrgKind.MASS_ORGANIZATION:
        youth = name.startswith(("huyen doan", "tinh doan", "thanh doan", "doan "))
        return UnitStyle(STATE, "TM. BAN THƯỜNG VỤ", "BÍ THƯ" if youth else "CHỦ TỊCH")
    return UnitStyle(PARTY, "", "")


# Symbols of issuing bodies by the start of their (diacritic-free) name; longest prefixes first.
_SYMBOLS = [
    ("ban thuong vu huyen uy", "HU"),
    ("ban thuong vu tinh uy", "TU"),
    ("huyen uy", "HU"),
    ("tinh uy", "TU"),
    ("thanh uy", "TU"),
    ("dang uy", "ĐU"),
    ("dang bo", "ĐB"),
    ("chi bo", "CB"),
    ("uy ban nhan dan", "UBND"),
    ("uy ban mat tran to quoc", "MTTQ"),
    ("hoi lien hiep phu nu", "HLHPN"),
    ("huyen doan", "HĐ"),
    ("tinh doan", "TĐ"),
    ("hoi nong dan", "HND"),
    ("hoi cuu chien binh", "HCCB"),
    ("lien doan lao dong", "LĐLĐ"),
]
_PLACE_WORDS = {"huyen", "xa", "tinh", "thi", "thanh", "phuong", "ban", "thon"}


def _initials(words):
    return "".join("Đ" if w[0] in "Đđ" else fold(w[0]).upper() for w in words if w[0].isalpha())


def unit_symbol(org):
    """The issuing body's symbol in document numbers: "ĐU", "UBND", "MTTQ", "HĐ", "BTGHU", "CB"…"""
    name = fold(org.name)
    for prefix, symbol in _SYMBOLS:
        if name.startswith(prefix):
            return symbol
    words = org.name.split()
    folded = name.split()
    # A board of a party committee: initials of the board and the committee's symbol ("Ban Tuyên giáo Huyện ủy" → BTGHU).
    for i in range(1, len(folded) - 1):
        if folded[i + 1] == "uy" and folded[i] in ("huyen", "tinh", "thanh"):
            return _initials(words[:i]) + ("HU" if folded[i] == "huyen" else "TU")
    # Otherwise the initials of the name up to its place ("Trung tâm Văn hóa - Truyền thông huyện …" → TTVHTT).
    head = []
    for word, key in zip(words, folded, strict=True):
        if head and key in _PLACE_WORDS and word[0].islower():
            break
        head.append(word)
    return _initials(head) or "ĐV"


_NUMBERED = re.compile(
    r"^(?:số\s*:?\s*)?(?P<n>\d+[a-z]?)(?:\s*[-/]\s*(?P<code>[A-ZĐ]{2,4})\b)?(?:\s*[-/]\s*(?P<symbol>\S.*))?$",
    re.IGNORECASE,
)


def _symbol(code, org_symbol, document_format):
    return f"{code}-{org_symbol}" if document_format == STATE else f"{code}/{org_symbol}"


def document_number(number, code, org, document_format=None, issued_on=None):
    """The number as written in the unit's format: "18-KH/ĐU" (Party), "10/KH-UBND" (state), padded as the format
    of the issue date asks ("05-KH/ĐU" from 2026; thidua/documents/blocks.py).

    `number` is what the unit typed: just the figure ("18"), the figure and type ("18-KH", the unit's symbol is
    added), or a whole number-symbol in either style ("18-KH/ĐU", "10/KH-UBND"), rewritten to the unit's format.
    Anything else is kept as typed.
    """
    document_format = document_format or unit_style(org).document_format
    match = _NUMBERED.match((number or "").strip())
    if not match:
        return (number or "").strip()
    code = (match["code"] or code).upper()
    symbol = (match["symbol"] or "").strip() or unit_symbol(org)
    return blocks.reference(document_format, match["n"], _symbol(code, symbol, document_format), issued_on)


def register_number(number, code, org, document_format=None):
    """(number, symbol) of what the unit typed, for the register of outgoing documents: "18" -> (18, "KH/ĐU"),
    "10/KH-UBND" -> (10, "KH-UBND"); (None, "") when it is not a plain number ("18a", free text)."""
    document_format = document_format or unit_style(org).document_format
    match = _NUMBERED.match((number or "").strip())
    if not match or not match["n"].isdigit() or int(match["n"]) == 0:
        return None, ""
    code = (match["code"] or code).upper()
    symbol = (match["symbol"] or "").strip() or unit_symbol(org)
    return int(match["n"]), _symbol(code, symbol, document_format)


def printed_reference(number, code, org, document_format, issued_on=None):
    """The reference line: "Số 18-KH/ĐU" (Party, no colon), "Số: 10/KH-UBND" (state)."""
    if not number:
        return blocks.printed_reference(
            document_format, None, _symbol(code, unit_symbol(org), document_format), issued_on, blank=BLANK
        )
    written = document_number(number, code, org, document_format, issued_on)
    return blocks.printed_reference_text(document_format, written, issued_on)


def _superior(org):
    """The parent's printed header, when the parent belongs to the same system (UBND huyện: none above it)."""
    parent = org.parent if org.parent_id else None
    if parent is None:
        return ""
    if org.kind == OrgKind.FATHERLAND_FRONT:
        return ""
    # A mass organisation is a member of the front, not under it: only its own superior (Hội LHPN tỉnh) prints.
    family = next(
        (kinds for kinds in (PARTY_KINDS, STATE_KINDS, {OrgKind.MASS_ORGANIZATION}) if org.kind in kinds), PARTY_KINDS
    )
    if parent.kind not in family:
        return ""
    return parent.printed_header


def _header(doc, code):
    org = doc.organization
    style = unit_style(org)
    place = doc.place or BLANK
    date = vn_date(doc.issued_on) if doc.issued_on else f"ngày {BLANK} tháng {BLANK} năm {BLANK}"
    return {
        "document_format": style.document_format,
        "superior_body": _superior(org),
        "issuing_body": org.name.upper(),
        "printed_reference": printed_reference(doc.number, code, org, style.document_format, doc.issued_on),
        "place_and_date": f"{place}, {date}",
        "sign_on_behalf": (doc.sign_on_behalf or style.sign_on_behalf).upper(),
        "signer_title": (doc.signer_title or style.signer_title).upper(),
        "signer_name": doc.signer_name,
        "recipients": [f"{doc.campaign.issuer.name} (để báo cáo)", "Lưu."],
        "issued_on": doc.issued_on,
    }


def document_print(doc):
    """Any unit document's print template and context, in its unit's format: the kind gives the title, the template
    and its reads. The PDF and the Word copy are made from the same."""
    from .unitdocs.core import kind_of

    kind = kind_of(doc)
    meta = DocumentMeta(
        document_type=kind.labels["type"], title=kind.print_title(doc), **_header(doc, kind.labels["code"])
    )
    context = {"doc": meta, "obj": doc, "campaign": doc.campaign, **kind.document(doc)}
    if kind.print_name:
        context[kind.print_name] = doc
    return kind.print_template, context


def document_pdf(doc):
    return render_pdf(*document_print(doc))


def document_docx(doc):
    """The Word copy (thidua/documents/docx.py): same template, same context, same format as the PDF."""
    return render_docx(*document_print(doc))


def filename(doc, extension="pdf"):
    from .unitdocs.core import kind_of

    variant = f"-{doc.kind}" if kind_of(doc).variants else ""
    return f"{kind_of(doc).labels['file']}{variant}-{doc.organization.code}-{doc.campaign_id}.{extension}"


subplan_pdf = report_pdf = document_pdf  # the names tests and callers used before the unit-document core
