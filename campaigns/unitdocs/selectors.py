"""Reads of every unit document, whatever its kind, already scoped to the user."""

from typing import NamedTuple

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from thidua.text import fold
from units.enums import OrgKind
from units.models import Membership, Organization
from units.selectors import MANAGING_ROLES, organization_ids_for

from ..enums import EDITABLE_STATES, CampaignStatus, DocumentStatus
from ..permissions import can_view_document


def documents_for(user, kind):
    """Documents of a kind the user may see: every one of the campaigns their organisation issued (they review
    them), and their own units' in campaigns past the draft."""
    model = kind.model
    if not user.is_authenticated:
        return model.objects.none()
    # The rule the pages check (permissions.can_view_document), as a filter.
    return can_view_document.scope(user, model.objects.select_related("campaign", "campaign__issuer", "organization"))


def get_document_for(user, kind, pk):
    """404 unless the user may see this document (another unit's document does not exist for them)."""
    return get_object_or_404(documents_for(user, kind), pk=pk)


def review_queue(user, kind):
    """Submitted documents of the campaigns the user reviews, oldest submission first."""
    model = kind.model
    if not user.is_authenticated:
        return model.objects.none()
    qs = model.objects.filter(status=DocumentStatus.SUBMITTED).select_related("campaign", "organization")
    if not user.is_superuser:
        qs = qs.filter(campaign__issuer__in=organization_ids_for(user))
    return qs.order_by("submitted_at", "id")


def my_documents(user, kind):
    """The user's units' documents in running or closed campaigns, most urgent first."""
    model = kind.model
    if not user.is_authenticated:
        return model.objects.none()
    return (
        model.objects.filter(organization__in=organization_ids_for(user))
        .exclude(campaign__status=CampaignStatus.DRAFT)
        .select_related("campaign", "organization")
        .order_by("campaign__status", "due_date", "id")
    )


BOARD_STATES = [("", "Tất cả")] + list(DocumentStatus.choices) + [("late", "Quá hạn chưa nộp")]


class Board(NamedTuple):
    rows: object  # the matching rows (a queryset, ordered by the units' tree)
    summary: list  # [(state, label, count)] over all rows
    total: int  # all rows
    late: int  # drafts and returned ones past their due date
    matched: int  # rows matching the filters


def board_base(kind, campaign, variant=None):
    base = kind.model.objects.filter(campaign=campaign)
    return base.filter(kind=variant) if variant is not None else base


def board(base, *, state="", kind="", subtree=None, q="", today):
    """The staff's submission board over `base` (one kind's documents of one campaign). Every count (per state,
    overdue, matching the filters) in one query. Rows carry `member_has_email`: a unit with neither its own
    address nor a member's cannot be mailed."""
    match = Q()
    late = Q(status__in=EDITABLE_STATES, due_date__lt=today)
    if state == "late":
        match &= late
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
        late=Count("id", filter=late),
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


def organization_kinds(base):
    """(value, label) of the organisation kinds present among the board's units, in the kinds' order."""
    present = set(base.values_list("organization__kind", flat=True).distinct().order_by())
    return [(value, label) for value, label in OrgKind.choices if value in present]


def branches(campaign, base):
    """The branches (parents of the board's units) to filter by, in tree order."""
    return (
        Organization.objects.subtree(campaign.issuer)
        .exclude(pk=campaign.issuer_id)
        .filter(pk__in=base.values("organization__parent_id"))
        .order_by("path")
    )


def units_without_email(base):
    """The board's units nobody can be mailed at (no unit address, no head or staff with an address)."""
    member_with_email = Membership.objects.filter(organization=OuterRef("pk"), role__in=MANAGING_ROLES).exclude(
        user__email=""
    )
    return (
        Organization.objects.filter(pk__in=base.values("organization_id"), email="")
        .exclude(Exists(member_with_email))
        .order_by("path")
    )
