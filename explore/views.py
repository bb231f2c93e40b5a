from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from capacities.tree import load_tree
from capx.fragments import cached_fragment
from capx.navigation import safe_next, with_query
from explore.feed import FeedPaginator, select_cards, show_cards
from explore.forms import FeedFilterForm
from explore.models import FacetCount, SavedProfile
from explore.parties import shown
from organizations.models import Organization
from profiles.filter_options import territory_options
from profiles.language_names import by_name
from profiles.models import Language, Profile

PAGE_SIZE = 20

@require_safe
def feed(request):
    tree = load_tree(request)
    form = FeedFilterForm(request.GET, tree)
    filters = form.filters()
    if form.ignored:
        messages.warning(request, _("Some filters were not recognized and were left out: %(values)s")
                         % {"values": ", ".join(form.ignored[:5])})
    page = FeedPaginator(select_cards(filters, request.user, tree), PAGE_SIZE).get_page(
        request.GET.get("page"))
    show_cards(page.object_list, tree, request.user)
    chosen = chosen_filters(form, filters)
    return render(request, "explore/feed.html", {
        "form": form, "filters": filters, "page": page, "tree": tree, "chosen": chosen,
        "active_filters": filter_chips(request.path, chosen, filters),
        "previous_url": page_url(request.path, chosen, page.previous_page_number())
        if page.has_previous() else None,
        "next_url": page_url(request.path, chosen, page.next_page_number())
        if page.has_next() else None,
        "options": filter_options(request),
    })


def chosen_filters(form, filters):
    """The filters in effect, as the values the query string names them by (unknown values
    left out): what the filter panel shows as chosen and what every link of the page keeps."""
    data = form.cleaned_data if form.is_valid() else {}
    return {
        "q": " ".join(data.get("q", "").split()),
        "capacity": [node.slug for node in filters.capacities],
        "exchange": list(data.get("exchange", [])),
        "proficient": bool(data.get("proficient")),
        "territory": [territory.slug for territory in filters.territories],
        "language": [language.code for language in filters.languages],
        "affiliation": [organization.slug for organization in filters.affiliations],
        "party": list(data.get("party", [])),
    }


def query_items(chosen):
    items = [("q", chosen["q"])] if chosen["q"] else []
    items += [("capacity", slug) for slug in chosen["capacity"]]
    items += [("exchange", kind) for kind in chosen["exchange"]]
    items += [("proficient", "on")] if chosen["proficient"] else []
    for key in ("territory", "language", "affiliation", "party"):
        items += [(key, value) for value in chosen[key]]
    return items


def page_url(path, chosen, number):
    return with_query(path, query_items(chosen) + ([("page", number)] if number > 1 else []))


def filter_chips(path, chosen, filters):
    """Every filter value in effect as (kind, label, the feed's URL without it), in the order
    of the filter panel; the search gives one chip per word."""
    items = query_items(chosen)

    def without(key, value):
        return with_query(path, [item for item in items if item != (key, value)])

    chips = []
    words = list(dict.fromkeys(chosen["q"].split()))
    for word in words:
        rest = " ".join(other for other in chosen["q"].split() if other != word)
        kept = [("q", rest)] if rest else []
        chips.append((_("Search"), word, with_query(path, kept + [i for i in items if i[0] != "q"])))
    chips += [(_("Capacity"), node.name, without("capacity", node.slug))
              for node in filters.capacities]
    kinds = dict(FeedFilterForm.EXCHANGE_CHOICES)
    chips += [(_("Exchange with"), kinds[kind], without("exchange", kind))
              for kind in chosen["exchange"]]
    if chosen["proficient"]:
        chips.append((_("Exchange with"), _("Proficient"), without("proficient", "on")))
    chips += [(_("Territory"), territory.name, without("territory", territory.slug))
              for territory in filters.territories]
    chips += [(_("Language"), language.display_name, without("language", language.code))
              for language in filters.languages]
    chips += [(_("Affiliation"), organization.display_name,
               without("affiliation", organization.slug))
              for organization in filters.affiliations]
    parties = dict(FeedFilterForm.PARTY_CHOICES)
    chips += [(_("Type of profile"), parties[party], without("party", party))
              for party in chosen["party"]]
    return [{"kind": kind, "label": label, "remove_url": url} for kind, label, url in chips]


def filter_options(request):
    """The options of the filter panel's three long lists, as HTML rendered once per
    language and data version (capx/fragments.py); the page marks the chosen ones
    (explore's with_chosen filter). Affiliations offer the organizations some card is
    affiliated with (FacetCount, kept by the database): the others would find nobody, and
    the movement's thousands of organizations are not sent with every page."""
    affiliated = list(FacetCount.objects.filter(facet=FacetCount.Facet.AFFILIATION, n__gt=0)
                      .values_list("value_id", flat=True).distinct().order_by())
    return {
        "territory": territory_options(request),
        "language": cached_fragment(request, "feed-languages", ["languages"], lambda: render_to_string(
            "explore/_language_options.html", {"options": {"languages": by_name(
                Language.objects.only("code", "name", "autonym"))}})),
        "affiliation": cached_fragment(request, "feed-affiliations", ["organizations"], lambda: render_to_string(
            "explore/_affiliation_options.html", {"options": {"organizations": list(
                Organization.objects.filter(pk__in=affiliated))}}), members=affiliated),
    }


@require_safe
@login_required
def saved(request):
    items = (SavedProfile.objects.filter(owner=request.user)
             .filter(Q(profile__user__is_active=True)
                     | Q(organization__in=Organization.objects.listed()))
             .select_related("profile__user", "profile__avatar", "organization"))
    return render(request, "explore/saved.html", {
        "items": [shown(item.party, request.user, details=False) for item in items]})


@login_required
@require_POST
def set_saved(request, profile_id):
    """The flag on a user's card, and "Delete item" on the saved list: saved=1 saves the
    profile, saved=0 removes it (so a double click or a resent form does no harm)."""
    profile = get_object_or_404(Profile.objects.shown().select_related("user"), pk=profile_id)
    if profile.user_id == request.user.pk:
        return refuse(request, _("Your own profile cannot be saved to your list."))
    return save(request, {"profile": profile}, profile.user.username,
                request.POST.get("saved") == "1" and profile.visible_to(request.user))


@login_required
@require_POST
def set_saved_organization(request, organization_id):
    """The same flag on an organization's card."""
    organization = get_object_or_404(Organization.objects.listed(), pk=organization_id)
    return save(request, {"organization": organization}, organization.display_name,
                request.POST.get("saved") == "1")


def save(request, party, name, now_saved):
    if now_saved:
        SavedProfile.objects.get_or_create(owner=request.user, **party)
    else:
        SavedProfile.objects.filter(owner=request.user, **party).delete()
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"saved": now_saved})
    messages.success(request, (_("%(name)s was saved to your list.") if now_saved else
                               _("%(name)s was removed from your list.")) % {"name": name})
    return redirect(safe_next(request, default=reverse("explore:feed")))


def refuse(request, message):
    """A flag that cannot be set: the reason, as JSON for the page's script or as a message
    on the page the form came from."""
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"error": message}, status=400)
    messages.error(request, message)
    return redirect(safe_next(request, default=reverse("explore:feed")))
