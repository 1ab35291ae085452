"""Filters for official document text: escape first, then the one markup we allow."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from thidua import text as textlib

register = template.Library()

_ITALIC = re.compile(r"\*([^*\n]+)\*")


def _inline(value):
    # Escape user text, then turn *…* into <em>…</em>: nothing else becomes markup.
    return _ITALIC.sub(r"<em>\1</em>", str(conditional_escape(value)))


@register.filter
def inline(value):
    return mark_safe(_inline(value or ""))


@register.filter
def paragraphs(value):
    """Stored text as a list of safe paragraphs (one per non-empty line)."""
    return [mark_safe(_inline(p)) for p in textlib.paragraphs(value)]


@register.filter
def lines(value):
    return [line for line in (value or "").replace("\r\n", "\n").split("\n") if line.strip()]


@register.filter
def vn_date(value):
    return textlib.vn_date(value)


@register.filter
def plain(value):
    """Text without our markup (for places that show no emphasis)."""
    return (value or "").replace("*", "")


_ARTICLE = re.compile(r"^(Điều\s+\d+[a-zđ]?\.)\s*")


@register.filter
def article(value):
    """A decision's article with its number in bold: «**Điều 1.** Tặng Giấy khen …» (the rest escaped)."""
    text = str(value or "")
    match = _ARTICLE.match(text)
    if not match:
        return keep_numbers(mark_safe(_inline(text)))
    rest = keep_numbers(mark_safe(_inline(text[match.end() :])))
    return mark_safe(f"<strong>{conditional_escape(match.group(1))}</strong> {rest}")


_COMMITTEE = re.compile(r" (?=(?:HUYỆN|TỈNH|THÀNH|QUẬN|THỊ|ĐẢNG) ỦY\b)")
_PLACE = re.compile(r" (?=(?:HUYỆN|TỈNH|THÀNH PHỐ|QUẬN|THỊ XÃ|THỊ TRẤN|XÃ|PHƯỜNG) )")
HEADER_LINE_CHARS = 24  # capitals that fit on one line of the header's left column at 13-14pt bold


@register.filter
def header_lines(value):
    """A body's name in the header broken where a reader would break it when it is too long for one line:
    «BAN TUYÊN GIÁO / HUYỆN ỦY MAI SƠN», «ỦY BAN NHÂN DÂN / HUYỆN MAI SƠN» (not «… HUYỆN / ỦY MAI SƠN»)."""
    text = " ".join(str(value or "").split())
    if len(text) <= HEADER_LINE_CHARS:
        return [text]
    for pattern in (_COMMITTEE, _PLACE):
        cuts = [m.start() for m in pattern.finditer(text)]
        if cuts:
            cut = cuts[0] if pattern is _COMMITTEE else cuts[-1]
            return [text[:cut], text[cut + 1 :]]
    return [text]


# A document number ("150-QĐ/HU", "26/CT-TTg", "10/10/1895-10/10/2020"): word characters joined by "-" or "/", with
# a digit. Browsers and WeasyPrint may break a line after "/" or "-": a number must never print split ("1-KH/" then
# "HU"), so prints wrap it in a nowrap span (static/print/document.css: .symbol).
_NUMBER = re.compile(r"(?<![\w/-])(?=[\w/-]*\d)(\w+(?:[-/]\w+)+)")


@register.filter
def keep_numbers(value):
    """Escaped text (or safe HTML without numbers in its tags) with every document number kept on one line."""
    return mark_safe(_NUMBER.sub(r'<span class="symbol">\1</span>', str(conditional_escape(value))))
