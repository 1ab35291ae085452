"""Reads of campaigns, already scoped to the user."""

from typing import NamedTuple

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from thidua.text import fold
from units.enums import OrgKind
from units.models import Membership, Organization
from units.selectors import MANAGING_ROLES, organization_ids_for

from .enums import CampaignStatus, DocumentStatus
from .models import (
    Assignment,
    Campaign,
    ContentArea,
    LegalBasis,
    ProgressReport,
    ProgressResult,
    SubPlan,
    SubPlanItem,
    SubPlanTarget,
)


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
    """Campaigns the user may see: those their organisation issued, and launched ones they take part in."""
    if not user.is_authenticated:
        return Campaign.objects.none()
    qs = Campaign.objects.select_related("issuer")
    if user.is_superuser:
        return qs
    org_ids = organization_ids_for(user)
    if not org_ids:
        return qs.none()
    # EXISTS subqueries, not a DISTINCT join: joining assignments' organisations and sub-plans in one filter
    # yields units × sub-plans rows per campaign (a million rows at 1,000 units).
    named = Exists(
        Assignment.organizations.through.objects.filter(
            assignment__campaign=OuterRef("pk"), organization_id__in=org_ids
        )
    )
    obliged = Exists(SubPlan.objects.filter(campaign=OuterRef("pk"), organization_id__in=org_ids))
    return qs.filter(Q(issuer__in=org_ids) | (~Q(status=CampaignStatus.DRAFT) & (named | obliged)))


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


def next_number(issuer, symbol, term):
    """Documents are numbered per type within the committee's term."""
    last = (
        Campaign.objects.filter(issuer=issuer, symbol=symbol, term=term, number__isnull=False)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def issuer_choices_for(user):
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=organization_ids_for(user))


# --- Sub-plans ---------------------------------------------------------------------------------------


def subplans_for(user):
    """Sub-plans the user may see: those of campaigns their organisation issued, and their own unit's."""
    if not user.is_authenticated:
        return SubPlan.objects.none()
    qs = SubPlan.objects.select_related("campaign", "campaign__issuer", "organization")
    if user.is_superuser:
        return qs
    org_ids = organization_ids_for(user)
    return qs.filter(
        Q(campaign__issuer__in=org_ids) | (Q(organization__in=org_ids) & ~Q(campaign__status=CampaignStatus.DRAFT))
    )


def get_subplan_for(user, pk):
    """404 unless the user may see this sub-plan (another unit's sub-plan does not exist for them)."""
    return get_object_or_404(subplans_for(user), pk=pk)


def subplan_document(subplan):
    """Items (with targets) keyed by content area, attachments and log, in a fixed number of queries."""
    items = {
        item.content_area_id: item
        for item in SubPlanItem.objects.filter(subplan=subplan).prefetch_related(
            Prefetch("targets", queryset=SubPlanTarget.objects.order_by("order", "id"))
        )
    }
    areas = list(
        ContentArea.objects.filter(campaign_id=subplan.campaign_id)
        .order_by("order", "id")
        .prefetch_related("movements", "targets")
    )
    sections = [(area, items.get(area.pk)) for area in areas]
    not_addressed = [
        area for area, item in sections if item is None or (not item.measures.strip() and not item.targets.all())
    ]
    return {
        "sections": sections,
        "not_addressed": not_addressed,
        "attachments": list(subplan.attachments.select_related("uploaded_by")),
        "logs": list(subplan.logs.select_related("actor")),
    }


BOARD_STATES = [("", "Tất cả")] + list(DocumentStatus.choices) + [("late", "Quá hạn chưa nộp")]


class Board(NamedTuple):
    rows: object  # the matching rows (a queryset, ordered by the units' tree)
    summary: list  # [(state, label, count)] over all rows
    total: int  # all rows
    late: int  # drafts and returned ones past their due date
    matched: int  # rows matching the filters


def board(campaign, *, state="", kind="", subtree=None, q="", today, base=None):
    """The staff's submission board. Every count (per state, overdue, matching the filters) in one query.

    Rows carry `member_has_email`; a unit with neither its own address nor a member's cannot be mailed.
    `base` replaces the sub-plans by another kind of unit document (progress reports of one kind).
    """
    if base is None:
        base = SubPlan.objects.filter(campaign=campaign)
    match = Q()
    if state == "late":
        match &= Q(status__in=(DocumentStatus.DRAFT, DocumentStatus.RETURNED), due_date__lt=today)
    elif state:
        match &= Q(status=state)
    if kind:
        match &= Q(organization__kind=kind)
    if subtree is not None:
        match &= Q(organization__path__startswith=subtree.path)
    key = fold(q)
    if key:
        match &= Q(organization__search_key__contains=key)
    counts = base.order_by().aggregate(
        **{f"state_{value}": Count("id", filter=Q(status=value)) for value in DocumentStatus.values},
        late=Count("id", filter=Q(status__in=(DocumentStatus.DRAFT, DocumentStatus.RETURNED), due_date__lt=today)),
        matched=Count("id", filter=match) if match else Count("id"),
    )
    summary = [(value, label, counts[f"state_{value}"]) for value, label in DocumentStatus.choices]
    rows = (
        base.filter(match)
        .select_related("organization", "campaign")
        .annotate(
            member_has_email=Exists(
                Membership.objects.filter(organization=OuterRef("organization_id"), role__in=MANAGING_ROLES).exclude(
                    user__email=""
                )
            )
        )
        .order_by("organization__path")
    )
    total = sum(count for _value, _label, count in summary)
    return Board(rows, summary, total, counts["late"], counts["matched"])


