import io
from functools import wraps

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from capacities.forms import CAPACITY_LISTS, with_available_fixed
from capacities.picker import came_back_from_picker, picked_in_query, without_removed
from capx.errors import NotFound
from capx.fragments import cached_fragment
from letsconnect import editor as letsconnect
from profiles.forms import LanguageFormSet, ProfileForm, share_versions
from profiles.language_names import by_name
from profiles.models import Badge, Language, Profile, UserBadge
from profiles.services import StaleForm, erase_user, own_profile, profile_for_page, save_profile
from profiles.validators import normalize_username



def canonical_username(view):
    """A username in a link is the person Meta-Wiki means by it: /profile/alice_Tester goes
    (permanently) to /profile/Alice Tester, the one address of that profile."""
    @wraps(view)
    def wrapper(request, username, **kwargs):
        canonical = normalize_username(username)
        if canonical and canonical != username:
            url = reverse(request.resolver_match.view_name, args=[canonical])
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
        return view(request, username, **kwargs)
    return wrapper


@require_safe
@login_required
def own(request):
    own_profile(request.user)
    return profile_page(request, request.user.username)


@require_safe
@canonical_username
def show(request, username):
    return profile_page(request, username)


def profile_page(request, username):
    profile = profile_for_page(username)
    if profile is None:
        raise NotFound(_("No Wikimedian “%(name)s” has a CapX profile.") % {"name": username})
    if not profile.visible_to(request.user):
        return render(request, "profiles/hidden.html", {"username": username}, status=404)
    is_own = profile.user_id == request.user.pk
    return render(request, "profiles/show.html", {
        "profile": profile,
        "is_own": is_own,
        "profile_url": request.build_absolute_uri(reverse("profiles:show", args=[username])),
    })


@login_required
def edit(request):
    profile = own_profile(request.user)
    earned = _earned(request.user)
    if request.method == "POST":
        languages = LanguageFormSet(request.POST, instance=profile, queryset=_language_rows(profile))
        if came_back_from_picker(request):
            return _back_from_picker(request, profile, earned, languages)
        if "import_known" in request.POST:
            return _import_known(request, profile, earned, languages)
        if request.POST.get("letsconnect") in letsconnect.STEPS:
            return _letsconnect_step(request, profile, earned, request.POST["letsconnect"])
        form = ProfileForm(with_available_fixed(request), instance=profile, earned_badges=earned)
        special, send = letsconnect.to_send(request)
        if form.is_valid() and languages.is_valid() and send is not None:
            try:
                notes = _save(request, form, languages)
            except StaleForm:
                messages.error(request, _(
                    "Your profile was changed in another tab or window after you opened this "
                    "page, so these changes were not saved. Check them below, then save again "
                    "to keep them, or cancel to see the other changes."))
                form.data = form.data.copy()
                form.data["version"] = own_profile(request.user).version
            else:
                for level, note in notes:
                    messages.add_message(request, level, note)
                messages.success(request, _("Your profile was saved."))
                if send and not letsconnect.send_confirmed(request, special):
                    return _render_edit(request, *_saved_again(request), special, "pending")
                return redirect("profiles:own")
        elif send is not None:
            messages.error(request, _("Your profile was not saved: please correct the "
                                      "fields marked below."))
        return _render_edit(request, form, languages, special, letsconnect.state_on_save(special))
    else:
        form = ProfileForm(instance=profile, earned_badges=earned,
                           initial=_picked_capacities(request, profile))
        languages = LanguageFormSet(instance=profile, queryset=_language_rows(profile))
    return _render_edit(request, form, languages)


@transaction.atomic  # one save, judged whole by the database (capx/migrations/0002)
def _save(request, form, languages):
    letsconnect.after_save(request, request.POST)  # first: the save's badges count it
    return save_profile(form, languages, request.user)


def _earned(user):
    return list(UserBadge.objects.filter(user=user).values_list("badge_id", flat=True))


def _saved_again(request):
    """The editor showing the profile just saved (a new version, and the badges that save
    may have earned)."""
    profile = own_profile(request.user)
    return (ProfileForm(instance=profile, earned_badges=_earned(request.user)),
            LanguageFormSet(instance=profile, queryset=_language_rows(profile)))


