"""Kind: the unit's own plan for a campaign (kế hoạch của đơn vị), with measures and targets per content area.

Launching a campaign obliges the units of assignments marked "phải xây dựng kế hoạch riêng" (a launch hook);
staff oblige more units from the board ("Giao thêm đơn vị": the extra URL below).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render

from thidua.text import nfc

from ...enums import CampaignStatus, MilestoneKind
from ...forms import ObligationForm, SubPlanForm
from ...models import Assignment, ContentArea, SubPlan, SubPlanItem, SubPlanLog, SubPlanTarget
from ...permissions import can_manage_campaign
from ...selectors import assignable_organizations
from ...tasks import send_manual_reminders
from .. import services
from ..core import DocumentKind, register
from ..views import board_url, staff_campaign

HEADER = (
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


def save_parts(subplan, parts):
    """Per content area: measures and targets (`parts["sections"]`: {area_id: (measures, [target dicts])})."""
    items = {item.content_area_id: item for item in subplan.items.all()}
    SubPlanTarget.objects.filter(item__subplan=subplan).delete()
    targets = []
    for area_id, (measures, rows) in parts["sections"].items():
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


def digest(pk):
    """Everything that prints on the sub-plan, to tell a real change from a save that changed nothing."""
    header = SubPlan.objects.filter(pk=pk).values_list(*HEADER).first()
    items = list(
        SubPlanItem.objects.filter(subplan_id=pk).order_by("content_area_id").values_list("content_area_id", "measures")
    )
    targets = list(
        SubPlanTarget.objects.filter(item__subplan_id=pk)
        .order_by("item__content_area_id", "order", "id")
        .values_list("item__content_area_id", "name", "value", "unit_of_measure", "deadline", "responsible")
    )
    return (header, [i for i in items if i[1]], targets)


def checklist(subplan):
    has_content = (
        subplan.items.exclude(measures="").exists() or SubPlanTarget.objects.filter(item__subplan=subplan).exists()
    )
    return [
        ("trích yếu (tên kế hoạch)", bool(subplan.title.strip())),
        ("nhiệm vụ, giải pháp hoặc chỉ tiêu", has_content),
        ("người ký", bool(subplan.signer_name.strip())),
        ("bản ký, đóng dấu (tệp PDF, JPEG hoặc PNG)", services.has_scan(subplan)),
    ]


def document(subplan):
    """Items (with targets) keyed by content area, attachments and log, in a fixed number of queries."""
    items = {
        item.content_area_id: item
        for item in SubPlanItem.objects.filter(subplan=subplan).prefetch_related(
            Prefetch("targets", queryset=SubPlanTarget.objects.order_by("order", "id"))
        )
    }
    areas = list(
        ContentArea.objects.filter(campaign_id=subplan.campaign_id)
        .order_by("order", "id")
        .prefetch_related("movements", "targets")
    )
    sections = [(area, items.get(area.pk)) for area in areas]
    not_addressed = [
        area for area, item in sections if item is None or (not item.measures.strip() and not item.targets.all())
    ]
    return {
        "sections": sections,
        "not_addressed": not_addressed,
        "attachments": list(subplan.attachments.select_related("uploaded_by")),
        "logs": list(subplan.logs.select_related("actor")),
    }


def print_title(subplan):
    campaign = subplan.campaign
    return subplan.title.strip() or f"thực hiện Kế hoạch số {campaign.reference} của {campaign.issuer.name}"


# --- Obligations: on launch, and from the board -----------------------------------------------------------


def due_date_of(campaign):
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
    ids = {o.pk if hasattr(o, "pk") else int(o) for o in organizations}
    ids.discard(campaign.issuer_id)
    created = services.oblige(SUBPLAN, campaign, sorted(ids), actor, due_date=due_date or due_date_of(campaign))
    campaign.__dict__.pop("_participants", None)
    return created


def obligations_on_launch(campaign, actor):
    """Launch hook: every unit of an assignment that requires a sub-plan is obliged, with that assignment's due date."""
    default_due = due_date_of(campaign)
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


@login_required
def assign_units(request, pk, doc_kind):
    campaign = staff_campaign(request.user, pk)
    organizations = assignable_organizations(campaign).order_by("path")
    form = ObligationForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            created = create_obligations(
                campaign, form.cleaned_data["chosen"], request.user, due_date=form.cleaned_data["due_date"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            chosen = len(form.cleaned_data["chosen"])
            messages.success(
                request, f"Đã giao kế hoạch cho {created} đơn vị mới ({chosen - created} đơn vị đã được giao từ trước)."
            )
            return redirect(board_url(doc_kind, campaign.pk))
    return render(
        request,
        "campaigns/subplans/assign.html",
        {"campaign": campaign, "form": form, "organizations": organizations},
        status=400 if form.errors else 200,
    )


SUBPLAN = register(
    DocumentKind(
        key="subplan",
        order=10,
        model=SubPlan,
        log_model=SubPlanLog,
        slug="ke-hoach-don-vi",
        labels={
            "noun": "kế hoạch",
            "plural": "Kế hoạch của đơn vị",
            "board": "Tình hình xây dựng kế hoạch của các đơn vị",
            "code": "KH",
            "type": "KẾ HOẠCH",
            "file": "ke-hoach",
            "more": "chỉ tiêu",
        },
        form=SubPlanForm,
        save_parts=save_parts,
        digest=digest,
        checklist=checklist,
        document=document,
        parts_template="campaigns/unitdocs/kinds/subplan.html",
        next_step={
            "draft": "Soạn kế hoạch, đính kèm bản ký và nộp",
            "returned": "Sửa theo ý kiến trả lại và nộp lại",
            "submitted": "Chờ Văn phòng xét duyệt (có thể rút lại để sửa)",
            "approved": "Đã xong",
        },
        mail_task="notify_subplan_transition",
        print_template="campaigns/print/subplan.html",
        print_title=print_title,
        print_name="subplan",
        remind=send_manual_reminders,
        extra_urls=(("{board}giao/", assign_units, "subplan_assign"),),
        url_aliases={
            "board": "subplan_board",
            "board_export": "subplan_board_export",
            "board_remind": "subplan_board_remind",
            "assign_units": "subplan_assign",
        },
        context_name="subplan",
    )
)