def obliged_kinds(campaign):
    """(value, label) of the organisation kinds present among the campaign's obliged units, in the kinds' order."""
    present = set(campaign.subplans.values_list("organization__kind", flat=True).distinct().order_by())
    return [(value, label) for value, label in OrgKind.choices if value in present]


def review_queue(user):
    """Submitted sub-plans of the campaigns the user reviews, oldest submission first."""
    if not user.is_authenticated:
        return SubPlan.objects.none()
    qs = SubPlan.objects.filter(status=DocumentStatus.SUBMITTED).select_related("campaign", "organization")
    if not user.is_superuser:
        qs = qs.filter(campaign__issuer__in=organization_ids_for(user))
    return qs.order_by("submitted_at", "id")


def my_obligations(user):
    """The user's units' sub-plans in running or closed campaigns, most urgent first."""
    if not user.is_authenticated:
        return SubPlan.objects.none()
    return (
        SubPlan.objects.filter(organization__in=organization_ids_for(user))
        .exclude(campaign__status=CampaignStatus.DRAFT)
        .select_related("campaign", "organization")
        .order_by("campaign__status", "due_date", "id")
    )


def campaigns_reviewed_by(user):
    if user.is_superuser:
        return Campaign.objects.exclude(status=CampaignStatus.DRAFT)
    return Campaign.objects.filter(issuer__in=organization_ids_for(user)).exclude(status=CampaignStatus.DRAFT)


def assignable_organizations(campaign):
    """Organisations that can be obliged: the issuer's subtree without the issuer itself."""
    return Organization.objects.subtree(campaign.issuer).exclude(pk=campaign.issuer_id)


def units_without_email(campaign):
    """Obliged units nobody can be mailed at (no unit address, no head or staff with an address)."""
    member_with_email = Membership.objects.filter(organization=OuterRef("pk"), role__in=MANAGING_ROLES).exclude(
        user__email=""
    )
    return (
        Organization.objects.filter(subplans__campaign=campaign, email="")
        .exclude(Exists(member_with_email))
        .order_by("path")
    )


# --- Progress reports --------------------------------------------------------------------------------


def reports_for(user):
    """Progress reports the user may see: all of the campaigns their organisation issued, and their own unit's."""
    if not user.is_authenticated:
        return ProgressReport.objects.none()
    qs = ProgressReport.objects.select_related("campaign", "campaign__issuer", "organization", "subplan")
    if user.is_superuser:
        return qs
    org_ids = organization_ids_for(user)
    return qs.filter(
        Q(campaign__issuer__in=org_ids) | (Q(organization__in=org_ids) & ~Q(campaign__status=CampaignStatus.DRAFT))
    )


def get_report_for(user, pk):
    return get_object_or_404(reports_for(user), pk=pk)


def report_document(report, targets):
    """Per content area: the campaign's text, the unit's narrative, its targets with results; and the rest."""
    from .models import share_of

    areas = list(ContentArea.objects.filter(campaign_id=report.campaign_id).order_by("order", "id"))
    narratives = {n.content_area_id: n for n in report.narratives.all()}
    results = {r.target_id: r for r in ProgressResult.objects.filter(report=report)}
    by_area = {}
    for target in targets:
        result = results.get(target.pk)
        achieved = result.achieved if result else None
        by_area.setdefault(target.item.content_area_id, []).append(
            {"target": target, "result": result, "achieved": achieved, "share": share_of(achieved, target.value)}
        )
    sections = [
        {"area": area, "narrative": narratives.get(area.pk), "targets": by_area.get(area.pk, [])} for area in areas
    ]
    not_addressed = [
        s["area"]
        for s in sections
        if s["narrative"] is None and not any(t["achieved"] is not None for t in s["targets"])
    ]
    return {
        "sections": sections,
        "not_addressed": not_addressed,
        "commendations": list(report.commendations.all()),
        "attachments": list(report.attachments.select_related("uploaded_by")),
        "logs": list(report.logs.select_related("actor")),
    }


def report_queue(user):
    if not user.is_authenticated:
        return ProgressReport.objects.none()
    qs = ProgressReport.objects.filter(status=DocumentStatus.SUBMITTED).select_related("campaign", "organization")
    if not user.is_superuser:
        qs = qs.filter(campaign__issuer__in=organization_ids_for(user))
    return qs.order_by("submitted_at", "id")


def my_reports(user):
    if not user.is_authenticated:
        return ProgressReport.objects.none()
    return (
        ProgressReport.objects.filter(organization__in=organization_ids_for(user))
        .exclude(campaign__status=CampaignStatus.DRAFT)
        .select_related("campaign", "organization")
        .order_by("campaign__status", "due_date", "id")
    )
