"""Writes and state changes of campaigns."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from thidua.text import nfc
from thidua.uploads import CONTENT_TYPES, SCANS
from thidua.workflow import TransitionError

from .enums import CampaignStatus, DocumentStatus, MilestoneKind, ReviewKind
from .models import (
    Assignment,
    Campaign,
    CommendationProposal,
    ContentArea,
    ProgressNarrative,
    ProgressReport,
    ProgressResult,
    SubPlan,
    SubPlanItem,
    SubPlanTarget,
)
from .permissions import can_manage_campaign, can_review_document, can_write_document
from .selectors import next_number
from .workflows import APPROVE, PROGRESS_WORKFLOW, RETURN, SUBMIT, SUBPLAN_WORKFLOW

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
        raise ValidationError(f"Không thể thực hiện khi kế hoạch đang ở trạng thái «{campaign.get_status_display()}».")
    return sources, target


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


def launch_campaign(campaign, actor, *, issued_on, number=None, number_note=""):
    """Issue the plan: give it its number (next in the term unless given) and date, freeze its text."""
    sources, target = _check_move(campaign, "launch", actor)
    if not issued_on:
        raise ValidationError("Cần nhập ngày ban hành.")
    gaps = launch_gaps(campaign)
    if gaps:
        raise ValidationError("Chưa phát hành được: " + "; ".join(gaps) + ".")
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status not in sources:
            raise ValidationError("Kế hoạch vừa được người khác phát hành.")
        locked.issued_on = issued_on
        locked.number_note = number_note
        locked.status = target
        locked.launched_at = timezone.now()
        locked.launched_by = actor
        # The unique constraint (issuer, symbol, term, number) decides between two plans launched at once: a typed
        # number that is taken is refused; the next free number is simply taken again.
        for _attempt in range(1 if number else 5):
            locked.number = number or next_number(locked.issuer, locked.symbol, locked.term)
            try:
                with transaction.atomic():
                    locked.save(write_state=True)
                break
            except IntegrityError:
                continue
        else:
            raise ValidationError(
                f"Số {locked.reference} đã được dùng trong nhiệm kỳ {locked.term}; "
                f"số tiếp theo còn trống: {next_number(locked.issuer, locked.symbol, locked.term)}."
            )
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
        campaign.milestones.filter(kind=MilestoneKind.SUBPLAN_DUE)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
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
    existing = set(
        SubPlan.objects.filter(campaign=campaign, organization_id__in=ids).values_list("organization_id", flat=True)
    )
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
    for assignment in Assignment.objects.filter(campaign=campaign, requires_subplan=True).prefetch_related(
        "organizations"
    ):
        create_obligations(
            campaign,
            assignment.organizations.all(),
            actor,
            due_date=assignment.due_date or default_due,
            check_permission=False,
        )


on_launch_hooks.append(obligations_on_launch)


def set_due_date(doc, actor, due_date):
    """Staff move one unit's deadline (sub-plan or progress report)."""
    if not can_review_document(actor, doc):
        raise PermissionDenied
    type(doc).objects.filter(pk=doc.pk).update(due_date=due_date, updated_at=timezone.now())
    doc.due_date = due_date
    return doc


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
        before = _subplan_digest(subplan.pk)
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
        if _subplan_digest(subplan.pk) != before:
            SubPlan.objects.filter(pk=subplan.pk).update(content_changed_at=timezone.now())
    subplan.refresh_from_db()
    return subplan


def _subplan_digest(pk):
    """Everything that prints on the sub-plan, to tell a real change from a save that changed nothing."""
    header = (
        SubPlan.objects.filter(pk=pk)
        .values_list(
            "number",
            "issued_on",
            "place",
            "title",
            "introduction",
            "further_content",
            "sign_on_behalf",
            "signer_title",
            "signer_name",
        )
        .first()
    )
    items = list(
        SubPlanItem.objects.filter(subplan_id=pk).order_by("content_area_id").values_list("content_area_id", "measures")
    )
    targets = list(
        SubPlanTarget.objects.filter(item__subplan_id=pk)
        .order_by("item__content_area_id", "order", "id")
        .values_list("item__content_area_id", "name", "value", "unit_of_measure", "deadline", "responsible")
    )
    return (header, [i for i in items if i[1]], targets)


SCAN_TYPES = tuple(CONTENT_TYPES[kind] for kind in SCANS)  # the signed and stamped scan: PDF, JPEG or PNG


def signed_scans(doc):
    return doc.attachments.filter(content_type__in=SCAN_TYPES)


