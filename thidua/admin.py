from django.contrib import admin

from .models import OutboxMessage, TransitionLog


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


@admin.register(TransitionLog)
class TransitionLogAdmin(admin.ModelAdmin):
    """State changes of the models without a log of their own (read-only: the transition engine writes it)."""

    list_display = ("at", "content_type", "object_id", "action", "from_state", "to_state", "actor")
    list_filter = ("content_type", "action")
    list_select_related = ("content_type", "actor")
    readonly_fields = ("content_type", "object_id", "actor", "action", "from_state", "to_state", "note", "at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
