"""Login throttling with django-axes: by account and by address, a Vietnamese lockout page saying when to retry.

Settings (thidua/settings.py): AXES_FAILURE_LIMIT wrong passwords lock the account (from any address) and the
address (for any account) for AXES_COOLOFF_TIME; a failure during the lockout starts the cool-off again; a
successful login resets the account's count. Admins unlock in Admin → Axes → Access attempts (delete the rows),
or `python manage.py axes_reset_username <user>` / `axes_reset_ip <address>`.
"""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


class ThrottledLoginBackend(AxesStandaloneBackend):
    """Axes' check for every login made through a request (the login page, the admin).

    `authenticate()` without a request (Django's test client `login()`, management code) has no address to
    throttle: it is left to the next backend instead of raising, so that only HTTP logins are counted."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The login page's lockout answer (HTTP 429): how many tries, and the time to try again."""
    cool_off = get_cool_off(request)
    retry_at = timezone.localtime(timezone.now() + cool_off) if cool_off else None
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "retry_at": retry_at,
        "minutes": minutes,
    }
    return render(request, "registration/locked_out.html", context, status=429)


def client_ip(request):
    """The address to throttle: REMOTE_ADDR, or behind our TLS proxy the last X-Forwarded-For entry (the one the
    proxy itself appended; earlier entries are whatever the client sent)."""
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")
