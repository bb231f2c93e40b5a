from modeltranslation.translator import TranslationOptions, register

from capacities.models import Capacity


@register(Capacity)
class CapacityTranslation(TranslationOptions):
    # One column per UI language; a missing one falls back to English.
    fields = ("name", "description")
