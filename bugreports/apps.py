from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BugreportsConfig(AppConfig):
    name = "bugreports"
    verbose_name = _("Bug reports")
