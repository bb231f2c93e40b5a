import time

from django.conf import settings
from django.db import DatabaseError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from capx.views import THEME_COOKIE, THEMES
from organizations.access import managed_organizations

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


# The last answer of demo_username(), and when it was asked (time.monotonic()).
_demo = {"username": None, "asked": None}


def demo_username():
    """A demo user's username while made-up demo profiles (manage.py seed_demo) are in the
    database, else None. Asked at most once per settings.CAPX_DEMO_CHECK_SECONDS in each
    process: the banner it shows on every page must not cost every page a query."""
    every = settings.CAPX_DEMO_CHECK_SECONDS
    if every is None:
        return None
    now = time.monotonic()
    if _demo["asked"] is None or now - _demo["asked"] >= every:
        # seed_demo's own definition of its users; imported here, where the apps are loaded
        from explore.management.commands.seed_demo import demo_users

        names = demo_users().values_list("username", flat=True)
        try:
            # Demo names come in many scripts: suggest one that anyone can type, if any.
            _demo["username"] = names.filter(
                username__regex=r"^Demo [A-Za-z]+( [A-Za-z]+)*$").first() or names.first()
        except DatabaseError:  # the 503 page, while the database is down, still renders
            pass
        _demo["asked"] = now
    return _demo["username"]


def site(request):
    """What every page's frame needs: menu, theme, languages, outside links, demo data."""
    user = request.user
    theme = request.COOKIES.get(THEME_COOKIE, "auto")
    return {
        "menu_items": menu_items(user),
        "user_profile_url": _resolve("profiles:own") if user.is_authenticated else None,
        # "My profiles" also lists the organizations the user manages: one query, only on a
        # page that shows the menu (a template calls it), once per request.
        "managed_organizations": lambda: managed_organizations(request),
        "theme": theme if theme in THEMES else "auto",
        "mediawiki_url": settings.MEDIAWIKI_URL,
        "privacy_url": settings.CAPX_PRIVACY_URL,
        "source_url": settings.CAPX_SOURCE_URL,
        "translate_url": settings.CAPX_TRANSLATE_URL,
        "dev_login_enabled": settings.DEV_LOGIN,
        "demo_username": demo_username(),  # the demo banner, and a name to try on /login
        # Each language by its own name (settings.LANGUAGES): Django's get_available_languages
        # translates them, and nobody finds "English" again as "الإنجليزيّة".
        "site_languages": settings.LANGUAGES,
    }
