import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from campaigns.enums import ReviewKind
from campaigns.permissions import can_manage_campaign
from campaigns.selectors import campaign_document, get_campaign_for
from thidua import xlsx
from thidua.documents.docx import DOCX_CONTENT_TYPE, docx_response, render_docx
from thidua.documents.pdf import DocumentMeta, render_pdf
from thidua.text import nfc
from thidua.validation import NUL_MESSAGE, has_nul, strip_nul

from . import charts, dashboard, services
from .enums import ReviewStatus
from .forms import DATE_FORMAT, ReviewHeaderForm
from .models import ReviewReport
from .permissions import can_review
from .selectors import (
    default_data_as_of,
    get_review_report_for,
    issued_version,
    next_report_number,
    reports_of,
)

MAX_SECTION_CHARS = 20_000


def pdf_response(pdf_bytes, filename, inline=True):
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


def _plan_print(user, pk):
    """The plan's print template and context (the PDF and the Word copy are made from the same)."""
    campaign = campaign_document(get_campaign_for(user, pk).pk)
    context = {"doc": DocumentMeta.for_campaign(campaign), "campaign": campaign, "draft": campaign.status == "draft"}
    name = f"ke-hoach-{campaign.number or campaign.pk}-{campaign.symbol.replace('/', '-')}"
    return "reports/print/campaign_plan.html", context, name


@login_required
def campaign_plan_pdf(request, pk):
    """The plan as issued, in the official format. Synchronous: it is 1–4 pages."""
    template, context, name = _plan_print(request.user, pk)
    campaign = context["campaign"]
    if campaign.status != "draft":  # issued: the stored print, with its verification code (made on first download)
        from thidua.documents.issued import FontMissing, stored_pdf

        try:
            return pdf_response(stored_pdf(campaign, "plan", actor=request.user), f"{name}.pdf")
        except FontMissing as exc:  # never stored in a fallback font
            messages.error(request, " ".join(exc.messages))
            return redirect("campaigns:detail", pk=campaign.pk)
    return pdf_response(render_pdf(template, context), f"{name}.pdf")


@login_required
def campaign_plan_docx(request, pk):
    """The plan's Word copy: the same format and text as its PDF (an issued plan's stored print is made from the
    same campaign record, which no longer changes)."""
    template, context, name = _plan_print(request.user, pk)
    return docx_response(render_docx(template, context), f"{name}.docx")


def _campaign_for_staff(user, pk):
    campaign = get_campaign_for(user, pk)  # 404 if the user cannot see it at all
    if not can_review(user, campaign):
        raise PermissionDenied
    return campaign


@login_required
def review_list(request, pk):
    campaign = _campaign_for_staff(request.user, pk)
    page = Paginator(reports_of(campaign), 20).get_page(request.GET.get("page"))
    default_dates = [(label, default_data_as_of(campaign, value)) for value, label in ReviewKind.choices]
    return render(
        request,
        "reports/review_list.html",
        {"campaign": campaign, "page": page, "kinds": ReviewKind.choices, "default_dates": default_dates},
    )


