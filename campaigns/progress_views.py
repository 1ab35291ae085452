"""Pages of units' progress reports (sơ kết / tổng kết): the same shape as sub-plans, the same checks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua.paging import CountedPaginator
from thidua.uploads import download_response

from . import printing, selectors, services
from .enums import ReviewKind
from .forms import AttachmentForm, DueDateForm, ProgressReportForm, RequestReportsForm, TransitionForm
from .models import ProgressReport, ProgressReportAttachment
from .permissions import can_review_document, can_write_document
from .subplan_views import (
    BOARD_PAGE_SIZE,
    _board_filters,
    _filter_query,
    _staff_campaign,
    pdf_response,
    run_transition,
    typed_context,
    upload_refused,
)
from .workflows import PROGRESS_WORKFLOW

MESSAGES = {
    "submit": "Đã nộp báo cáo.",
    "withdraw": "Đã rút báo cáo về để sửa.",
    "return": "Đã trả lại báo cáo cho đơn vị.",
    "approve": "Đã duyệt báo cáo.",
}


def _kind(kind):
    if kind not in ReviewKind.values:
        raise Http404
    return ReviewKind(kind)


@login_required
def report_board(request, pk, kind):
    campaign = _staff_campaign(request.user, pk)
    kind = _kind(kind)
    today = timezone.localdate()
    filters = _board_filters(request, campaign)
    base = ProgressReport.objects.filter(campaign=campaign, kind=kind)
    board = selectors.board(campaign, today=today, base=base, **filters)
    page = CountedPaginator(board.rows, BOARD_PAGE_SIZE, board.matched).get_page(request.GET.get("page"))
    return render(
        request,
        "campaigns/progress/board.html",
        {
            "campaign": campaign,
            "kind": kind,
            "page": page,
            "lines": [(r, r.days_late(today)) for r in page.object_list],
            "summary": board.summary,
            "total": board.total,
            "filters": filters,
            "query_string": _filter_query(filters),
            "states": selectors.BOARD_STATES,
            "kinds": selectors.obliged_kinds(campaign),
            "request_form": RequestReportsForm(initial={"due_date": services.report_due_date(campaign, kind)}),
            "not_yet_requested": campaign.subplans.exclude(organization_id__in=base.values("organization_id")).count(),
        },
    )


@login_required
@require_POST
def request_reports(request, pk, kind):
    campaign = _staff_campaign(request.user, pk)
    kind = _kind(kind)
    form = RequestReportsForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["due_date"]))
    else:
        try:
            created = services.request_progress_reports(
                campaign, kind, request.user, due_date=form.cleaned_data["due_date"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã yêu cầu {created} đơn vị gửi báo cáo {kind.label.lower()}.")
    return redirect("campaigns:report_board", pk=campaign.pk, kind=kind.value)


def _context(request, report, **extra):
    user = request.user
    targets = services.report_targets(report)
    context = {
        "report": report,
        "campaign": report.campaign,
        "moves": PROGRESS_WORKFLOW.available(user, report),
        "can_write": can_write_document(user, report) and report.is_editable,
        "can_review": can_review_document(user, report),
        "attachment_form": AttachmentForm(),
        "transition_form": TransitionForm(),
        "days_late": report.days_late(timezone.localdate()),
        "checklist": services.report_checklist(report)
        if can_write_document(user, report) and report.is_editable
        else [],
        # Units and reviewers alike are told when the content changed after the signed scan (not only drafts).
        "scan_stale": services.scan_may_be_stale(report),
        "subplan_approved": bool(report.subplan_id and report.subplan.status == "approved"),
        **selectors.report_document(report, targets),
    }
    context.update(extra)
    return context


@login_required
def report_detail(request, pk):
    report = selectors.get_report_for(request.user, pk)
    return render(
        request, "campaigns/progress/detail.html", _context(request, report, **typed_context(request, report))
    )


@login_required
def report_pdf(request, pk):
    report = selectors.get_report_for(request.user, pk)
    return pdf_response(
        printing.report_pdf(report), f"bao-cao-{report.kind}-{report.organization.code}-{report.campaign_id}.pdf"
    )


def _form(report, data=None):
    areas = list(report.campaign.content_areas.order_by("order", "id"))
    targets = services.report_targets(report)
    if data is None:
        return ProgressReportForm(report=report, areas=areas, targets=targets)
    return ProgressReportForm(data, report=report, areas=areas, targets=targets)


@login_required
def report_edit(request, pk):
    report = selectors.get_report_for(request.user, pk)
    if not can_write_document(request.user, report):
        raise PermissionDenied
    if not report.is_editable:
        messages.info(request, f"Báo cáo đang ở trạng thái «{report.get_status_display()}»: không sửa được.")
        return redirect("campaigns:report", pk=report.pk)
    if request.method == "POST":
        form = _form(report, request.POST)
        if form.is_valid():
            try:
                services.save_progress_report(
                    report,
                    request.user,
                    version=form.cleaned_data["version"],
                    header=form.header(),
                    narratives=form.cleaned_narratives,
                    results=form.cleaned_results,
                    commendations=form.cleaned_commendations,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Đã lưu báo cáo.")
                if request.POST.get("then") == "more":
                    return redirect("campaigns:report_edit", pk=report.pk)
                return redirect("campaigns:report", pk=report.pk)
        return render(request, "campaigns/progress/edit.html", _edit_context(report, form), status=400)
    return render(request, "campaigns/progress/edit.html", _edit_context(report, _form(report)))


def _edit_context(report, form):
    return {
        "report": report,
        "form": form,
        "checklist": services.report_checklist(report),
        "scan_stale": services.scan_may_be_stale(report),
    }


@login_required
@require_POST
def report_transition(request, pk, action):
    report = selectors.get_report_for(request.user, pk)
    refused = run_transition(request, report, action, PROGRESS_WORKFLOW, services.transition_progress_report, MESSAGES)
    return refused or redirect("campaigns:report", pk=report.pk)


@login_required
@require_POST
def report_upload(request, pk):
    report = selectors.get_report_for(request.user, pk)
    if not can_write_document(request.user, report):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(report, request.user, form.cleaned_data["file"], form.cleaned_data["description"])
        except ValidationError as exc:
            form.add_error("file", exc)
    if form.errors:
        return upload_refused(request, report, form)
    messages.success(request, "Đã đính kèm tệp minh chứng.")
    return redirect("campaigns:report", pk=report.pk)


@login_required
def report_attachment(request, pk, attachment_pk):
    report = selectors.get_report_for(request.user, pk)
    return download_response(get_object_or_404(ProgressReportAttachment, pk=attachment_pk, report=report))


@login_required
@require_POST
def report_attachment_delete(request, pk, attachment_pk):
    report = selectors.get_report_for(request.user, pk)
    attachment = get_object_or_404(ProgressReportAttachment, pk=attachment_pk, report=report)
    try:
        services.delete_attachment(attachment, report, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã xóa tệp.")
    return redirect("campaigns:report", pk=report.pk)


@login_required
@require_POST
def report_due_date(request, pk):
    report = selectors.get_report_for(request.user, pk)
    if not can_review_document(request.user, report):
        raise PermissionDenied
    form = DueDateForm(request.POST)
    if form.is_valid():
        services.set_due_date(report, request.user, form.cleaned_data["due_date"])
        messages.success(request, "Đã đổi hạn nộp.")
    else:
        messages.error(request, " ".join(form.errors["due_date"]))
    return redirect("campaigns:report", pk=report.pk)
