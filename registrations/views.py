"""Pages of registrations beyond the unit-document core: the roll-up per campaign and per year (staff), its xlsx,
asking units to register, a unit opening its own registration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from campaigns.enums import DocumentStatus
from campaigns.forms import DueDateForm
from campaigns.permissions import can_manage_campaign
from campaigns.selectors import campaigns_reviewed_by, get_campaign_for
from thidua import outbox, xlsx
from units.models import Organization
from units.selectors import organization_ids_for

from . import selectors, services
from .exports import rollup_workbook
from .tasks import send_registration_manual_reminders

PAGE_SIZE = 50


def _staff_campaign(user, pk):
    campaign = get_campaign_for(user, pk)
    if not can_manage_campaign(user, campaign):
        raise Http404  # units do not learn that the roll-up exists
    return campaign


def _page(request, rollup):
    page = Paginator(rollup.registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    people = selectors.people_by_registration([r.pk for r in page.object_list])
    return page, [(r, people.get(r.pk, [])) for r in page.object_list]


@login_required
def index(request):
    """The registrations the user's units write, and (for committee staff) the roll-ups they may open."""
    reviewed = campaigns_reviewed_by(request.user)
    return render(
        request,
        "registrations/index.html",
        {
            "mine": selectors.my_registrations(request.user)[:100],
            "to_register": selectors.campaigns_to_register(request.user),
            "years": selectors.years_reviewed_by(request.user),
            "campaigns": reviewed.select_related("issuer").order_by("-period_start", "-id")[:50],
            "queue": selectors.registration_queue(request.user)[:100],
        },
    )


@login_required
def campaign_rollup(request, pk):
    campaign = _staff_campaign(request.user, pk)
    rollup = selectors.rollup([campaign])
    page, rows = _page(request, rollup)
    return render(
        request,
        "registrations/rollup.html",
        {
            "campaign": campaign,
            "rollup": rollup,
            "page": page,
            "rows": rows,
            "missing": rollup.missing[:200],
            "due_form": DueDateForm(),
            "year": services.registration_year(campaign),
        },
    )


@login_required
def year_rollup(request, year):
    campaigns = list(selectors.campaigns_of_year(request.user, year))
    if not campaigns:
        raise Http404
    rollup = selectors.rollup(campaigns)
    page, rows = _page(request, rollup)
    return render(
        request,
        "registrations/rollup.html",
        {
            "campaigns": campaigns,
            "rollup": rollup,
            "page": page,
            "rows": rows,
            "missing": rollup.missing[:200],
            "year": year,
        },
    )


def _export(rollup, filename):
    people = selectors.export_people(rollup.registrations)
    return xlsx.response(rollup_workbook(rollup, people), filename)


@login_required
def campaign_export(request, pk):
    campaign = _staff_campaign(request.user, pk)
    today = timezone.localdate()
    return _export(selectors.rollup([campaign]), f"dang-ky-thi-dua-{campaign.pk}-{today:%Y%m%d}.xlsx")


@login_required
def year_export(request, year):
    campaigns = list(selectors.campaigns_of_year(request.user, year))
    if not campaigns:
        raise Http404
    return _export(selectors.rollup(campaigns), f"dang-ky-thi-dua-nam-{year}.xlsx")


@login_required
@require_POST
def request_registrations(request, pk):
    campaign = _staff_campaign(request.user, pk)
    form = DueDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["due_date"]))
        return redirect("registrations:campaign", pk=campaign.pk)
    try:
        created = services.request_registrations(campaign, request.user, due_date=form.cleaned_data["due_date"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã yêu cầu {created} đơn vị đăng ký thi đua.")
    return redirect("registrations:campaign", pk=campaign.pk)


@login_required
@require_POST
def remind(request, pk):
    campaign = _staff_campaign(request.user, pk)
    today = timezone.localdate()
    ids = list(
        campaign.registrations.filter(status__in=(DocumentStatus.DRAFT, DocumentStatus.RETURNED)).values_list(
            "pk", flat=True
        )
    )
    if not ids:
        messages.warning(request, "Mọi đơn vị đã nộp bản đăng ký: không gửi nhắc nhở.")
    else:
        outbox.send_on_commit(
            send_registration_manual_reminders, ids, request.user.pk, today.isoformat(), label="thư nhắc nhở"
        )
        messages.success(request, f"Đã xếp lịch nhắc {len(ids)} đơn vị chưa nộp (mỗi đơn vị tối đa một lần mỗi ngày).")
    return redirect("registrations:campaign", pk=campaign.pk)


@login_required
@require_POST
def start(request, pk):
    """A unit of the campaign opens its own registration (staff may not have asked yet)."""
    campaign = get_campaign_for(request.user, pk)
    org_id = request.POST.get("organization", "")
    mine = organization_ids_for(request.user)
    if not org_id.isdigit() or (int(org_id) not in mine and not request.user.is_superuser):
        raise Http404
    organization = Organization.objects.filter(pk=int(org_id)).first()
    if organization is None:
        raise Http404
    try:
        registration = services.start_registration(campaign, organization, request.user)
    except PermissionDenied:
        raise Http404 from None
    return redirect(registration.get_absolute_url())
