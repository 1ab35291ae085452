"""Committee staff write plans in the browser: a new draft, a copy of an earlier plan, a plan brought in from Word;
the editor with a live print preview and the launch checklist. Other units get 404; launched plans stay frozen."""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from units.models import Organization
from units.selectors import organization_ids_for

from . import services
from .enums import CampaignStatus
from .permissions import can_manage_campaign
from .plan_drafts import (
    PlanPreview,
    editor_organizations,
    initial_from_campaign,
    initial_from_parsed,
    new_draft_header,
    preview_gaps,
    recipient_organizations,
)
from .plan_forms import CopyPlanForm, ImportPlanForm, NewPlanForm, PlanEditor
from .plan_import.parser import parse_plan
from .selectors import campaign_document, campaigns_for, get_campaign_for

STALE_PAGE = "Trang bạn đang xem đã cũ (thiếu phiên bản dự thảo): tải lại trang rồi nhập lại."


def managed_issuers(user):
    """Organisations whose plans the user may write: those where they are head or staff (all for a superuser)."""
    if user.is_superuser:
        return Organization.objects.filter(depth__lte=2).order_by("path")
    return Organization.objects.filter(pk__in=organization_ids_for(user)).order_by("path")


def _issuers_or_404(user):
    issuers = managed_issuers(user)
    if not issuers.exists():
        raise Http404
    return issuers


def _draft_for_staff(user, pk):
    campaign = get_campaign_for(user, pk)
    if not can_manage_campaign(user, campaign):
        raise Http404  # a unit taking part does not learn that the editor exists
    return campaign


def _editor(issuer, data=None, initial=None):
    return PlanEditor(
        data,
        initial=initial,
        organizations=editor_organizations(issuer),
        recipient_organizations=recipient_organizations(issuer),
    )


def _preview_of(editor, issuer):
    """(preview, gaps, obliged unit names) for what the editor holds, typed errors and all."""
    if not editor.header.is_bound:
        editor = _editor(issuer, editor.as_data())
    editor.is_valid()
    parts = editor.plan_data()
    obliged = []
    for row in parts["assignments"]:
        if row["requires_subplan"]:
            obliged += [editor.org_names[pk] for pk in row["organization_ids"] if pk in editor.org_names]
    obliged = list(dict.fromkeys(obliged))
    return PlanPreview(issuer, parts["header"], parts, editor.org_names), preview_gaps(parts, parts["header"]), obliged


@login_required
def plan_new(request):
    issuers = _issuers_or_404(request.user)
    form = NewPlanForm(request.POST or None, issuers=issuers)
    if request.method == "POST" and form.is_valid():
        issuer = form.cleaned_data["issuer"]
        header = new_draft_header(
            issuer,
            title=form.cleaned_data["title"],
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
        )
        try:
            campaign = services.create_draft(request.user, issuer, header)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã tạo dự thảo kế hoạch. Soạn từng phần rồi bấm «Lưu dự thảo».")
            return redirect("campaigns:plan_edit", pk=campaign.pk)
    earlier = (
        campaigns_for(request.user)
        .filter(issuer__in=issuers)
        .order_by("-period_start", "-id")
        .only("pk", "number", "symbol", "title", "period_start", "period_end", "status", "issuer")[:20]
    )
    return render(
        request,
        "campaigns/plans/new.html",
        {"form": form, "earlier": earlier, "copy_form": CopyPlanForm()},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def plan_copy(request, pk):
    source = _draft_for_staff(request.user, pk)
    form = CopyPlanForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, f"Chưa sao chép được: {errors}")
        return redirect("campaigns:plan_new")
    campaign = services.copy_campaign(source, request.user, **form.cleaned_data)
    messages.success(
        request, f"Đã sao chép Kế hoạch số {source.reference} thành dự thảo mới (chưa có số, ngày). Hãy sửa nội dung."
    )
    return redirect("campaigns:plan_edit", pk=campaign.pk)


def _edit_context(campaign, editor, *, document=None):
    if document is not None:
        preview, gaps = document, services.launch_gaps(campaign)
        obliged = [o.name for o in services.obliged_units(campaign)]
    else:
        preview, gaps, obliged = _preview_of(editor, campaign.issuer)
    return {
        "campaign": campaign,
        "editor": editor,
        "preview": preview,
        "gaps": gaps,
        "obliged": obliged,
        "mode": "edit",
        "action": reverse("campaigns:plan_edit", args=[campaign.pk]),
        "preview_url": reverse("campaigns:plan_preview", args=[campaign.pk]),
    }


