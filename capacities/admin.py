from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and any(f == "parent" or f.startswith("name") for f in form.changed_data):
            # Cards carry capacity names and ancestors; rebuilding 100,000 of them does not
            # belong in a web request.
            self.message_user(request, _(
                "The Explore feed shows this change once `manage.py refresh_cards` has run."),
                messages.WARNING)


@admin.register(CapacitySuggestion)
class CapacitySuggestionAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "status", "created_at"]
    list_filter = ["status"]
    list_editable = ["status"]
    search_fields = ["title", "description"]
    readonly_fields = ["title", "description", "author", "created_at"]
