"""Forms 0604.N/0605.N (organisations and people doing emulation work) and the page where staff keep the record
behind them. Reads through `awards.staff_record` (scoped to the user's own bodies), writes through it too."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from units.models import Organization
from units.selectors import organization_ids_for

from . import official_forms, staff_record
from .forms import EmulationOfficeForm, EmulationWorkerForm

FORMS = {"0604": official_forms.form_0604, "0605": official_forms.form_0605}


def report_year(request):
    from django.utils import timezone

    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 1945 <= year <= 2100 else timezone.localdate().year


def reporter_of(user):
    orgs = Organization.objects.filter(pk__in=organization_ids_for(user)).order_by("depth", "path")
    return ", ".join(o.name for o in orgs[:3]) or "…"


def print_form(template, context, filename):
    """An official statistics form as a printed PDF (A4 landscape) through the project's renderer."""
    from thidua.documents.pdf import DocumentMeta, render_pdf

    doc = DocumentMeta(
        issuing_body="",
        superior_body="",
        printed_reference="",
        place_and_date="",
        document_format="state",
        document_type="",
        title="",
        sign_on_behalf="",
        signer_title="",
        signer_name="",
        recipients=[],
    )
    pdf = render_pdf(template, {**context, "doc": doc, "landscape": True})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def staff_form(request, number):
    """Biểu 0604.N or 0605.N of the user's own bodies for a year: on screen, `format=xlsx`, `format=pdf`."""
    if number not in FORMS:
        raise Http404
    year = report_year(request)
    basis = official_forms.basis_on(official_forms.report_day(year))
    if number == "0604":
        records = list(staff_record.offices_for(request.user))
    else:
        records = list(staff_record.workers_for(request.user))
    form = FORMS[number](records, year=year, basis=basis, reporter=reporter_of(request.user))
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        from thidua import xlsx

        return xlsx.response(official_forms.export_form(form), f"bieu-{number}N-{year}.xlsx")
    context = {
        "form": form,
        "year": year,
        "number": number,
        "form_partial": "awards/_official_form.html",
        "doc_number": form["number"],
        "notice": official_forms.notice_on(official_forms.report_day(year)),
    }
    if fmt == "pdf":
        return print_form("awards/print/form_0601.html", context, f"bieu-{number}N-{year}.pdf")
    return render(request, "awards/staff_form.html", context)


@login_required
def record(request):
    """The organisations and people doing emulation work, kept by the user's bodies (forms 0604.N/0605.N)."""
    offices = list(staff_record.offices_for(request.user).order_by("owner__path", "level", "name"))
    workers = list(staff_record.workers_for(request.user).order_by("office__owner__path", "office__name", "full_name"))
    return render(
        request,
        "awards/staff_record.html",
        {"offices": offices, "workers": workers, "can_edit": staff_record.owners_for(request.user).exists()},
    )


@login_required
def office_edit(request, pk=None):
    office = staff_record.get_office_for(request.user, pk) if pk else None
    owners = staff_record.owners_for(request.user)
    if not owners.exists():
        raise Http404
    form = EmulationOfficeForm(request.POST or None, instance=office, owners=owners)
    if request.method == "POST" and form.is_valid():
        staff_record.save(form)
        messages.success(request, "Đã lưu tổ chức làm công tác thi đua, khen thưởng.")
        return redirect("awards:staff_record")
    return render(
        request,
        "awards/staff_record_form.html",
        {"form": form, "record": office, "title": "Tổ chức làm công tác thi đua, khen thưởng", "delete": "office"},
        status=400 if form.is_bound else 200,
    )


@login_required
def worker_edit(request, pk=None):
    worker = staff_record.get_worker_for(request.user, pk) if pk else None
    offices = staff_record.offices_for(request.user)
    form = EmulationWorkerForm(request.POST or None, instance=worker, offices=offices)
    if request.method == "POST" and form.is_valid():
        staff_record.save(form)
        messages.success(request, "Đã lưu người làm công tác thi đua, khen thưởng.")
        return redirect("awards:staff_record")
    return render(
        request,
        "awards/staff_record_form.html",
        {"form": form, "record": worker, "title": "Người làm công tác thi đua, khen thưởng", "delete": "worker"},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def office_delete(request, pk):
    office = staff_record.get_office_for(request.user, pk)
    staff_record.delete(office)
    messages.success(request, f"Đã xóa «{office.name}» và những người thuộc tổ chức này.")
    return redirect("awards:staff_record")


@login_required
@require_POST
def worker_delete(request, pk):
    worker = staff_record.get_worker_for(request.user, pk)
    staff_record.delete(worker)
    messages.success(request, f"Đã xóa «{worker.full_name}».")
    return redirect("awards:staff_record")
