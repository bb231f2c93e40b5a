from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """The public statistics page (/statistics). Named stats, not statistics: that name is
    a module of Python's standard library."""

    name = "stats"
    verbose_name = _("Statistics")
