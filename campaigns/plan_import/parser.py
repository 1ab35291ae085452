"""Lines of a plan → its structure. Pure functions: no Django, no database, no files.

Works on the two formats in use: Party documents (HD 36-HD/VPTW: "Số 215-KH/HU", "T/M BAN THƯỜNG VỤ") and
state documents (decree 30/2020: "Số: 12/KH-UBND", "TM. ỦY BAN NHÂN DÂN"); section headings "I." or "I-";
items "1." or "1)", sub-items "a)" or "-"; Nơi nhận as a list or on one line; the signature block after
Nơi nhận or beside it (a table read cell by cell).
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

# --- Lines -------------------------------------------------------------------------------------------------


@dataclass
class Line:
    """One paragraph of the source. `cell` is (table, row, column) for text inside a table."""

    text: str
    bold: bool = False
    cell: tuple | None = None
    heading: int = 0  # Word heading level from the paragraph's style (0: body text)


def nfc(value):
    return unicodedata.normalize("NFC", value or "")


def fold(value):
    """Lower case without diacritics, spaces folded ("Nơi nhận" → "noi nhan")."""
    value = unicodedata.normalize("NFD", value or "").replace("đ", "d").replace("Đ", "D")
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", value).strip().lower()


_BOLD_MARK = re.compile(r"\*\*")


def lines_from_text(text):
    """Pasted text → Lines: one per non-empty line; ``**…**`` (markdown bold, as some converters write) is bold."""
    lines, bold = [], False
    for raw in nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            continue
        starts_bold = stripped.startswith("**")
        line_bold = bold or starts_bold
        if stripped.count("**") % 2 == 1:
            bold = not bold
        text_only = _BOLD_MARK.sub("", stripped).strip()
        if text_only:
            lines.append(Line(text=text_only, bold=line_bold))
    return lines


# --- The result ----------------------------------------------------------------------------------------


@dataclass
class ParsedBasis:
    role: str  # "basis" (the plan is issued under it) or "referenced" (cited in the text)
    kind: str  # LegalBasisKind value: CT, NQ, KH, KL, QĐ, L, NĐ, TT, HD, other
    number: str
    issued_on: datetime.date | None
    issuer: str
    title: str


@dataclass
class ParsedArea:
    body: str  # paragraphs, one per line, *italic* kept
    heading: str = ""
    movements: list = field(default_factory=list)


@dataclass
class ParsedAssignment:
    body: str
    requires_subplan: bool = False


@dataclass
class ParsedPlan:
    superior_body: str = ""
    issuing_body: str = ""
    document_format: str = "party"  # or "state"
    document_type: str = "KẾ HOẠCH"
    number: int | None = None
    symbol: str = ""
    place: str = ""
    issued_on: datetime.date | None = None
    year: int | None = None
    title: str = ""  # subject lines, one per line
    preamble: str = ""
    introduction: str = ""
    purpose: str = ""
    requirements: str = ""
    areas: list = field(default_factory=list)
    period_text: str = ""
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    assignments: list = field(default_factory=list)
    closing: str = ""
    recipients: list = field(default_factory=list)
    sign_on_behalf: str = ""
    signer_title: str = ""
    signer_name: str = ""
    legal_bases: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def term(self):
        """The committee's term the number runs in, from the year (Party congresses: 2015, 2020, 2025…)."""
        year = (
            (self.issued_on.year if self.issued_on else None)
            or self.year
            or (self.period_start.year if self.period_start else None)
        )
        if not year:
            return ""
        start = 2015 + 5 * ((year - 2015) // 5)
        return f"{start}-{start + 5}"


# --- Patterns ----------------------------------------------------------------------------------------------

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_SECTION = re.compile(r"^(X{0,1}(?:IX|IV|V?I{0,3}))\s*[.\-–—)/:]\s*(\S.*)$")
_ITEM = re.compile(r"^(\d{1,2})\s*[.)\-–]\s*(\S.*)$")
_SUBITEM = re.compile(r"^([a-zđ])\s*[)\-–.]\s+\S")
_DOC_TYPES = (
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH",
    "HƯỚNG DẪN",
    "QUYẾT ĐỊNH",
    "CHỈ THỊ",
    "THÔNG BÁO",
    "BÁO CÁO",
    "PHƯƠNG ÁN",
    "ĐỀ ÁN",
    "THÔNG TRI",
    "CÔNG VĂN",
)
_DOC_TYPE_KEYS = {fold(t): t for t in _DOC_TYPES}
_NATIONAL = ("dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
_NUMBER = re.compile(r"^S[ốo]\s*:?\s*(\d*)\s*[-/]?\s*([A-ZĐ][\wĐđ\-/.]*)?\s*$", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?P<day>\d{1,2})?[\s.…_]*tháng\s*(?P<month>\d{1,2})?[\s.…_]*năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
_SIGN = re.compile(r"^(T/M|TM\.?|KT\.?|Q\.|TL\.|TUQ\.|THAY MẶT|KÝ THAY)\s", re.IGNORECASE)
_NO_SIGN = re.compile(r"^\(?\s*(đã ký|ký|ký tên|ký, đóng dấu|ký và đóng dấu|ký, ghi rõ họ tên)[^)]*\)?$", re.IGNORECASE)
_PREAMBLE_START = ("can cu", "thuc hien", "thi hanh", "theo ", "trien khai", "quan triet")
_CLOSING_START = (
    "tren day la",
    "nhan duoc ke hoach",
    "nhan duoc van ban",
    "qua trinh thuc hien",
    "trong qua trinh",
    "ke hoach nay duoc",
    "de nghi cac",
    "yeu cau cac",
)
_BODY_KEYS = {
    "purpose": ("muc dich",),
    "content": ("noi dung",),
    "period": ("thoi gian",),
    "assignments": ("to chuc thuc hien", "trach nhiem", "phan cong"),
}


def _strip_markup(text):
    return text.replace("*", "")


def _is_upper(text):
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


# --- Header ------------------------------------------------------------------------------------------------


def _doc_type_index(lines):
    for i, line in enumerate(lines[:40]):
        key = fold(_strip_markup(line.text))
        if key in _DOC_TYPE_KEYS and line.cell is None:
            return i
    return None


_RIGHT_COLUMN = re.compile(
    r"(?<=\s)(?=ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]|[^\s,*](?:[^,*\s]|\s(?!\s)){0,40},\s*ngày\b)"
)


def _split_columns(line):
    """A header line typed with both columns ("ĐẢNG BỘ TỈNH …<tab>ĐẢNG CỘNG SẢN VIỆT NAM") → [(column, text)]."""
    if line.cell is not None:
        return [(line.cell[2], line.text)]
    text = line.text
    if "\t" in text.strip():
        left, _, right = text.strip().partition("\t")
        return [(0, left.strip()), (1, right.strip())]
    for match in _RIGHT_COLUMN.finditer(text):
        left = text[: match.start()].strip()
        if left and re.search(r"\s{2,}$", text[: match.start()]):
            return [(0, left), (1, text[match.start() :].strip())]
    return [(None, text)]


def _parse_header(plan, lines):
    left = []
    for line in lines:
        for column, text in _split_columns(line):
            text = _strip_markup(text).strip()
            key = fold(text)
            if not key or set(key) <= set("*-_—– "):
                continue
            if any(key.startswith(n) for n in _NATIONAL):
                if "cong hoa" in key:
                    plan.document_format = "state"
                continue
            number = _NUMBER.match(text)
            if number and (number.group(1) or number.group(2)):
                _parse_number(plan, text, number)
                continue
            date = _DATE_LINE.match(text)
            if date:
                _parse_date(plan, date)
                continue
            if column == 1:
                continue  # whatever else stands on the right (a motto variant) is not a body
            left.append(text)
    bodies = [t for t in left if _is_upper(t)] or left
    if bodies:
        plan.issuing_body = bodies[-1]
        plan.superior_body = bodies[-2] if len(bodies) > 1 else ""


def _parse_number(plan, text, match):
    if ":" in text[:5]:
        plan.document_format = "state"
    digits, symbol = match.group(1), (match.group(2) or "").strip("-/ ")
    plan.number = int(digits) if digits and int(digits) > 0 else None
    plan.symbol = symbol
    if "/" in text and re.search(r"\d*\s*/\s*[A-ZĐ]", text) and "-" in symbol and plan.document_format != "party":
        plan.document_format = "state"


def _parse_date(plan, match):
    plan.place = match.group("place").strip()
    plan.year = int(match.group("year"))
    day, month = match.group("day"), match.group("month")
    if day and month:
        try:
            plan.issued_on = datetime.date(plan.year, int(month), int(day))
        except ValueError:
            plan.warnings.append(f"Ngày ban hành không hợp lệ: {day}/{month}/{plan.year}.")


# --- Title -------------------------------------------------------------------------------------------------


def _title_end(lines, start):
    """Index after the subject lines that follow the document type."""
    i = start
    any_bold = any(line.bold for line in lines[start : start + 8])
    while i < len(lines):
        line = lines[i]
        key = fold(_strip_markup(line.text))
        if set(key) <= set("-_—– *"):
            i += 1
            break
        if any_bold and not line.bold:
            break
        if not any_bold and (key.startswith(_PREAMBLE_START) or _SECTION.match(line.text) or i - start >= 6):
            break
        if any_bold and (_SECTION.match(line.text) and i > start):
            break
        i += 1
    return i


# --- Body --------------------------------------------------------------------------------------------------


def _body_kind(heading, position):
    key = fold(heading)
    for kind, words in _BODY_KEYS.items():
        if any(w in key for w in words):
            return kind
    return None


def _join_continuations(texts):
    """Paragraphs that begin with a lower-case letter continue the previous one (page break mid-paragraph)."""
    out = []
    for text in texts:
        if out and text[:1].islower() and not _SUBITEM.match(text):
            out[-1] = f"{out[-1].rstrip()} {text.lstrip()}"
        else:
            out.append(text)
    return out


def _split_sections(texts):
    """[(roman, heading, [paragraph])]; paragraphs before the first heading under roman ""."""
    sections = [("", "", [])]
    expected = 0
    for text in texts:
        match = _SECTION.match(text)
        if match and match.group(1):
            roman, heading = match.group(1), match.group(2).strip()
            # A section heading is the next roman numeral, written in capitals (or short).
            if roman in ROMAN and ROMAN.index(roman) == expected and (_is_upper(heading) or len(heading) < 60):
                sections.append((roman, heading, []))
                expected += 1
                continue
        sections[-1][2].append(text)
    return sections


def _items(paragraphs):
    """Numbered items "1." with their following paragraphs: ([lead paragraphs], [[item paragraphs]])."""
    lead, items = [], []
    expected = 1
    for text in paragraphs:
        match = _ITEM.match(text)
        if match and int(match.group(1)) == expected:
            items.append([match.group(2).strip()])
            expected += 1
        elif items:
            items[-1].append(text)
        else:
            lead.append(text)
    return lead, items


def _body_of(paragraphs):
    return "\n".join(p.strip() for p in paragraphs if p.strip())


def _parse_purpose(plan, paragraphs):
    purpose, requirements, current = [], [], None
    lead, items = _items(paragraphs)
    if items and all(len(item[0]) < 40 for item in items):
        for item in items:
            key = fold(_strip_markup(item[0]))
            if "yeu cau" in key and "muc dich" not in key:
                requirements.extend(item[1:])
            else:
                purpose.extend(item[1:])
        purpose = lead + purpose
    else:
        for text in paragraphs:
            key = fold(_strip_markup(text)).rstrip(":.")
            if key in ("muc dich", "a) muc dich", "a. muc dich"):
                current = purpose
                continue
            if key in ("yeu cau", "b) yeu cau", "b. yeu cau"):
                current = requirements
                continue
            (current if current is not None else purpose).append(text)
    plan.purpose = _body_of(purpose)
    plan.requirements = _body_of(requirements)


_QUOTE = re.compile(r"[“\"]\s*([^”\"]{3,200}?)\s*[”\"]")
_MOVEMENT_BEFORE = re.compile(r"(phong trào(?: thi đua)?|cuộc vận động|phong trào thi đua yêu nước)\s*:?\s*$", re.I)
_CHAIN = re.compile(r"^[\s,;:]*(?:(?:và|phong trào(?: thi đua)?|cuộc vận động)\s*)*$", re.I)


def movements_in(text):
    """Quoted movement names: a quotation right after "phong trào (thi đua)" / "cuộc vận động", or continuing
    such a list (only separators, "và", "phong trào" between the quotations)."""
    names, last_end, chained = [], 0, False
    for match in _QUOTE.finditer(text):
        before = text[last_end : match.start()]
        window = text[max(0, match.start() - 60) : match.start()]
        if (chained and _CHAIN.match(before)) or _MOVEMENT_BEFORE.search(window):
            name = _strip_markup(match.group(1)).strip()
            if name and name not in names:
                names.append(name)
            chained = True
        else:
            chained = False
        last_end = match.end()
    return names


def _parse_content(plan, paragraphs):
    lead, items = _items(paragraphs)
    if not items:
        items = [[p] for p in paragraphs]
        lead = []
    elif lead:
        plan.warnings.append("Đoạn mở đầu phần nội dung thi đua được ghép vào nội dung thứ nhất.")
        items[0] = lead + items[0]
    for item in items:
        body = _body_of(item)
        plan.areas.append(ParsedArea(body=body, heading=_short_heading(body), movements=movements_in(body)))


def _short_heading(body):
    first = _strip_markup(body.split("\n", 1)[0])
    sentence = re.split(r"(?<=[.;:])\s", first, maxsplit=1)[0].rstrip(".;:")
    return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"


_MONTH_SPAN = re.compile(r"tháng\s*(\d{1,2})\s*[/\-.]\s*(\d{4}).*?tháng\s*(\d{1,2})\s*[/\-.]\s*(\d{4})", re.I)
_DAY_SPAN = re.compile(
    r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}).*?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})",
)
_YEAR_SPAN = re.compile(r"năm\s*(\d{4})(?:.*?(?:đến|-|–)\s*(?:hết\s*)?(?:năm\s*)?(\d{4}))?", re.I)


