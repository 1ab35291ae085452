"""Reads for review reports: who may see them, and the one place that gathers a campaign's figures.

`gather_review_data` reads whatever the campaigns app holds at the time: the units named in the plan's
assignments, their sub-plans (`campaign.subplans`) and, once it exists, their progress reports. It returns
plain JSON (the snapshot stored with each build), in a fixed number of queries whatever the number of units.
"""

from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils import timezone

from awards.wording import office_of
from campaigns.enums import MilestoneKind, ReviewKind
from campaigns.models import Assignment, Campaign, ContentArea, Milestone, Movement, Target
from thidua.access import scoped
from thidua.text import fold
from units.models import Organization

from .enums import ReviewStatus
from .models import ReviewReport
from .permissions import can_view_review_report

SUBMITTED_STATES = ("submitted", "returned", "approved")  # states a document reaches only once handed in
STATE_LABELS = {
    "approved": "Đã duyệt",
    "submitted": "Đã nộp, chờ duyệt",
    "returned": "Bị trả lại",
    "draft": "Đang soạn",
    "missing": "Chưa có",
}
STATE_ORDER = ("approved", "submitted", "returned", "draft", "missing")


# --- who sees what ------------------------------------------------------------------------------------


def review_reports_for(user):
    """Review reports of campaigns the user's organisation issued (committee staff only: can_view_review_report)."""
    return _visible_reviews(user).select_related("campaign", "requested_by")


_visible_reviews = scoped(ReviewReport, can_view_review_report, "review_reports_for")


def get_review_report_for(user, pk, *, light=False):
    """404 unless the user may see it. light: without the snapshot and narrative (status polls, downloads)."""
    qs = review_reports_for(user)
    return get_object_or_404(qs.defer("snapshot", "sections") if light else qs, pk=pk)


def reports_of(campaign):
    return (
        ReviewReport.objects.filter(campaign=campaign)
        .select_related("requested_by")
        .defer("snapshot", "sections")
        .order_by("kind", "-version")
    )


# --- the document header -----------------------------------------------------------------------------


def report_symbol(campaign):
    """ "BC/HU" (Party) or "BC-UBND" (state), after the campaign's own symbol ("KH/HU" -> "BC/HU")."""
    suffix = campaign.symbol.replace("-", "/").rsplit("/", 1)[-1] or "HU"
    return f"BC-{suffix}" if campaign.document_format == "state" else f"BC/{suffix}"


def _issued_numbers(campaign, symbol):
    return ReviewReport.objects.filter(
        campaign__issuer_id=campaign.issuer_id,
        symbol=symbol,
        term=campaign.term,
        is_final=True,
        number__isnull=False,
    ).exclude(status=ReviewStatus.FAILED)


def next_report_number(campaign):
    """Reports are numbered per type (BC) within the committee's term, like plans (campaigns.selectors.next_number).

    Only issued review reports are known here: the suggestion is a hint, staff may type another number.
    """
    from thidua.documents import register

    symbol = report_symbol(campaign)
    last = _issued_numbers(campaign, symbol).order_by("-number").values_list("number", flat=True)
    in_register = register.next_number(
        campaign.issuer_id, register.document_type_of(symbol), kind=campaign.document_format, term=campaign.term
    )
    return max((last.first() or 0) + 1, in_register)


def number_taken(campaign, number, *, exclude_pk=None):
    """The issued review report that already carries this number in the term, or None."""
    qs = _issued_numbers(campaign, report_symbol(campaign)).filter(number=number)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.select_related("campaign").first()


def issued_version(campaign, kind):
    """The issued (final) version of this kind, once built: after it nothing of this kind is built or edited."""
    return (
        ReviewReport.objects.filter(campaign=campaign, kind=kind, is_final=True, status=ReviewStatus.DONE)
        .defer("snapshot", "sections")
        .first()
    )


def _is_upward(recipient, issuer, superior_key):
    organization = recipient.organization
    if organization is not None and organization.pk != issuer.pk and issuer.path.startswith(organization.path):
        return True
    return bool(superior_key) and superior_key in fold(recipient.text)


