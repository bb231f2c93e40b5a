from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from capx.views import THEME_COOKIE, THEMES

# The site menu, in order. An item appears once its section exists (its URL name resolves),
# so each later issue only has to add its URLs. (label, url name, needs login)
MENU = [
    (_("Capacity Directory"), "capacities:directory", False),
    (_("Explore"), "explore:feed", False),
    (_("Events"), "events:list", False),
    (_("Organizations"), "organizations:list", False),
    (_("Saved profiles"), "explore:saved", True),
    (_("Messages"), "messaging:write", True),
    (_("Bug reports"), "bugreports:report", True),
]


def _resolve(url_name):
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def menu_items(user):
    items = []
    for label, url_name, needs_login in MENU:
        url = _resolve(url_name)
        if url and (user.is_authenticated or not needs_login):
            items.append({"label": label, "url": url})
    return items


def site(request):
    """What every page's frame needs: menu, theme, languages, outside links."""
    user = request.user
    theme = request.COOKIES.get(THEME_COOKIE, "auto")
    return {
        "menu_items": menu_items(user),
        "user_profile_url": _resolve("profiles:own") if user.is_authenticated else None,
        "theme": theme if theme in THEMES else "auto",
        "mediawiki_url": settings.MEDIAWIKI_URL,
        "privacy_url": settings.CAPX_PRIVACY_URL,
        "source_url": settings.CAPX_SOURCE_URL,
        "translate_url": settings.CAPX_TRANSLATE_URL,
        "dev_login_enabled": settings.DEV_LOGIN,
        # Each language by its own name (settings.LANGUAGES): Django's get_available_languages
        # translates them, and nobody finds "English" again as "الإنجليزيّة".
        "site_languages": settings.LANGUAGES,
    }
