from django import forms
from django.contrib import admin

from .enums import DecisionStatus, NominationStatus, SessionStatus
from .models import (
    Award,
    AwardAmendment,
    AwardCondition,
    AwardType,
    CouncilSession,
    Decision,
    DossierFile,
    EmulationOffice,
    EmulationWorker,
    ImportAlias,
    Nomination,
    NominationLog,
    Publication,
    PublicComment,
    Vote,
)
from .permissions import is_session_manager

ADMIN_EDITABLE_NOMINATION = (
    NominationStatus.DRAFT,
    NominationStatus.SUBMITTED,
    NominationStatus.RETURNED,
    NominationStatus.CHECKED,
)


class AwardAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision is not None and decision.status == DecisionStatus.ISSUED:
            raise forms.ValidationError(
                "Quyết định đã ban hành: sổ khen thưởng ghi theo quyết định, không thêm hay sửa ở đây "
                "(đính chính, thu hồi bằng quyết định khác)."
            )
        return cleaned


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "valid_from", "valid_to", "is_party", "quota_percent"]
    list_filter = ["kind", "is_party", "for_individual", "for_collective", "for_household", "for_village"]
    search_fields = ["name", "aliases", "code", "search_key"]
    fieldsets = [
        (None, {"fields": ["code", "name", "aliases", "kind", "is_party", "reference_code", "sort_order"]}),
        ("Đối tượng", {"fields": ["for_individual", "for_collective", "for_household", "for_village"]}),
        ("Thẩm quyền", {"fields": ["authorities", "proposers"]}),
        (
            "Tiêu chuẩn và điều kiện",
            {
                "fields": [
                    "criteria",
                    "prerequisite_codes",
                    "requires_initiative",
                    "quota_percent",
                    "quota_base_code",
                    "quota_is_hard",
                ]
            },
        ),
        ("Hiệu lực và căn cứ", {"fields": ["valid_from", "valid_to", "legal_source", "editable_note"]}),
    ]


