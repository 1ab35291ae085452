from django.contrib import admin

from .models import FormatSetting, RegisterEntry


@admin.register(FormatSetting)
class FormatSettingAdmin(admin.ModelAdmin):
    list_display = ("format_key", "field", "value", "source", "updated_at")
    list_filter = ("format_key",)
    search_fields = ("field", "value", "source")


class YearFilter(admin.SimpleListFilter):
    title = "năm"
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        years = RegisterEntry.objects.dates("issued_on", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        return queryset.filter(issued_on__year=self.value()) if self.value() else queryset


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    """The register is written by the services that number documents: entries are read-only here."""

    list_display = ("printed_reference", "issued_on", "issuer", "document_type", "period", "subject", "created_by")
    list_filter = ("document_type", YearFilter, "period", ("issuer", admin.RelatedOnlyFieldListFilter))
    search_fields = ("subject", "symbol", "issuer__name")
    list_select_related = ("issuer", "created_by")
    ordering = ("issuer__name", "document_type", "-period", "-number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="số, ký hiệu")
    def printed_reference(self, obj):
        return obj.reference


from . import issued_admin  # noqa: E402, F401  (issued documents, trusted roots, the organisation's certificate)
