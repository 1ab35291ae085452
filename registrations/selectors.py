"""Reads of registrations, scoped to the user; the roll-up per campaign and per year in a fixed number of queries."""

from typing import NamedTuple

from django.db.models import Count
from django.shortcuts import get_object_or_404

from campaigns.enums import CampaignStatus, DocumentStatus
from campaigns.models import Assignment, SubPlan
from campaigns.permissions import can_view_document
from campaigns.selectors import campaigns_reviewed_by
from units.enums import OrgKind
from units.models import Organization
from units.selectors import organization_ids_for

from .models import REGISTERED_STATES, Registration, RegistrationPerson


def registrations_for(user):
    """Registrations the user may see: all of the campaigns their organisation issued, and their own unit's."""
    if not user.is_authenticated:
        return Registration.objects.none()
    # The rule the pages check (campaigns.permissions.can_view_document, every unit document's), as a filter.
    qs = Registration.objects.select_related("campaign", "campaign__issuer", "organization", "collective_title")
    return can_view_document.scope(user, qs)


def get_registration_for(user, pk):
    """404 unless the user may see this registration (another unit's does not exist for them)."""
    return get_object_or_404(registrations_for(user), pk=pk)


def my_registrations(user):
    """The user's units' registrations in running or closed campaigns, most urgent first."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return (
        Registration.objects.filter(organization__in=organization_ids_for(user))
        .exclude(campaign__status=CampaignStatus.DRAFT)
        .select_related("campaign", "organization", "collective_title")
        .order_by("campaign__status", "due_date", "id")
    )


def registration_queue(user):
    """Submitted registrations of the campaigns the user reviews, oldest submission first."""
    if not user.is_authenticated:
        return Registration.objects.none()
    qs = Registration.objects.filter(status=DocumentStatus.SUBMITTED).select_related("campaign", "organization")
    if not user.is_superuser:
        qs = qs.filter(campaign__issuer__in=organization_ids_for(user))
    return qs.order_by("submitted_at", "id")


def years_reviewed_by(user):
    """Emulation years with registrations in the campaigns the user reviews, newest first."""
    return list(
        Registration.objects.filter(campaign__in=campaigns_reviewed_by(user))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


# --- Roll-up -------------------------------------------------------------------------------------------------


class RollUp(NamedTuple):
    registrations: object  # queryset of the registrations, in the units' tree order (page it)
    by_title: list  # [{"name", "collective", "individual"}] over registered (submitted or approved) ones
    by_kind: list  # [{"kind", "label", "expected", "registered", "people"}]
    missing: object  # queryset of the expected units without a registration submitted or approved
    states: list  # [(state, label, count)]
    expected: int
    registered: int
    people: int


def expected_organization_ids(campaign_ids):
    """Units asked to register in these campaigns: those named in their assignments or obliged (2 queries)."""
    named = Assignment.organizations.through.objects.filter(assignment__campaign__in=campaign_ids).values_list(
        "organization_id", flat=True
    )
    obliged = SubPlan.objects.filter(campaign__in=campaign_ids).values_list("organization_id", flat=True)
    return set(named) | set(obliged)


def rollup(campaigns):
    """Who registered what in these campaigns (one campaign, or every campaign of a year): counts per title and per
    kind of unit (khối), the units that have not registered. A fixed number of queries whatever the rows."""
    campaign_list = list(campaigns)
    campaign_ids = [c.pk for c in campaign_list]
    issuers = {c.issuer_id for c in campaign_list}
    base = Registration.objects.filter(campaign__in=campaign_ids)
    registered = base.filter(status__in=REGISTERED_STATES)
    state_counts = dict(base.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    states = [(value, label, state_counts.get(value, 0)) for value, label in DocumentStatus.choices]

    titles = {}
    for name, sort, n in (
        registered.exclude(collective_title=None)
        .order_by()
        .values_list("collective_title__name", "collective_title__sort_order")
        .annotate(n=Count("id"))
    ):
        titles.setdefault(name, {"name": name, "sort": sort, "collective": 0, "individual": 0})["collective"] += n
    people = RegistrationPerson.objects.filter(registration__in=registered)
    for name, sort, n in people.order_by().values_list("title__name", "title__sort_order").annotate(n=Count("id")):
        titles.setdefault(name, {"name": name, "sort": sort, "collective": 0, "individual": 0})["individual"] += n
    by_title = sorted(titles.values(), key=lambda t: (t["sort"], t["name"]))

    expected_ids = expected_organization_ids(campaign_ids) - issuers
    kinds = {}
    for kind, n in (
        Organization.objects.filter(pk__in=expected_ids).order_by().values_list("kind").annotate(n=Count("id"))
    ):
        kinds.setdefault(kind, {"expected": 0, "registered": 0, "people": 0})["expected"] = n
    for kind, n in registered.order_by().values_list("organization__kind").annotate(n=Count("id")):
        kinds.setdefault(kind, {"expected": 0, "registered": 0, "people": 0})["registered"] = n
    for kind, n in people.order_by().values_list("registration__organization__kind").annotate(n=Count("id")):
        kinds.setdefault(kind, {"expected": 0, "registered": 0, "people": 0})["people"] = n
    by_kind = [{"kind": value, "label": label, **kinds[value]} for value, label in OrgKind.choices if value in kinds]

    done_ids = registered.values("organization_id")
    missing = Organization.objects.filter(pk__in=expected_ids).exclude(pk__in=done_ids).order_by("path")
    rows = base.select_related("campaign", "organization", "collective_title").order_by(
        "organization__path", "campaign_id"
    )
    return RollUp(
        registrations=rows,
        by_title=by_title,
        by_kind=by_kind,
        missing=missing,
        states=states,
        expected=len(expected_ids),
        registered=sum(k["registered"] for k in by_kind),
        people=sum(t["individual"] for t in by_title),
    )


def people_by_registration(registration_ids):
    """{registration id: [(title name, count)]} for a page of the roll-up (one query)."""
    out = {}
    for reg_id, name, n in (
        RegistrationPerson.objects.filter(registration_id__in=registration_ids)
        .order_by("registration_id", "title__sort_order", "title__name")
        .values_list("registration_id", "title__name")
        .annotate(n=Count("id"))
    ):
        out.setdefault(reg_id, []).append((name, n))
    return out


def campaigns_of_year(user, year):
    """The campaigns the user reviews with registrations for `year`."""
    return (
        campaigns_reviewed_by(user)
        .filter(pk__in=Registration.objects.filter(year=year).values("campaign_id"))
        .select_related("issuer")
        .order_by("period_start", "id")
    )


def export_people(registrations):
    """Registered people and collectives of the given registrations, for the xlsx (iterated, streamed)."""
    return (
        RegistrationPerson.objects.filter(registration__in=registrations)
        .select_related("title", "registration__organization", "registration__campaign")
        .order_by("registration__organization__path", "registration_id", "order", "id")
    )


def registered_for_nomination(organizations, year):
    """(collectives, people) the units registered for `year` (submitted or approved; approved first): what the
    nomination form offers before anything else."""
    regs = Registration.objects.filter(organization__in=organizations, year=year, status__in=REGISTERED_STATES)
    collectives = list(
        regs.filter(collective_title__isnull=False)
        .select_related("organization", "collective_title")
        .order_by("status", "organization__path", "id")
    )
    people = list(
        RegistrationPerson.objects.filter(registration__in=regs)
        .select_related("registration__organization", "title")
        .order_by("registration__status", "registration__organization__path", "order", "id")
    )
    return collectives, people


def campaigns_to_register(user):
    """[(campaign, organization)]: running campaigns the user's units take part in without a registration yet
    (the unit may open its own before staff ask). A fixed number of queries."""
    from campaigns.models import Campaign

    if not user.is_authenticated:
        return []
    org_ids = organization_ids_for(user)
    if not org_ids:
        return []
    running = {"campaign__status": CampaignStatus.LAUNCHED}
    pairs = set(
        Assignment.organizations.through.objects.filter(
            organization_id__in=org_ids, assignment__campaign__status=CampaignStatus.LAUNCHED
        ).values_list("assignment__campaign_id", "organization_id")
    )
    pairs |= set(
        SubPlan.objects.filter(organization_id__in=org_ids, **running).values_list("campaign_id", "organization_id")
    )
    pairs -= set(Registration.objects.filter(organization_id__in=org_ids).values_list("campaign_id", "organization_id"))
    campaigns = Campaign.objects.in_bulk({c for c, _o in pairs})
    orgs = Organization.objects.in_bulk({o for _c, o in pairs})
    pairs = [(campaigns[c], orgs[o]) for c, o in pairs if campaigns[c].issuer_id != o]
    return sorted(pairs, key=lambda p: (-p[0].period_start.toordinal(), p[1].path))[:50]
