"""Publishing nominees before the vote (công khai danh sách, Thông tư 12/2019/TT-BNV): services and the gate.

The gate is a separate check the council services call before a nomination goes onto a sitting: an award type
that requires publication (`AwardType.requires_publication`, catalogue data) may be voted on only after the comment
period of a list that includes the nomination has ended, before the sitting's day and before today.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.workflow import TransitionError

from .enums import NominationStatus
from .models import Publication, PublicComment

PUBLISHABLE = (NominationStatus.SUBMITTED, NominationStatus.CHECKED)


def _staff(actor, campaign):
    from campaigns.permissions import is_committee_staff

    if not is_committee_staff(actor, campaign):
        raise PermissionDenied


def publish_nominees(campaign, actor, nominations, *, title, comments_from, comments_until, note=""):
    """Publish the chosen nominations (submitted or checked, of this campaign) for comment."""
    _staff(actor, campaign)
    nominations = list(nominations)
    if not nominations:
        raise ValidationError("Chọn ít nhất một đề nghị để công khai.")
    if comments_until < comments_from:
        raise ValidationError("Ngày kết thúc lấy ý kiến phải sau ngày bắt đầu.")
    wrong = [n for n in nominations if n.campaign_id != campaign.pk or n.status not in PUBLISHABLE]
    if wrong:
        raise ValidationError(
            "Chỉ công khai đề nghị đã gửi hoặc đã thẩm định của phong trào này, chưa đưa ra Hội đồng: "
            + "; ".join(n.display_name for n in wrong)
        )
    days = (comments_until - comments_from).days + 1
    short = [n for n in nominations if n.award_type.publication_min_days and days < n.award_type.publication_min_days]
    if short:
        need = max(n.award_type.publication_min_days for n in short)
        raise ValidationError(
            f"Thời hạn lấy ý kiến {days} ngày, ít hơn {need} ngày quy định cho «{short[0].award_type.name}»."
        )
    with transaction.atomic():
        publication = Publication.objects.create(
            campaign=campaign,
            title=title,
            note=note,
            comments_from=comments_from,
            comments_until=comments_until,
            published_by=actor,
        )
        publication.nominations.set(nominations)
    return publication


def record_comment(publication, actor, *, received_on, content, sender="", handling="", nomination=None):
    _staff(actor, publication.campaign)
    if nomination is not None and not publication.nominations.filter(pk=nomination.pk).exists():
        raise ValidationError("Ý kiến chỉ ghi cho đề nghị có trong danh sách công khai này.")
    if received_on < publication.comments_from:
        raise ValidationError("Ngày nhận trước khi công khai danh sách.")
    return PublicComment.objects.create(
        publication=publication,
        nomination=nomination,
        received_on=received_on,
        sender=sender,
        content=content,
        handling=handling,
        recorded_by=actor,
    )


def publication_gate(nomination, day):
    """None if `nomination` may be voted on at a sitting held on `day`, else the reason (in Vietnamese)."""
    from .eligibility import version_on

    award_type = version_on(nomination.award_type, nomination.rules_date) or nomination.award_type
    if not award_type.requires_publication:
        return None
    today = timezone.localdate()
    ends = sorted(nomination.publications.values_list("comments_until", flat=True))
    if not ends:
        return f"«{award_type.name}» phải công khai danh sách lấy ý kiến trước khi Hội đồng xét: chưa công khai."
    finished = [end for end in ends if end < day and end < today]
    if not finished:
        return (
            f"«{award_type.name}»: thời hạn lấy ý kiến đến hết ngày {ends[0]:%d/%m/%Y}; Hội đồng chỉ xét sau khi hết "
            "thời hạn."
        )
    return None


def check_publication_gate(nomination, day):
    reason = publication_gate(nomination, day)
    if reason:
        raise TransitionError(reason)
