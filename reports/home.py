"""What reports adds to the home page: the review reports being built, in the committee staff's overview."""

from .enums import ACTIVE_STATUSES
from .models import ReviewReport


def builds_in_progress(user, org_ids):
    """The staff overview's card of review reports queued or being built (one query; org_ids None: all)."""
    builds = ReviewReport.objects.filter(status__in=ACTIVE_STATUSES).select_related("campaign")
    if org_ids is not None:
        builds = builds.filter(campaign__issuer__in=org_ids)
    return {"template": "reports/home_builds.html", "builds": list(builds.order_by("requested_at")[:10])}
