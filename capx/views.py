from django.conf import settings
from django.contrib import admin
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import check_for_language, gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from capx.forms import DevLoginForm
from capx.navigation import safe_next
from explore.views import matches_block
from profiles.models import Profile

THEMES = {"auto", "light", "dark"}
THEME_COOKIE = "capx_theme"


def landing(request):
    return render(request, "capx/landing.html")


@login_required
def home(request):
    profile = (Profile.objects.filter(user=request.user)
               .prefetch_related("wanted", "available").first())
    return render(request, "capx/home.html", {"matches": matches_block(profile, request.user)})


def login_page(request):
    """The interstitial before Meta-Wiki's unified login (and the development login)."""
    if request.user.is_authenticated:
        return redirect(safe_next(request))
    form = DevLoginForm() if settings.DEV_LOGIN else None
    return render(request, "capx/login.html", {"next": safe_next(request), "dev_form": form})


@require_POST
def dev_login(request):
    if not settings.DEV_LOGIN:
        raise Http404
    form = DevLoginForm(request.POST)
    if not form.is_valid():
        return render(
            request, "capx/login.html", {"next": safe_next(request), "dev_form": form}, status=400
        )
    user, _created = get_user_model().objects.get_or_create(username=form.cleaned_data["username"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("You are signed in as %(name)s.") % {"name": user.username})
    return redirect(safe_next(request))


@require_POST
def set_language(request):
    """Django's set_language (cookie), also remembered on the signed-in user."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
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


def admin_login(request, extra_context=None):
    """Staff sign in like everyone else, through Meta-Wiki: the admin's own login form is
    only shown to a signed-in user who is not staff (it says they may not enter)."""
    if request.user.is_authenticated:
        return admin.site.__class__.login(admin.site, request, extra_context)
    return redirect_to_login(safe_next(request, default="/admin/"))
