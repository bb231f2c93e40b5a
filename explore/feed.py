"""The Explore feed's queries: which cards a filter selects, and what a page of cards shows,
in a fixed number of queries whatever the page size or the number of profiles."""
import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Prefetch

from explore.models import Card, SavedProfile
from profiles.models import Profile, ProfileLanguage, Territory

WORD = re.compile(r"\w+")


def select_cards(filters, tree, viewer):
    cards = Card.objects.filter(kind__in=filters.kinds)
    if not viewer.is_authenticated:
        cards = cards.filter(public=True)
    if filters.capacities:  # a capacity also finds everything inside it
        cards = cards.filter(capacities__overlap=sorted(
            {node.pk for capacity in filters.capacities for node in tree.subtree(capacity)}))
    if filters.territories:
        cards = cards.filter(territories__overlap=territory_ids(filters.territories))
    if filters.languages:
        cards = cards.filter(languages__overlap=[language.pk for language in filters.languages])
    if filters.affiliations:
        cards = cards.filter(affiliations__overlap=[org.pk for org in filters.affiliations])
    query = keyword_query(filters.words)
    if query is not None:
        cards = cards.annotate(document=SearchVector("search_text", config="simple")) \
            .filter(document=query)
    return cards.order_by("-activity", "-id")


def territory_ids(territories):
    """A region matches itself and every country in it; a country only itself."""
    ids = {territory.pk for territory in territories}
    regions = [territory for territory in territories if territory.is_region]
    if regions:
        ids |= set(Territory.objects.filter(region__in=regions).values_list("pk", flat=True))
    return sorted(ids)


def keyword_query(words):
    """Every word must appear, as a word or the start of one ('edit' finds 'editing')."""
    terms = [f"{token}:*" for word in words for token in WORD.findall(word)]
    if not terms:
        return None
    return SearchQuery(" & ".join(terms), search_type="raw", config="simple")


def show_cards(cards, tree, viewer):
    """Fills each card of a page with what it shows: its profile (image, name, languages,
    territories), its capacities and whether the viewer saved it."""
    profiles = Profile.objects.select_related("user", "avatar").prefetch_related(
        Prefetch("languages", queryset=ProfileLanguage.objects.select_related("language")),
        "territories",
    ).in_bulk({card.profile_id for card in cards})
    saved = saved_profile_ids(viewer, profiles)
    for card in cards:
        card.shown_profile = profiles[card.profile_id]
        card.shown_capacities = tree.pick(card.capacities)
        card.saved = card.profile_id in saved
    return cards


def saved_profile_ids(viewer, profile_ids):
    if not viewer.is_authenticated or not profile_ids:
        return set()
    return set(SavedProfile.objects.filter(owner=viewer, profile_id__in=list(profile_ids))
               .values_list("profile_id", flat=True))
