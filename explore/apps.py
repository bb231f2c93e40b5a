from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExploreConfig(AppConfig):
    name = "explore"
    verbose_name = _("Explore")

    def ready(self):
        from explore import cards
        from profiles.signals import profiles_changed

        profiles_changed.connect(cards.on_profiles_changed, dispatch_uid="explore.cards")
