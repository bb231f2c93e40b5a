from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capacities.tree import load_tree
from explore.feed import select_cards, show_cards
from explore.forms import FeedFilterForm
from explore.models import SavedProfile
from profiles.models import Profile

PAGE_SIZE = 20


def feed(request):
    tree = load_tree()
    form = FeedFilterForm(request.GET, tree)
    filters = form.filters()
    if form.ignored:
        messages.warning(request, _("Some filters were not recognized and were left out: %(values)s")
                         % {"values": ", ".join(form.ignored[:5])})
    page = Paginator(select_cards(filters, tree, request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    show_cards(page.object_list, tree, request.user)
    return render(request, "explore/feed.html", {
        "form": form, "filters": filters, "page": page, "tree": tree,
    })


@login_required
def saved(request):
    items = (SavedProfile.objects.filter(owner=request.user)
             .select_related("profile__user", "profile__avatar"))
    return render(request, "explore/saved.html", {"items": items})


@login_required
@require_POST
def set_saved(request, profile_id):
    """The flag on a card, and "Delete item" on the saved list: saved=1 saves the profile,
    saved=0 removes it (so a double click or a resent form does no harm)."""
    profile = get_object_or_404(Profile, pk=profile_id)
    now_saved = request.POST.get("saved") == "1" and profile.visible_to(request.user)
    if now_saved:
        SavedProfile.objects.get_or_create(owner=request.user, profile=profile)
    else:
        SavedProfile.objects.filter(owner=request.user, profile=profile).delete()
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"saved": now_saved})
    messages.success(request, (_("%(name)s was saved to your list.") if now_saved else
                               _("%(name)s was removed from your list."))
                     % {"name": profile.user.username})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/feed"
    return redirect(back)
