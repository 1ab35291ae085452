"""Pages of every unit document, whatever its kind (the URL passes the kind: `urls.py`).

The unit's side: its list, the document page, the edit page, the print, uploads, the moves. The staff's side:
the board (filters, counts, xlsx, reminders), the review queue, the due date of one unit.
A refused POST redirects back to the page with the reason (post/redirect/get); what was typed waits in the session.
"""

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
from thidua.documents.docx import docx_response
from thidua.paging import CountedPaginator
from thidua.uploads import download_response
from thidua.workflow import STALE_PAGE, TransitionConflict, TransitionError
from units.enums import OrgKind

from .. import printing
from .. import selectors as campaign_selectors
from ..exports import board_workbook
from ..forms import AttachmentForm, DueDateForm, TransitionForm
from ..permissions import can_manage_campaign
from . import selectors, services
from .core import all_kinds

BOARD_PAGE_SIZE = 50
LIST_LIMIT = 50  # rows of the second and later kinds on the unit's list and the review queue

DONE = {
    "submit": "Đã nộp {noun}.",
    "withdraw": "Đã rút {noun} về để sửa.",
    "return": "Đã trả lại {noun} cho đơn vị.",
    "approve": "Đã duyệt {noun}.",
}


def staff_campaign(user, pk):
    """The campaign, for its committee staff only: units do not learn that the board exists (404)."""
    campaign = campaign_selectors.get_campaign_for(user, pk)
    if not can_manage_campaign(user, campaign):
        raise Http404
    return campaign


def variant_of(doc_kind, variant):
    if doc_kind.variants is None:
        return None
    if variant not in doc_kind.variants.values:
        raise Http404
    return doc_kind.variants(variant)


def board_url(doc_kind, campaign_pk, variant=None):
    args = [campaign_pk] + ([variant] if variant is not None else [])
    return reverse(doc_kind.url_name("board"), args=args)


# --- Post/redirect/get: a refused POST redirects to the page; what was typed waits in the session ----------


def _typed_key(doc):
    return f"typed:{doc._meta.model_name}:{doc.pk}"


def remember_typed(request, doc, **typed):
    request.session[_typed_key(doc)] = typed


def typed_context(request, doc):
    """Context for a document page from what a refused POST left: the reason typed, the upload errors."""
    typed = request.session.pop(_typed_key(doc), None) or {}
    return {
        "failed_action": typed.get("action", ""),
        "transition_form": TransitionForm(initial={"reason": typed.get("reason", "")}),
        "attachment_form": AttachmentForm(initial={"description": typed.get("description", "")}),
        "upload_errors": typed.get("upload_errors", []),
    }


# --- The unit's list and the review queue (every kind) -----------------------------------------------------


def _sections(request, rows_of, paginate):
    """[(kind, rows)] for every kind; the first kind is paginated (`page`), the others cut at LIST_LIMIT."""
    kinds = all_kinds()
    page = Paginator(rows_of(kinds[0]), paginate).get_page(request.GET.get("page"))
    sections = [(kinds[0], page.object_list)] + [(k, rows_of(k)[:LIST_LIMIT]) for k in kinds[1:]]
    return page, sections


@login_required
def my_documents(request):
    today = timezone.localdate()
    page, sections = _sections(request, lambda k: selectors.my_documents(request.user, k), 25)
    sections = [
        (kind, [(doc, doc.days_late(today), kind.next_step[doc.status]) for doc in docs]) for kind, docs in sections
    ]
    reviewing = None
    if campaign_selectors.campaigns_reviewed_by(request.user).exists():
        reviewing = sum(selectors.review_queue(request.user, k).count() for k in all_kinds())
    return render(
        request,
        "campaigns/unitdocs/mine.html",
        {"page": page, "sections": sections, "rows": sections[0][1], "today": today, "reviewing": reviewing},
    )


@login_required
def review_queue(request):
    if not campaign_selectors.campaigns_reviewed_by(request.user).exists():
        raise Http404
    page, sections = _sections(request, lambda k: selectors.review_queue(request.user, k), 50)
    return render(
        request, "campaigns/unitdocs/queue.html", {"page": page, "sections": sections, "today": timezone.localdate()}
    )


# --- One document ----------------------------------------------------------------------------------------


def _page_context(request, doc_kind, doc, **extra):
    user = request.user
    can_write = doc_kind.can_write(user, doc) and doc.is_editable
    context = {
        "kind": doc_kind,
        "obj": doc,
        doc_kind.context_name or doc_kind.key: doc,
        "campaign": doc.campaign,
        "board_url": board_url(doc_kind, doc.campaign_id, doc.kind if doc_kind.variants else None),
        "board_title": doc_kind.label("board", doc_kind.variant_of(doc)),
        "moves": doc_kind.workflow.available(user, doc),
        "can_write": can_write,
        "can_review": doc_kind.can_review(user, doc),
        "attachment_form": AttachmentForm(),
        "transition_form": TransitionForm(),
        "due_form": DueDateForm(initial={"due_date": doc.due_date}),
        "days_late": doc.days_late(timezone.localdate()),
        "checklist": services.checklist(doc) if can_write else [],
        # Units and reviewers alike are told when the content changed after the signed scan (not only drafts).
        "scan_stale": services.scan_may_be_stale(doc),
        **doc_kind.document(doc),
    }
    context.update(extra)
    return context


