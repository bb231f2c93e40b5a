from modeltranslation.translator import TranslationOptions, register

from profiles.models import Badge, Territory


@register(Territory)
class TerritoryTranslation(TranslationOptions):
    # One column per UI language; a missing one falls back to English.
    fields = ("name",)


@register(Badge)
class BadgeTranslation(TranslationOptions):
    fields = ("name", "description")
