from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import (
    Amendment,
    Assignment,
    Campaign,
    CommendationProposal,
    ContentArea,
    LegalBasis,
    Milestone,
    Movement,
    Occasion,
    ProgressNarrative,
    ProgressReport,
    ProgressReportAttachment,
    ProgressReportLog,
    ProgressResult,
    Recipient,
    SubPlan,
    SubPlanAttachment,
    SubPlanItem,
    SubPlanLog,
    SubPlanReminder,
    SubPlanTarget,
    Target,
)
from .plan_forms import SUBPLAN_CHOICES, resolve_requires_subplan


class FrozenWhenLaunchedInline:
    """Parts of the issued text: editable only while the plan is a draft."""

    extra = 0

    def _editable(self, obj):
        return obj is None or not obj.is_frozen

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class LegalBasisInline(FrozenWhenLaunchedInline, admin.TabularInline):
    model = LegalBasis
    fields = ["order", "role", "kind", "number", "issued_on", "issuer", "title"]


class ContentAreaInline(FrozenWhenLaunchedInline, admin.StackedInline):
    model = ContentArea
    fields = ["order", "heading", "body", "edit_link"]
    readonly_fields = ["edit_link"]

    @admin.display(description="phong trào, chỉ tiêu")
    def edit_link(self, obj):
        if not obj.pk:
            return "Lưu trước, rồi thêm phong trào và chỉ tiêu."
        url = reverse("admin:campaigns_contentarea_change", args=[obj.pk])
        return format_html('<a href="{}">Phong trào, chỉ tiêu của nội dung này</a>', url)


class OccasionInline(FrozenWhenLaunchedInline, admin.TabularInline):
    model = Occasion


