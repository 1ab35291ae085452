"""Writes and state changes of campaigns."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from thidua.documents import register
from thidua.text import nfc
from thidua.workflow import Move, TransitionError, Workflow

from .enums import CampaignStatus, MilestoneKind
from .models import Assignment, Campaign, ContentArea
from .permissions import can_manage_campaign
from .selectors import next_number

# Hooks run inside the launch transaction (the sub-plans issue registers obligation creation).
on_launch_hooks = []


def launch_gaps(campaign):
    """What an issued plan cannot lack (launching is irreversible): shown as a checklist before launch."""
    gaps = []
    if not campaign.content_areas.exists():
        gaps.append("chưa có nội dung thi đua")
    if not campaign.assignments.exists():
        gaps.append("chưa có phần tổ chức thực hiện (đơn vị chủ trì)")
    if not campaign.recipients.exists():
        gaps.append("chưa có nơi nhận")
    if not (campaign.signer_title and campaign.signer_name):
        gaps.append("chưa ghi chức vụ và họ tên người ký")
    return gaps


def _launch_ready(campaign, actor, ctx):
    if not ctx.get("issued_on"):
        raise ValidationError("Cần nhập ngày ban hành.")
    gaps = launch_gaps(campaign)
    if gaps:
        raise ValidationError("Chưa phát hành được: " + "; ".join(gaps) + ".")


def _next_plan_number(campaign, issued_on):
    return next_number(campaign.issuer, campaign.symbol, campaign.term, issued_on, campaign.document_format)


def _launch_updates(campaign, actor, ctx):
    """The issued plan's number (next in the term unless typed), date and who launched it."""
    return {
        "issued_on": ctx["issued_on"],
        "number_note": ctx.get("number_note", ""),
        "number": ctx.get("number") or _next_plan_number(campaign, ctx["issued_on"]),
        "launched_at": timezone.now(),
        "launched_by": actor,
    }


def take_plan_number(campaign, actor=None):
    """Record the plan's number in the issuer's register of outgoing documents (refused when it is taken)."""
    return register.take_number(
        campaign.issuer,
        register.document_type_of(campaign.symbol),
        campaign.issued_on,
        kind=campaign.document_format,
        term=campaign.term,
        symbol=campaign.symbol,
        subject=" ".join(campaign.title.split()),
        document=campaign,
        created_by=actor,
        number=campaign.number,
    )


def _register_number(campaign, actor, log, ctx):
    """The register of outgoing documents (thidua/documents/register.py) holds the number with the same guarantee
    as the plans' unique constraint, across every document type of the issuer."""
    take_plan_number(campaign, actor)


def _run_launch_hooks(campaign, actor, log, ctx):
    for hook in on_launch_hooks:
        hook(campaign, actor)


# The campaign's own life: draft → launched (issued: numbered, text frozen, units obliged) → closed.
CAMPAIGN_FLOW = Workflow(
    model=Campaign,
    name="campaign",
    moves=[
        Move(
            "launch",
            "Phát hành",
            (CampaignStatus.DRAFT,),
            CampaignStatus.LAUNCHED,
            can_manage_campaign,
            lock=True,
            prepare=(_launch_ready,),
            updates=_launch_updates,
            effects=(_register_number, _run_launch_hooks),
        ),
        Move(
            "close",
            "Kết thúc",
            (CampaignStatus.LAUNCHED,),
            CampaignStatus.CLOSED,
            can_manage_campaign,
            updates=lambda campaign, actor, ctx: {"closed_at": timezone.now()},
        ),
    ],
)


def _campaign_move(campaign, action, actor, **ctx):
    """A move of CAMPAIGN_FLOW; the views show ValidationError messages."""
    if not can_manage_campaign(actor, campaign):
        raise PermissionDenied
    try:
        return CAMPAIGN_FLOW.apply(campaign, action, actor, **ctx)
    except TransitionError as exc:
        raise ValidationError(str(exc)) from None


def launch_campaign(campaign, actor, *, issued_on, number=None, number_note=""):
    """Issue the plan: give it its number (next in the term unless given) and date, freeze its text.

    The unique constraint (issuer, symbol, term, number) and the register decide between two plans launched at
    once: a typed number that is taken is refused; the next free number is simply taken again."""
    for _attempt in range(1 if number else 5):
        try:
            return _campaign_move(
                campaign, "launch", actor, issued_on=issued_on, number=number, number_note=number_note
            )
        except (IntegrityError, register.NumberTaken):
            continue
    taken = Campaign(
        document_format=campaign.document_format, symbol=campaign.symbol, number=number, issued_on=issued_on
    )
    raise ValidationError(
        f"Số {taken.reference} đã được dùng trong nhiệm kỳ {campaign.term}; "
        f"số tiếp theo còn trống: {_next_plan_number(campaign, issued_on)}."
    )


def close_campaign(campaign, actor):
    return _campaign_move(campaign, "close", actor)


