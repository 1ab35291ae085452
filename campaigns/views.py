from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from awards.selectors import member_sessions
from awards.templatetags.awards_nav import HOME_LIMIT
from units.selectors import organization_ids_for

from . import home as due
from . import services
from .forms import LaunchForm
from .permissions import can_manage_campaign
from .selectors import campaign_page, campaigns_for, get_campaign_for


@login_required
def home(request):
    """What is due for the user, whatever their role (campaigns.home), then their campaigns with their progress."""
    user, today = request.user, timezone.localdate()
    page = Paginator(campaigns_for(user).order_by("-period_start", "-id"), 20).get_page(request.GET.get("page"))
    ids = [c.pk for c in page.object_list]
    progress = due.campaign_progress(ids, today)
    mine = due.own_documents(user, ids)
    staff = due.staff_overview(user)
    tasks, waiting = due.unit_tasks(user, today)
    org_ids = organization_ids_for(user)
    sittings = member_sessions(user, HOME_LIMIT)  # the navbar asks for the same list: one query for both
    cards = [
        (c, progress[c.pk], mine.get(c.pk, []), user.is_superuser or c.issuer_id in org_ids) for c in page.object_list
    ]
    return render(
        request,
        "campaigns/home.html",
        {
            "page": page,
            "cards": cards,
            "staff": staff,
            "tasks": tasks,
            "waiting": waiting,
            # Committee staff see the unit section only when their own body has something due.
            "has_unit": bool(tasks or waiting or (org_ids and staff is None)),
            "votes": due.awaiting_votes(user) if any(s.awaiting for s in sittings) else [],
            # A council member's home shows their sittings, not an empty list of campaigns under them.
            "sittings": bool(sittings),
            "today": today,
        },
    )


@login_required
def campaign_detail(request, pk):
    campaign = get_campaign_for(request.user, pk)
    document = campaign_page(campaign.pk)
    can_manage = can_manage_campaign(request.user, campaign)
    obliged = list(services.obliged_units(campaign)) if can_manage and campaign.status == "draft" else []
    launch_form = (
        LaunchForm(campaign=campaign, obliged_count=len(obliged)) if can_manage and campaign.status == "draft" else None
    )
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": document,
            "can_manage": can_manage,
            "launch_form": launch_form,
            "launch_gaps": services.launch_gaps(campaign) if launch_form else [],
            "obliged": obliged,
        },
    )


@login_required
@require_POST
def campaign_launch(request, pk):
    campaign = get_campaign_for(request.user, pk)
    if not can_manage_campaign(request.user, campaign):
        raise PermissionDenied
    obliged = list(services.obliged_units(campaign))
    form = LaunchForm(request.POST, campaign=campaign, obliged_count=len(obliged))
    if form.is_valid():
        try:
            campaign = services.launch_campaign(
                campaign, request.user, issued_on=form.cleaned_data["issued_on"], number=form.cleaned_data["number"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã phát động kế hoạch số {campaign.reference}.")
            return redirect("campaigns:detail", pk=campaign.pk)
    document = campaign_page(campaign.pk)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": document,
            "can_manage": True,
            "launch_form": form,
            "launch_gaps": services.launch_gaps(campaign),
            "obliged": obliged,
        },
        status=400,
    )


@login_required
@require_POST
def campaign_close(request, pk):
    campaign = get_campaign_for(request.user, pk)
    try:
        services.close_campaign(campaign, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã kết thúc phong trào.")
    return redirect("campaigns:detail", pk=campaign.pk)
