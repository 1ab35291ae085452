from django.contrib import admin

from .models import ReviewReport


@admin.register(ReviewReport)
class ReviewReportAdmin(admin.ModelAdmin):
    list_display = (
        "campaign",
        "kind",
        "version",
        "status",
        "is_current",
        "requested_by",
        "requested_at",
        "finished_at",
    )
    list_filter = ("kind", "status", "is_current")
    list_select_related = ("campaign", "requested_by")
    readonly_fields = [f.name for f in ReviewReport._meta.fields]
    search_fields = ("campaign__title",)

    def has_add_permission(self, request):
        return False  # builds are started from the campaign page (a Celery task writes them)