def parse_period(text):
    """(start, end) from "Từ tháng 10/2019 đến hết tháng 12/2020", "từ 01/3/2024 đến 31/12/2024", "năm 2024"."""
    text = text or ""
    match = _DAY_SPAN.search(text)
    if match:
        d1, m1, y1, d2, m2, y2 = (int(g) for g in match.groups())
        try:
            return datetime.date(y1, m1, d1), datetime.date(y2, m2, d2)
        except ValueError:
            pass
    match = _MONTH_SPAN.search(text)
    if match:
        m1, y1, m2, y2 = (int(g) for g in match.groups())
        if 1 <= m1 <= 12 and 1 <= m2 <= 12:
            end = datetime.date(y2 + (m2 == 12), m2 % 12 + 1, 1) - datetime.timedelta(days=1)
            return datetime.date(y1, m1, 1), end
    match = _YEAR_SPAN.search(text)
    if match:
        y1 = int(match.group(1))
        y2 = int(match.group(2) or y1)
        return datetime.date(y1, 1, 1), datetime.date(y2, 12, 31)
    return None, None


_SEP = r"(?:\s*,\s*|\s+va\s+|\s+)"
_SUBPLAN = re.compile(
    r"xay dung" + _SEP + r"(?:(?:trien khai|ban hanh|thuc hien|to chuc|phe duyet)" + _SEP + r")*ke hoach"
)