def default_recipients(campaign):
    """Nơi nhận of an upward report: the plan's recipients above the committee, the province's emulation board, Lưu."""
    issuer = campaign.issuer
    parent = issuer.parent if issuer.parent_id else None
    superior = fold(campaign.superior_body)
    level = "tinh" if (parent and parent.level == "province") or "tinh" in superior.split() else ""
    superior_key = f"{level} uy" if level else ""
    upward = [
        r.text.strip().rstrip(",;.").strip() for r in campaign.recipients.all() if _is_upward(r, issuer, superior_key)
    ]
    if not upward:
        upward = [f"Thường trực {parent.name}" if parent else ("Thường trực Tỉnh ủy" if level else "Cấp ủy cấp trên")]
    if level and not any("thi dua" in fold(text) for text in upward):
        upward.append("Ban Thi đua - Khen thưởng tỉnh")
    return [f"{text} (b/c)," if "b/c" not in text else f"{text}," for text in upward] + ["Lưu."]


def default_header(campaign, kind):
    """Header of a new build: the last version's edited header if there is one, else from the campaign."""
    previous = (
        ReviewReport.objects.filter(campaign=campaign, kind=kind, status=ReviewStatus.DONE)
        .order_by("-version")
        .defer("snapshot", "sections")
        .first()
    )
    if previous is not None:
        return previous.header()
    return {
        "number": None,
        "issued_on": None,
        "place": campaign.place,
        "sign_on_behalf": campaign.sign_on_behalf,
        "signer_title": campaign.signer_title,
        "signer_name": campaign.signer_name,
        "recipients": default_recipients(campaign),
    }


# --- the data cut-off ("số liệu tính đến ngày") -------------------------------------------------------------

REVIEW_MILESTONES = {ReviewKind.INTERIM: MilestoneKind.INTERIM_REVIEW, ReviewKind.FINAL: MilestoneKind.FINAL_REVIEW}


def default_data_as_of(campaign, kind):
    """Today; for a campaign whose period has ended, the date of that review's milestone when the plan has one."""
    today = timezone.localdate()
    if campaign.period_end and campaign.period_end < today and kind in REVIEW_MILESTONES:
        milestone = (
            Milestone.objects.filter(campaign=campaign, kind=REVIEW_MILESTONES[kind], date__lte=today)
            .order_by("-date")
            .values_list("date", flat=True)
            .first()
        )
        if milestone:
            return milestone
    return today


def _state_as_of(status, first_submitted, approved, as_of):
    """A document's state on the cut-off day, from its own timestamps (handed in later: a draft then;
    approved later: awaiting review then). Only used for a cut-off before today."""
    if status in SUBMITTED_STATES and first_submitted is not None and first_submitted > as_of:
        return "draft"
    if status == "approved" and approved is not None and approved > as_of:
        return "submitted"
    return status


# --- the figures --------------------------------------------------------------------------------------


def _model(name):
    try:
        return apps.get_model("campaigns", name)
    except LookupError:
        return None


def _iso(value):
    return value.isoformat() if value else None


