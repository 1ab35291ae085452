from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import (
    Amendment,
    Assignment,
    Campaign,
    ContentArea,
    LegalBasis,
    Milestone,
    Movement,
    Occasion,
    Recipient,
    Target,
)


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


class AssignmentInline(FrozenWhenLaunchedInline, admin.StackedInline):
    model = Assignment
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
    list_display = ["reference", "short_title", "issuer", "period_start", "period_end", "status"]
    list_filter = ["status", "issuer", "document_format", "term"]
    search_fields = ["title", "symbol", "signer_name", "issuer__name"]
    date_hierarchy = "period_start"
    autocomplete_fields = ["issuer"]
    readonly_fields = ["status", "launched_at", "launched_by", "closed_at", "created_by", "created_at", "updated_at"]
    inlines = [LegalBasisInline, ContentAreaInline, AssignmentInline, OccasionInline, RecipientInline, MilestoneInline,
               AmendmentInline]
    fieldsets = [
        ("Tiêu đề văn bản", {"fields": ["issuer", "superior_body", "issuing_body", "document_format", "document_type",
                                         "symbol", "number", "term", "place", "issued_on", "number_note"]}),
        ("Trích yếu và nội dung", {"fields": ["title", "preamble", "introduction", "purpose", "requirements"]}),
        ("Thời gian thực hiện", {"fields": ["period_start", "period_end", "period_text"]}),
        ("Kết thúc văn bản, chữ ký", {"fields": ["closing", "sign_on_behalf", "signer_title", "signer_name"]}),
        ("Trạng thái", {"fields": ["status", "launched_at", "launched_by", "closed_at", "created_by", "created_at",
                                   "updated_at"]}),
    ]

    @admin.display(description="trích yếu")
    def short_title(self, obj):
        return obj.title.replace("\n", " ")[:120]

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