# --- Units' documents: the unit-document core (campaigns.unitdocs) under the names callers used before -------

from .unitdocs import services as _docs  # noqa: E402
from .unitdocs.kinds.progress import report_due_date, report_targets, request_progress_reports  # noqa: E402, F401
from .unitdocs.kinds.subplan import create_obligations, obligations_on_launch  # noqa: E402, F401
from .unitdocs.kinds.subplan import due_date_of as subplan_due_date  # noqa: E402, F401

on_launch_hooks.append(obligations_on_launch)

set_due_date = _docs.set_due_date
add_attachment = _docs.add_attachment
delete_attachment = _docs.delete_attachment
signed_scans = _docs.signed_scans
scan_may_be_stale = _docs.scan_may_be_stale
transition_subplan = transition_progress_report = _docs.transition
subplan_checklist = report_checklist = _docs.checklist
_transition = _docs.apply_move  # (workflow, doc, action, actor, reason, gaps_of, expected_version)


def save_subplan(subplan, actor, *, version, header, sections):
    return _docs.save(subplan, actor, version=version, header=header, parts={"sections": sections})


def save_progress_report(report, actor, *, version, header, narratives, results, commendations):
    parts = {"narratives": narratives, "results": results, "commendations": commendations}
    return _docs.save(report, actor, version=version, header=header, parts=parts)


# --- Plans written in the browser (committee staff): new draft, copy, save with a version check -----------

PLAN_VERSION_CONFLICT = (
    "Dự thảo đã được lưu ở nơi khác (một thẻ hoặc người khác) sau khi bạn mở trang. "
    "Nội dung bạn vừa nhập vẫn còn dưới đây: hãy mở dự thảo ở thẻ mới để xem bản đã lưu rồi nhập lại phần thay đổi."
)


def _text(value):
    return nfc(value.strip()) if isinstance(value, str) else value


def create_draft(actor, issuer, header, *, parts=None):
    """A new draft plan of `issuer` (the actor must be its committee staff); `parts` as `save_draft` takes them."""
    from .models import Campaign

    probe = Campaign(issuer=issuer)
    if not can_manage_campaign(actor, probe):
        raise PermissionDenied
    with transaction.atomic():
        campaign = Campaign(issuer=issuer, created_by=actor, **{k: _text(v) for k, v in header.items()})
        campaign.full_clean(exclude=["number", "issued_on"])
        campaign.save()
        if parts is not None:
            _replace_parts(campaign, parts)
    return campaign


def save_draft(campaign, actor, *, version, header, parts):
    """Save the whole draft (header and every part) if nobody saved it since `version` was read.

    `parts`: {"subplan_due", "legal_bases", "areas" (with "movements" and "targets"), "occasions", "assignments"
    (with "organization_ids"), "recipients"} as `plan_forms.PlanEditor.plan_data()` gives them.
    """
    from .models import Campaign

    if not can_manage_campaign(actor, campaign):
        raise PermissionDenied
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError(
            "Kế hoạch đã phát hành: không sửa văn bản đã ban hành, hãy ghi nhận bằng văn bản sửa đổi, bổ sung."
        )
    header = {k: _text(v) for k, v in header.items()}
    with transaction.atomic():
        changed = Campaign.objects.filter(pk=campaign.pk, version=version, status=CampaignStatus.DRAFT).update(
            version=F("version") + 1, updated_at=timezone.now(), **header
        )
        if not changed:
            raise ValidationError(PLAN_VERSION_CONFLICT, code="version_conflict")
        campaign.refresh_from_db()
        campaign.full_clean(exclude=["number", "issued_on"])
        _replace_parts(campaign, parts)
    return campaign


