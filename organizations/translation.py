from modeltranslation.translator import TranslationOptions, register

from organizations.models import Organization, OrganizationType


@register(OrganizationType)
class OrganizationTypeTranslation(TranslationOptions):
    # One column per UI language; a missing one falls back to English.
    fields = ("name",)


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)
