"""The format rules of official documents as dated data: which format a document follows is decided by the kind
of its issuer (Party or state) and its issue date, like the award catalogue's dated rows.

    from thidua.documents.formats import format_for

    rules = format_for("party", date(2019, 10, 25))   # Party format per Hướng dẫn 36-HD/VPTW (2018)
    rules = format_for("party", date.today())         # Party format per Quy định 399-QĐ/TW + HD 05-HD/VPTW (2026)
    rules = format_for("state", any_date)             # state format per Nghị định 30/2020/NĐ-CP
    rules.printed_reference(5, "NQ/ĐU")               # "Số 05-NQ/ĐU" (2026 Party), "Số 5-NQ/ĐU" (2018 Party)

The built-in values below are the defaults; the rows of ``FormatSetting`` (admin: "Thể thức văn bản", seeded by a
data migration) override the settings that could not be checked against the published text (README, "Official
documents"), so an office can correct them without a release. ``UNVERIFIED`` lists them per format.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass, field
from datetime import date

PARTY, STATE = "party", "state"
KINDS = (PARTY, STATE)


@dataclass(frozen=True)
class FormatRules:
    """One format of official documents. Sizes in pt, lengths in mm. Stable fields (the Word writer and the print
    templates read them): add fields, do not rename them."""

    key: str  # "party-hd36-2018", "party-hd05-2026", "state-nd30-2020"
    kind: str  # PARTY or STATE
    name: str  # short label: "Thể thức văn bản của Đảng (HD 36-HD/VPTW)"
    legal_basis: str  # the texts the format follows
    valid_from: date  # documents issued on or after this date follow it (until the next format of the kind)
    # Page (A4 portrait)
    margin_top_mm: float = 25
    margin_bottom_mm: float = 25
    margin_left_mm: float = 35
    margin_right_mm: float = 15
    # Body text
    body_pt: float = 14
    line_spacing_pt: float | None = None  # exact line spacing; None: line_height (a multiple of the size)
    line_height: float = 1.25
    paragraph_after_pt: float = 6
    first_line_indent_mm: float = 10
    # Header blocks: the issuer block on the left, the Party/national line on the right
    header_left_pct: float = 44
    header_right_pct: float = 56
    superior_pt: float = 14  # "ĐẢNG BỘ TỈNH SƠN LA" / "UBND TỈNH SƠN LA"
    issuing_pt: float = 14  # "HUYỆN ỦY MAI SƠN" (bold)
    headline_pt: float = 15  # "ĐẢNG CỘNG SẢN VIỆT NAM" / "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto_pt: float = 0  # "Độc lập - Tự do - Hạnh phúc" (state only)
    reference_pt: float = 14  # "Số 215-KH/HU"
    place_date_pt: float = 14  # "Mai Sơn, ngày 25 tháng 10 năm 2019" (italic)
    document_type_pt: float = 16  # "KẾ HOẠCH" (bold capitals)
    subject_pt: float = 14  # the subject (trích yếu), bold
    # Closing
    recipients_label_pt: float = 14  # "Nơi nhận:"
    recipients_pt: float = 12  # the list
    signature_pt: float = 14  # T/M …, title, name (bold)
    # Conventions
    reference_pattern: str = "Số {number}-{symbol}"  # state: "Số: {number}/{symbol}"
    number_zero_pad: int = 0  # 2: numbers below 10 print with a leading zero ("05")
    on_behalf: str = "T/M"  # thay mặt (collective signs): "T/M" (Party) / "TM." (state)
    deputy: str = "K/T"  # ký thay: "K/T" / "KT."
    by_order: str = "T/L"  # thừa lệnh: "T/L" / "TL."
    authorised: str = "T/U"  # thừa ủy quyền: "T/U" / "TUQ."
    committee_spelling: str = ""  # "ỦY": "ĐẢNG UỶ" prints "ĐẢNG ỦY" (2026); "UỶ" the reverse; "": as typed
    archive_recipient: str = "Lưu Văn phòng"  # the last line of Nơi nhận
    numbering_period: str = "term"  # "term" (Party: numbers restart each nhiệm kỳ) or "year" (state)
    unverified: tuple = field(default=(), compare=False)  # settings not checked against the published text

    @property
    def is_party(self):
        return self.kind == PARTY

    @property
    def is_state(self):
        return self.kind == STATE

    def number_text(self, number):
        """The number as it prints: "05" when the format pads numbers below 10, "" when there is none yet."""
        if number in (None, ""):
            return ""
        text = str(number)
        if self.number_zero_pad and text.isdigit():
            text = text.zfill(self.number_zero_pad)
        return text

    def printed_reference(self, number, symbol, *, blank="    "):
        """ "Số 215-KH/HU" (Party), "Số 05-NQ/ĐU" (Party 2026), "Số: 12/QĐ-UBND" (state); a blank to fill by hand
        while the document has no number."""
        return self.reference_pattern.format(number=self.number_text(number) or blank, symbol=symbol)

    @property
    def reference_prefix(self):
        """ "Số " (Party) / "Số: " (state): what precedes the number."""
        return self.reference_pattern.split("{number}")[0]

    def reference(self, number, symbol):
        """The reference without "Số": "215-KH/HU", "12/QĐ-UBND"."""
        separator = "/" if self.is_state else "-"
        return f"{self.number_text(number) or '…'}{separator}{symbol}"

    def css_variables(self):
        """The custom properties static/print/document.css reads (``:root { --doc-…: … }``)."""
        line = f"{self.line_spacing_pt:g}pt" if self.line_spacing_pt else f"{self.line_height:g}"
        values = {
            "margin-top": f"{self.margin_top_mm:g}mm",
            "margin-bottom": f"{self.margin_bottom_mm:g}mm",
            "margin-left": f"{self.margin_left_mm:g}mm",
            "margin-right": f"{self.margin_right_mm:g}mm",
            "body-size": f"{self.body_pt:g}pt",
            "line-height": line,
            "paragraph-after": f"{self.paragraph_after_pt:g}pt",
            "indent": f"{self.first_line_indent_mm:g}mm",
            "header-left": f"{self.header_left_pct:g}%",
            "header-right": f"{self.header_right_pct:g}%",
            "superior-size": f"{self.superior_pt:g}pt",
            "issuing-size": f"{self.issuing_pt:g}pt",
            "headline-size": f"{self.headline_pt:g}pt",
            "motto-size": f"{(self.motto_pt or self.headline_pt):g}pt",
            "reference-size": f"{self.reference_pt:g}pt",
            "place-date-size": f"{self.place_date_pt:g}pt",
            "type-size": f"{self.document_type_pt:g}pt",
            "subject-size": f"{self.subject_pt:g}pt",
            "recipients-label-size": f"{self.recipients_label_pt:g}pt",
            "recipients-size": f"{self.recipients_pt:g}pt",
            "signature-size": f"{self.signature_pt:g}pt",
        }
        return ":root { " + " ".join(f"--doc-{name}: {value};" for name, value in values.items()) + " }"


# The settings a FormatSetting row may override (numbers and conventions; not key/kind/valid_from).
SETTING_FIELDS = tuple(
    f.name for f in dataclasses.fields(FormatRules) if f.name not in ("key", "kind", "name", "unverified")
)

PARTY_HD36 = FormatRules(
    key="party-hd36-2018",
    kind=PARTY,
    name="Thể thức văn bản của Đảng (HD 36-HD/VPTW)",
    legal_basis="Quy định 66-QĐ/TW ngày 06/02/2017; Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương",
    valid_from=date(2018, 4, 3),
    committee_spelling="",
    unverified=("committee_spelling", "archive_recipient"),
)

PARTY_HD05 = FormatRules(
    key="party-hd05-2026",
    kind=PARTY,
    name="Thể thức văn bản của Đảng (QĐ 399-QĐ/TW, HD 05-HD/VPTW)",
    legal_basis="Quy định 399-QĐ/TW ngày 09/01/2026; Hướng dẫn 05-HD/VPTW ngày 27/5/2026 của Văn phòng Trung ương",
    valid_from=date(2026, 5, 27),
    margin_top_mm=20,
    margin_bottom_mm=20,
    margin_left_mm=30,
    margin_right_mm=15,
    line_spacing_pt=19,
    number_zero_pad=2,
    committee_spelling="ỦY",
    archive_recipient="Lưu",
    unverified=(
        "valid_from",
        "margin_top_mm",
        "margin_bottom_mm",
        "margin_left_mm",
        "margin_right_mm",
        "line_spacing_pt",
        "number_zero_pad",
        "committee_spelling",
        "archive_recipient",
    ),
)

STATE_ND30 = FormatRules(
    key="state-nd30-2020",
    kind=STATE,
    name="Thể thức văn bản hành chính (NĐ 30/2020/NĐ-CP)",
    legal_basis="Nghị định 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư, Phụ lục I",
    valid_from=date(2020, 3, 5),
    # The national name (13pt bold, about 95 mm) needs a wider right column than the Party line: 33/67 keeps it
    # inside the right margin and at least 6 mm from the issuer block (tests/test_print_layout.py).
    header_left_pct=33,
    header_right_pct=67,
    superior_pt=13,
    issuing_pt=13,
    headline_pt=13,
    motto_pt=14,
    reference_pt=13,
    place_date_pt=14,
    document_type_pt=14,
    recipients_label_pt=12,
    recipients_pt=11,
    reference_pattern="Số: {number}/{symbol}",
    number_zero_pad=2,  # NĐ 30/2020 Phụ lục I, II.3.c: numbers below 10 take a leading zero
    on_behalf="TM.",
    deputy="KT.",
    by_order="TL.",
    authorised="TUQ.",
    archive_recipient="Lưu: VT",
    numbering_period="year",
    unverified=(),
)

# Every format, oldest first within a kind. A date before the first format of a kind uses that first format.
FORMATS = (PARTY_HD36, PARTY_HD05, STATE_ND30)


def builtin_formats():
    return FORMATS


# Overrides from the database (FormatSetting rows), cached in each process for DOCUMENT_FORMATS_CACHE_SECONDS
# (60 by default; None: until a row is saved or deleted in this process, as the test settings do so that pages
# run a constant number of queries); a save or delete of a row clears the cache of this process (models.py).
_CACHE_SECONDS = 60
_cache: dict = {}
_lock = threading.Lock()


def clear_cache():
    with _lock:
        _cache.clear()


def _formats():
    from django.conf import settings

    cached = _cache.get("formats")
    if cached and cached[0] > time.monotonic():
        return cached[1]
    loaded = _load_formats()
    seconds = getattr(settings, "DOCUMENT_FORMATS_CACHE_SECONDS", _CACHE_SECONDS)
    with _lock:
        _cache["formats"] = (float("inf") if seconds is None else time.monotonic() + seconds, loaded)
    return loaded


def _load_formats():
    try:
        from .models import FormatSetting

        rows = list(FormatSetting.objects.values_list("format_key", "field", "value"))
    except Exception:  # no table yet (before the migration), no database (checks): the built-in values
        return FORMATS
    overrides: dict = {}
    for key, name, value in rows:
        overrides.setdefault(key, {})[name] = value
    return tuple(_apply(rules, overrides.get(rules.key, {})) for rules in FORMATS)


def _apply(rules, values):
    changes = {}
    for name, raw in values.items():
        if name not in SETTING_FIELDS:
            continue
        changes[name] = coerce(name, raw)
    return dataclasses.replace(rules, **changes) if changes else rules


_FIELD_TYPES = {f.name: f.type for f in dataclasses.fields(FormatRules)}


def coerce(name, raw):
    """A stored setting (text) as the type of the field it overrides ("float", "int", "date", "str")."""
    kind = _FIELD_TYPES[name]
    raw = (raw or "").strip()
    if kind == "date":
        return date.fromisoformat(raw)
    if kind == "float | None":
        return float(raw) if raw else None
    if kind == "float":
        return float(raw)
    if kind == "int":
        return int(raw)
    return raw


def formats():
    """Every format with the database's overrides applied."""
    return _formats()


def format_by_key(key):
    for rules in _formats():
        if rules.key == key:
            return rules
    raise KeyError(key)


def format_for(kind, issued_on=None):
    """The format a document of this issuer kind ("party"/"state") issued on this date follows.

    No date (a draft): today's format. A date before the first format of the kind: that first format."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    if issued_on is None:
        from django.utils import timezone

        issued_on = timezone.localdate()
    if hasattr(issued_on, "date") and callable(issued_on.date):
        issued_on = issued_on.date()
    candidates = sorted((r for r in _formats() if r.kind == kind), key=lambda r: r.valid_from)
    chosen = candidates[0]
    for rules in candidates:
        if rules.valid_from <= issued_on:
            chosen = rules
    return chosen
