"""{% load plans %}: {% if user|writes_plans %} — the user is committee staff somewhere (may write a plan)."""

from django import template

register = template.Library()


@register.filter
def writes_plans(user):
    from units.selectors import organization_ids_for

    return bool(user.is_authenticated and (user.is_superuser or organization_ids_for(user)))