def _letsconnect_step(request, profile, earned, step):
    """A Let's Connect button of the editor (letsconnect/editor.py): the editor again with
    everything as typed, and the step's outcome; nothing is saved."""
    data = request.POST.copy()  # a capacity's × never comes here (came_back_from_picker)
    special, state = letsconnect.take_step(request, data, step)
    form = ProfileForm(data, instance=profile, earned_badges=earned)
    languages = LanguageFormSet(data, instance=profile, queryset=_language_rows(profile))
    return _render_edit(request, form, languages, special, state,
                        asking_integration=step == "integrate_ask")


def _language_rows(profile):
    return profile.languages.select_related("language")


def _picked_capacities(request, profile):
    """Without JavaScript the capacity picker comes back here with ?known=…: use that
    selection (not saved yet) and keep the saved badges displayed."""
    return {"displayed_badges": UserBadge.objects.filter(user=profile.user, displayed=True)
            .values_list("badge_id", flat=True), **picked_in_query(request, CAPACITY_LISTS)}


def _back_from_picker(request, profile, earned, languages):
    """The capacity picker page without JavaScript sends the whole form back with the new
    selection (capacities/picker.py): show it again as it was typed, save nothing. The version
    the page was opened with comes back too, so the next save still notices another tab's."""
    messages.info(request, _("Your capacity selection is in the form below. Save profile to "
                             "keep it."))
    form = ProfileForm(without_removed(request.POST), instance=profile, earned_badges=earned)
    return _render_edit(request, form, languages)


def _import_known(request, profile, earned, languages):
    """"Import known capacities": Available becomes Known (unsaved), so what Available had
    outside Known goes and the next save passes."""
    data = request.POST.copy()
    known, available = data.getlist("known"), data.getlist("available")
    data.setlist("available", [slug for slug in available if slug in known]
                 + [slug for slug in known if slug not in available])
    messages.info(request, _("Your Known capacities were copied into Available. Save profile "
                             "to keep them."))
    form = ProfileForm(data, instance=profile, earned_badges=earned)
    form.is_valid()
    return _render_edit(request, form, languages)


def language_datalist():
    """The <datalist> every language row types into, by name in the page's language."""
    return render_to_string("profiles/_language_datalist.html", {"languages": by_name(
        Language.objects.only("code", "name", "autonym"))})


def _render_edit(request, form, languages, special=None, state=None, asking_integration=False):
    return render(request, "profiles/edit.html", {
        "form": share_versions(form, request),
        "languages": languages,
        "language_options": cached_fragment(request, "language-datalist", ["languages"],
                                            language_datalist),
        "letsconnect": letsconnect.editor_context(
            request.user, form.data if form.is_bound else None, special, state),
        "asking_integration": asking_integration,
    })


@require_safe
@login_required
def badges(request):
    earned = set(UserBadge.objects.filter(user=request.user).values_list("badge_id", flat=True))
    return render(request, "profiles/badges.html", {
        "badges": [(badge, badge.pk in earned) for badge in Badge.objects.all()],
    })


@login_required
@transaction.atomic  # one save, judged whole by the database (capx/migrations/0002)
def delete(request):
    if request.method == "POST":
        user = request.user
        logout(request)
        erase_user(user)
        messages.success(request, _("Your profile and everything CapX held about you were erased."))
        return redirect("landing")
    return render(request, "profiles/delete.html")


@require_safe
@canonical_username
def qr_code(request, username):
    """An SVG QR code of the profile's address, to show or download at events."""
    profile = Profile.objects.shown().filter(user__username=username).only("visibility").first()
    if profile is None or not profile.visible_to(request.user):  # only its visibility counts
        raise Http404
    url = request.build_absolute_uri(reverse("profiles:show", args=[username]))
    # A standalone SVG (with its namespace: svg_inline() leaves it out, and an <img> then
    # shows nothing).
    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=6, dark="#000", light="#fff",
                                    xmldecl=False)
    response = HttpResponse(svg.getvalue(), content_type="image/svg+xml")
    if "download" in request.GET:
        response["Content-Disposition"] = 'attachment; filename="capx-profile-qr.svg"'
    return response