class AssignmentAdminForm(forms.ModelForm):
    """ "Phải xây dựng kế hoạch riêng" defaults to what the text implies (a text asking the units to "xây dựng kế
    hoạch" obliges them); the clerk may say yes or no explicitly."""

    requires_subplan = forms.ChoiceField(
        label="phải xây dựng kế hoạch riêng", choices=SUBPLAN_CHOICES, initial="auto", required=False
    )

    class Meta:
        model = Assignment
        fields = ["order", "body", "organizations", "requires_subplan", "due_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["requires_subplan"] = "yes" if self.instance.requires_subplan else "no"

    def clean(self):
        cleaned = super().clean()
        cleaned["requires_subplan"] = resolve_requires_subplan(cleaned.get("requires_subplan"), cleaned.get("body", ""))
        return cleaned

    def has_changed(self):
        # A blank extra row left at "auto" is not a change (otherwise it would be validated as a new assignment).
        changed = [name for name in self.changed_data if name != "requires_subplan"]
        return bool(changed) or (self.instance.pk is not None and super().has_changed())


class AssignmentInline(FrozenWhenLaunchedInline, admin.StackedInline):
    model = Assignment
    form = AssignmentAdminForm
    autocomplete_fields = ["organizations"]
    fields = ["order", "body", "organizations", "requires_subplan", "due_date"]


class RecipientInline(FrozenWhenLaunchedInline, admin.TabularInline):
    model = Recipient
    autocomplete_fields = ["organization"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class AmendmentInline(admin.StackedInline):
    model = Amendment
    extra = 0
    exclude = ["created_by"]

    def has_add_permission(self, request, obj=None):
        return obj is not None and obj.is_frozen


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["number_and_date", "short_title", "issuer", "period", "status"]
    list_display_links = ["number_and_date", "short_title"]
    # Only bodies that issued a plan (the whole tree would list every commune and party cell).
    list_filter = ["status", ("issuer", admin.RelatedOnlyFieldListFilter), "document_format", "term"]
    search_fields = ["title", "symbol", "signer_name", "issuer__name"]
    date_hierarchy = "period_start"
    autocomplete_fields = ["issuer"]
    readonly_fields = ["status", "launched_at", "launched_by", "closed_at", "created_by", "created_at", "updated_at"]
    inlines = [
        LegalBasisInline,
        ContentAreaInline,
        AssignmentInline,
        OccasionInline,
        RecipientInline,
        MilestoneInline,
        AmendmentInline,
    ]
    fieldsets = [
        (
            "Tiêu đề văn bản",
            {
                "fields": [
                    "issuer",
                    "superior_body",
                    "issuing_body",
                    "document_format",
                    "document_type",
                    "symbol",
                    "number",
                    "term",
                    "place",
                    "issued_on",
                    "number_note",
                ]
            },
        ),
        ("Trích yếu và nội dung", {"fields": ["title", "preamble", "introduction", "purpose", "requirements"]}),
        ("Thời gian thực hiện", {"fields": ["period_start", "period_end", "period_text"]}),
        ("Kết thúc văn bản, chữ ký", {"fields": ["closing", "sign_on_behalf", "signer_title", "signer_name"]}),
        (
            "Trạng thái",
            {"fields": ["status", "launched_at", "launched_by", "closed_at", "created_by", "created_at", "updated_at"]},
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}  # a wide trích yếu column (not one word per line)

    @admin.display(description="số, ký hiệu", ordering="issued_on")
    def number_and_date(self, obj):
        return obj.dated_reference

    @admin.display(description="trích yếu")
    def short_title(self, obj):
        title = " ".join(obj.title.split())
        return title if len(title) <= 200 else title[:199] + "…"

    @admin.display(description="thời gian thực hiện", ordering="period_start")
    def period(self, obj):
        return f"{obj.period_start:%m/%Y} – {obj.period_end:%m/%Y}"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_frozen:
            fields += [f.removesuffix("_id") for f in Campaign.FROZEN_FIELDS] + ["period_start", "period_end"]
        return fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Amendment) and not instance.created_by_id:
                instance.created_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


class MovementInline(admin.TabularInline):
    model = Movement
    extra = 0


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(ContentArea)
class ContentAreaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "order"]
    list_filter = ["campaign"]
    search_fields = ["heading", "body"]
    inlines = [MovementInline, TargetInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.campaign.is_frozen:
            return False
        return super().has_change_permission(request, obj)


# --- Units' sub-plans: visible with filters; the state is read-only (moves only through the service) ---


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SubPlanItemInline(admin.StackedInline):
    model = SubPlanItem
    extra = 0
    fields = ["content_area", "measures", "targets_link"]
    readonly_fields = ["targets_link"]

    @admin.display(description="chỉ tiêu")
    def targets_link(self, obj):
        if not obj.pk:
            return ""
        url = reverse("admin:campaigns_subplanitem_change", args=[obj.pk])
        return format_html('<a href="{}">Chỉ tiêu của phần này</a>', url)


class SubPlanAttachmentInline(ReadOnlyInline):
    model = SubPlanAttachment
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class SubPlanLogInline(ReadOnlyInline):
    model = SubPlanLog
    fields = ["at", "actor", "from_state", "to_state", "note", "notified_at"]
    readonly_fields = fields


@admin.register(SubPlan)
class SubPlanAdmin(admin.ModelAdmin):
    list_display = ["organization", "campaign", "status", "due_date", "first_submitted_at", "approved_at"]
    list_filter = ["status", "campaign", "organization__kind", "due_date"]
    search_fields = ["organization__name", "organization__search_key", "number", "signer_name"]
    list_select_related = ["organization", "campaign"]
    autocomplete_fields = ["organization"]
    readonly_fields = [
        "status",
        "version",
        "submitted_at",
        "first_submitted_at",
        "approved_at",
        "reviewed_by",
        "return_reason",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [SubPlanItemInline, SubPlanAttachmentInline, SubPlanLogInline]
    fieldsets = [
        ("Nghĩa vụ", {"fields": ["campaign", "organization", "due_date"]}),
        (
            "Kế hoạch",
            {
                "fields": [
                    "number",
                    "issued_on",
                    "place",
                    "title",
                    "introduction",
                    "further_content",
                    "sign_on_behalf",
                    "signer_title",
                    "signer_name",
                ]
            },
        ),
        (
            "Trạng thái (chỉ đổi qua các thao tác Nộp / Trả lại / Duyệt trên trang kế hoạch)",
            {
                "fields": [
                    "status",
                    "version",
                    "submitted_at",
                    "first_submitted_at",
                    "approved_at",
                    "reviewed_by",
                    "return_reason",
                    "created_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["campaign", "organization"]
        return fields

    def has_change_permission(self, request, obj=None):
        # Approved is final: nobody edits it, not even in the admin.
        if obj is not None and obj.status == "approved":
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


class SubPlanTargetInline(admin.TabularInline):
    model = SubPlanTarget
    extra = 0


class SubPlanItemAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        subplan = cleaned.get("subplan")
        if subplan is not None and subplan.status == "approved":
            raise forms.ValidationError("Kế hoạch đã duyệt là bản cuối: không thêm, không sửa phần nào.")
        return cleaned


@admin.register(SubPlanItem)
class SubPlanItemAdmin(admin.ModelAdmin):
    form = SubPlanItemAdminForm
    list_display = ["subplan", "content_area"]
    list_filter = ["subplan__campaign", "subplan__status"]
    search_fields = ["subplan__organization__name", "measures"]
    list_select_related = ["subplan__organization", "subplan__campaign", "content_area"]
    raw_id_fields = ["subplan"]
    inlines = [SubPlanTargetInline]

    # An approved sub-plan is final, here as on its page: its items and targets are shown, never changed.
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.subplan.status == "approved":
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.subplan.status == "approved":
            return False
        return super().has_delete_permission(request, obj)


@admin.register(SubPlanLog)
class SubPlanLogAdmin(admin.ModelAdmin):
    list_display = ["at", "subject", "actor", "from_state", "to_state", "notified_at"]
    list_filter = ["to_state", "from_state", "subject__campaign"]
    search_fields = ["subject__organization__name", "actor__username", "note"]
    list_select_related = ["subject__organization", "subject__campaign", "actor"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SubPlanReminder)
class SubPlanReminderAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "subplan", "recipients", "sent_by"]
    list_filter = ["kind", "day", "subplan__campaign"]
    list_select_related = ["subplan__organization", "subplan__campaign", "sent_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ProgressResultInline(admin.TabularInline):
    model = ProgressResult
    extra = 0
    raw_id_fields = ["target"]


class ProgressNarrativeInline(admin.StackedInline):
    model = ProgressNarrative
    extra = 0


class CommendationProposalInline(admin.TabularInline):
    model = CommendationProposal
    extra = 0


class ProgressReportAttachmentInline(ReadOnlyInline):
    model = ProgressReportAttachment
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class ProgressReportLogInline(ReadOnlyInline):
    model = ProgressReportLog
    fields = ["at", "actor", "from_state", "to_state", "note", "notified_at"]
    readonly_fields = fields


@admin.register(ProgressReport)
class ProgressReportAdmin(SubPlanAdmin):
    list_display = ["organization", "campaign", "kind", "status", "due_date", "first_submitted_at", "approved_at"]
    list_filter = ["kind", "status", "campaign", "organization__kind"]
    raw_id_fields = ["subplan"]
    inlines = [
        ProgressNarrativeInline,
        ProgressResultInline,
        CommendationProposalInline,
        ProgressReportAttachmentInline,
        ProgressReportLogInline,
    ]
    fieldsets = [
        ("Nghĩa vụ", {"fields": ["campaign", "organization", "kind", "subplan", "due_date"]}),
        (
            "Báo cáo",
            {
                "fields": [
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
                ]
            },
        ),
        (
            "Trạng thái (chỉ đổi qua các thao tác Nộp / Trả lại / Duyệt trên trang báo cáo)",
            {
                "fields": [
                    "status",
                    "version",
                    "submitted_at",
                    "first_submitted_at",
                    "approved_at",
                    "reviewed_by",
                    "return_reason",
                    "created_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["kind", "subplan"]
        return fields


@admin.register(ProgressReportLog)
class ProgressReportLogAdmin(SubPlanLogAdmin):
    pass
