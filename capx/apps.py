from django.apps import AppConfig


class CapxConfig(AppConfig):
    name = "capx"
    verbose_name = "CapX"