def implies_subplan(text):
    """Does an assignment ask its units to write their own plan ("… xây dựng kế hoạch …", "xây dựng, triển khai
    Kế hoạch …", "xây dựng và ban hành kế hoạch")?"""
    return bool(_SUBPLAN.search(fold(text or "")))


def _parse_assignments(plan, paragraphs):
    lead, items = _items(paragraphs)
    closing = []
    if items:
        last = items[-1]
        for i, text in enumerate(last[1:], 1):
            if fold(_strip_markup(text)).startswith(_CLOSING_START):
                closing = last[i:]
                del last[i:]
                break
    else:
        for i, text in enumerate(paragraphs):
            if fold(_strip_markup(text)).startswith(_CLOSING_START):
                closing = paragraphs[i:]
                paragraphs = paragraphs[:i]
                break
        items = [[p] for p in paragraphs]
        lead = []
    if lead:
        plan.warnings.append("Đoạn mở đầu phần tổ chức thực hiện được ghép vào nhiệm vụ thứ nhất.")
        items[0] = lead + items[0]
    for item in items:
        body = _body_of(item)
        plan.assignments.append(ParsedAssignment(body=body, requires_subplan=implies_subplan(body)))
    plan.closing = _body_of(closing)


# --- Legal bases -------------------------------------------------------------------------------------------

