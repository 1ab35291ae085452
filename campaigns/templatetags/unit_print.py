"""Filters for the prints of units' documents (campaigns/print/*.html)."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# A document number-symbol ("05-CT/TW", "26/CT-TTg", "30/2020/NĐ-CP", "45-KH/ĐU"): a digit and "-" or "/"
# between word characters. Such a token must not break across lines ("Chỉ thị 05-CT/" then "TW").
_SYMBOL = re.compile(r"(?<!\S)(?=\S*\d)(?=\S*\w[-/]\w)\S+")


@register.filter(needs_autoescape=True)
def keep_symbols(value, autoescape=True):
    """Escape the text and wrap number-symbol tokens in a nowrap span (class "symbol")."""
    text = conditional_escape(value) if autoescape else str(value)
    return mark_safe(_SYMBOL.sub(lambda m: f'<span class="symbol">{m.group(0)}</span>', str(text)))


@register.filter
def unit_number(doc, code):
    """A unit document's number as it prints ("23-BC" typed → "23-BC/ĐU"; "10/KH-UBND" for a state body), or ""."""
    from campaigns.printing import document_number

    return document_number(doc.number, code, doc.organization, issued_on=doc.issued_on) if doc.number else ""
