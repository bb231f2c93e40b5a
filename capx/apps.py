from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CapxConfig(AppConfig):
    default = True  # capx's own config; the admin's below is named in INSTALLED_APPS
    name = "capx"
    verbose_name = "CapX"


class CapxAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with CapX's site: organization managers may enter (capx/admin.py)."""
    default = False
    default_site = "capx.admin.CapxAdminSite"
