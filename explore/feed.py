"""The Explore feed's queries: which cards a filter selects, and what a page of cards shows,
in a fixed number of queries whatever the page size or the number of profiles."""
import re
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.paginator import Paginator
from django.db.models import F, OrderBy, Prefetch, Q, Value

from explore.models import Card, CardCount, FacetCount, SavedProfile
from profiles.models import Profile, ProfileLanguage

WORD = re.compile(r"\w+")


# Fewer matching cards than this are read through the filters' indexes and sorted.
SORT_BELOW = 5000


def select_cards(filters, viewer, tree):
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
    if filters.words:
        cards = cards.annotate(document=SearchVector("search_text", config="simple"))
        for condition in word_conditions(filters.words, tree):
            cards = cards.filter(condition)
    cards = cards.order_by("-activity", "-id")
    count = kept_count(filters, viewer)
    if count is None:
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


class FeedPaginator(Paginator):
    """Pages of the newest-first feed. A page past the middle is read from the other end
    (oldest first, then turned round), so the last page costs what the first does instead of
    PostgreSQL stepping over every card before it. Page numbers stay plain (?page=N)."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom <= self.count // 2:
            return self._get_page(list(self.object_list[bottom:top]), number, self)
        backwards = self.object_list.reverse()[self.count - top:self.count - bottom]
        return self._get_page(list(backwards)[::-1], number, self)


def kept_count(filters, viewer):
    """How many cards the feed shows, from the totals the database keeps with the cards,
    when the filters are none or a single value (explore.models.CardCount, FacetCount);
    None when they must be counted."""
    public_only = not viewer.is_authenticated
    if not filters:
        return CardCount.total(filters.kinds, public_only)
    single = [(facet, values) for facet, values in (
        (FacetCount.Facet.CAPACITY, filters.capacities),
        (FacetCount.Facet.TERRITORY, filters.territories),
        (FacetCount.Facet.LANGUAGE, filters.languages),
        (FacetCount.Facet.AFFILIATION, filters.affiliations)) if values]
    if filters.words or len(single) != 1 or len(single[0][1]) != 1:
        return None
    facet, (value,) = single[0]
    return FacetCount.total(facet, value.pk, filters.kinds, public_only)


def word_conditions(words, tree):
    """One condition per word of the search: it starts a word of the username or the bio
    (the card's folded search_text), or of the name, in any language, of one of the card's
    capacities or of a capacity containing them ('edit' finds 'Editing' and what is inside
    it, as the capacity filter would)."""
    conditions = []
    for word in words:
        for token in WORD.findall(word):
            condition = Q(document=SearchQuery(f"{token}:*", search_type="raw", config="simple"))
            named = tree.named(token)
            if named:
                condition |= Q(covers__overlap=named)
            conditions.append(condition)
    return conditions


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
        card.shown_capacities = tree.in_order(card.capacities)
        card.saved = card.profile_id in saved
    return cards


def saved_profile_ids(viewer, profile_ids):
    if not viewer.is_authenticated or not profile_ids:
        return set()
    return set(SavedProfile.objects.filter(owner=viewer, profile_id__in=list(profile_ids))
               .values_list("profile_id", flat=True))


def feed_url(path, items):
    """The feed's address with these (key, value) query items."""
    return path + (f"?{urlencode(items)}" if items else "")
