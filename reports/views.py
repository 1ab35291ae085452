from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from campaigns.enums import ReviewKind
from campaigns.selectors import campaign_document, get_campaign_for
from thidua.text import nfc

from . import charts, services
from .enums import ReviewStatus
from .models import ReviewReport
from .pdf import DocumentMeta, render_pdf
from .selectors import can_review, get_review_report_for, reports_of

MAX_SECTION_CHARS = 20_000


def pdf_response(pdf_bytes, filename, inline=True):
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


@login_required
def campaign_plan_pdf(request, pk):
    """The plan as issued, in the official format. Synchronous: it is 1–4 pages."""
    campaign = campaign_document(get_campaign_for(request.user, pk).pk)
    pdf = render_pdf("reports/print/campaign_plan.html", {
        "doc": DocumentMeta.for_campaign(campaign), "campaign": campaign, "draft": campaign.status == "draft",
    })
    return pdf_response(pdf, f"ke-hoach-{campaign.number or campaign.pk}-{campaign.symbol.replace('/', '-')}.pdf")


def _campaign_for_staff(user, pk):
    campaign = get_campaign_for(user, pk)  # 404 if the user cannot see it at all
    if not can_review(user, campaign):
        raise PermissionDenied
    return campaign


@login_required
def review_list(request, pk):
    campaign = _campaign_for_staff(request.user, pk)
    page = Paginator(reports_of(campaign), 20).get_page(request.GET.get("page"))
    return render(request, "reports/review_list.html", {"campaign": campaign, "page": page, "kinds": ReviewKind.choices})


@login_required
@require_POST
def review_start(request, pk):
    campaign = _campaign_for_staff(request.user, pk)
    try:
        report, created = services.request_review_report(campaign, request.POST.get("kind", ""), request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:review_list", pk=campaign.pk)
    if created:
        messages.success(request, f"Đã yêu cầu tổng hợp {report}.")
    else:
        messages.info(request, "Báo cáo loại này đang được tổng hợp; xin chờ bản đang chạy xong.")
    return redirect("reports:review_detail", pk=report.pk)


def _detail_context(report):
    context = {"report": report, "campaign": report.campaign}
    if report.status == ReviewStatus.DONE and report.snapshot:
        context["states_chart"] = mark_safe(charts.states_chart(report.snapshot))
        context["attainment_chart"] = mark_safe(charts.attainment_chart(report.snapshot))
    return context


@login_required
def review_detail(request, pk):
    report = get_review_report_for(request.user, pk)
    if report.is_active and services.expire_stale_builds(ReviewReport.objects.filter(pk=report.pk)):
        report = get_review_report_for(request.user, pk)
    context = _detail_context(report)
    context["versions"] = reports_of(report.campaign).filter(kind=report.kind)[:30]
    return render(request, "reports/review_detail.html", context)


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
    edited = {}
    for section in report.sections:
        value = request.POST.get(f"text-{section['key']}")
        if value is None:
            continue
        if len(value) > MAX_SECTION_CHARS:
            messages.error(request, f"Phần “{section['heading']}” quá dài (tối đa {MAX_SECTION_CHARS:,} ký tự).")
            return redirect("reports:review_detail", pk=report.pk)
        edited[section["key"]] = nfc(value)
    try:
        new_report, created = services.reprint_with_edits(report, edited, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:review_detail", pk=report.pk)
    if created:
        messages.success(request, f"Đã lưu nội dung đã sửa; đang in lại thành phiên bản {new_report.version}.")
    else:
        messages.info(request, "Báo cáo loại này đang được tổng hợp; xin chờ bản đang chạy xong rồi sửa lại.")
    return redirect("reports:review_detail", pk=new_report.pk)


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
    name = f"bao-cao-{kind}-{report.campaign.reference.replace('/', '-')}-v{report.version}.{extension}"
    return FileResponse(handle, content_type=content_type, as_attachment=True, filename=name)


@login_required
def review_pdf(request, pk):
    return _download(request, pk, "pdf", "application/pdf", "pdf")


@login_required
def review_xlsx(request, pk):
    return _download(
        request, pk, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    )
