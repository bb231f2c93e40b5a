from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacitiesConfig(AppConfig):
    name = "capacities"
    verbose_name = _("Capacity Directory")