def _replace_parts(campaign, parts):
    """Drafts only: the parts are written anew in the order given (a draft has no sub-plans pointing at them)."""
    from .models import LegalBasis, Milestone, Movement, Occasion, Recipient, Target

    allowed = set(assignable_ids(campaign))
    campaign.legal_bases.all().delete()
    campaign.content_areas.all().delete()
    campaign.occasions.all().delete()
    campaign.assignments.all().delete()
    campaign.recipients.all().delete()
    LegalBasis.objects.bulk_create(
        LegalBasis(campaign=campaign, order=i, **{k: _text(v) for k, v in row.items()})
        for i, row in enumerate(parts.get("legal_bases", []), 1)
    )
    for i, row in enumerate(parts.get("areas", []), 1):
        area = ContentArea.objects.create(
            campaign=campaign, order=i, heading=_text(row.get("heading", "")), body=_text(row["body"])
        )
        Movement.objects.bulk_create(
            Movement(content_area=area, order=j, name=_text(name)) for j, name in enumerate(row.get("movements", []), 1)
        )
        Target.objects.bulk_create(
            Target(
                content_area=area,
                order=j,
                name=_text(t["name"]),
                value=t.get("value"),
                unit_of_measure=_text(t.get("unit_of_measure", "")),
            )
            for j, t in enumerate(row.get("targets", []), 1)
        )
    Occasion.objects.bulk_create(
        Occasion(campaign=campaign, order=i, name=_text(row["name"]), date=row.get("date"))
        for i, row in enumerate(parts.get("occasions", []), 1)
    )
    for i, row in enumerate(parts.get("assignments", []), 1):
        refused = set(row.get("organization_ids", [])) - allowed
        if refused:
            raise ValidationError("Đơn vị chủ trì phải thuộc cơ quan ban hành.")
        assignment = Assignment.objects.create(
            campaign=campaign,
            order=i,
            body=_text(row["body"]),
            requires_subplan=bool(row.get("requires_subplan")),
            due_date=row.get("due_date"),
        )
        assignment.organizations.set(row.get("organization_ids", []))
    for i, row in enumerate(parts.get("recipients", []), 1):
        org_id = row.get("organization_id")
        Recipient.objects.create(
            campaign=campaign, order=i, text=_text(row["text"]), organization_id=org_id if org_id in allowed else None
        )
    if "subplan_due" in parts:
        due = parts["subplan_due"]
        milestone = campaign.milestones.filter(kind=MilestoneKind.SUBPLAN_DUE).order_by("date").first()
        if due and milestone:
            if milestone.date != due:
                milestone.date = due
                milestone.save(update_fields=["date"])
        elif due:
            Milestone.objects.create(
                campaign=campaign, kind=MilestoneKind.SUBPLAN_DUE, date=due, label="Các đơn vị gửi kế hoạch"
            )
        elif milestone:
            milestone.delete()


def assignable_ids(campaign):
    """Organisations a plan may name (assignments, recipients): the issuer's tree, from its root.

    Recipients are often above the issuer (Thường trực tỉnh ủy), so they may be any organisation of the tree the
    issuer belongs to; assignments are checked against the same set (the editor offers only the issuer's subtree).
    """
    from units.models import Organization

    root_path = "/" + campaign.issuer.path.strip("/").split("/")[0] + "/"
    return Organization.objects.filter(path__startswith=root_path).values_list("pk", flat=True)


def copy_campaign(source, actor, *, period_start, period_end):
    """A new draft with every part of `source`, a new period, no number and no date; milestones move with the period."""
    from .models import Campaign, LegalBasis, Milestone, Movement, Occasion, Recipient, Target

    if not can_manage_campaign(actor, source):
        raise PermissionDenied
    if period_end < period_start:
        raise ValidationError("Thời gian kết thúc phải sau thời gian bắt đầu.")
    shift = period_start - source.period_start
    with transaction.atomic():
        fields = {
            f: getattr(source, f) for f in Campaign.FROZEN_FIELDS if f not in ("number", "issued_on", "issuer_id")
        }
        campaign = Campaign.objects.create(
            issuer_id=source.issuer_id,
            created_by=actor,
            period_start=period_start,
            period_end=period_end,
            **fields,
        )
        campaign.period_text = ""
        campaign.save(update_fields=["period_text"])
        LegalBasis.objects.bulk_create(
            LegalBasis(
                campaign=campaign,
                order=b.order,
                role=b.role,
                kind=b.kind,
                number=b.number,
                issued_on=b.issued_on,
                issuer=b.issuer,
                title=b.title,
            )
            for b in source.legal_bases.all()
        )
        for area in source.content_areas.prefetch_related("movements", "targets"):
            new = ContentArea.objects.create(campaign=campaign, order=area.order, heading=area.heading, body=area.body)
            Movement.objects.bulk_create(
                Movement(content_area=new, order=m.order, name=m.name) for m in area.movements.all()
            )
            Target.objects.bulk_create(
                Target(content_area=new, order=t.order, name=t.name, value=t.value, unit_of_measure=t.unit_of_measure)
                for t in area.targets.all()
            )
        Occasion.objects.bulk_create(
            Occasion(campaign=campaign, order=o.order, name=o.name, date=None) for o in source.occasions.all()
        )
        for a in source.assignments.prefetch_related("organizations"):
            new = Assignment.objects.create(
                campaign=campaign,
                order=a.order,
                body=a.body,
                requires_subplan=a.requires_subplan,
                due_date=a.due_date + shift if a.due_date else None,
            )
            new.organizations.set(a.organizations.all())
        Recipient.objects.bulk_create(
            Recipient(campaign=campaign, order=r.order, text=r.text, organization_id=r.organization_id)
            for r in source.recipients.all()
        )
        Milestone.objects.bulk_create(
            Milestone(campaign=campaign, kind=m.kind, date=m.date + shift, label=m.label)
            for m in source.milestones.all()
        )
    return campaign


def obliged_units(campaign):
    """Organisations that launching will oblige to write a sub-plan (assignments marked so), in tree order."""
    from units.models import Organization

    return (
        Organization.objects.filter(assignments__campaign=campaign, assignments__requires_subplan=True)
        .exclude(pk=campaign.issuer_id)
        .distinct()
        .order_by("path")
    )