_KINDS = {
    "chi thi": "CT",
    "nghi quyet": "NQ",
    "ke hoach": "KH",
    "ket luan": "KL",
    "quyet dinh": "QĐ",
    "luat": "L",
    "nghi dinh": "NĐ",
    "thong tu": "TT",
    "huong dan": "HD",
}
_BASIS = re.compile(
    r"(?P<kind>Chỉ thị|Nghị quyết|Kế hoạch|Kết luận|Quyết định|Luật|Nghị định|Thông tư|Hướng dẫn|Thông tri|Công văn)"
    r"\s+(?:số\s*)?(?P<number>\d+[\w/\-Đđ]*[-/][\w/\-Đđ]*\w)"
    r"(?:\s*,?\s*ngày\s*(?P<d>\d{1,2})\s*[/\-.]\s*(?P<m>\d{1,2})\s*[/\-.]\s*(?P<y>\d{4}))?"
    r"(?:\s+(?:của|do)\s+(?P<issuer>[^,;.“”\"]+?))?"
    r"(?=\s+về\s|\s*[,;.:“”\"]|\s+và\s|\s*$)"
    r"(?:\s+về\s+(?P<title>[^;]+?)(?=[;]|\.\s|\.$|$))?",
)


def legal_bases_in(text, role):
    found = []
    for match in _BASIS.finditer(_strip_markup(text or "")):
        issued_on = None
        if match.group("y"):
            try:
                issued_on = datetime.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            except ValueError:
                issued_on = None
        title = (match.group("title") or "").strip().strip('“”"').strip()
        if title:
            title = "Về " + title if role == "basis" else title[:1].upper() + title[1:]
        found.append(
            ParsedBasis(
                role=role,
                kind=_KINDS.get(fold(match.group("kind")), "other"),
                number=match.group("number"),
                issued_on=issued_on,
                issuer=(match.group("issuer") or "").strip(),
                title=title,
            )
        )
    return found


