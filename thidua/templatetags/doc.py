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
