from django.contrib import admin

from .models import FormatSetting


@admin.register(FormatSetting)
class FormatSettingAdmin(admin.ModelAdmin):
    list_display = ("format_key", "field", "value", "source", "updated_at")
    list_filter = ("format_key",)
    search_fields = ("field", "value", "source")


from . import issued_admin  # noqa: E402, F401  (issued documents, trusted roots, the organisation's certificate)