def _num(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _local_date(value):
    return timezone.localtime(value).date() if value else None


def gather_review_data(campaign_id, kind, as_of=None, *, decisions=True):
    """Everything a review report prints, as JSON-able data (stored as the build's snapshot).

    as_of: the data cut-off day (default today). Documents handed in or approved after it count as they stood then.
    decisions: also the award decisions issued by then (decided_awards; the dashboard does not show them).
    """
    today = timezone.localdate()
    as_of = as_of or today
    past = as_of < today
    campaign = Campaign.objects.select_related("issuer").get(pk=campaign_id)
    areas = list(
        ContentArea.objects.filter(campaign=campaign).order_by("order", "id").values("id", "order", "heading", "body")
    )
    movements = defaultdict(list)
    for m in (
        Movement.objects.filter(content_area__campaign=campaign)
        .order_by("order", "id")
        .values("content_area_id", "name")
    ):
        movements[m["content_area_id"]].append(m["name"])
    plan_targets = defaultdict(list)
    for t in (
        Target.objects.filter(content_area__campaign=campaign)
        .order_by("order", "id")
        .values("content_area_id", "name", "value", "unit_of_measure")
    ):
        plan_targets[t["content_area_id"]].append(
            {"name": t["name"], "value": _num(t["value"]), "unit": t["unit_of_measure"]}
        )

    # Units: those the plan's assignments name (required to answer when the assignment asks for a sub-plan),
    # plus any unit given a sub-plan obligation.
    required, named = set(), set()
    due_by_org = {}
    for row in Assignment.organizations.through.objects.filter(assignment__campaign=campaign).values(
        "organization_id", "assignment__requires_subplan", "assignment__due_date"
    ):
        named.add(row["organization_id"])
        if row["assignment__requires_subplan"]:
            required.add(row["organization_id"])
            due = row["assignment__due_date"]
            if due and (row["organization_id"] not in due_by_org or due < due_by_org[row["organization_id"]]):
                due_by_org[row["organization_id"]] = due

    subplans = {}
    SubPlan = _model("SubPlan")
    if SubPlan is not None:
        for sp in SubPlan.objects.filter(campaign=campaign).values(
            "id", "organization_id", "status", "due_date", "first_submitted_at", "submitted_at", "approved_at"
        ):
            if past:
                first = _local_date(sp["first_submitted_at"])
                sp["status"] = _state_as_of(sp["status"], first, _local_date(sp["approved_at"]), as_of)
                if first is not None and first > as_of:
                    sp["first_submitted_at"] = None
            subplans[sp["organization_id"]] = sp
            required.add(sp["organization_id"])
    org_ids = named | required | set(subplans)
    orgs = list(Organization.objects.filter(pk__in=org_ids).order_by("path").values("id", "name", "short_name", "path"))

    # Unit targets (from sub-plans) per content area, and what was achieved against them.
    unit_targets = []  # (org_id, area_id, target_id, value)
    SubPlanTarget = _model("SubPlanTarget")
    if SubPlanTarget is not None:
        for t in SubPlanTarget.objects.filter(item__subplan__campaign=campaign).values(
            "id", "value", "item__content_area_id", "item__subplan__organization_id"
        ):
            unit_targets.append((t["item__subplan__organization_id"], t["item__content_area_id"], t["id"], t["value"]))
    progress = _progress_data(campaign, kind, as_of if past else None)
    achieved = progress["achieved"]

    per_area = {a["id"]: {"total": 0, "reported": 0, "met": 0, "shares": []} for a in areas}
    per_unit_targets = defaultdict(lambda: {"total": 0, "met": 0, "reported": 0})
    for org_id, area_id, target_id, value in unit_targets:
        area = per_area.setdefault(area_id, {"total": 0, "reported": 0, "met": 0, "shares": []})
        area["total"] += 1
        per_unit_targets[org_id]["total"] += 1
        if target_id in achieved and value:
            share = Decimal(achieved[target_id]) / Decimal(value)
            area["reported"] += 1
            area["shares"].append(share)
            per_unit_targets[org_id]["reported"] += 1
            if share >= 1:
                area["met"] += 1
                per_unit_targets[org_id]["met"] += 1

    units = []
    states = dict.fromkeys(STATE_ORDER, 0)
    built = on_time = approved = 0
    for org in orgs:
        sp = subplans.get(org["id"])
        entry = {
            "id": org["id"],
            "name": org["name"],
            "short_name": org["short_name"] or org["name"],
            "required": org["id"] in required,
            "subplan": None,
            "progress": progress["by_org"].get(org["id"]),
            "targets_total": per_unit_targets[org["id"]]["total"],
            "targets_reported": per_unit_targets[org["id"]]["reported"],
            "targets_met": per_unit_targets[org["id"]]["met"],
        }
        if sp is not None:
            due = sp["due_date"] or due_by_org.get(org["id"])
            first = _local_date(sp["first_submitted_at"])
            handed_in = sp["status"] in SUBMITTED_STATES or first is not None
            timely = bool(handed_in and (due is None or (first is not None and first <= due)))
            entry["subplan"] = {
                "status": sp["status"],
                "status_label": STATE_LABELS.get(sp["status"], sp["status"]),
                "submitted_on": _iso(first),
                "due_date": _iso(due),
                "on_time": timely,
                "overdue": bool(not handed_in and due and due < as_of),
            }
            states[sp["status"] if sp["status"] in states else "draft"] += 1
            built += handed_in
            on_time += timely
            approved += sp["status"] == "approved"
        elif entry["required"]:
            states["missing"] += 1
        if entry["required"] or sp is not None:
            units.append(entry)
        else:
            units.append({**entry, "required": False})

    responsible = [u for u in units if u["required"]]
    not_answered = [
        {
            "name": u["name"],
            "subplan": (u["subplan"] or {}).get("status_label", STATE_LABELS["missing"]),
            "progress": (u["progress"] or {}).get("status_label", STATE_LABELS["missing"]),
        }
        for u in responsible
        if not u["subplan"]
        or u["subplan"]["status"] not in SUBMITTED_STATES
        or (progress["exists"] and (not u["progress"] or u["progress"]["status"] not in SUBMITTED_STATES))
    ]
    area_rows = []
    for a in areas:
        figures = per_area.get(a["id"], {"total": 0, "reported": 0, "met": 0, "shares": []})
        shares = figures["shares"]
        mean = float(sum(shares) / len(shares) * 100) if shares else None
        area_rows.append(
            {
                "id": a["id"],
                "order": a["order"],
                "heading": a["heading"] or a["body"].split("\n", 1)[0][:120],
                "movements": movements[a["id"]],
                "plan_targets": plan_targets[a["id"]],
                "targets_total": figures["total"],
                "targets_reported": figures["reported"],
                "targets_met": figures["met"],
                "units_reporting": progress["narratives"].get(a["id"], 0),
                "attainment_pct": round(mean, 1) if mean is not None else None,
            }
        )
    progress_counts = dict.fromkeys(STATE_ORDER, 0)
    pending = []  # handed in but not approved: listed, never counted in the figures
    for u in responsible:
        status = (u["progress"] or {}).get("status", "missing")
        progress_counts[status if status in progress_counts else "draft"] += 1
        if status in ("submitted", "returned"):
            pending.append({"name": u["name"], "status": status, "status_label": STATE_LABELS[status]})
    subplan_states = {s: states[s] for s in STATE_ORDER}
    return {
        "kind": kind,
        "kind_label": ReviewKind(kind).label,
        "generated_at": timezone.now().isoformat(),
        "data_as_of": as_of.isoformat(),
        "campaign": {
            "id": campaign.pk,
            "reference": campaign.reference,
            "title": campaign.title,
            "issuing_body": campaign.issuing_body,
            "office": office_of(campaign.issuer),  # «Văn phòng Huyện ủy», as decisions name it
            "period_start": _iso(campaign.period_start),
            "period_end": _iso(campaign.period_end),
        },
        "counts": {
            "units": len(responsible),
            "units_named": len(units),
            "subplans_built": built,
            "subplans_on_time": on_time,
            "subplans_approved": approved,
            "progress_exists": progress["exists"],
            "progress_submitted": sum(
                1 for u in responsible if u["progress"] and u["progress"]["status"] in SUBMITTED_STATES
            ),
            "progress_approved": progress_counts["approved"],
            "progress_awaiting": progress_counts["submitted"],
            "progress_returned": progress_counts["returned"],
            "progress_not_answered": progress_counts["draft"] + progress_counts["missing"],
            "subplans_awaiting": subplan_states["submitted"],
            "subplans_returned": subplan_states["returned"],
            "subplans_not_answered": subplan_states["draft"] + subplan_states["missing"],
            "targets_total": len(unit_targets),
            "targets_reported": sum(a["targets_reported"] for a in area_rows),
            "targets_met": sum(a["targets_met"] for a in area_rows),
            "not_answered": len(not_answered),
        },
        "states": [{"key": k, "label": STATE_LABELS[k], "count": states[k]} for k in STATE_ORDER],
        "progress_states": [{"key": k, "label": STATE_LABELS[k], "count": progress_counts[k]} for k in STATE_ORDER],
        "content_areas": area_rows,
        "units": units,
        "not_answered": not_answered,
        "progress_pending": pending,
        "commendations": progress["commendations"],
        "decisions": decided_awards(campaign, as_of) if decisions else [],
        "examples": progress["examples"],
    }


def decided_awards(campaign, as_of):
    """The campaign's award decisions issued by the data date, with the awards they gave that still stood then:
    the review's commendation section counts them, not only the proposals inside units' approved reports."""
    from awards.enums import DecisionKind, DecisionStatus, NomineeKind
    from awards.models import Award, Decision

    decisions = list(
        Decision.objects.filter(
            campaign=campaign, status=DecisionStatus.ISSUED, kind=DecisionKind.AWARD, issued_on__lte=as_of
        ).order_by("issued_on", "number")
    )
    rows = (
        Award.objects.filter(decision__in=decisions)
        .exclude(revoked_on__lte=as_of)
        .order_by("award_type__sort_order", "id")
        .values_list("decision_id", "nominee_kind", "award_type__name")
    )
    counted = defaultdict(lambda: {"total": 0, "collective": 0, "by_award": {}})
    for decision_id, nominee_kind, award in rows:
        entry = counted[decision_id]
        entry["total"] += 1
        entry["collective"] += nominee_kind == NomineeKind.COLLECTIVE
        entry["by_award"][award] = entry["by_award"].get(award, 0) + 1
    return [
        {
            "reference": d.reference,
            "issued_on": d.issued_on.isoformat(),
            "total": counted[d.pk]["total"],
            "collective": counted[d.pk]["collective"],
            "by_award": list(counted[d.pk]["by_award"].items()),
        }
        for d in decisions
        if counted[d.pk]["total"]
    ]


def _progress_data(campaign, kind, as_of=None):
    """Units' progress reports of this kind (campaigns.ProgressReport, issue 4 item 1), once that model exists."""
    empty = {"exists": False, "by_org": {}, "achieved": {}, "commendations": [], "examples": [], "narratives": {}}
    ProgressReport = _model("ProgressReport")
    if ProgressReport is None:
        return empty
    reports = ProgressReport.objects.filter(campaign=campaign, kind=kind)
    rows = list(reports.values("id", "organization_id", "status", "first_submitted_at", "submitted_at", "approved_at"))
    if as_of is not None:
        for r in rows:
            first = _local_date(r["first_submitted_at"] or r["submitted_at"])
            r["status"] = _state_as_of(r["status"], first, _local_date(r["approved_at"]), as_of)
            if first is not None and first > as_of:
                r["first_submitted_at"] = r["submitted_at"] = None
    by_org = {
        r["organization_id"]: {
            "status": r["status"],
            "status_label": STATE_LABELS.get(r["status"], r["status"]),
            "submitted_on": _iso(_local_date(r["first_submitted_at"] or r["submitted_at"])),
        }
        for r in rows
    }
    # Only approved reports count in the figures (results, narratives, examples, proposed commendations);
    # reports awaiting review or returned are listed separately (gather_review_data: "progress_pending").
    counted = [r["id"] for r in rows if r["status"] == "approved"]
    achieved = dict(
        _model("ProgressResult")
        .objects.filter(report_id__in=counted, achieved__isnull=False)
        .values_list("target_id", "achieved")
    )
    commendations = [
        {"unit": p.pop("report__organization__name"), **p}
        for p in _model("CommendationProposal")
        .objects.filter(report_id__in=counted)
        .order_by("report__organization__path", "order", "id")
        .values("report__organization__name", "name", "is_collective", "award", "achievement")
    ]
    examples = [
        {"unit": r["organization__name"], "text": r["notable_examples"]}
        for r in reports.filter(id__in=counted)
        .exclude(notable_examples="")
        .order_by("organization__path")
        .values("organization__name", "notable_examples")
    ]
    narratives = dict(
        _model("ProgressNarrative")
        .objects.filter(report_id__in=counted)
        .exclude(text="")
        .values("content_area_id")
        .annotate(n=Count("id"))
        .values_list("content_area_id", "n")
    )
    return {
        "exists": True,
        "by_org": by_org,
        "achieved": achieved,
        "commendations": commendations,
        "examples": examples,
        "narratives": narratives,
    }
