from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LetsconnectConfig(AppConfig):
    name = "letsconnect"
    verbose_name = _("Let's Connect")