def subplan_checklist(subplan):
    """What a submission needs, in the order the unit fills it: [(label, done)]. Shown on the edit page."""
    has_content = (
        subplan.items.exclude(measures="").exists() or SubPlanTarget.objects.filter(item__subplan=subplan).exists()
    )
    return [
        ("trích yếu (tên kế hoạch)", bool(subplan.title.strip())),
        ("nhiệm vụ, giải pháp hoặc chỉ tiêu", has_content),
        ("người ký", bool(subplan.signer_name.strip())),
        ("bản ký, đóng dấu (tệp PDF, JPEG hoặc PNG)", signed_scans(subplan).exists()),
    ]


def _subplan_is_complete(subplan):
    return [f"chưa có {label}" for label, done in subplan_checklist(subplan) if not done]


def scan_may_be_stale(doc):
    """True when the content was changed after the newest signed scan was attached (warn, do not block)."""
    if not doc.content_changed_at:
        return False
    newest = signed_scans(doc).order_by("-uploaded_at").values_list("uploaded_at", flat=True).first()
    return newest is not None and newest < doc.content_changed_at


def _transition(workflow, doc, action, actor, reason, missing, expected_version=None):
    """One move of a unit's document over its workflow table; `missing(doc)` lists what blocks a submission.

    `expected_version` is the version the actor saw on the page (views always send it): a document withdrawn,
    edited or resubmitted since is refused with TransitionConflict instead of being approved unseen.
    """
    move = workflow.move(action)
    if doc.status in move.sources and not move.allowed(actor, doc):
        raise PermissionDenied
    now = timezone.now()
    extra = {}
    if action == SUBMIT and doc.status in move.sources:
        gaps = missing(doc)
        if gaps:
            raise TransitionError("Chưa nộp được: " + "; ".join(gaps) + ".")
        extra = {"submitted_at": now, "first_submitted_at": Coalesce(F("first_submitted_at"), Value(now))}
    elif action == RETURN:
        extra = {"return_reason": nfc((reason or "").strip()), "reviewed_by": actor}
    elif action == APPROVE:
        extra = {"approved_at": now, "reviewed_by": actor}
    return workflow.apply(doc, action, actor, reason=reason, extra_updates=extra, expected_version=expected_version)


def transition_subplan(subplan, action, actor, *, reason="", expected_version=None):
    """The one way a sub-plan changes state (submit, withdraw, return, approve)."""
    return _transition(SUBPLAN_WORKFLOW, subplan, action, actor, reason, _subplan_is_complete, expected_version)


def add_attachment(doc, actor, upload, description=""):
    """Attach a checked file to a unit's document (sub-plan or progress report) while it is editable."""
    if not can_write_document(actor, doc):
        raise PermissionDenied
    if not doc.is_editable:
        raise ValidationError("Chỉ đính kèm tệp khi hồ sơ đang soạn hoặc bị trả lại.")
    related = doc.attachments
    attachment = related.model.from_upload(
        upload, uploaded_by=actor, description=description, **{related.field.name: doc}
    )
    attachment.save()
    return attachment


def delete_attachment(attachment, doc, actor):
    if not can_write_document(actor, doc):
        raise PermissionDenied
    if not doc.is_editable:
        raise ValidationError("Hồ sơ đã nộp: không xóa được tệp.")
    attachment.delete()


def add_subplan_attachment(subplan, actor, upload, description=""):
    return add_attachment(subplan, actor, upload, description)


def delete_subplan_attachment(attachment, actor):
    return delete_attachment(attachment, attachment.subplan, actor)


# --- Progress reports (báo cáo sơ kết / tổng kết của đơn vị) ---------------------------------------------

REPORT_DUE_MILESTONE = {
    ReviewKind.INTERIM: MilestoneKind.INTERIM_REPORT_DUE,
    ReviewKind.FINAL: MilestoneKind.FINAL_REPORT_DUE,
}


def report_due_date(campaign, kind):
    return (
        campaign.milestones.filter(kind=REPORT_DUE_MILESTONE[kind])
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )


def request_progress_reports(campaign, kind, actor, *, due_date=None):
    """Ask every obliged unit (every unit with a sub-plan) for its interim or final report. Returns how many new."""
    if not can_manage_campaign(actor, campaign):
        raise PermissionDenied
    if campaign.status != CampaignStatus.LAUNCHED:
        raise ValidationError("Chỉ yêu cầu báo cáo khi phong trào đang được phát động.")
    if kind not in ReviewKind.values:
        raise ValidationError("Loại báo cáo không hợp lệ.")
    due = due_date or report_due_date(campaign, kind)
    have = set(ProgressReport.objects.filter(campaign=campaign, kind=kind).values_list("organization_id", flat=True))
    new = [
        ProgressReport(
            campaign=campaign, organization_id=org_id, kind=kind, subplan_id=subplan_id, due_date=due, created_by=actor
        )
        for subplan_id, org_id in SubPlan.objects.filter(campaign=campaign)
        .order_by("organization__path")
        .values_list("pk", "organization_id")
        if org_id not in have
    ]
    ProgressReport.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    return len(new)


