from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Profiles")

    def ready(self):
        from django.core import checks

        from profiles.accounts import tokens
        checks.register(tokens.check_keys_set, checks.Tags.security, deploy=True)
        checks.register(tokens.check_keys_valid, checks.Tags.security)
