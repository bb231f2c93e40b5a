"""The login page (before Meta-Wiki's unified login), the development login and the Django
admin's login, which all go the same way."""
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from social_django import views as social

from capx.navigation import safe_next
from profiles.accounts.forms import DevLoginForm

@require_safe
def login_page(request):
    """The interstitial before Meta-Wiki's unified login (and the development login)."""
    if request.user.is_authenticated:
        return redirect(safe_next(request))
    form = DevLoginForm() if settings.DEV_LOGIN else None
    return render(request, "profiles/login.html", {"next": safe_next(request), "dev_form": form})


@login_not_required
def begin_login(request, backend):
    """social-auth's start of the Meta-Wiki login, with `next` held to CapX's own rule first
    (capx.navigation.safe_next: a path on this site, short enough to be sent back to): what
    social-auth keeps, it redirects to once the login is done, and Django refuses to send a
    redirect of over 16 KB, so such a login ended on the 400 page."""
    if "next" in request.POST:
        request.POST = request.POST.copy()
        request.POST["next"] = safe_next(request)
    return social.auth(request, backend)


@require_POST
def dev_login(request):
    if not settings.DEV_LOGIN:
        raise Http404
    form = DevLoginForm(request.POST)
    if not form.is_valid():
        return render(
            request, "profiles/login.html", {"next": safe_next(request), "dev_form": form}, status=400
        )
    user, _created = get_user_model().objects.get_or_create(username=form.cleaned_data["username"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("You are signed in as %(name)s.") % {"name": user.username})
    return redirect(safe_next(request))


def admin_login(request, extra_context=None):
    """Staff sign in like everyone else, through Meta-Wiki: the admin's own login form is
    only shown to a signed-in user who is not staff (it says they may not enter)."""
    if request.user.is_authenticated:
        return admin.site.__class__.login(admin.site, request, extra_context)
    return redirect_to_login(safe_next(request, default="/admin/"))
