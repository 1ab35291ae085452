"""Writes and state changes of campaigns."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .enums import CampaignStatus
from .models import Campaign
from .permissions import can_manage_campaign
from .selectors import next_number

# The campaign's own life: explicit table of allowed moves.
CAMPAIGN_MOVES = {
    "launch": ({CampaignStatus.DRAFT}, CampaignStatus.LAUNCHED),
    "close": ({CampaignStatus.LAUNCHED}, CampaignStatus.CLOSED),
}

# Hooks run inside the launch transaction (the sub-plans issue registers obligation creation).
on_launch_hooks = []


def _check_move(campaign, action, actor):
    sources, target = CAMPAIGN_MOVES[action]
    if not can_manage_campaign(actor, campaign):
        raise PermissionDenied
    if campaign.status not in sources:
        raise ValidationError(
            f"Không thể thực hiện khi kế hoạch đang ở trạng thái «{campaign.get_status_display()}»."
        )
    return sources, target


def launch_campaign(campaign, actor, *, issued_on, number=None, number_note=""):
    """Issue the plan: give it its number (next in the term unless given) and date, freeze its text."""
    sources, target = _check_move(campaign, "launch", actor)
    if not issued_on:
        raise ValidationError("Cần nhập ngày ban hành.")
    if not campaign.content_areas.exists():
        raise ValidationError("Kế hoạch chưa có nội dung thi đua nào.")
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status not in sources:
            raise ValidationError("Kế hoạch vừa được người khác phát hành.")
        locked.number = number or next_number(locked.issuer, locked.symbol, locked.term)
        locked.issued_on = issued_on
        locked.number_note = number_note
        locked.status = target
        locked.launched_at = timezone.now()
        locked.launched_by = actor
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError:
            raise ValidationError(
                f"Số {locked.number}-{locked.symbol} đã được dùng trong nhiệm kỳ {locked.term}."
            ) from None
        for hook in on_launch_hooks:
            hook(locked, actor)
    campaign.refresh_from_db()
    return campaign


def close_campaign(campaign, actor):
    sources, target = _check_move(campaign, "close", actor)
    changed = Campaign.objects.filter(pk=campaign.pk, status__in=sources).update(
        status=target, closed_at=timezone.now()
    )
    if not changed:
        raise ValidationError("Kế hoạch vừa được người khác thay đổi trạng thái.")
    campaign.refresh_from_db()
    return campaign