@login_required
def plan_edit(request, pk):
    campaign = _draft_for_staff(request.user, pk)
    if campaign.status != CampaignStatus.DRAFT:
        messages.info(
            request,
            "Kế hoạch đã phát hành: văn bản không sửa được nữa (thay đổi ghi nhận bằng văn bản sửa đổi, bổ sung).",
        )
        return redirect("campaigns:detail", pk=campaign.pk)
    if request.method == "POST":
        editor = _editor(campaign.issuer, request.POST)
        if editor.is_valid():
            data = editor.plan_data()
            version = editor.header.cleaned_data.get("version")
            try:
                if version is None:
                    raise ValidationError(STALE_PAGE)
                services.save_draft(campaign, request.user, version=version, header=data["header"], parts=data)
            except ValidationError as exc:
                editor.header.add_error(None, exc)
            else:
                messages.success(request, "Đã lưu dự thảo.")
                if request.POST.get("then") == "launch":
                    return redirect(reverse("campaigns:detail", args=[campaign.pk]) + "#phat-hanh")
                return redirect("campaigns:plan_edit", pk=campaign.pk)
        return render(request, "campaigns/plans/edit.html", _edit_context(campaign, editor), status=400)
    document = campaign_document(campaign.pk)
    editor = _editor(campaign.issuer, initial=initial_from_campaign(document))
    return render(request, "campaigns/plans/edit.html", _edit_context(campaign, editor, document=document))


@login_required
@require_POST
def plan_preview(request, pk):
    campaign = _draft_for_staff(request.user, pk)
    preview, gaps, obliged = _preview_of(_editor(campaign.issuer, request.POST), campaign.issuer)
    return render(request, "campaigns/plans/_preview.html", {"preview": preview, "gaps": gaps, "obliged": obliged})


# --- Bring in a plan from Word ---------------------------------------------------------------------------


def _import_context(issuer, editor, source_lines, unmatched, seconds=None):
    preview, gaps, obliged = _preview_of(editor, issuer)
    return {
        "obliged": obliged,
        "editor": editor,
        "issuer": issuer,
        "source_lines": source_lines,
        "unmatched": unmatched,
        "seconds": seconds,
        "mode": "import",
        "action": reverse("campaigns:plan_import_save"),
        "preview_url": reverse("campaigns:plan_import_preview"),
        "preview": preview,
        "gaps": gaps,
    }


@login_required
def plan_import(request):
    issuers = _issuers_or_404(request.user)
    form = ImportPlanForm(request.POST or None, request.FILES or None, issuers=issuers)
    if request.method == "POST" and form.is_valid():
        started = time.perf_counter()
        issuer = form.cleaned_data["issuer"]
        parsed = parse_plan(form.cleaned_data["lines"])
        initial, unmatched = initial_from_parsed(
            parsed, issuer, editor_organizations(issuer), recipient_organizations(issuer)
        )
        editor = _editor(issuer, initial=initial)
        seconds = time.perf_counter() - started
        source = [line.text for line in form.cleaned_data["lines"]]
        context = _import_context(issuer, editor, source, unmatched, seconds)
        context["warnings"] = parsed.warnings
        return render(request, "campaigns/plans/edit.html", context)
    return render(request, "campaigns/plans/import.html", {"form": form}, status=400 if form.errors else 200)


def _posted_issuer(request):
    try:
        pk = int(request.POST.get("issuer", ""))
    except ValueError:
        raise Http404 from None
    return get_object_or_404(managed_issuers(request.user), pk=pk)


@login_required
@require_POST
def plan_import_save(request):
    issuer = _posted_issuer(request)
    editor = _editor(issuer, request.POST)
    if editor.is_valid():
        data = editor.plan_data()
        try:
            campaign = services.create_draft(request.user, issuer, data["header"], parts=data)
        except ValidationError as exc:
            editor.header.add_error(None, exc)
        else:
            messages.success(
                request,
                "Đã lưu dự thảo từ văn bản Word. Dự thảo chưa được phát hành: kiểm tra từng phần, rồi phát hành khi sẵn sàng.",
            )
            return redirect("campaigns:plan_edit", pk=campaign.pk)
    source = request.POST.get("source", "").splitlines()
    return render(request, "campaigns/plans/edit.html", _import_context(issuer, editor, source, []), status=400)


@login_required
@require_POST
def plan_import_preview(request):
    issuer = _posted_issuer(request)
    preview, gaps, obliged = _preview_of(_editor(issuer, request.POST), issuer)
    return render(request, "campaigns/plans/_preview.html", {"preview": preview, "gaps": gaps, "obliged": obliged})
