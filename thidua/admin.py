from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """What waits for the broker (read-only: the beat task sends it)."""

    list_display = ("label", "task", "created_at", "attempts", "sent_at")
    list_filter = (("sent_at", admin.EmptyFieldListFilter),)
    readonly_fields = ("task", "args", "label", "created_at", "attempts", "last_error", "sent_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
