"""The campaign dashboard for committee staff: figures and server-side SVG charts, in a fixed number of queries.

- submissions over time: units' sub-plans handed in (first submission) and approved, day by day, against the
  due date(s) and the number of obliged units;
- state by branch: the obliged units' sub-plans by state, one bar per branch of the tree (the unit's parent;
  by kind of organisation when every unit hangs from the same parent);
- attainment by content area: from the approved progress reports (the same figures as the review reports).
"""

from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.safestring import mark_safe

from campaigns.enums import CampaignStatus, DocumentStatus, ReviewKind
from campaigns.models import ProgressReport, SubPlan
from units.enums import OrgKind

from . import charts
from .selectors import gather_review_data

STATE_KEYS = [
    (DocumentStatus.APPROVED, "Đã duyệt", charts.COLORS["approved"]),
    (DocumentStatus.SUBMITTED, "Chờ duyệt", charts.COLORS["submitted"]),
    (DocumentStatus.RETURNED, "Bị trả lại", charts.COLORS["returned"]),
    (DocumentStatus.DRAFT, "Chưa nộp", charts.COLORS["draft"]),
]


def _local(dt):
    return timezone.localtime(dt).date() if dt else None


def timeline(campaign, today):
    """(svg, figures): sub-plans handed in and approved over time, against the due date. One query."""
    rows = list(SubPlan.objects.filter(campaign=campaign).values("due_date", "first_submitted_at", "approved_at"))
    handed_in = [d for d in (_local(r["first_submitted_at"]) for r in rows) if d]
    approved = [d for d in (_local(r["approved_at"]) for r in rows) if d]
    dues = Counter(r["due_date"] for r in rows if r["due_date"])
    main_due = dues.most_common(1)[0][0] if dues else None
    launched = _local(campaign.launched_at)
    start = min([d for d in (campaign.issued_on, launched) if d] + handed_in + approved + [main_due or today])
    last_event = max(handed_in + approved + [main_due or start, start])
    # Draw to today while the campaign runs (but not past its period), else to the last event.
    end = min(today, campaign.period_end) if campaign.status == CampaignStatus.LAUNCHED else campaign.period_end
    end = max(end, last_event)
    if end <= start:
        end = start + timedelta(days=1)
    on_time = sum(
        1
        for r in rows
        if r["due_date"] and _local(r["first_submitted_at"]) and _local(r["first_submitted_at"]) <= r["due_date"]
    )
    figures = {
        "total": len(rows),
        "handed_in": len(handed_in),
        "approved": len(approved),
        "on_time": on_time,
        "due_date": main_due,
        "other_due_dates": len(dues) - 1 if dues else 0,
        "start": start,
        "end": end,
    }
    svg = charts.timeline_chart(
        [
            ("Đã nộp", charts.COLORS["submitted"], handed_in),
            ("Đã duyệt", charts.COLORS["approved"], approved),
        ],
        title="Kế hoạch của đơn vị nộp theo thời gian",
        start=start,
        end=end,
        total=len(rows),
        markers=[(main_due, "Hạn nộp")] if main_due else [],
    )
    return mark_safe(svg), figures


def by_branch(campaign):
    """(svg, rows): sub-plans by state per branch (the unit's parent), else per kind of organisation. One query."""
    counts = (
        SubPlan.objects.filter(campaign=campaign)
        .values("organization__parent_id", "organization__parent__name", "organization__kind", "status")
        .annotate(n=Count("id"))
        .order_by("organization__parent__path")
    )
    per_parent, per_kind, names = defaultdict(Counter), defaultdict(Counter), {}
    for row in counts:
        parent = row["organization__parent_id"]
        names[parent] = row["organization__parent__name"] or "Không thuộc đơn vị nào"
        per_parent[parent][row["status"]] += row["n"]
        per_kind[row["organization__kind"]][row["status"]] += row["n"]
    if len(per_parent) > 1:
        rows = [
            (f"Trực thuộc {names[p]}" if p == campaign.issuer_id else names[p], dict(c)) for p, c in per_parent.items()
        ]
        grouped_by = "branch"
    else:
        labels = dict(OrgKind.choices)
        rows = [(labels.get(k, k), dict(c)) for k, c in sorted(per_kind.items(), key=lambda kv: -sum(kv[1].values()))]
        grouped_by = "kind"
    title = "Tình hình kế hoạch của đơn vị theo " + ("khối, địa bàn" if grouped_by == "branch" else "loại đơn vị")
    return mark_safe(charts.stacked_chart(rows, STATE_KEYS, title=title)), rows, grouped_by


def attainment(campaign):
    """(svg, kind, areas) from the latest review with approved reports: final if any was asked, else interim."""
    kinds = set(ProgressReport.objects.filter(campaign=campaign).values_list("kind", flat=True).distinct().order_by())
    kind = ReviewKind.FINAL if ReviewKind.FINAL in kinds else ReviewKind.INTERIM
    data = gather_review_data(campaign.pk, kind, decisions=False)
    title = f"Tỷ lệ thực hiện chỉ tiêu theo nội dung thi đua (báo cáo {ReviewKind(kind).label.lower()} đã duyệt, %)"
    rows = [(f"{i}. {a['heading']}", a["attainment_pct"], "#1565c0") for i, a in enumerate(data["content_areas"], 1)]
    svg = charts.bar_chart(rows, title=title, reference=100, unit="%")
    return mark_safe(svg), ReviewKind(kind), data["content_areas"], bool(kinds)


def campaign_dashboard(campaign, today):
    timeline_svg, figures = timeline(campaign, today)
    branch_svg, branch_rows, grouped_by = by_branch(campaign)
    attainment_svg, kind, areas, has_reports = attainment(campaign)
    late = SubPlan.objects.filter(
        campaign=campaign, status__in=(DocumentStatus.DRAFT, DocumentStatus.RETURNED), due_date__lt=today
    ).count()
    return {
        "figures": {**figures, "late": late if campaign.status == CampaignStatus.LAUNCHED else 0},
        "timeline_chart": timeline_svg,
        "branch_chart": branch_svg,
        "branch_rows": [(label, [counts.get(key, 0) for key, _, _ in STATE_KEYS]) for label, counts in branch_rows],
        "grouped_by": grouped_by,
        "state_keys": STATE_KEYS,
        "attainment_chart": attainment_svg,
        "review_kind": kind,
        "areas": areas,
        "has_reports": has_reports,
    }
