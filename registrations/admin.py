"""Registrations in the admin: the same rules as sub-plans (state read-only, approved is final, logs read-only)."""

from django.contrib import admin

from awards.enums import AwardKind
from awards.models import AwardType
from campaigns.admin import ReadOnlyInline, SubPlanAdmin, SubPlanLogAdmin

from .models import Registration, RegistrationAttachment, RegistrationLog, RegistrationPerson, RegistrationReminder


def _titles_only(db_field, kwargs):
    if db_field.related_model is AwardType:
        kwargs["queryset"] = AwardType.objects.filter(kind=AwardKind.TITLE).order_by("sort_order", "name")
    return kwargs


class RegistrationPersonInline(admin.TabularInline):
    model = RegistrationPerson
    extra = 0
    fields = ["order", "full_name", "position", "gender", "ethnicity", "birth_year", "title"]

    def _editable(self, obj):
        return obj is None or obj.status != "approved"

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **_titles_only(db_field, kwargs))


class RegistrationAttachmentInline(ReadOnlyInline):
    model = RegistrationAttachment
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class RegistrationLogInline(ReadOnlyInline):
    model = RegistrationLog
    fields = ["at", "actor", "from_state", "to_state", "note", "notified_at"]
    readonly_fields = fields


STATE_FIELDS = [
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


@admin.register(Registration)
class RegistrationAdmin(SubPlanAdmin):
    list_display = ["organization", "campaign", "year", "collective_title", "status", "due_date", "approved_at"]
    list_filter = ["status", "year", "campaign", "organization__kind"]
    search_fields = ["organization__name", "organization__search_key", "number", "signer_name", "people__full_name"]
    list_select_related = ["organization", "campaign", "collective_title"]
    inlines = [RegistrationPersonInline, RegistrationAttachmentInline, RegistrationLogInline]
    fieldsets = [
        ("Nghĩa vụ", {"fields": ["campaign", "organization", "year", "due_date"]}),
        (
            "Đăng ký",
            {
                "fields": [
                    "collective_title",
                    "targets",
                    "number",
                    "issued_on",
                    "place",
                    "sign_on_behalf",
                    "signer_title",
                    "signer_name",
                ]
            },
        ),
        ("Trạng thái (chỉ đổi qua các thao tác Nộp / Trả lại / Duyệt trên trang đăng ký)", {"fields": STATE_FIELDS}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("year")
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **_titles_only(db_field, kwargs))


@admin.register(RegistrationLog)
class RegistrationLogAdmin(SubPlanLogAdmin):
    pass


@admin.register(RegistrationReminder)
class RegistrationReminderAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "registration", "recipients", "sent_by"]
    list_filter = ["kind", "day", "registration__campaign"]
    list_select_related = ["registration__organization", "registration__campaign", "sent_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
