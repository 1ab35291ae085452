"""Council members' way in: their sessions in the navbar and on the home page."""

from django import template

from awards.selectors import member_sessions

register = template.Library()

HOME_LIMIT = 5


@register.simple_tag(takes_context=True)
def my_council_sessions(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return []
    return member_sessions(user, HOME_LIMIT)


@register.simple_tag(takes_context=True)
def my_awaiting_votes(context):
    """Agenda items of open sessions still waiting for this member's vote."""
    return sum(s.awaiting for s in my_council_sessions(context))
