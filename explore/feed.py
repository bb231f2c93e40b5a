"""The Explore feed's queries: which cards a filter selects, and what a page of cards shows,
in a fixed number of queries whatever the page size or the number of profiles."""
import re
from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import F, OrderBy, Prefetch, Value

from explore.models import Card, SavedProfile
from profiles.models import Profile, ProfileLanguage

WORD = re.compile(r"\w+")


# Fewer matching cards than this are read through the filters' indexes and sorted.
SORT_BELOW = 5000


def select_cards(filters, viewer):
    """The cards the filters select, newest first, already counted (the paginator takes the
    count from here: see Cards)."""
    cards = Card.objects.filter(kind__in=filters.kinds)
    if not viewer.is_authenticated:
        cards = cards.filter(public=True)
    if filters.capacities:  # a capacity also finds everything inside it (Card.covers)
        cards = cards.filter(covers__overlap=[capacity.pk for capacity in filters.capacities])
    if filters.territories:  # a region also finds its countries (Card.territories)
        cards = cards.filter(territories__overlap=[place.pk for place in filters.territories])
    if filters.languages:
        cards = cards.filter(languages__overlap=[language.pk for language in filters.languages])
    if filters.affiliations:
        cards = cards.filter(affiliations__overlap=[org.pk for org in filters.affiliations])
    query = keyword_query(filters.words)
    if query is not None:
        cards = cards.annotate(document=SearchVector("search_text", config="simple")) \
            .filter(document=query)
    cards = cards.order_by("-activity", "-id")
    count = cards.count()
    if filters and count < SORT_BELOW:
        # Few cards match: read just those and sort them. Left to itself, PostgreSQL may walk
        # the newest-first index past all the cards that do not match, when it expects more
        # to match than do (combined filters: it takes them as independent). Ordering by an
        # expression that index cannot give makes it use the filters' indexes.
        cards = cards.order_by(OrderBy(F("activity") + Value(timedelta(0)), descending=True),
                               "-id")
    cards.counted = count
    return cards


def keyword_query(words):
    """Every word must appear, as a word or the start of one ('edit' finds 'editing')."""
    terms = [f"{token}:*" for word in words for token in WORD.findall(word)]
    if not terms:
        return None
    return SearchQuery(" & ".join(terms), search_type="raw", config="simple")


def show_cards(cards, tree, viewer, details=True):
    """Fills each card of a page with what it shows: its profile (image, name and, with
    `details`, languages and territories), its capacities and whether the viewer saved it."""
    profiles = Profile.objects.select_related("user", "avatar")
    if details:
        profiles = profiles.prefetch_related(
            Prefetch("languages", queryset=ProfileLanguage.objects.select_related("language")),
            "territories")
    profiles = profiles.in_bulk({card.profile_id for card in cards})
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
