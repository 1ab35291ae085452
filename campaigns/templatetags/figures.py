"""{% load figures %}: {{ value|vn_number }} prints 1.500,5 (thousands ".", decimal ",", no trailing zeros)."""

from django import template

from campaigns.figures import vn_number as _vn_number

register = template.Library()


@register.filter
def vn_number(value, places=2):
    return _vn_number(value, int(places))
