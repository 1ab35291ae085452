"""Reads of campaigns, already scoped to the user."""

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404

from thidua.access import scoped
from units.models import Organization
from units.selectors import organization_ids_for

from .models import Assignment, Campaign, ContentArea, LegalBasis
from .permissions import can_manage_campaign, can_view_campaign, is_past_draft


def participating_organization_ids(campaign):
    """Organisations named in the plan's assignments (the sub-plans issue adds obligations)."""
    cache = campaign.__dict__.setdefault("_participants", None)
    if cache is None:
        ids = set(
            Assignment.organizations.through.objects.filter(assignment__campaign=campaign).values_list(
                "organization_id", flat=True
            )
        )
        ids |= set(_obligation_org_ids(campaign))
        campaign.__dict__["_participants"] = cache = frozenset(ids)
    return cache


def _obligation_org_ids(campaign):
    # Units given an obligation (sub-plan) take part too, even if no assignment names them.
    if not hasattr(campaign, "subplans"):
        return []
    return campaign.subplans.values_list("organization_id", flat=True)


def campaigns_for(user):
    """Campaigns the user may see: those their organisation issued, and launched ones they take part in
    (permissions.can_view_campaign, the same rule the pages check)."""
    if user.is_authenticated and not user.is_superuser and not organization_ids_for(user):
        return Campaign.objects.none()  # the rule allows nothing without a unit (no query: council members' pages)
    return _visible_campaigns(user).select_related("issuer")


_visible_campaigns = scoped(Campaign, can_view_campaign, "campaigns_for")


def get_campaign_for(user, pk):
    """404 unless the user may see the campaign."""
    return get_object_or_404(campaigns_for(user), pk=pk)


def campaign_document(campaign_id):
    """The plan with every part of its text, in a fixed number of queries."""
    return (
        Campaign.objects.select_related("issuer", "issuer__parent")
        .prefetch_related(
            Prefetch("legal_bases", queryset=LegalBasis.objects.order_by("order", "id")),
            Prefetch(
                "content_areas",
                queryset=ContentArea.objects.order_by("order", "id").prefetch_related("movements", "targets"),
            ),
            Prefetch(
                "assignments", queryset=Assignment.objects.order_by("order", "id").prefetch_related("organizations")
            ),
            "recipients",
            "occasions",
            "milestones",
            "amendments",
        )
        .get(pk=campaign_id)
    )


ASSIGNMENT_NAMES_SHOWN = 20


def campaign_page(campaign_id):
    """The plan as the campaign page shows it: `campaign_document` without every assigned unit. A province's
    assignment names thousands of units; each assignment carries `unit_count` and `units_shown`, its first
    ASSIGNMENT_NAMES_SHOWN units in tree order (one windowed query for all assignments); the board lists the rest."""
    campaign = (
        Campaign.objects.select_related("issuer", "issuer__parent")
        .prefetch_related(
            Prefetch("legal_bases", queryset=LegalBasis.objects.order_by("order", "id")),
            Prefetch(
                "content_areas",
                queryset=ContentArea.objects.order_by("order", "id").prefetch_related("movements", "targets"),
            ),
            Prefetch(
                "assignments",
                queryset=Assignment.objects.order_by("order", "id").annotate(unit_count=Count("organizations")),
            ),
            "recipients",
            "occasions",
            "milestones",
            "amendments",
        )
        .get(pk=campaign_id)
    )
    through = Assignment.organizations.through
    first = (
        through.objects.filter(assignment__campaign_id=campaign_id)
        .annotate(rank=Window(RowNumber(), partition_by=[F("assignment_id")], order_by=[F("organization__path").asc()]))
        .filter(rank__lte=ASSIGNMENT_NAMES_SHOWN)
        .select_related("organization")
        .order_by("assignment_id", "rank")
    )
    shown = {}
    for link in first:
        shown.setdefault(link.assignment_id, []).append(link.organization)
    for assignment in campaign.assignments.all():
        assignment.units_shown = shown.get(assignment.pk, [])
        assignment.units_more = max(assignment.unit_count - len(assignment.units_shown), 0)
    return campaign


def next_number(issuer, symbol, term, on_date=None, kind="party"):
    """Documents are numbered per type within the committee's term: the next free number of the type in the
    issuer's register of outgoing documents (thidua/documents/register.py), never below the plans' own."""
    from thidua.documents import register

    last = (
        Campaign.objects.filter(issuer=issuer, symbol=symbol, term=term, number__isnull=False)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    in_register = register.next_number(issuer, register.document_type_of(symbol), on_date, kind=kind, term=term)
    return max((last or 0) + 1, in_register)


def issuer_choices_for(user):
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=organization_ids_for(user))


# --- Units' documents: their reads are in campaigns.unitdocs.selectors (every kind) -------------------------


def review_queue(user):
    """Submitted sub-plans of the campaigns the user reviews, oldest submission first."""
    from .unitdocs import core, selectors

    return selectors.review_queue(user, core.get_kind("subplan"))


def report_queue(user):
    """Submitted progress reports of the campaigns the user reviews, oldest submission first."""
    from .unitdocs import core, selectors

    return selectors.review_queue(user, core.get_kind("report"))


def campaigns_reviewed_by(user):
    """Launched or closed campaigns the user's organisation issued (their units' documents to review)."""
    if not user.is_authenticated:
        return Campaign.objects.none()
    return (can_manage_campaign & is_past_draft).scope(user, Campaign.objects.all())


def assignable_organizations(campaign):
    """Organisations that can be obliged: the issuer's subtree without the issuer itself."""
    return Organization.objects.subtree(campaign.issuer).exclude(pk=campaign.issuer_id)
