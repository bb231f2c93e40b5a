from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from capacities.models import Capacity, CapacitySuggestion


@admin.register(Capacity)
class CapacityAdmin(TranslationAdmin):
    list_display = ["name", "parent", "level", "order", "slug", "metabase_qid", "wikidata_qid"]
    list_editable = ["order"]
    list_filter = ["level", "root"]
    search_fields = ["name", "slug", "metabase_qid", "wikidata_qid"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    fields = ["name", "description", "slug", "parent", "order", "color", "icon",
              "metabase_qid", "wikidata_qid"]


@admin.register(CapacitySuggestion)
class CapacitySuggestionAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "status", "created_at"]
    list_filter = ["status"]
    list_editable = ["status"]
    search_fields = ["title", "description"]
    readonly_fields = ["title", "description", "author", "created_at"]
