from django.apps import AppConfig


class LetsconnectReceiverConfig(AppConfig):
    name = "letsconnect_receiver"
    verbose_name = "Let's Connect (receiver)"
    default_auto_field = "django.db.models.BigAutoField"
