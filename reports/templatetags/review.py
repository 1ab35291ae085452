import datetime

from django import template

register = template.Library()


@register.filter
def isodate(value):
    """An ISO date from a snapshot as dd/mm/yyyy."""
    if not value:
        return ""
    try:
        return datetime.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return ""


@register.filter
def vnnum(value):
    """1234.5 -> 1.234,5 (Vietnamese separators); None -> —."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and value != int(value):
        text = f"{value:,.1f}"
    else:
        text = f"{int(value):,}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")
