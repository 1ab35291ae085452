"""Kind: the unit's interim or final report (báo cáo sơ kết / tổng kết của đơn vị).

Results against the targets of its approved sub-plan, a narrative per content area, good examples,
difficulties, proposals and the collectives and individuals it proposes for commendation. The board is split
by variant (ReviewKind: interim, final); staff ask every unit with a sub-plan for its report from the board.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from thidua.text import nfc

from ...enums import CampaignStatus, DocumentStatus, MilestoneKind, ReviewKind
from ...forms import ProgressReportForm, RequestReportsForm
from ...models import (
    CommendationProposal,
    ContentArea,
    ProgressNarrative,
    ProgressReport,
    ProgressReportLog,
    ProgressResult,
    SubPlan,
    SubPlanTarget,
    share_of,
)
from ...permissions import can_manage_campaign
from .. import services
from ..core import DocumentKind, register
from ..views import board_url, staff_campaign, variant_of

HEADER = (
    "number",
    "issued_on",
    "place",
    "summary",
    "notable_examples",
    "difficulties",
    "proposals",
    "sign_on_behalf",
    "signer_title",
    "signer_name",
)


def report_targets(report):
    """Targets the report answers: those of the unit's sub-plan, once that sub-plan is approved."""
    if not report.subplan_id or report.subplan.status != DocumentStatus.APPROVED:
        return SubPlanTarget.objects.none()
    return (
        SubPlanTarget.objects.filter(item__subplan_id=report.subplan_id)
        .select_related("item__content_area")
        .order_by("item__content_area__order", "order", "id")
    )


def save_parts(report, parts):
    """narratives: {content_area_id: text}; results: {target_id: (achieved or None, note)};
    commendations: [{name, is_collective, award, achievement}] in order."""
    allowed_targets = set(report_targets(report).values_list("pk", flat=True))
    area_ids = set(ContentArea.objects.filter(campaign_id=report.campaign_id).values_list("pk", flat=True))
    report.narratives.all().delete()
    ProgressNarrative.objects.bulk_create(
        ProgressNarrative(report=report, content_area_id=area_id, text=nfc(text.strip()))
        for area_id, text in parts.get("narratives", {}).items()
        if area_id in area_ids and (text or "").strip()
    )
    report.results.all().delete()
    ProgressResult.objects.bulk_create(
        ProgressResult(report=report, target_id=target_id, achieved=achieved, note=nfc((note or "").strip()))
        for target_id, (achieved, note) in parts.get("results", {}).items()
        if target_id in allowed_targets and (achieved is not None or (note or "").strip())
    )
    report.commendations.all().delete()
    CommendationProposal.objects.bulk_create(
        CommendationProposal(
            report=report,
            order=order,
            name=nfc(row["name"].strip()),
            is_collective=bool(row.get("is_collective")),
            award=nfc((row.get("award") or "").strip()),
            achievement=nfc((row.get("achievement") or "").strip()),
        )
        for order, row in enumerate(parts.get("commendations", []), 1)
    )


def digest(pk):
    header = ProgressReport.objects.filter(pk=pk).values_list(*HEADER).first()
    narratives = list(
        ProgressNarrative.objects.filter(report_id=pk)
        .order_by("content_area_id")
        .values_list("content_area_id", "text")
    )
    results = list(
        ProgressResult.objects.filter(report_id=pk).order_by("target_id").values_list("target_id", "achieved", "note")
    )
    proposals = list(
        CommendationProposal.objects.filter(report_id=pk)
        .order_by("order", "id")
        .values_list("name", "is_collective", "award", "achievement")
    )
    return (header, narratives, results, proposals)


def checklist(report):
    has_results = report.narratives.exists() or report.results.exists() or bool(report.summary.strip())
    return [
        ("kết quả thực hiện", has_results),
        ("người ký", bool(report.signer_name.strip())),
        ("bản báo cáo đã ký, đóng dấu (tệp PDF, JPEG hoặc PNG)", services.has_scan(report)),
    ]


