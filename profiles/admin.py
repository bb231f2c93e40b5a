from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from capacities.forms import check_available_within_known
from capx.templatetags.images import fallback_image
from profiles import badges
from profiles.models import Avatar, Language, Profile, Territory, User, WikimediaProject


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["username", "mediawiki_id", "is_staff", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["username", "mediawiki_id"]
    ordering = ["username"]
    readonly_fields = ["mediawiki_id", "wiki_registered_at", "date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["username", "mediawiki_id", "wiki_registered_at", "language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]


class ProfileAdminForm(forms.ModelForm):
    def clean(self):
        return check_available_within_known(self, super().clean())


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    """Staff fix a profile here (a bio that breaks the rules, a capacity list)."""
    form = ProfileAdminForm
    list_display = ["user", "visibility", "updated_at"]
    list_filter = ["visibility", "user__is_active"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    filter_horizontal = ["known", "available", "wanted", "territories", "affiliations",
                         "projects"]
    fields = ["user", "visibility", "bio", "bio_language", "avatar", "alt_account", "known",
              "available", "wanted", "territories", "affiliations", "projects"]
    readonly_fields = ["user"]

    def has_add_permission(self, request):
        return False  # a profile is made the first time its Wikimedian needs it

    def save_model(self, request, obj, form, change):
        obj.version += 1  # an editor opened before this save is told it is out of date
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        badges.award_user(form.instance.user)


class RegionFilter(admin.SimpleListFilter):
    title = _("region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return [(region.slug, region.name) for region in Territory.objects.filter(kind=Territory.Kind.REGION)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(region__slug=self.value())
        return queryset


@admin.register(Territory)
class TerritoryAdmin(TranslationAdmin):
    list_display = ["name", "kind", "region", "code", "slug"]
    list_filter = ["kind", RegionFilter]
    search_fields = ["name_en", "name_pt_br", "name_ar", "code", "slug"]
    list_select_related = ["region"]
    ordering = ["-kind", "name_en"]
    autocomplete_fields = ["region"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "kind", "region", "code", "slug"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "autonym", "code"]
    search_fields = ["name", "autonym", "code"]
    ordering = ["name"]


@admin.register(WikimediaProject)
class WikimediaProjectAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "code", "order", "logo"]
    list_editable = ["order"]
    search_fields = ["name", "code"]
    ordering = ["order", "name"]

    @admin.display(description=_("logo"))
    def logo(self, project):
        if not project.image_url:
            return ""
        return format_html('<img src="{}" alt="" height="32">', project.image_url)


@admin.register(Avatar)
class AvatarAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "preview", "order", "file", "image_url"]
    list_editable = ["order"]
    search_fields = ["file", "image_url"]
    ordering = ["order", "id"]

    class Media:
        js = ["js/image-fallback.js"]  # a Commons image out of reach shows the placeholder

    @admin.display(description=_("preview"))
    def preview(self, avatar):
        return fallback_image(avatar.url, 48)


# social_django's own admin shows each login's extra_data, which holds the OAuth access token
# CapX sends messages with, as that person. Staff see who logged in with which Meta-Wiki
# account; the token is never shown.
from social_django.models import Association, Nonce, UserSocialAuth  # noqa: E402

for _model in (UserSocialAuth, Nonce, Association):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(UserSocialAuth)
class MetaWikiLoginAdmin(admin.ModelAdmin):
    list_display = ("user", "provider", "uid", "created", "modified")
    search_fields = ("user__username", "uid")
    list_select_related = ("user",)
    fields = readonly_fields = ("user", "provider", "uid", "created", "modified")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
