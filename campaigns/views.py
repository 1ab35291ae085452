from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import services
from .forms import LaunchForm
from .permissions import can_manage_campaign
from .selectors import campaign_document, campaigns_for, get_campaign_for


@login_required
def home(request):
    page = Paginator(campaigns_for(request.user).order_by("-period_start", "-id"), 20).get_page(request.GET.get("page"))
    return render(request, "campaigns/home.html", {"page": page})


@login_required
def campaign_detail(request, pk):
    campaign = get_campaign_for(request.user, pk)
    document = campaign_document(campaign.pk)
    can_manage = can_manage_campaign(request.user, campaign)
    launch_form = LaunchForm(campaign=campaign) if can_manage and campaign.status == "draft" else None
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": document,
            "can_manage": can_manage,
            "launch_form": launch_form,
            "launch_gaps": services.launch_gaps(campaign) if launch_form else [],
        },
    )


@login_required
@require_POST
def campaign_launch(request, pk):
    campaign = get_campaign_for(request.user, pk)
    if not can_manage_campaign(request.user, campaign):
        raise PermissionDenied
    form = LaunchForm(request.POST, campaign=campaign)
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
    document = campaign_document(campaign.pk)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {"campaign": document, "can_manage": True, "launch_form": form, "launch_gaps": services.launch_gaps(campaign)},
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
