"""The CapX admin site (capx.apps.CapxAdminConfig installs it as django.contrib.admin's
`admin.site`). Staff enter as in Django's own site and their permissions decide the rest.
Organization managers enter too, signed in with Meta-Wiki like everyone: not being staff,
they reach only the model admins that say `open_to_managers = True`
(organizations.admin.ManagedByOrganization), which show them their own organizations' rows;
every other model admin is invisible to them and refuses them, whatever Django permissions
their account has."""
from functools import wraps

from django.contrib import admin
from django.contrib.admin.options import BaseModelAdmin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404


def open_to_managers(model_admin):
    return getattr(model_admin, "open_to_managers", False)


def open_to(user, model_admin):
    """Whether this user may reach this model admin's pages at all (its permissions come next)."""
    return user.is_staff or open_to_managers(model_admin)


class ManagersAutocomplete(AutocompleteJsonView):
    def has_perm(self, request, obj=None):
        return open_to(request.user, self.model_admin) and super().has_perm(request, obj)


class OnlyKeys:
    """Django's autocomplete widget shows a refused form again by looking up its values as
    they came, and one that is no key of the model ("1e309" for a number) was a ValueError:
    a 500. Such a value is left out; the field's own error says it was no valid choice."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        key = remote.model._meta.get_field(getattr(remote, "field_name", None)
                                           or remote.model._meta.pk.name)
        return super().optgroups(name, [one for one in value if is_key(key, one)], attr)


def is_key(field, value):
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class KeysAutocompleteSelect(OnlyKeys, AutocompleteSelect):
    pass


class KeysAutocompleteSelectMultiple(OnlyKeys, AutocompleteSelectMultiple):
    pass


class KeysAutocomplete:
    """What every model admin of the site gets (CapxAdminSite.register), and the inlines of
    organizations.admin.ManagedInline: OnlyKeys."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeysAutocompleteSelect(db_field, self.admin_site,
                                                      using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeysAutocompleteSelectMultiple(db_field, self.admin_site,
                                                              using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CapxAdminSite(admin.AdminSite):
    site_header = site_title = "CapX"

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, KeysAutocomplete):
            admin_class = type(admin_class.__name__, (KeysAutocomplete, admin_class),
                               {"__module__": admin_class.__module__,
                                "__doc__": admin_class.__doc__})
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        """Staff, and anyone an admin open to managers lets in (a manager of an organization)."""
        user = request.user
        if not user.is_active:
            return False
        return user.is_staff or any(
            model_admin.has_module_permission(request) for model_admin in self._registry.values()
            if open_to(user, model_admin))

    def admin_view(self, view, cacheable=False):
        from django.contrib.contenttypes.views import shortcut  # needs the models loaded

        model_admin = getattr(view, "__self__", None)
        if isinstance(model_admin, BaseModelAdmin) and not open_to_managers(model_admin):
            view = staff_only(view)
        elif view is shortcut:  # "View on site" (/admin/r/<content type>/<id>/)
            view = self.view_on_site(view)
        return super().admin_view(view, cacheable)

    def view_on_site(self, shortcut):
        """Staff follow "View on site" to any object of a model admin that leaves access to
        Django's permissions; anyone else, and staff in a model admin that decides itself who
        reaches it (open_to_managers: an organization's rows, the LC team's), only to one
        they can see in that admin, so it tells them nothing about any other row."""
        @wraps(shortcut)
        def view(request, content_type_id, object_id):
            if not self.shows_on_site(request, content_type_id, object_id):
                raise Http404
            return shortcut(request, content_type_id, object_id)
        return view

    def shows_on_site(self, request, content_type_id, object_id):
        from django.contrib.contenttypes.models import ContentType
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            model_admin = self._registry.get(model)
            if request.user.is_staff and not open_to_managers(model_admin):
                return True
            if model_admin is None or not open_to(request.user, model_admin):
                return False
            obj = model_admin.get_queryset(request).filter(pk=object_id).first()
        except (ContentType.DoesNotExist, ValueError):
            return False
        # Being let into the admin is not seeing every row of it (the LC team's data).
        return obj is not None and model_admin.has_view_or_change_permission(request, obj)

    def autocomplete_view(self, request):
        return ManagersAutocomplete.as_view(admin_site=self)(request)

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if request.user.is_staff:
            return app_list
        for app in app_list:
            app["models"] = [entry for entry in app["models"]
                             if open_to_managers(self._registry[entry["model"]])]
        return [app for app in app_list if app["models"]]


def staff_only(view):
    @wraps(view)
    def staff_view(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return staff_view
