from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from capx.forms import URL_FIELDS
from events.forms import time_zone_choices
from events.models import Event
from organizations.admin import ManagedByOrganization


@admin.register(Event)
class EventAdmin(ManagedByOrganization, admin.ModelAdmin):
    """Staff see every event; an organization's managers, those of their organizations. The
    model's rules (end after start, at most 4 featured per organization) apply here too;
    times are shown and typed in UTC, the time zone field is how pages show them."""

    list_display = ["name", "organization", "start", "end", "location_type", "featured"]
    list_filter = ["location_type", "featured"]
    search_fields = ["name", "organization__name_en", "organization__acronym", "url"]
    list_select_related = ["organization"]
    date_hierarchy = "start"
    ordering = ["-start"]
    autocomplete_fields = ["organization"]
    filter_horizontal = ["capacities"]
    readonly_fields = ["creator", "created_at", "updated_at"]
    fields = ["url", "name", "description", "start", "end", "time_zone", "location_type",
              "place", "openstreetmap", "wikidata_qid", "image", "capacities", "organization",
              "featured", "creator", "created_at", "updated_at"]
    formfield_overrides = URL_FIELDS  # the model validators' messages, as in the editor

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "time_zone":  # the editor's list, not a text box
            return forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices,
                                     initial="UTC")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and obj.creator_id is None:
            obj.creator = request.user
        super().save_model(request, obj, form, change)
