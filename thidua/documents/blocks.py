"""The parts every official document prints, said once: the number and symbol ("Số …"), the place and date line,
the signing authority (T/M, TM., KT.), Nơi nhận. Each takes the document's kind ("party"/"state") and issue date,
or a FormatRules, and follows that format.

    from thidua.documents import blocks

    blocks.printed_reference("party", 1, "KH/HU", date(2019, 10, 25))   # "Số 1-KH/HU"
    blocks.printed_reference("party", 5, "NQ/ĐU", date(2026, 6, 1))     # "Số 05-NQ/ĐU"
    blocks.printed_reference("state", 12, "QĐ-UBND", date(2026, 6, 1))  # "Số: 12/QĐ-UBND"
    blocks.reference("party", 215, "KH/HU", day)                        # "215-KH/HU" (lists, titles, citations)
    blocks.place_and_date("Mai Sơn", date(2019, 10, 25))                # "Mai Sơn, ngày 25 tháng 10 năm 2019"
    blocks.authority(rules, "TM. BAN THƯỜNG VỤ")                         # "T/M BAN THƯỜNG VỤ" in a Party format
"""

from __future__ import annotations

import re

from thidua.text import vn_date

from .formats import FormatRules, format_for

NUMBER_BLANK = "\u00a0" * 8  # room to write a number by hand (plain spaces collapse in HTML)
DAY_BLANK = "\u00a0" * 4


def rules_for(kind_or_rules, issued_on=None) -> FormatRules:
    if isinstance(kind_or_rules, FormatRules):
        return kind_or_rules
    return format_for(kind_or_rules or "party", issued_on)


def printed_reference(kind, number, symbol, issued_on=None, *, blank=NUMBER_BLANK):
    """The "Số …" line of the header: "Số 215-KH/HU" (Party, no colon), "Số 05-NQ/ĐU" (Party from 2026, numbers
    below 10 with a leading zero), "Số: 12/QĐ-UBND" (state). Without a number: a blank to fill by hand."""
    return rules_for(kind, issued_on).printed_reference(number, symbol, blank=blank)


def printed_reference_text(kind, text, issued_on=None):
    """ "Số " / "Số: " before a reference written out already (a unit's "18-KH/ĐU" typed as it stands)."""
    return f"{rules_for(kind, issued_on).reference_prefix}{text}"


def reference(kind, number, symbol, issued_on=None):
    """The reference without "Số": "215-KH/HU", "05-NQ/ĐU", "12/QĐ-UBND"; "…-KH/HU" while there is no number."""
    return rules_for(kind, issued_on).reference(number, symbol)


def place_and_date(place, issued_on, *, year=None, blank=DAY_BLANK):
    """ "Mai Sơn, ngày 25 tháng 10 năm 2019"; undated: "Mai Sơn, ngày    tháng    năm 2026" (the year given, to
    fill the day and month by hand)."""
    if issued_on:
        date_text = vn_date(issued_on)
    else:
        date_text = f"ngày{blank}tháng{blank}năm {year or ''}".rstrip()
    return f"{place}, {date_text}" if place else date_text


_AUTHORITY = re.compile(r"^\s*(T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|T/U|TUQ\.?)\s*", re.IGNORECASE)


def authority(kind_or_rules, text, issued_on=None):
    """The signing authority line in the format's own abbreviations: "TM. BAN THƯỜNG VỤ" prints "T/M BAN THƯỜNG VỤ"
    in a Party document, "KT. CHỦ TỊCH" stays "KT. CHỦ TỊCH" in a state one, "K/T CHỦ TỊCH" becomes it."""
    text = (text or "").strip()
    match = _AUTHORITY.match(text)
    if not match:
        return text
    rules = rules_for(kind_or_rules, issued_on)
    token = match.group(1).upper().rstrip(".")
    prefix = {
        "T/M": rules.on_behalf,
        "TM": rules.on_behalf,
        "K/T": rules.deputy,
        "KT": rules.deputy,
        "T/L": rules.by_order,
        "TL": rules.by_order,
        "T/U": rules.authorised,
        "TUQ": rules.authorised,
    }[token]
    return f"{prefix} {text[match.end() :]}".strip()


def committee_spelling(kind_or_rules, text, issued_on=None):
    """ "ĐẢNG UỶ" / "ĐẢNG ỦY" as the format spells it (an empty setting keeps the text as typed)."""
    rules = rules_for(kind_or_rules, issued_on)
    if not text or rules.committee_spelling not in ("ỦY", "UỶ"):
        return text
    old, new = ("UỶ", "ỦY") if rules.committee_spelling == "ỦY" else ("ỦY", "UỶ")
    return text.replace(old, new).replace(old.lower(), new.lower()).replace(old.capitalize(), new.capitalize())


def recipients(kind_or_rules, lines, issued_on=None, *, office=""):
    """Nơi nhận as printed: the lines given (a leading "-" dropped), ending with the archive line of the format
    ("Lưu Văn phòng …" / "Lưu: VT, …" / "Lưu …") when the list has none. An empty list stays empty."""
    cleaned = [line.strip().lstrip("-").strip() for line in lines or [] if line and line.strip().lstrip("-").strip()]
    if not cleaned or cleaned[-1].lower().startswith("lưu"):
        return cleaned
    rules = rules_for(kind_or_rules, issued_on)
    archive = rules.archive_recipient
    if office:
        archive = f"{archive}, {office}" if archive.endswith(":") or ":" in archive else f"{archive} {office}"
    return [*cleaned, f"{archive.rstrip('.')}."]