@admin.register(AwardCondition)
class AwardConditionAdmin(admin.ModelAdmin):
    """Members' shares and years in a row, dated like the catalogue (editable where the law was read unclearly)."""

    list_display = [
        "award_code",
        "kind",
        "base_code",
        "share_percent",
        "share_strict",
        "all_complete",
        "min_count",
        "times",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["kind", "award_code"]
    search_fields = ["award_code", "base_code", "legal_source"]


class DossierInline(admin.TabularInline):
    model = DossierFile
    extra = 0
    fields = ["kind", "original_name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class NominationLogInline(admin.TabularInline):
    model = NominationLog
    extra = 0
    fields = ["at", "actor", "action_display", "from_display", "to_display", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="thao tác")
    def action_display(self, obj):
        return obj.action_label

    @admin.display(description="từ trạng thái")
    def from_display(self, obj):
        return obj.from_label

    @admin.display(description="sang trạng thái")
    def to_display(self, obj):
        return obj.to_label


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["full_name", "nominee_kind", "award_type", "proposer", "campaign", "status", "year"]
    list_filter = ["status", "nominee_kind", "year", "award_type__kind"]
    search_fields = ["full_name", "unit_name", "search_key"]
    list_select_related = ["award_type", "proposer", "campaign"]
    autocomplete_fields = ["award_type"]
    raw_id_fields = ["organization", "proposer", "campaign", "session", "decision"]
    # State changes go through the workflow (pages): the admin shows them, it does not make them.
    readonly_fields = [
        "status",
        "session",
        "decision",
        "votes_yes",
        "votes_no",
        "votes_members",
        "eligibility",
        "created_by",
    ]
    inlines = [DossierInline, NominationLogInline]

    # From the council on, what was voted on is final (award type, nominee…), here as on the pages.
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status not in ADMIN_EDITABLE_NOMINATION:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status not in ADMIN_EDITABLE_NOMINATION:
            return False
        return super().has_delete_permission(request, obj)


class VoteInline(admin.TabularInline):
    """Who has voted (participation, never the choice: ballots are sealed, then only tallies remain).

    While the sitting is open only its chair (committee staff of the campaign's issuer) sees who has voted."""

    model = Vote
    extra = 0
    fields = ["nomination", "member"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return False
        return obj.status == SessionStatus.CLOSED or is_session_manager(request.user, obj)


@admin.register(CouncilSession)
class CouncilSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "held_on", "organization", "campaign", "threshold", "quorum", "status"]
    list_filter = ["status", "threshold"]
    filter_horizontal = ["members"]
    raw_id_fields = ["organization", "campaign"]
    readonly_fields = ["status", "closed_at", "closed_by"]
    inlines = [VoteInline]

    def get_inline_instances(self, request, obj=None):
        return [i for i in super().get_inline_instances(request, obj) if i.has_view_permission(request, obj)]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == SessionStatus.CLOSED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == SessionStatus.CLOSED:
            return False
        return super().has_delete_permission(request, obj)


class AwardAmendmentInline(admin.TabularInline):
    """Awards a revoking/annulling/correcting decision names (applied when the decision is issued on its page)."""

    model = AwardAmendment
    extra = 0
    fields = ["award", "title_prefix", "full_name", "position", "unit_name", "award_type", "before", "applied_at"]
    readonly_fields = ["before", "applied_at"]
    raw_id_fields = ["award", "award_type"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "issuer", "campaign", "status"]
    list_filter = ["status", "kind", "document_format"]
    raw_id_fields = ["issuer", "campaign"]
    readonly_fields = ["status", "issued_at", "issued_by", "pdf", "created_by"]
    inlines = [AwardAmendmentInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == DecisionStatus.ISSUED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == DecisionStatus.ISSUED:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["full_name", "nominee_kind", "award_type", "year", "decision", "revoked_on", "gender", "ethnicity"]
    list_filter = ["year", "nominee_kind", "gender", "award_type__kind", ("revoked_on", admin.EmptyFieldListFilter)]
    # Revocation is made by an issued decision (its page), never by editing the registry.
    readonly_fields = ["revoked_on", "revoked_by"]
    search_fields = ["full_name", "unit_name", "search_key"]
    list_select_related = ["award_type", "decision"]
    raw_id_fields = ["organization", "proposer", "decision", "nomination"]
    autocomplete_fields = ["award_type"]
    form = AwardAdminForm

    # The registry of an issued decision is final, as on the registry pages (corrected only by a later decision).
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.decision.status == DecisionStatus.ISSUED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.decision.status == DecisionStatus.ISSUED:
            return False
        return super().has_delete_permission(request, obj)


class PublicCommentInline(admin.TabularInline):
    model = PublicComment
    extra = 0
    fields = ["received_on", "sender", "nomination", "content", "handling", "recorded_by"]
    raw_id_fields = ["nomination", "recorded_by"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "comments_from", "comments_until", "published_at"]
    raw_id_fields = ["campaign", "published_by"]
    filter_horizontal = ["nominations"]
    readonly_fields = ["token", "published_at"]
    inlines = [PublicCommentInline]


@admin.register(ImportAlias)
class ImportAliasAdmin(admin.ModelAdmin):
    """Names other versions of the nominee template use: the import accepts them."""

    list_display = ["text", "catalogue", "value", "source"]
    list_filter = ["catalogue"]
    search_fields = ["text", "value"]


class EmulationWorkerInline(admin.TabularInline):
    model = EmulationWorker
    extra = 0
    fields = [
        "full_name",
        "gender",
        "ethnic_minority",
        "birth_year",
        "training",
        "started_year",
        "full_time",
        "left_on",
    ]


@admin.register(EmulationOffice)
class EmulationOfficeAdmin(admin.ModelAdmin):
    """The record behind forms 0604.N/0605.N (staff keep it on Sổ khen thưởng → Biểu mẫu → hồ sơ cán bộ thi đua)."""

    list_display = ["name", "owner", "kind", "level", "established_on", "closed_on"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "owner__name"]
    raw_id_fields = ["owner"]
    inlines = [EmulationWorkerInline]


@admin.register(EmulationWorker)
class EmulationWorkerAdmin(admin.ModelAdmin):
    list_display = ["full_name", "office", "gender", "birth_year", "training", "started_year", "full_time", "left_on"]
    list_filter = ["training", "full_time", "gender"]
    search_fields = ["full_name", "office__name"]
    raw_id_fields = ["office"]