def _collect_bases(plan):
    seen = set()
    for basis in legal_bases_in(plan.preamble, "basis"):
        if basis.number not in seen:
            seen.add(basis.number)
            plan.legal_bases.append(basis)
    for area in plan.areas:
        for basis in legal_bases_in(area.body, "referenced"):
            if basis.number not in seen and basis.issued_on:
                seen.add(basis.number)
                plan.legal_bases.append(basis)


# --- Nơi nhận and signature ----------------------------------------------------------------------------


def _is_recipients_label(text):
    return fold(_strip_markup(text)).startswith("noi nhan")


def _split_one_line_recipients(text):
    text = re.sub(r"^\s*N[ơo]i nh[ậa]n\s*:?", "", text, flags=re.I).strip()
    if not text:
        return []
    if re.search(r"(^|\s)[-+•]\s", text):
        parts = re.split(r"(?:^|\s)[-+•]\s+", text)
    else:
        parts = re.split(r"\s*;\s*", text)
    return [p.strip() for p in parts if p.strip()]


def _looks_like_name(text):
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not _is_upper(text)


def _parse_closing_block(plan, lines):
    """Everything from "Nơi nhận" or the signature on: recipients (list or one line) and the signature block."""
    in_recipients, signature = False, []
    for line in lines:
        text = _strip_markup(line.text).strip()
        if _is_recipients_label(text):
            in_recipients = True
            plan.recipients.extend(_split_one_line_recipients(text))
            continue
        if _SIGN.match(text) or (line.cell is not None and line.cell[2] == 1 and not text.startswith(("-", "+"))):
            in_recipients = False
            signature.append(text)
            continue
        if in_recipients and (text[:1] in "-+•" or not signature):
            plan.recipients.append(re.sub(r"^[-+•]\s*", "", text).strip())
            continue
        signature.append(text)
    signature = [s for s in signature if not _NO_SIGN.match(s)]
    for text in signature:
        if _SIGN.match(text) and not plan.sign_on_behalf:
            plan.sign_on_behalf = text
        elif _is_upper(text) and not plan.signer_title and not plan.signer_name:
            plan.signer_title = text
        elif _looks_like_name(text) and not plan.signer_name:
            plan.signer_name = text
        elif _is_upper(text) and plan.signer_title and not plan.signer_name:
            plan.signer_title += " " + text
        else:
            plan.warnings.append(f"Không rõ dòng cuối văn bản: «{text}».")