@login_required
def detail(request, pk, doc_kind):
    doc = selectors.get_document_for(request.user, doc_kind, pk)
    context = _page_context(request, doc_kind, doc, **typed_context(request, doc))
    return render(request, "campaigns/unitdocs/detail.html", context)


def _edit_context(doc_kind, doc, form):
    return {
        "kind": doc_kind,
        "obj": doc,
        doc_kind.context_name or doc_kind.key: doc,
        "campaign": doc.campaign,
        "form": form,
        "checklist": services.checklist(doc),
        "scan_stale": services.scan_may_be_stale(doc),
    }


@login_required
def edit(request, pk, doc_kind):
    doc = selectors.get_document_for(request.user, doc_kind, pk)
    if not doc_kind.can_write(request.user, doc):
        raise PermissionDenied
    if not doc.is_editable:
        messages.info(request, services.not_editable_message(doc))
        return redirect(doc.get_absolute_url())
    if request.method == "POST":
        form = doc_kind.form(request.POST, doc=doc)
        if form.is_valid():
            try:
                services.save(
                    doc, request.user, version=form.cleaned_data["version"], header=form.header(), parts=form.parts()
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Đã lưu {doc.noun}.")
                then = request.POST.get("then")
                if then == "submit":
                    return redirect(f"{doc.get_absolute_url()}#nop")
                if then == "more":
                    return redirect(doc_kind.url_name("edit"), pk=doc.pk)
                return redirect(doc.get_absolute_url())
        return render(request, "campaigns/unitdocs/edit.html", _edit_context(doc_kind, doc, form), status=400)
    return render(request, "campaigns/unitdocs/edit.html", _edit_context(doc_kind, doc, doc_kind.form(doc=doc)))


def pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def pdf(request, pk, doc_kind):
    """The document in the official format, to print, sign, stamp and scan. Another unit's: 404."""
    doc = selectors.get_document_for(request.user, doc_kind, pk)
    return pdf_response(printing.document_pdf(doc), printing.filename(doc))


@login_required
def docx(request, pk, doc_kind):
    """The document's Word copy: same format and text as its PDF, same scoping (another unit's: 404)."""
    doc = selectors.get_document_for(request.user, doc_kind, pk)
    return docx_response(printing.document_docx(doc), printing.filename(doc, "docx"))


@login_required
@require_POST
def transition(request, pk, action, doc_kind):
    """Apply a move from a page form (with the version the page showed); on refusal redirect back with the reason."""
    doc = selectors.get_document_for(request.user, doc_kind, pk)
    if action not in doc_kind.workflow.moves:
        raise Http404  # an unknown action is no page at all
    form = TransitionForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        version = form.cleaned_data.get("version")
        if version is None:
            raise TransitionConflict(STALE_PAGE)
        services.transition(doc, action, request.user, reason=reason, expected_version=version)
    except TransitionError as exc:
        messages.error(request, str(exc))
        remember_typed(request, doc, action=action, reason=reason)
        return redirect(doc.get_absolute_url())
    messages.success(request, DONE.get(action, "Đã cập nhật {noun}.").format(noun=doc.noun))
    if action in ("return", "approve") and request.POST.get("next") == "queue":
        return redirect("campaigns:review_queue")
    return redirect(doc.get_absolute_url())


@login_required
@require_POST
def upload(request, pk, doc_kind):
    doc = selectors.get_document_for(request.user, doc_kind, pk)
    if not doc_kind.can_write(request.user, doc):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(doc, request.user, form.cleaned_data["file"], form.cleaned_data["description"])
        except ValidationError as exc:
            form.add_error("file", exc)
    if form.errors:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, "Chưa tải lên được tệp: " + " ".join(errors))
        remember_typed(request, doc, upload_errors=errors, description=request.POST.get("description", "")[:255])
        return redirect(doc.get_absolute_url())
    messages.success(request, "Đã đính kèm tệp.")
    return redirect(doc.get_absolute_url())


def _attachment(request, pk, attachment_pk, doc_kind):
    doc = selectors.get_document_for(request.user, doc_kind, pk)
    return doc, get_object_or_404(doc.attachments.all(), pk=attachment_pk)