def report_targets(report):
    """Targets the report answers: those of the unit's sub-plan, once that sub-plan is approved."""
    if not report.subplan_id or report.subplan.status != DocumentStatus.APPROVED:
        return SubPlanTarget.objects.none()
    return (
        SubPlanTarget.objects.filter(item__subplan_id=report.subplan_id)
        .select_related("item__content_area")
        .order_by("item__content_area__order", "order", "id")
    )


def save_progress_report(report, actor, *, version, header, narratives, results, commendations):
    """Save the unit's draft report, with the same version check as sub-plans.

    narratives: {content_area_id: text}; results: {target_id: (achieved or None, note)};
    commendations: [{name, is_collective, award, achievement}] in order.
    """
    if not can_write_document(actor, report):
        raise PermissionDenied
    if not report.is_editable:
        raise ValidationError(f"Báo cáo đang ở trạng thái «{report.get_status_display()}»: không sửa được.")
    header = {key: nfc(value.strip()) if isinstance(value, str) else value for key, value in header.items()}
    allowed_targets = set(report_targets(report).values_list("pk", flat=True))
    area_ids = set(ContentArea.objects.filter(campaign_id=report.campaign_id).values_list("pk", flat=True))
    with transaction.atomic():
        before = _report_digest(report.pk)
        changed = ProgressReport.objects.filter(
            pk=report.pk, version=version, status__in=(DocumentStatus.DRAFT, DocumentStatus.RETURNED)
        ).update(version=F("version") + 1, updated_at=timezone.now(), **header)
        if not changed:
            raise ValidationError(VERSION_CONFLICT, code="version_conflict")
        report.narratives.all().delete()
        ProgressNarrative.objects.bulk_create(
            ProgressNarrative(report=report, content_area_id=area_id, text=nfc(text.strip()))
            for area_id, text in narratives.items()
            if area_id in area_ids and (text or "").strip()
        )
        report.results.all().delete()
        ProgressResult.objects.bulk_create(
            ProgressResult(report=report, target_id=target_id, achieved=achieved, note=nfc((note or "").strip()))
            for target_id, (achieved, note) in results.items()
            if target_id in allowed_targets and (achieved is not None or (note or "").strip())
        )
        report.commendations.all().delete()
        CommendationProposal.objects.bulk_create(
            CommendationProposal(
                report=report,
                order=order,
                name=nfc(row["name"].strip()),
                is_collective=bool(row.get("is_collective")),
                award=nfc((row.get("award") or "").strip()),
                achievement=nfc((row.get("achievement") or "").strip()),
            )
            for order, row in enumerate(commendations, 1)
        )
        if _report_digest(report.pk) != before:
            ProgressReport.objects.filter(pk=report.pk).update(content_changed_at=timezone.now())
    report.refresh_from_db()
    return report


def _report_digest(pk):
    header = (
        ProgressReport.objects.filter(pk=pk)
        .values_list(
            "number",
            "issued_on",
            "place",
            "summary",
            "notable_examples",
            "difficulties",
            "proposals",
            "sign_on_behalf",
            "signer_title",
            "signer_name",
        )
        .first()
    )
    narratives = list(
        ProgressNarrative.objects.filter(report_id=pk)
        .order_by("content_area_id")
        .values_list("content_area_id", "text")
    )
    results = list(
        ProgressResult.objects.filter(report_id=pk).order_by("target_id").values_list("target_id", "achieved", "note")
    )
    proposals = list(
        CommendationProposal.objects.filter(report_id=pk)
        .order_by("order", "id")
        .values_list("name", "is_collective", "award", "achievement")
    )
    return (header, narratives, results, proposals)


def report_checklist(report):
    has_results = report.narratives.exists() or report.results.exists() or bool(report.summary.strip())
    return [
        ("kết quả thực hiện", has_results),
        ("người ký", bool(report.signer_name.strip())),
        ("bản báo cáo đã ký, đóng dấu (tệp PDF, JPEG hoặc PNG)", signed_scans(report).exists()),
    ]


def _report_is_complete(report):
    return [f"chưa có {label}" for label, done in report_checklist(report) if not done]


def transition_progress_report(report, action, actor, *, reason="", expected_version=None):
    """The one way a progress report changes state: the sub-plans' workflow table, its own log."""
    return _transition(PROGRESS_WORKFLOW, report, action, actor, reason, _report_is_complete, expected_version)


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
