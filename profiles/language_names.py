"""Languages named in the reader's language (CLDR, through Babel): "Portuguese" on an
English page, "البرتغالية" on an Arabic one. The English name we ship is the fallback for a
language CLDR has no name for (many Wikimedia codes: "be-tarask", "map-bms")."""
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language


@lru_cache(maxsize=None)
def cldr_locale(ui_language):
    """Babel's locale of a UI language ("pt-br"), or None."""
    try:
        return Locale.parse(ui_language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def cldr_names(ui_language):
    """CLDR's language names in one UI language, keyed by CLDR code ("pt_BR", "yue")."""
    locale = cldr_locale(ui_language)
    return locale.languages if locale else {}


def cldr_code(code):
    """A Wikimedia code as CLDR spells it: "pt-br" → "pt_BR", "zh-yue" → "yue"."""
    base, _, rest = code.partition("-")
    if not rest:
        return base
    if len(rest) == 2:
        return f"{base}_{rest.upper()}"
    return rest if base == "zh" else code  # Chinese varieties have codes of their own


def localized_name(language, ui_language=None):
    ui_language = ui_language or get_language() or "en"
    if ui_language == "en":
        return language.name  # our own English names, as shipped
    name = cldr_names(ui_language).get(cldr_code(language.code)) or regional_name(
        language.code, ui_language) or language.name
    return name[:1].upper() + name[1:]  # CLDR writes them as inside a sentence ("inglês")


def regional_name(code, ui_language):
    """"português (Brasil)" for pt-br when CLDR has no name for the pair itself."""
    base, _, region = code.partition("-")
    if len(region) != 2:
        return None
    locale = cldr_locale(ui_language)
    if locale is None:
        return None
    names, places = locale.languages, locale.territories
    if base in names and region.upper() in places:
        return f"{names[base]} ({places[region.upper()]})"
    return None


def name_with_autonym(language):
    """What a list to pick from shows: the name in the reader's language, and the language's
    own name beside it when that differs ("Portuguese — português")."""
    name = localized_name(language)
    if language.autonym and language.autonym.casefold() != name.casefold():
        return f"{name} — {language.autonym}"
    return name


def by_name(languages):
    """The languages in the order of their names in the reader's language, ignoring case
    and accents: how every list of languages is sorted."""
    from capacities.tree import fold
    return sorted(languages, key=lambda language: fold(language.display_name))