def document(report):
    """Per content area: the campaign's text, the unit's narrative, its targets with results; and the rest."""
    areas = list(ContentArea.objects.filter(campaign_id=report.campaign_id).order_by("order", "id"))
    narratives = {n.content_area_id: n for n in report.narratives.all()}
    results = {r.target_id: r for r in ProgressResult.objects.filter(report=report)}
    by_area = {}
    for target in report_targets(report):
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
        "subplan_approved": bool(report.subplan_id and report.subplan.status == DocumentStatus.APPROVED),
    }


def print_title(report):
    campaign, kind = report.campaign, report.get_kind_display().lower()
    return f"{kind[:1].upper()}{kind[1:]} thực hiện Kế hoạch số {campaign.reference} của {campaign.issuer.name}"


# --- Asking the units for their reports -------------------------------------------------------------------

REPORT_DUE_MILESTONE = {
    ReviewKind.INTERIM: MilestoneKind.INTERIM_REPORT_DUE,
    ReviewKind.FINAL: MilestoneKind.FINAL_REPORT_DUE,
}


def report_due_date(campaign, kind):
    return (
        campaign.milestones.filter(kind=REPORT_DUE_MILESTONE[kind])
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )


def request_progress_reports(campaign, kind, actor, *, due_date=None):
    """Ask every obliged unit (every unit with a sub-plan) for its interim or final report. Returns how many new."""
    if not can_manage_campaign(actor, campaign):
        raise PermissionDenied
    if campaign.status != CampaignStatus.LAUNCHED:
        raise ValidationError("Chỉ yêu cầu báo cáo khi phong trào đang được phát động.")
    if kind not in ReviewKind.values:
        raise ValidationError("Loại báo cáo không hợp lệ.")
    subplans = dict(
        SubPlan.objects.filter(campaign=campaign).order_by("organization__path").values_list("organization_id", "pk")
    )
    return services.oblige(
        PROGRESS,
        campaign,
        list(subplans),
        actor,
        due_date=due_date or report_due_date(campaign, kind),
        variant=kind,
        extra=lambda org_id: {"subplan_id": subplans[org_id]},
    )


def board_context(campaign, variant, base):
    return {
        "request_form": RequestReportsForm(initial={"due_date": report_due_date(campaign, variant)}),
        "not_yet_requested": campaign.subplans.exclude(organization_id__in=base.values("organization_id")).count(),
    }


@login_required
@require_POST
def request_reports(request, pk, doc_kind, variant):
    campaign = staff_campaign(request.user, pk)
    variant = variant_of(doc_kind, variant)
    form = RequestReportsForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["due_date"]))
    else:
        try:
            created = request_progress_reports(campaign, variant, request.user, due_date=form.cleaned_data["due_date"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã yêu cầu {created} đơn vị gửi báo cáo {variant.label.lower()}.")
    return redirect(board_url(doc_kind, campaign.pk, variant.value))


PROGRESS = register(
    DocumentKind(
        key="report",
        order=20,
        model=ProgressReport,
        log_model=ProgressReportLog,
        slug="bao-cao-don-vi",
        labels={
            "noun": "báo cáo {variant}",
            "plural": "Báo cáo {variant} của đơn vị",
            "board": "Báo cáo {variant} của các đơn vị",
            "code": "BC",
            "type": "BÁO CÁO",
            "file": "bao-cao",
            "more": "đề nghị",
        },
        variants=ReviewKind,
        form=ProgressReportForm,
        save_parts=save_parts,
        digest=digest,
        checklist=checklist,
        document=document,
        parts_template="campaigns/unitdocs/kinds/progress.html",
        next_step={
            "draft": "Ghi kết quả, đính kèm minh chứng và nộp",
            "returned": "Sửa theo ý kiến trả lại và nộp lại",
            "submitted": "Chờ Văn phòng xét duyệt (có thể rút lại để sửa)",
            "approved": "Đã xong",
        },
        mail_task="notify_progress_transition",
        print_template="campaigns/print/progress_report.html",
        print_title=print_title,
        print_name="report",
        board_units=lambda campaign: campaign.subplans.all(),
        board_context=board_context,
        extra_urls=(("{board}yeu-cau/", request_reports, "request_reports"),),
        context_name="report",
    )
)
