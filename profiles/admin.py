from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from profiles.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["username", "mediawiki_id", "is_staff", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["username", "mediawiki_id"]
    readonly_fields = ["mediawiki_id", "wiki_registered_at", "date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["username", "mediawiki_id", "wiki_registered_at", "language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]
