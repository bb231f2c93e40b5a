from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from organizations.models import Organization, OrganizationType


@admin.register(OrganizationType)
class OrganizationTypeAdmin(TranslationAdmin):
    list_display = ["name", "code"]
    search_fields = ["name_en", "name_pt_br", "name_ar", "code"]
    ordering = ["code"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "type", "slug", "updated_at"]
    list_filter = ["type"]
    search_fields = ["name", "local_name", "acronym", "slug"]
    list_select_related = ["type"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    fields = ["name", "local_name", "aliases", "acronym", "type", "slug", "created_at",
              "updated_at"]
