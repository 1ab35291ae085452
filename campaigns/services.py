"""Writes and state changes of campaigns."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from thidua.text import nfc
from thidua.workflow import TransitionError

from .enums import CampaignStatus, DocumentStatus, MilestoneKind
from .models import Assignment, Campaign, SubPlan, SubPlanAttachment, SubPlanItem, SubPlanTarget
from .permissions import can_manage_campaign, can_review_document, can_write_document
from .selectors import next_number
from .workflows import APPROVE, RETURN, SUBMIT, SUBPLAN_WORKFLOW

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


# --- Sub-plans: obligations, editing, the review workflow, attachments --------------------------------

VERSION_CONFLICT = (
    "Kế hoạch đã được lưu ở nơi khác (một thẻ hoặc người khác) sau khi bạn mở trang. "
    "Nội dung bạn vừa nhập vẫn còn dưới đây: hãy mở kế hoạch ở thẻ mới để xem bản đã lưu rồi nhập lại phần thay đổi."
)


def subplan_due_date(campaign):
    """The campaign's deadline for sub-plans: its SUBPLAN_DUE milestone (the earliest one)."""
    return (
        campaign.milestones.filter(kind=MilestoneKind.SUBPLAN_DUE).order_by("date").values_list("date", flat=True).first()
    )


def create_obligations(campaign, organizations, actor, *, due_date=None, check_permission=True):
    """Oblige each organisation to write a sub-plan; units already obliged are left as they are.

    Returns the number of new obligations.
    """
    if check_permission and not can_manage_campaign(actor, campaign):
        raise PermissionDenied
    if campaign.status != CampaignStatus.LAUNCHED:
        raise ValidationError("Chỉ giao kế hoạch cho đơn vị khi phong trào đang được phát động.")
    due = due_date or subplan_due_date(campaign)
    ids = {o.pk if hasattr(o, "pk") else int(o) for o in organizations}
    ids.discard(campaign.issuer_id)
    existing = set(SubPlan.objects.filter(campaign=campaign, organization_id__in=ids).values_list("organization_id", flat=True))
    new = [
        SubPlan(campaign=campaign, organization_id=org_id, due_date=due, created_by=actor)
        for org_id in sorted(ids - existing)
    ]
    SubPlan.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    campaign.__dict__.pop("_participants", None)
    return len(new)


def obligations_on_launch(campaign, actor):
    """Launch hook: every unit of an assignment that requires a sub-plan is obliged, with that assignment's due date."""
    default_due = subplan_due_date(campaign)
    for assignment in Assignment.objects.filter(campaign=campaign, requires_subplan=True).prefetch_related("organizations"):
        create_obligations(
            campaign, assignment.organizations.all(), actor, due_date=assignment.due_date or default_due,
            check_permission=False,
        )


on_launch_hooks.append(obligations_on_launch)


def set_due_date(subplan, actor, due_date):
    if not can_review_document(actor, subplan):
        raise PermissionDenied
    SubPlan.objects.filter(pk=subplan.pk).update(due_date=due_date, updated_at=timezone.now())
    subplan.due_date = due_date
    return subplan


def save_subplan(subplan, actor, *, version, header, sections):
    """Save the unit's draft: header fields and, per content area, measures and targets.

    `sections` maps content_area_id -> (measures, [target dicts with name, value, unit_of_measure, deadline,
    responsible]). Refused with VERSION_CONFLICT if the draft changed since `version` was read.
    """
    if not can_write_document(actor, subplan):
        raise PermissionDenied
    if not subplan.is_editable:
        raise ValidationError(f"Kế hoạch đang ở trạng thái «{subplan.get_status_display()}»: không sửa được.")
    header = {key: nfc(value.strip()) if isinstance(value, str) else value for key, value in header.items()}
    with transaction.atomic():
        changed = SubPlan.objects.filter(
            pk=subplan.pk, version=version, status__in=(DocumentStatus.DRAFT, DocumentStatus.RETURNED)
        ).update(version=F("version") + 1, updated_at=timezone.now(), **header)
        if not changed:
            raise ValidationError(VERSION_CONFLICT, code="version_conflict")
        items = {item.content_area_id: item for item in subplan.items.all()}
        SubPlanTarget.objects.filter(item__subplan=subplan).delete()
        targets = []
        for area_id, (measures, rows) in sections.items():
            item = items.get(area_id)
            measures = nfc((measures or "").strip())
            if item is None:
                if not measures and not rows:
                    continue
                item = SubPlanItem.objects.create(subplan=subplan, content_area_id=area_id, measures=measures)
            elif item.measures != measures:
                item.measures = measures
                item.save(update_fields=["measures"])
            for order, row in enumerate(rows, 1):
                targets.append(SubPlanTarget(item=item, order=order, **row))
        for target in targets:
            target.name = nfc(target.name)
            target.unit_of_measure = nfc(target.unit_of_measure)
            target.responsible = nfc(target.responsible)
        SubPlanTarget.objects.bulk_create(targets)
    subplan.refresh_from_db()
    return subplan


def _subplan_is_complete(subplan):
    missing = []
    if not subplan.items.exclude(measures="").exists() and not SubPlanTarget.objects.filter(item__subplan=subplan).exists():
        missing.append("chưa có nhiệm vụ, giải pháp hay chỉ tiêu nào")
    if not subplan.signer_name:
        missing.append("chưa ghi người ký")
    return missing


def transition_subplan(subplan, action, actor, *, reason=""):
    """The one way a sub-plan changes state (submit, withdraw, return, approve)."""
    move = SUBPLAN_WORKFLOW.move(action)
    if subplan.status in move.sources and not move.allowed(actor, subplan):
        raise PermissionDenied
    now = timezone.now()
    extra = {}
    if action == SUBMIT and subplan.status in move.sources:
        missing = _subplan_is_complete(subplan)
        if missing:
            raise TransitionError("Chưa nộp được: " + "; ".join(missing) + ".")
        extra = {"submitted_at": now, "first_submitted_at": Coalesce(F("first_submitted_at"), Value(now))}
    elif action == RETURN:
        extra = {"return_reason": nfc((reason or "").strip()), "reviewed_by": actor}
    elif action == APPROVE:
        extra = {"approved_at": now, "reviewed_by": actor}
    return SUBPLAN_WORKFLOW.apply(subplan, action, actor, reason=reason, extra_updates=extra)


def add_subplan_attachment(subplan, actor, upload, description=""):
    if not can_write_document(actor, subplan):
        raise PermissionDenied
    if not subplan.is_editable:
        raise ValidationError("Chỉ đính kèm tệp khi kế hoạch đang soạn hoặc bị trả lại.")
    attachment = SubPlanAttachment.from_upload(upload, uploaded_by=actor, description=description, subplan=subplan)
    attachment.save()
    return attachment


def delete_subplan_attachment(attachment, actor):
    subplan = attachment.subplan
    if not can_write_document(actor, subplan):
        raise PermissionDenied
    if not subplan.is_editable:
        raise ValidationError("Kế hoạch đã nộp: không xóa được tệp.")
    attachment.delete()