@login_required
def attachment(request, pk, attachment_pk, doc_kind):
    _doc, found = _attachment(request, pk, attachment_pk, doc_kind)
    return download_response(found)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk, doc_kind):
    doc, found = _attachment(request, pk, attachment_pk, doc_kind)
    try:
        services.delete_attachment(found, doc, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã xóa tệp.")
    return redirect(doc.get_absolute_url())


@login_required
@require_POST
def due_date(request, pk, doc_kind):
    doc = selectors.get_document_for(request.user, doc_kind, pk)
    if not doc_kind.can_review(request.user, doc):
        raise PermissionDenied
    form = DueDateForm(request.POST)
    if form.is_valid():
        services.set_due_date(doc, request.user, form.cleaned_data["due_date"])
        messages.success(request, "Đã đổi hạn nộp.")
    else:
        messages.error(request, " ".join(form.errors["due_date"]))
    return redirect(doc.get_absolute_url())


# --- The board -------------------------------------------------------------------------------------------


def board_filters(request, campaign):
    params = request.GET
    state = params.get("state", "")
    if state not in {value for value, _label in selectors.BOARD_STATES}:
        state = ""
    kind = params.get("kind", "")
    if kind not in OrgKind.values:
        kind = ""
    subtree = None
    if params.get("subtree", "").isdigit():
        subtree = campaign_selectors.assignable_organizations(campaign).filter(pk=params["subtree"]).first()
    q = params.get("q", "")[:100]
    return {"state": state, "kind": kind, "subtree": subtree, "q": q}


def _filter_query(filters):
    return urlencode({k: (v.pk if k == "subtree" else v) for k, v in filters.items() if v})


@login_required
def board(request, pk, doc_kind, variant=None):
    campaign = staff_campaign(request.user, pk)
    variant = variant_of(doc_kind, variant)
    today = timezone.localdate()
    filters = board_filters(request, campaign)
    base = selectors.board_base(doc_kind, campaign, variant)
    args = [campaign.pk] + ([variant.value] if variant is not None else [])
    units = doc_kind.board_units(campaign) if doc_kind.board_units else base
    found = selectors.board(base, today=today, **filters)
    page = CountedPaginator(found.rows, BOARD_PAGE_SIZE, found.matched).get_page(request.GET.get("page"))
    context = {
        "kind": doc_kind,
        "variant": variant,
        "campaign": campaign,
        "page": page,
        "lines": [(doc, doc.days_late(today)) for doc in page.object_list],
        "summary": found.summary,
        "total": found.total,
        "late": found.late,
        "filters": filters,
        "query_string": _filter_query(filters),
        "states": selectors.BOARD_STATES,
        "kinds": selectors.organization_kinds(units),
        "subtrees": selectors.branches(campaign, units),
        "today": today,
        "no_email": selectors.units_without_email(base)[:100] if doc_kind.remind else [],
        "title": doc_kind.label("board", variant),
        "export_url": reverse(doc_kind.url_name("board_export"), args=args),
        "remind_url": reverse(doc_kind.url_name("board_remind"), args=args) if doc_kind.remind else "",
    }
    if doc_kind.board_context:
        context.update(doc_kind.board_context(campaign, variant, base))
    return render(request, "campaigns/unitdocs/board.html", context)


@login_required
def board_export(request, pk, doc_kind, variant=None):
    campaign = staff_campaign(request.user, pk)
    variant = variant_of(doc_kind, variant)
    today = timezone.localdate()
    base = selectors.board_base(doc_kind, campaign, variant)
    rows = selectors.board(base, today=today, **board_filters(request, campaign)).rows
    name = f"{doc_kind.slug}-{campaign.pk}{f'-{variant.value}' if variant else ''}-{today:%Y%m%d}.xlsx"
    return xlsx.response(board_workbook(doc_kind, campaign, variant, rows, today), name)


@login_required
@require_POST
def board_remind(request, pk, doc_kind, variant=None):
    campaign = staff_campaign(request.user, pk)
    variant = variant_of(doc_kind, variant)
    if doc_kind.remind is None:
        raise Http404
    today = timezone.localdate()
    pending = selectors.board_base(doc_kind, campaign, variant).filter(status__in=services.EDITABLE_STATES)
    if request.POST.get("scope") == "late":
        ids = list(pending.filter(due_date__lt=today).values_list("pk", flat=True))
    else:
        chosen = [int(v) for v in request.POST.getlist("ids") if v.isdigit()]
        ids = list(pending.filter(pk__in=chosen).values_list("pk", flat=True))
    if not ids:
        messages.warning(request, "Không có đơn vị nào chưa nộp trong lựa chọn: không gửi nhắc nhở.")
    else:
        outbox.send_on_commit(doc_kind.remind, ids, request.user.pk, today.isoformat(), label="thư nhắc nhở")
        messages.success(
            request, f"Đã xếp lịch gửi nhắc nhở tới {len(ids)} đơn vị (mỗi đơn vị tối đa một lần mỗi ngày)."
        )
    back = request.POST.get("back", "")
    return redirect(board_url(doc_kind, campaign.pk, variant) + (f"?{back}" if back else ""))
