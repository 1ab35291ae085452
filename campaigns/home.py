"""Reads for the home page: what is due for the user, whatever their role, in a fixed number of queries.

- a unit's head or staff: the unit's open obligations (sub-plans, progress reports, nominations to finish or
  returned), most urgent first, each with its due date, lateness and the one link to act;
- committee staff: their review queues, units late per campaign, review reports being built, nominations to check;
- a council member: the open sittings and the nominations waiting for their vote (awards.selectors);
- everyone: their campaigns, each with its progress (sub-plans handed in / approved / late) at a glance.

Every figure comes from one aggregate query (Count with filter), never one query per campaign or unit.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from units.selectors import organization_ids_for

from .enums import EDITABLE_STATES, CampaignStatus, DocumentStatus
from .models import Campaign, ProgressReport, SubPlan
from .selectors import report_queue, review_queue

TASK_LIMIT = 30  # rows of each kind on the home page; the full lists are one click away


@dataclass
class Task:
    """One thing a unit has to do, as the home page shows it."""

    kind: str  # "subplan", "report", "nomination"
    what: str  # "Kế hoạch của đơn vị", "Báo cáo sơ kết", "Đề nghị khen thưởng: …"
    campaign: Campaign
    unit: str
    status: str
    status_label: str
    due_date: date | None
    days_late: int
    action_label: str
    action_url: str
    detail_url: str
    note: str = ""

    @property
    def sort_key(self):
        # Late first (most late first), then by due date (none last), returned before draft.
        return (
            -self.days_late,
            self.due_date or date.max,
            0 if self.status == DocumentStatus.RETURNED else 1,
            self.campaign.pk,
        )


def _document_task(doc, kind, today):
    returned = doc.status == DocumentStatus.RETURNED
    if kind == "subplan":
        what = "Kế hoạch của đơn vị"
        edit, detail = "campaigns:subplan_edit", "campaigns:subplan"
        label = "Sửa và nộp lại" if returned else "Soạn và nộp kế hoạch"
    else:
        what = f"Báo cáo {doc.get_kind_display().lower()}"
        edit, detail = "campaigns:report_edit", "campaigns:report"
        label = "Sửa và nộp lại" if returned else "Ghi kết quả và nộp báo cáo"
    return Task(
        kind=kind,
        what=what,
        campaign=doc.campaign,
        unit=doc.organization.name,
        status=doc.status,
        status_label=doc.get_status_display(),
        due_date=doc.due_date,
        days_late=doc.days_late(today),
        action_label=label,
        action_url=reverse(edit, args=[doc.pk]),
        detail_url=reverse(detail, args=[doc.pk]),
        note=doc.return_reason if returned else "",
    )


def unit_tasks(user, today):
    """Open obligations of the user's units in running campaigns: (tasks sorted most urgent first, waiting count).

    `waiting` counts the documents the units handed in that the committee has not reviewed yet.
    Four queries whatever the number of campaigns or documents.
    """
    from awards.enums import NominationStatus
    from awards.models import Nomination

    org_ids = organization_ids_for(user)
    if not org_ids:
        return [], 0
    running = Q(organization__in=org_ids, campaign__status=CampaignStatus.LAUNCHED)
    subplans = (
        SubPlan.objects.filter(running, status__in=EDITABLE_STATES)
        .select_related("campaign", "organization")
        .order_by("due_date", "id")[:TASK_LIMIT]
    )
    reports = (
        ProgressReport.objects.filter(running, status__in=EDITABLE_STATES)
        .select_related("campaign", "organization")
        .order_by("due_date", "id")[:TASK_LIMIT]
    )
    tasks = [_document_task(sp, "subplan", today) for sp in subplans]
    tasks += [_document_task(r, "report", today) for r in reports]
    nominations = (
        Nomination.objects.filter(
            proposer__in=org_ids,
            campaign__status=CampaignStatus.LAUNCHED,
            status__in=(NominationStatus.DRAFT, NominationStatus.RETURNED),
        )
        .select_related("campaign", "proposer", "award_type", "organization")
        .order_by("-status", "campaign_id", "id")[:TASK_LIMIT]
    )
    for n in nominations:
        returned = n.status == NominationStatus.RETURNED
        tasks.append(
            Task(
                kind="nomination",
                what=f"Đề nghị khen thưởng: {n.display_name} — {n.award_type.name}",
                campaign=n.campaign,
                unit=n.proposer.name,
                status=n.status,
                status_label=n.get_status_display(),
                due_date=None,
                days_late=0,
                action_label="Sửa và gửi lại" if returned else "Hoàn thiện và gửi",
                action_url=reverse("awards:nomination_edit" if returned else "awards:nomination", args=[n.pk]),
                detail_url=reverse("awards:nomination", args=[n.pk]),
                note="Đề nghị bị trả lại: mở để xem lý do." if returned else "",
            )
        )
    tasks.sort(key=lambda t: t.sort_key)
    handed_in = Q(organization__in=org_ids, status=DocumentStatus.SUBMITTED)
    waiting = SubPlan.objects.filter(handed_in).count() + ProgressReport.objects.filter(handed_in).count()
    return tasks, waiting


# Sections other apps add to the committee staff's overview, so campaigns need not know them (reports adds the
# review reports being built, in reports/apps.py): each is a callable (user, org_ids) -> {"template", ...context}
# or None, where org_ids is None for an administrator (everything). Rendered in order under the queues.
STAFF_SECTIONS = []


def staff_section(section):
    """Register a section of the staff overview (see STAFF_SECTIONS)."""
    if section not in STAFF_SECTIONS:
        STAFF_SECTIONS.append(section)
    return section


def staff_overview(user):
    """Committee staff's queues: None when the user reviews no campaign. One query, and one per section."""
    from awards.enums import NominationStatus
    from awards.models import Nomination

    issued = (
        Campaign.objects.all() if user.is_superuser else Campaign.objects.filter(issuer__in=organization_ids_for(user))
    )
    org_ids = None if user.is_superuser else organization_ids_for(user)
    if org_ids is not None and not org_ids:
        return None  # no organisation of theirs issues campaigns
    nominations = Nomination.objects.filter(status=NominationStatus.SUBMITTED)
    if org_ids is not None:
        nominations = nominations.filter(campaign__issuer__in=org_ids)
    # The campaigns' figures and the three queues' lengths in one query (the queues as scalar subqueries).
    counts = issued.aggregate(
        campaigns=Count("id"),
        drafts=Count("id", filter=Q(status=CampaignStatus.DRAFT)),
        running=Count("id", filter=Q(status=CampaignStatus.LAUNCHED)),
        subplans_to_review=_queue_length(review_queue(user)),
        reports_to_review=_queue_length(report_queue(user)),
        nominations_to_check=_queue_length(nominations),
    )
    if not counts["campaigns"]:
        return None
    sections = [section(user, org_ids) for section in STAFF_SECTIONS]
    return {**counts, "sections": [s for s in sections if s]}


