"""`{% state_badge obj %}`: a record's state as its enum says it (label and colour in `thidua.choices`)."""

from functools import cache

from django import template
from django.utils.html import format_html

from thidua.choices import StateChoices

register = template.Library()


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@cache
def _enum_for(model, field_name):
    choices = list(model._meta.get_field(field_name).choices or ())
    return next((enum for enum in _subclasses(StateChoices) if enum.choices == choices), None)


def badge_of(obj, field_name="status"):
    """(value, label, colour) of the record's state."""
    value = getattr(obj, field_name)
    enum = _enum_for(type(obj), field_name)
    if enum is None or value not in enum.values:
        return value, value, "secondary"
    member = enum(value)
    return value, member.label, member.badge


@register.simple_tag
def state_badge(obj, field_name="status", attribute="data-state"):
    value, label, colour = badge_of(obj, field_name)
    return format_html('<span class="badge state-badge text-bg-{}" {}="{}">{}</span>', colour, attribute, value, label)
