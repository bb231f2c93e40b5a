"""The receiver's data in CapX's admin, for the LC team only (access.LC_TEAM): its members see
and edit it, and nobody else does, not other staff and not superusers (their Django
permissions are not asked: the group is the only way in). A member needs no staff flag: like
an organization's managers, the group is what lets them into /admin (capx.admin.CapxAdminSite
asks every model admin that decides its own access, `open_to_managers`).

The admin's change history (LogEntry) lives in CapX's database, so it is not written for
these rows: it would copy names and what changed out of Let's Connect's store."""
from django.contrib import admin
from django.db import models

from letsconnect_receiver.access import in_lc_team
from letsconnect_receiver.models import Badge, Nonce, Participant


class LCTeamOnly(admin.ModelAdmin):
    # capx.admin.CapxAdminSite: this admin decides itself who may reach it (not only staff).
    open_to_managers = True
    can_add = False
    can_change = True

    def has_module_permission(self, request):
        return in_lc_team(request.user)

    def has_view_permission(self, request, obj=None):
        return in_lc_team(request.user)

    def has_add_permission(self, request):
        return self.can_add and in_lc_team(request.user)

    def has_change_permission(self, request, obj=None):
        return self.can_change and in_lc_team(request.user)

    def has_delete_permission(self, request, obj=None):
        return in_lc_team(request.user)

    # No history in CapX's database (see above).
    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None

    def log_deletions(self, request, queryset):
        return None


@admin.register(Participant)
class ParticipantAdmin(LCTeamOnly):
    list_display = ["username", "full_name", "email", "role", "registered_at", "updated_at"]
    list_filter = ["role", "age", "registered_at"]
    search_fields = ["username", "full_name", "email"]
    readonly_fields = ["confirmation", "registered_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["username", "full_name", "email", "role", "area", "gender", "age"]}),
        ("Registration", {"fields": ["confirmation", "registered_at", "updated_at"]}),
        ("Earlier participant (reconciled data)", {
            "classes": ["collapse"],
            "fields": ["username_org", "reconciled_affiliation", "reconciled_territory",
                       "reconciled_languages", "reconciled_projects",
                       "reconciled_want_to_learn", "reconciled_want_to_share"]}),
    ]


@admin.register(Badge)
class BadgeAdmin(LCTeamOnly):
    can_add = True  # Let's Connect gives its own badges
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "username", "timestamp", "verification_code"]
    search_fields = ["username", "name", "verification_code"]
    list_filter = ["name"]


@admin.register(Nonce)
class NonceAdmin(LCTeamOnly):
    can_change = False  # a record of accepted tokens
    list_display = ["value", "seen_at"]
    search_fields = ["value"]
