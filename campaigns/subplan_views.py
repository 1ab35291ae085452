"""Pages of units' sub-plans: the unit's own list, write/submit, the staff's board, queue and review."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua import outbox, xlsx
from thidua.paging import CountedPaginator
from thidua.uploads import download_response
from thidua.workflow import STALE_PAGE, TransitionConflict, TransitionError
from units.enums import OrgKind

from . import printing, selectors, services
from .enums import DocumentStatus
from .exports import board_workbook
from .forms import AttachmentForm, DueDateForm, ObligationForm, SubPlanForm, TransitionForm
from .models import SubPlanAttachment, SubPlanItem
from .permissions import can_manage_campaign, can_review_document, can_write_document
from .tasks import send_manual_reminders
from .workflows import SUBPLAN_WORKFLOW

BOARD_PAGE_SIZE = 50


def _staff_campaign(user, pk):
    campaign = selectors.get_campaign_for(user, pk)
    if not can_manage_campaign(user, campaign):
        raise Http404  # units do not learn that the board exists
    return campaign


# --- Unit side -------------------------------------------------------------------------------------------


NEXT_STEP = {
    DocumentStatus.DRAFT: "Soạn kế hoạch, đính kèm bản ký và nộp",
    DocumentStatus.RETURNED: "Sửa theo ý kiến trả lại và nộp lại",
    DocumentStatus.SUBMITTED: "Chờ Văn phòng xét duyệt (có thể rút lại để sửa)",
    DocumentStatus.APPROVED: "Đã xong",
}
REPORT_NEXT_STEP = {
    **NEXT_STEP,
    DocumentStatus.DRAFT: "Ghi kết quả, đính kèm minh chứng và nộp",
}


@login_required
def my_subplans(request):
    today = timezone.localdate()
    page = Paginator(selectors.my_obligations(request.user), 25).get_page(request.GET.get("page"))
    rows = [(sp, sp.days_late(today), NEXT_STEP[sp.status]) for sp in page.object_list]
    reviewing = (
        selectors.review_queue(request.user).count() if selectors.campaigns_reviewed_by(request.user).exists() else None
    )
    reports = [(r, r.days_late(today), REPORT_NEXT_STEP[r.status]) for r in selectors.my_reports(request.user)[:50]]
    return render(
        request,
        "campaigns/subplans/mine.html",
        {"page": page, "rows": rows, "today": today, "reviewing": reviewing, "reports": reports},
    )


# --- Post/redirect/get: a refused POST redirects to the page; what was typed waits in the session ----------


def _typed_key(doc):
    return f"typed:{doc._meta.model_name}:{doc.pk}"


def remember_typed(request, doc, **typed):
    """Keep what the user typed in a refused form for the next GET of the page (post/redirect/get)."""
    request.session[_typed_key(doc)] = typed


def recall_typed(request, doc):
    return request.session.pop(_typed_key(doc), None) or {}


def typed_context(request, doc):
    """Context for a document page from what a refused POST left: the reason typed, the upload errors."""
    typed = recall_typed(request, doc)
    return {
        "failed_action": typed.get("action", ""),
        "transition_form": TransitionForm(initial={"reason": typed.get("reason", "")}),
        "attachment_form": AttachmentForm(initial={"description": typed.get("description", "")}),
        "upload_errors": typed.get("upload_errors", []),
    }


def run_transition(request, doc, action, workflow, service, done_messages):
    """Apply a move from a page form (with the version the page showed); on refusal redirect back with the reason.

    Returns None when the move was made, else the redirect to the document's page.
    """
    if action not in workflow.moves:
        raise Http404  # an unknown action is no page at all
    form = TransitionForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        version = form.cleaned_data.get("version")
        if version is None:
            raise TransitionConflict(STALE_PAGE)
        service(doc, action, request.user, reason=reason, expected_version=version)
    except TransitionError as exc:
        messages.error(request, str(exc))
        remember_typed(request, doc, action=action, reason=reason)
        return redirect(doc.get_absolute_url())
    messages.success(request, done_messages.get(action, "Đã cập nhật."))
    return None


def upload_refused(request, doc, form):
    errors = [e for field_errors in form.errors.values() for e in field_errors]
    messages.error(request, "Chưa tải lên được tệp: " + " ".join(errors))
    remember_typed(request, doc, upload_errors=errors, description=request.POST.get("description", "")[:255])
    return redirect(doc.get_absolute_url())


def _detail_context(request, subplan, **extra):
    doc = selectors.subplan_document(subplan)
    user = request.user
    can_write = can_write_document(user, subplan) and subplan.is_editable
    context = {
        "subplan": subplan,
        "campaign": subplan.campaign,
        "moves": SUBPLAN_WORKFLOW.available(user, subplan),
        "can_write": can_write,
        "can_review": can_review_document(user, subplan),
        "attachment_form": AttachmentForm(),
        "transition_form": TransitionForm(),
        "due_form": DueDateForm(initial={"due_date": subplan.due_date}),
        "days_late": subplan.days_late(timezone.localdate()),
        "checklist": services.subplan_checklist(subplan) if can_write else [],
        # Units and reviewers alike are told when the content changed after the signed scan (not only drafts).
        "scan_stale": services.scan_may_be_stale(subplan),
        **doc,
    }
    context.update(extra)
    return context


@login_required
def subplan_detail(request, pk):
    subplan = selectors.get_subplan_for(request.user, pk)
    return render(
        request, "campaigns/subplans/detail.html", _detail_context(request, subplan, **typed_context(request, subplan))
    )


def _edit_form(subplan, data=None):
    areas = list(subplan.campaign.content_areas.order_by("order", "id"))
    items = {i.content_area_id: i for i in SubPlanItem.objects.filter(subplan=subplan).prefetch_related("targets")}
    return (
        SubPlanForm(data, subplan=subplan, areas=areas, items=items)
        if data is not None
        else SubPlanForm(subplan=subplan, areas=areas, items=items)
    )


@login_required
def subplan_edit(request, pk):
    subplan = selectors.get_subplan_for(request.user, pk)
    if not can_write_document(request.user, subplan):
        raise PermissionDenied
    if not subplan.is_editable:
        messages.info(request, f"Kế hoạch đang ở trạng thái «{subplan.get_status_display()}»: không sửa được.")
        return redirect("campaigns:subplan", pk=subplan.pk)
    if request.method == "POST":
        form = _edit_form(subplan, request.POST)
        if form.is_valid():
            try:
                services.save_subplan(
                    subplan,
                    request.user,
                    version=form.cleaned_data["version"],
                    header=form.header(),
                    sections=form.cleaned_sections,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Đã lưu kế hoạch.")
                if request.POST.get("then") == "submit":
                    return redirect(f"{subplan_url(subplan)}#nop")
                if request.POST.get("then") == "more":
                    return redirect("campaigns:subplan_edit", pk=subplan.pk)
                return redirect("campaigns:subplan", pk=subplan.pk)
        return render(request, "campaigns/subplans/edit.html", _edit_context(subplan, form), status=400)
    return render(request, "campaigns/subplans/edit.html", _edit_context(subplan, _edit_form(subplan)))


def _edit_context(subplan, form):
    return {
        "subplan": subplan,
        "campaign": subplan.campaign,
        "form": form,
        "checklist": services.subplan_checklist(subplan),
        "scan_stale": services.scan_may_be_stale(subplan),
    }


@login_required
def subplan_pdf(request, pk):
    """The unit's sub-plan in the official format, to print, sign, stamp and scan. Another unit's: 404."""
    subplan = selectors.get_subplan_for(request.user, pk)
    return pdf_response(
        printing.subplan_pdf(subplan), f"ke-hoach-{subplan.organization.code}-{subplan.campaign_id}.pdf"
    )


def pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def subplan_url(subplan):
    return reverse("campaigns:subplan", args=[subplan.pk])


@login_required
@require_POST
def subplan_transition(request, pk, action):
    subplan = selectors.get_subplan_for(request.user, pk)
    refused = run_transition(
        request,
        subplan,
        action,
        SUBPLAN_WORKFLOW,
        services.transition_subplan,
        {
            "submit": "Đã nộp kế hoạch.",
            "withdraw": "Đã rút kế hoạch về để sửa.",
            "return": "Đã trả lại kế hoạch cho đơn vị.",
            "approve": "Đã duyệt kế hoạch.",
        },
    )
    if refused:
        return refused
    if action in ("return", "approve") and request.POST.get("next") == "queue":
        return redirect("campaigns:review_queue")
    return redirect("campaigns:subplan", pk=subplan.pk)


@login_required
@require_POST
def attachment_upload(request, pk):
    subplan = selectors.get_subplan_for(request.user, pk)
    if not can_write_document(request.user, subplan):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_subplan_attachment(
                subplan, request.user, form.cleaned_data["file"], form.cleaned_data["description"]
            )
        except ValidationError as exc:
            form.add_error("file", exc)
    if form.errors:
        return upload_refused(request, subplan, form)
    messages.success(request, "Đã đính kèm tệp.")
    return redirect("campaigns:subplan", pk=subplan.pk)


def _attachment(request, pk, attachment_pk):
    subplan = selectors.get_subplan_for(request.user, pk)
    return subplan, get_object_or_404(SubPlanAttachment, pk=attachment_pk, subplan=subplan)


@login_required
def attachment_download(request, pk, attachment_pk):
    _subplan, attachment = _attachment(request, pk, attachment_pk)
    return download_response(attachment)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    subplan, attachment = _attachment(request, pk, attachment_pk)
    try:
        services.delete_subplan_attachment(attachment, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã xóa tệp.")
    return redirect("campaigns:subplan", pk=subplan.pk)


@login_required
@require_POST
def subplan_due_date(request, pk):
    subplan = selectors.get_subplan_for(request.user, pk)
    if not can_review_document(request.user, subplan):
        raise PermissionDenied
    form = DueDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["due_date"]))
        return redirect("campaigns:subplan", pk=subplan.pk)
    services.set_due_date(subplan, request.user, form.cleaned_data["due_date"])
    messages.success(request, "Đã đổi hạn nộp.")
    return redirect("campaigns:subplan", pk=subplan.pk)


# --- Staff side ------------------------------------------------------------------------------------------


def _board_filters(request, campaign):
    params = request.GET
    state = params.get("state", "")
    if state not in {value for value, _label in selectors.BOARD_STATES}:
        state = ""
    kind = params.get("kind", "")
    if kind not in OrgKind.values:
        kind = ""
    subtree = None
    if params.get("subtree", "").isdigit():
        subtree = selectors.assignable_organizations(campaign).filter(pk=params["subtree"]).first()
    q = params.get("q", "")[:100]
    return {"state": state, "kind": kind, "subtree": subtree, "q": q}


def _filter_query(filters):
    return urlencode({k: (v.pk if k == "subtree" else v) for k, v in filters.items() if v})


@login_required
def board(request, pk):
    campaign = _staff_campaign(request.user, pk)
    today = timezone.localdate()
    filters = _board_filters(request, campaign)
    board = selectors.board(campaign, today=today, **filters)
    page = CountedPaginator(board.rows, BOARD_PAGE_SIZE, board.matched).get_page(request.GET.get("page"))
    lines = [(sp, sp.days_late(today)) for sp in page.object_list]
    subtrees = (
        selectors.assignable_organizations(campaign)
        .filter(pk__in=campaign.subplans.values("organization__parent_id"))
        .order_by("path")
    )
    return render(
        request,
        "campaigns/subplans/board.html",
        {
            "campaign": campaign,
            "page": page,
            "lines": lines,
            "summary": board.summary,
            "total": board.total,
            "late": board.late,
            "filters": filters,
            "query_string": _filter_query(filters),
            "states": selectors.BOARD_STATES,
            "kinds": selectors.obliged_kinds(campaign),
            "subtrees": subtrees,
            "today": today,
            "no_email": selectors.units_without_email(campaign)[:100],
        },
    )


@login_required
def board_export(request, pk):
    campaign = _staff_campaign(request.user, pk)
    today = timezone.localdate()
    rows = selectors.board(campaign, today=today, **_board_filters(request, campaign)).rows
    return xlsx.response(board_workbook(campaign, rows, today), f"ke-hoach-don-vi-{campaign.pk}-{today:%Y%m%d}.xlsx")


@login_required
@require_POST
def board_remind(request, pk):
    campaign = _staff_campaign(request.user, pk)
    today = timezone.localdate()
    pending = campaign.subplans.filter(status__in=(DocumentStatus.DRAFT, DocumentStatus.RETURNED))
    if request.POST.get("scope") == "late":
        ids = list(pending.filter(due_date__lt=today).values_list("pk", flat=True))
    else:
        chosen = [int(v) for v in request.POST.getlist("ids") if v.isdigit()]
        ids = list(pending.filter(pk__in=chosen).values_list("pk", flat=True))
    if not ids:
        messages.warning(request, "Không có đơn vị nào chưa nộp trong lựa chọn: không gửi nhắc nhở.")
    else:
        outbox.send_on_commit(send_manual_reminders, ids, request.user.pk, today.isoformat(), label="thư nhắc nhở")
        messages.success(
            request, f"Đã xếp lịch gửi nhắc nhở tới {len(ids)} đơn vị (mỗi đơn vị tối đa một lần mỗi ngày)."
        )
    back = request.POST.get("back", "")
    return redirect(reverse("campaigns:board", args=[campaign.pk]) + (f"?{back}" if back else ""))


@login_required
def assign_units(request, pk):
    campaign = _staff_campaign(request.user, pk)
    organizations = selectors.assignable_organizations(campaign).order_by("path")
    form = ObligationForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_obligations(
                campaign, form.cleaned_data["chosen"], request.user, due_date=form.cleaned_data["due_date"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            chosen = len(form.cleaned_data["chosen"])
            messages.success(
                request, f"Đã giao kế hoạch cho {created} đơn vị mới ({chosen - created} đơn vị đã được giao từ trước)."
            )
            return redirect("campaigns:board", pk=campaign.pk)
    return render(
        request,
        "campaigns/subplans/assign.html",
        {"campaign": campaign, "form": form, "organizations": organizations},
        status=400 if form.errors else 200,
    )


@login_required
def review_queue(request):
    if not selectors.campaigns_reviewed_by(request.user).exists():
        raise Http404
    page = Paginator(selectors.review_queue(request.user), 50).get_page(request.GET.get("page"))
    reports = selectors.report_queue(request.user)[:100]
    return render(
        request, "campaigns/subplans/queue.html", {"page": page, "today": timezone.localdate(), "reports": reports}
    )