def _queue_length(qs):
    """COUNT(*) of `qs` as a scalar subquery usable inside an aggregate (MAX of a constant)."""
    counted = qs.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("*")).values("n")
    return Coalesce(Max(Subquery(counted, output_field=IntegerField())), 0)


def campaign_progress(campaign_ids, today):
    """{campaign id: counts} of the units' sub-plans, progress reports and nominations sent for checking.
    Three queries whatever the number of units.

    Sub-plans: obliged, handed in (submitted, returned or approved), approved, awaiting review, late (not handed in
    and past due while the campaign runs). Reports: asked, handed in, approved, late.
    """
    if not campaign_ids:
        return {}
    not_handed_in = Q(status__in=EDITABLE_STATES, first_submitted_at__isnull=True)
    late = (Q(status=DocumentStatus.DRAFT) | Q(status=DocumentStatus.RETURNED)) & Q(
        due_date__lt=today, campaign__status=CampaignStatus.LAUNCHED
    )
    aggregates = {
        "total": Count("id"),
        "handed_in": Count("id", filter=~not_handed_in),
        "approved": Count("id", filter=Q(status=DocumentStatus.APPROVED)),
        "awaiting": Count("id", filter=Q(status=DocumentStatus.SUBMITTED)),
        "returned": Count("id", filter=Q(status=DocumentStatus.RETURNED)),
        "late": Count("id", filter=late),
    }
    from awards.enums import NominationStatus
    from awards.models import Nomination

    progress = {pk: {"subplans": None, "reports": None, "nominations_to_check": 0} for pk in campaign_ids}
    for row in (
        SubPlan.objects.filter(campaign__in=campaign_ids).values("campaign_id").annotate(**aggregates).order_by()
    ):
        progress[row.pop("campaign_id")]["subplans"] = _with_shares(row)
    for row in (
        ProgressReport.objects.filter(campaign__in=campaign_ids).values("campaign_id").annotate(**aggregates).order_by()
    ):
        progress[row.pop("campaign_id")]["reports"] = _with_shares(row)
    for campaign_id, n in (
        Nomination.objects.filter(campaign__in=campaign_ids, status=NominationStatus.SUBMITTED)
        .values("campaign_id")
        .annotate(n=Count("id"))
        .values_list("campaign_id", "n")
        .order_by()
    ):
        progress[campaign_id]["nominations_to_check"] = n
    return progress


def _with_shares(row):
    total = row["total"] or 1
    row["handed_in_pct"] = round(100 * row["handed_in"] / total)
    row["approved_pct"] = round(100 * row["approved"] / total)
    # The bar shows approved, then handed in but not approved yet, side by side.
    row["pending_pct"] = max(row["handed_in_pct"] - row["approved_pct"], 0)
    return row


def own_documents(user, campaign_ids):
    """{campaign id: the user's units' sub-plans there} for the campaign cards (one query)."""
    org_ids = organization_ids_for(user)
    if not org_ids or not campaign_ids:
        return {}
    mine = {}
    for sp in SubPlan.objects.filter(campaign__in=campaign_ids, organization__in=org_ids).select_related(
        "organization"
    ):
        mine.setdefault(sp.campaign_id, []).append(sp)
    return mine


def awaiting_votes(user, limit=TASK_LIMIT):
    """Nominations on the agenda of open sittings the user sits on that still wait for their vote (one query)."""
    from awards.enums import NominationStatus, SessionStatus
    from awards.models import Nomination, Vote

    return list(
        Nomination.objects.filter(
            session__members=user, session__status=SessionStatus.OPEN, status=NominationStatus.IN_COUNCIL
        )
        .exclude(Exists(Vote.objects.filter(nomination=OuterRef("pk"), member=user)))
        .select_related("session", "award_type", "proposer")
        .order_by("session__held_on", "session_id", "id")[:limit]
    )
