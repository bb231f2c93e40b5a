from django.contrib import admin
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
    # Said here, not on the model: it is about sync_capacities, and a model's help text
    # would need a migration each time it changes.
    qid_help = {
        "metabase_qid": _("Its item on Metabase, such as Q123. Pin it when a name is "
                          "ambiguous: sync_capacities matches the capacity by it, and a sync "
                          "never changes or clears it."),
        "wikidata_qid": _("Its item on Wikidata, such as Q123: a sync never changes or "
                          "clears it."),
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in self.qid_help:
            formfield.help_text = self.qid_help[db_field.name]
        return formfield


@admin.register(CapacitySuggestion)
class CapacitySuggestionAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "status", "created_at"]
    list_filter = ["status"]
    list_editable = ["status"]
    search_fields = ["title", "description"]
    readonly_fields = ["title", "description", "author", "created_at"]
