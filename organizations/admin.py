"""Organizations in the Django admin, for staff and for the organizations' own managers.

Staff (is_staff) see and edit everything here as their Django permissions allow, and are the
only ones who set an organization's managers (the guide: they are added manually by the CapX
team). A manager — an active user who manages at least one organization, signed in with
Meta-Wiki like everyone — enters the admin too (capx.admin.CapxAdminSite) and reaches only what
is made with ManagedByOrganization: their own organizations, their main projects and documents
(and what other apps make with it, such as events), with the validation of the edit page."""
from django import forms
from django.contrib import admin
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from capacities.forms import check_available_within_known
from capx.admin import KeysAutocomplete
from capx.forms import URL_FIELDS
from organizations import access
from organizations.forms import TOO_MANY
from organizations.models import (MAX_SHOWN, DiffPost, Document, Organization,
                                  OrganizationType, Project)

def managed_ids(request):
    """The ids of the organizations the signed-in user manages (read once per request, shared
    with the pages: organizations.access)."""
    return {organization.pk for organization in access.managed_organizations(request)}


class ManagedByOrganization:
    """A ModelAdmin mixin for a model that belongs to an organization, so that the
    organization's managers edit it in the admin, as staff do:

        @admin.register(Event)
        class EventAdmin(ManagedByOrganization, admin.ModelAdmin):
            organization_field = "organization"  # the default: the foreign key to Organization

    Staff keep Django's permissions and see every row. Anyone else (capx.admin.CapxAdminSite
    lets in managers only) sees, adds, changes and deletes only the rows of the organizations
    they manage, whatever Django permissions their account has: the changelist and every
    object URL are limited to those rows (another one is a 404), and the form's choice of
    organization offers only theirs (preselected when they manage one). `organization_field`
    is the path from the model to its organization: a foreign key's name, or a lookup through
    others ("event__organization"; only a direct foreign key's choices are limited); None when
    the model is Organization itself. Put the mixin before admin.ModelAdmin; the model's own
    validation (and the admin form's clean()) applies to managers as to staff."""

    organization_field = "organization"
    open_to_managers = True  # capx.admin.CapxAdminSite lets managers reach this admin

    def organization_of(self, obj):
        if self.organization_field is None:
            return obj.pk
        for name in self.organization_field.split("__"):
            obj = getattr(obj, name, None)
        return getattr(obj, "pk", None)  # None: no organization, which nobody manages

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_staff:
            return queryset
        return queryset.filter(**{f"{self.organization_field or 'pk'}__in":
                                  managed_ids(request)})

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and not request.user.is_staff:
            raise Http404  # another organization's, or none: the same answer
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.organization_field and not request.user.is_staff:
            kwargs["queryset"] = Organization.objects.filter(pk__in=managed_ids(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        ids = managed_ids(request)
        if self.organization_field and not request.user.is_staff and len(ids) == 1:
            initial.setdefault(self.organization_field, next(iter(ids)))
        return initial

    def has_module_permission(self, request):
        if request.user.is_staff:
            return super().has_module_permission(request)
        return access.manages(request)

    def has_view_permission(self, request, obj=None):
        if request.user.is_staff:
            return super().has_view_permission(request, obj)
        return access.manages(request, None if obj is None else self.organization_of(obj))

    def has_change_permission(self, request, obj=None):
        if request.user.is_staff:
            return super().has_change_permission(request, obj)
        return access.manages(request, None if obj is None else self.organization_of(obj))

    def has_add_permission(self, request):
        if request.user.is_staff:
            return super().has_add_permission(request)
        return access.manages(request)

    def has_delete_permission(self, request, obj=None):
        if request.user.is_staff:
            return super().has_delete_permission(request, obj)
        return access.manages(request, None if obj is None else self.organization_of(obj))


class ManagedInline(KeysAutocomplete):
    """An inline of the organization admin: its managers edit the rows of the organization
    they opened (which ManagedByOrganization already limited to theirs)."""

    def has_view_permission(self, request, obj=None):
        if request.user.is_staff:
            return super().has_view_permission(request, obj)
        return access.manages(request, obj)

    def has_change_permission(self, request, obj=None):
        if request.user.is_staff:
            return super().has_change_permission(request, obj)
        return access.manages(request, obj)

    def has_add_permission(self, request, obj=None):
        if request.user.is_staff:
            return super().has_add_permission(request, obj)
        return access.manages(request, obj)

    def has_delete_permission(self, request, obj=None):
        if request.user.is_staff:
            return super().has_delete_permission(request, obj)
        return access.manages(request, obj)


class AtMostShown(forms.BaseInlineFormSet):
    """An organization's main projects or documents: at most MAX_SHOWN, the rest refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages = {**self.error_messages, "too_many_forms": TOO_MANY[self.model]}


class ShownInline(ManagedInline, admin.TabularInline):
    formset = AtMostShown
    formfield_overrides = URL_FIELDS
    extra = 1
    max_num = MAX_SHOWN

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, validate_max=True, **kwargs)


class ProjectInline(ShownInline):
    model = Project
    fields = ["name", "image", "link", "order"]


class DocumentInline(ShownInline):
    model = Document
    fields = ["url", "order"]


class NewsInline(ManagedInline, admin.TabularInline):
    """The Diff posts `manage.py fetch_diff_news` stored, to read (the tags choose them)."""
    model = DiffPost
    verbose_name_plural = _("News from Diff")
    fields = readonly_fields = ["title", "link", "published"]
    extra = max_num = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OrganizationType)
class OrganizationTypeAdmin(TranslationAdmin):
    list_display = ["name", "code"]
    search_fields = ["name_en", "name_pt_br", "name_ar", "code"]
    ordering = ["code"]


class OrganizationAdminForm(forms.ModelForm):
    def clean(self):
        return check_available_within_known(self, super().clean())


@admin.register(Organization)
class OrganizationAdmin(ManagedByOrganization, TranslationAdmin):
    """Staff add organizations, name their managers and delete them; a manager edits their
    own organizations' profiles here (not the managers, the slug or the type)."""
    organization_field = None
    form = OrganizationAdminForm
    formfield_overrides = URL_FIELDS
    list_display = ["name", "acronym", "type", "slug", "updated_at"]
    list_filter = ["type"]
    search_fields = ["name_en", "name_pt_br", "name_ar", "local_name", "acronym", "slug"]
    list_select_related = ["type"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    filter_horizontal = ["territories", "known", "available", "wanted"]
    autocomplete_fields = ["managers"]
    inlines = [ProjectInline, DocumentInline, NewsInline]
    fieldsets = [
        (None, {"fields": ["name", "local_name", "aliases", "acronym", "type", "slug",
                           "territories", "logo", "report", "diff_tags"]}),
        (_("Capacities"), {"fields": ["known", "available", "wanted"]}),
        (_("Contacts"), {"fields": ["meta_page", "email", "website"]}),
        (_("Managers"), {"fields": ["managers"]}),
        (_("Dates"), {"fields": ["created_at", "updated_at"]}),
    ]
    STAFF_ONLY = ["managers"]
    FIXED_FOR_MANAGERS = ["slug", "type"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_staff:
            return fieldsets
        return [(name, {**options, "fields": [f for f in options["fields"]
                                              if f not in self.STAFF_ONLY]})
                for name, options in fieldsets
                if any(f not in self.STAFF_ONLY for f in options["fields"])]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if request.user.is_staff else fields + self.FIXED_FOR_MANAGERS

    def get_prepopulated_fields(self, request, obj=None):
        return super().get_prepopulated_fields(request, obj) if request.user.is_staff else {}

    def has_add_permission(self, request):
        return request.user.is_staff and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        # Deleting is done by the CapX team; a manager can clear the profile's data instead.
        return request.user.is_staff and super().has_delete_permission(request, obj)


class AtMostShownForm(forms.ModelForm):
    """A main project or a document added on its own: room for it among the MAX_SHOWN."""

    def clean(self):
        data = super().clean()
        organization = data.get("organization")
        if organization is not None:
            others = type(self.instance).objects.filter(organization=organization)
            if others.exclude(pk=self.instance.pk).count() >= MAX_SHOWN:
                self.add_error("organization", TOO_MANY[type(self.instance)] % {"num": MAX_SHOWN})
        return data


class ShownAdmin(ManagedByOrganization, admin.ModelAdmin):
    """A main project or a document on its own page. Changing one changes its organization's
    profile: its last update (which the editor checks a form it opened before against)."""
    form = AtMostShownForm
    formfield_overrides = URL_FIELDS
    autocomplete_fields = ["organization"]  # a manager is offered only theirs
    list_select_related = ["organization"]
    search_fields = ["organization__name_en", "organization__acronym"]
    ordering = ["organization__name_en", "order", "pk"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        touch([obj.organization_id, form.initial.get("organization")])  # and the one it left

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        touch([obj.organization_id])

    def delete_queryset(self, request, queryset):
        organizations = list(queryset.values_list("organization", flat=True))
        super().delete_queryset(request, queryset)
        touch(organizations)


def touch(organization_ids):
    Organization.objects.filter(pk__in=[pk for pk in organization_ids if pk]).update(
        updated_at=timezone.now())


@admin.register(Project)
class ProjectAdmin(ShownAdmin):
    list_display = ["name", "organization", "order"]
    search_fields = ["name", *ShownAdmin.search_fields]
    fields = ["organization", "name", "image", "link", "order"]


@admin.register(Document)
class DocumentAdmin(ShownAdmin):
    list_display = ["__str__", "organization", "order"]
    search_fields = ["url", *ShownAdmin.search_fields]
    fields = ["organization", "url", "order"]
