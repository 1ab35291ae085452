from django.contrib import admin

from .models import Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "short_name", "kind", "level", "code", "valid_from", "valid_to"]
    list_filter = ["kind", "level", ("valid_to", admin.EmptyFieldListFilter)]
    search_fields = ["name", "short_name", "code", "search_key"]
    autocomplete_fields = ["parent", "successor"]
    prepopulated_fields = {"code": ["short_name"]}
    inlines = [MembershipInline]
    fieldsets = [
        (
            None,
            {"fields": ["name", "short_name", "code", "kind", "level", "parent", "header_name", "email", "sort_order"]},
        ),
        ("Hiệu lực và kế thừa", {"fields": ["valid_from", "valid_to", "successor"]}),
    ]

    @admin.display(description="tên", ordering="path")
    def indented_name(self, obj):
        return ("— " * obj.depth) + obj.name

    def get_search_results(self, request, queryset, search_term):
        # Diacritic-insensitive: "chieng mung" finds "Chiềng Mung".
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            queryset |= self.model.objects.search(search_term)
        return queryset, may_have_duplicates


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "position"]
    list_filter = ["role", "organization__kind"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]
