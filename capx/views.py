from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connections
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from capx.navigation import safe_next
from profiles.models import Profile

THEMES = {"auto", "light", "dark"}
THEME_COOKIE = "capx_theme"

ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /login
Disallow: /feed/saved
"""


@require_safe
def robots_txt(request):
    """What crawlers may read (also the benchmark's trivial view: no query)."""
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")


@require_safe
def healthz(request):
    """For a load balancer or a monitor: whether each database answers (JSON; 503 if not)."""
    checks = {alias: database_answers(alias) for alias in connections}
    healthy = all(checks.values())
    response = JsonResponse({"status": "ok" if healthy else "error",
                             "databases": {alias: "ok" if answers else "unreachable"
                                           for alias, answers in checks.items()}},
                            status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


def database_answers(alias):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        connections[alias].close()  # the next request connects again
        return False


@require_safe
def landing(request):
    return render(request, "capx/landing.html")


@require_safe
@login_required
def home(request):
    profile = (Profile.objects.filter(user=request.user)
               .prefetch_related("wanted", "available").first())
    return render(request, "capx/home.html", {"profile": profile})


@require_POST
def set_language(request):
    """Django's set_language (cookie), also remembered on the signed-in user: one of the
    site's languages only (Django's own check takes any language it has a catalog for, "de"
    or "en-aaaaaaaa-bbbbbbbb", longer than the column)."""
    response = django_set_language(request)
    try:
        language = get_supported_language_variant(request.POST.get("language", "")).lower()
    except LookupError:
        language = None
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@require_POST
def set_theme(request):
    """Light, dark or auto (follow the system), remembered in the capx_theme cookie. The form
    works without JavaScript (redirect back); theme.js posts it with fetch and gets JSON."""
    theme = request.POST.get("theme", "auto")
    wants_json = "application/json" in request.headers.get("Accept", "")
    if theme not in THEMES:
        if wants_json:
            return JsonResponse({"error": "unknown theme"}, status=400)
        return HttpResponseRedirect(safe_next(request, default="/"))
    if wants_json:
        response = JsonResponse({"theme": theme})
    else:
        response = HttpResponseRedirect(safe_next(request, default="/"))
    response.set_cookie(
        THEME_COOKIE, theme, max_age=365 * 24 * 3600, samesite="Lax",
        secure=request.is_secure(), httponly=True,
    )
    return response