def _closing_start(lines, start):
    for i in range(start, len(lines)):
        text = _strip_markup(lines[i].text).strip()
        if _is_recipients_label(text) or (_SIGN.match(text) and len(text) < 60):
            return i
        cell = lines[i].cell
        if cell is not None and i > start and lines[i - 1].cell is None:
            # A table after the body: Nơi nhận beside the signature.
            rest = [_strip_markup(line.text) for line in lines[i:] if line.cell is not None]
            if any(_is_recipients_label(t) or _SIGN.match(t) for t in rest):
                return i
    return len(lines)


# --- Everything --------------------------------------------------------------------------------------------


def parse_plan(lines):
    """Lines → ParsedPlan. Nothing is dropped silently: text the parser cannot place is reported in `warnings`."""
    plan = ParsedPlan()
    lines = [Line(nfc(line.text).strip(), line.bold, line.cell, line.heading) for line in lines if line.text.strip()]
    type_at = _doc_type_index(lines)
    if type_at is None:
        plan.warnings.append("Không thấy tên loại văn bản (KẾ HOẠCH…): phần tiêu đề có thể chưa đúng.")
        # The header is whatever table stands first; the body starts after it.
        type_at = 0
        while type_at < len(lines) and lines[type_at].cell is not None:
            type_at += 1
        header, title_start = lines[:type_at], type_at
    else:
        header, title_start = lines[:type_at], type_at + 1
        plan.document_type = _DOC_TYPE_KEYS[fold(_strip_markup(lines[type_at].text))]
    _parse_header(plan, header)
    title_end = _title_end(lines, title_start) if type_at is not None else title_start
    title_lines = []
    for line in lines[title_start:title_end]:
        text = _strip_markup(line.text).strip()
        if set(text) <= set("-_—– "):
            continue
        title_lines.extend(part.strip() for part in text.split("\n") if part.strip())
    plan.title = "\n".join(title_lines)
    if title_lines and fold(title_lines[0]).startswith("v/v"):
        plan.title = "\n".join([re.sub(r"^V/v\s*", "", title_lines[0], flags=re.I)] + title_lines[1:])
    closing_at = _closing_start(lines, title_end)
    body_texts = []
    for line in lines[title_end:closing_at]:
        body_texts.extend(part.strip() for part in line.text.split("\n") if part.strip())
    body_texts = _join_continuations(body_texts)
    sections = _split_sections(body_texts)
    _, _, opening = sections[0]
    preamble, introduction = [], []
    for text in opening:
        (
            preamble if fold(_strip_markup(text)).startswith(_PREAMBLE_START) and not introduction else introduction
        ).append(text)
    plan.preamble, plan.introduction = _body_of(preamble), _body_of(introduction)
    fallback = ["purpose", "content", "period", "assignments"]
    for position, (roman, heading, paragraphs) in enumerate(sections[1:]):
        kind = _body_kind(heading, position) or (fallback[position] if position < len(fallback) else None)
        if kind == "purpose":
            _parse_purpose(plan, paragraphs)
        elif kind == "content":
            _parse_content(plan, paragraphs)
        elif kind == "period":
            plan.period_text = " ".join(_strip_markup(p) for p in paragraphs).strip()
            plan.period_start, plan.period_end = parse_period(plan.period_text)
        elif kind == "assignments":
            _parse_assignments(plan, paragraphs)
        else:
            plan.warnings.append(f"Phần «{roman}. {heading}» không thuộc mục nào: đã ghép vào nội dung thi đua.")
            plan.areas.append(ParsedArea(body=_body_of([heading] + paragraphs), heading=heading))
    if len(sections) == 1 and opening:
        plan.warnings.append("Không thấy các phần I, II, III, IV: toàn bộ nội dung được đặt vào lời dẫn.")
    _parse_closing_block(plan, lines[closing_at:])
    _collect_bases(plan)
    if plan.period_start is None:
        year = plan.issued_on.year if plan.issued_on else plan.year
        if year:
            plan.period_start, plan.period_end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            plan.warnings.append("Không đọc được thời gian thực hiện: tạm lấy cả năm ban hành, hãy kiểm tra.")
    return plan