@login_required
@require_POST
def review_start(request, pk):
    campaign = _campaign_for_staff(request.user, pk)
    typed = request.POST.get("data_as_of", "").strip()
    try:
        data_as_of = datetime.datetime.strptime(typed, DATE_FORMAT).date() if typed else None
    except ValueError:
        messages.error(request, f"Ngày số liệu không hợp lệ: “{typed}” (dd/mm/yyyy).")
        return redirect("reports:review_list", pk=campaign.pk)
    try:
        report, created = services.request_review_report(
            campaign, request.POST.get("kind", ""), request.user, data_as_of=data_as_of
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:review_list", pk=campaign.pk)
    if created:
        messages.success(request, f"Đã yêu cầu tổng hợp {report}.")
    else:
        messages.info(request, "Báo cáo loại này đang được tổng hợp; xin chờ bản đang chạy xong.")
    return redirect("reports:review_detail", pk=report.pk)


def _detail_context(report, *, form=None, sections=None):
    context = {"report": report, "campaign": report.campaign}
    if report.status == ReviewStatus.DONE and report.snapshot:
        context["states_chart"] = mark_safe(charts.states_chart(report.snapshot))
        context["attainment_chart"] = mark_safe(charts.attainment_chart(report.snapshot))
    issued = issued_version(report.campaign, report.kind)
    context.update(
        {
            "issued": issued,
            "editable": report.status == ReviewStatus.DONE and issued is None and not report.is_final,
            "form": form or ReviewHeaderForm.for_report(report),
            "sections": sections if sections is not None else report.sections,
            "suggested_number": next_report_number(report.campaign),
            "versions": reports_of(report.campaign).filter(kind=report.kind)[:30],
        }
    )
    return context


@login_required
def review_detail(request, pk):
    report = get_review_report_for(request.user, pk)
    if report.is_active and services.expire_stale_builds(ReviewReport.objects.filter(pk=report.pk)):
        report = get_review_report_for(request.user, pk)
    return render(request, "reports/review_detail.html", _detail_context(report))


@login_required
def review_status(request, pk):
    """The status block, polled by htmx while the build is queued or running."""
    report = get_review_report_for(request.user, pk, light=True)
    if report.is_active and services.expire_stale_builds(ReviewReport.objects.filter(pk=report.pk)):
        report = get_review_report_for(request.user, pk, light=True)
    response = render(request, "reports/_review_status.html", {"report": report, "polling": True})
    if request.htmx and not report.is_active:
        response["HX-Refresh"] = "true"  # finished: show the whole page (downloads, narrative to edit)
    return response


@login_required
@require_POST
def review_sections(request, pk):
    report = get_review_report_for(request.user, pk)
    if not can_review(request.user, report.campaign):
        raise PermissionDenied
    edited, errors = {}, []
    for section in report.sections:
        value = request.POST.get(f"text-{section['key']}")
        if value is None:
            continue
        if len(value) > MAX_SECTION_CHARS:
            errors.append(f"Phần “{section['heading']}” quá dài (tối đa {MAX_SECTION_CHARS:,} ký tự).")
        if has_nul(value):  # PostgreSQL cannot store it: it was a 500 and the edit was lost
            errors.append(f"Phần “{section['heading']}”: {NUL_MESSAGE}")
        edited[section["key"]] = nfc(strip_nul(value))
    # The header fields are part of the same form; a POST without them (older pages) keeps the version's header.
    form = ReviewHeaderForm.for_report(report, data=request.POST) if "place" in request.POST else None
    header = None
    if form is not None:
        if form.is_valid():
            header = form.cleaned_data
        else:
            errors.append("Kiểm tra lại các ô đánh dấu đỏ.")
    if not errors:
        try:
            new_report, created = services.reprint_with_edits(report, edited, request.user, header=header)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:  # the page again, with everything as typed
        for message in errors:
            messages.error(request, message)
        typed = [{**s, "text": edited.get(s["key"], s["text"])} for s in report.sections]
        return render(
            request, "reports/review_detail.html", _detail_context(report, form=form, sections=typed), status=400
        )
    if created:
        messages.success(request, f"Đã lưu nội dung đã sửa; đang in lại thành phiên bản {new_report.version}.")
    else:
        messages.info(request, "Báo cáo loại này đang được tổng hợp; xin chờ bản đang chạy xong rồi sửa lại.")
    return redirect("reports:review_detail", pk=new_report.pk)


@login_required
@require_POST
def review_issue(request, pk):
    """Mark the current version final ("Ban hành"): printed once more without DỰ THẢO, then immutable."""
    report = get_review_report_for(request.user, pk)
    if not can_review(request.user, report.campaign):
        raise PermissionDenied
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Hãy đánh dấu xác nhận trước khi ban hành.")
        return redirect("reports:review_detail", pk=report.pk)
    try:
        issued, created = services.issue_review_report(report, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:review_detail", pk=report.pk)
    if created:
        messages.success(request, f"Đang in bản ban hành (phiên bản {issued.version}, số {issued.reference}).")
    else:
        messages.info(request, "Báo cáo loại này đang được tổng hợp; xin chờ bản đang chạy xong.")
    return redirect("reports:review_detail", pk=issued.pk)


def _download(request, pk, field, content_type, extension):
    report = get_review_report_for(request.user, pk, light=True)
    stored = getattr(report, field)
    if report.status != ReviewStatus.DONE or not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    kind = "so-ket" if report.kind == ReviewKind.INTERIM else "tong-ket"
    final = "-ban-hanh" if report.is_final else ""
    name = f"bao-cao-{kind}-{report.campaign.reference.replace('/', '-')}-v{report.version}{final}.{extension}"
    return FileResponse(handle, content_type=content_type, as_attachment=True, filename=name)


@login_required
def review_pdf(request, pk):
    return _download(request, pk, "pdf", "application/pdf", "pdf")


@login_required
def review_docx(request, pk):
    """The Word copy stored with the build (same snapshot, narrative and header as its PDF)."""
    return _download(request, pk, "docx", DOCX_CONTENT_TYPE, "docx")


@login_required
def review_xlsx(request, pk):
    return _download(request, pk, "xlsx", xlsx.CONTENT_TYPE, "xlsx")


@login_required
def campaign_dashboard(request, pk):
    """Committee staff's overview of one campaign: figures and charts drawn on the server, printable."""
    campaign = get_campaign_for(request.user, pk)
    if not can_manage_campaign(request.user, campaign):
        raise Http404  # units do not learn that the dashboard exists
    today = timezone.localdate()
    return render(
        request,
        "reports/dashboard.html",
        {"campaign": campaign, "today": today, **dashboard.campaign_dashboard(campaign, today)},
    )
