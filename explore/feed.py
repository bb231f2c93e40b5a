"""The Explore feed's queries: which cards a filter selects, and what a page of cards shows,
in a fixed number of queries whatever the page size or the number of profiles."""
import re
from datetime import timedelta

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Paginator
from django.db.models import F, Func, IntegerField, OrderBy, Q, Value

from explore.forms import Filters
from explore.models import Card, CardCount, FacetCount
from explore.parties import load_parties, saved_keys, shown

WORD = re.compile(r"\w+")


# Cards that no kept total counts (explore.models.CardCount, FacetCount) are counted up to
# this many: a count costs what it counts, and "more than 1000" tells a reader as much.
# Up to this many are also read through the filters' indexes and sorted; more, newest first.
COUNTED_UP_TO = 1000


def select_cards(filters, viewer, tree):
    """The cards the filters select, newest first, already counted (the paginator takes the
    count from here: see Cards), exactly or, when no kept total has it, up to COUNTED_UP_TO
    (past it, .more is true and the count says one more)."""
    public_only = not viewer.is_authenticated
    values = chosen_values(filters)
    kinds = matching_kinds(filters, public_only)
    cards = with_values(kinds, values)
    if filters.words:
        for condition in word_conditions(filters.words, tree):
            cards = cards.filter(condition)
    cards = cards.order_by("-activity", "-id")
    count, more = kept_count(filters, viewer), False
    if count is None:
        counting = cards
        if len(values) > 1 and not filters.words and through_the_table(values, filters, public_only):
            counting = with_values(kinds, values, indexed=False)
        # Unordered, so that PostgreSQL stops reading once it has found one more than it counts.
        count = counting.order_by().values("pk")[:COUNTED_UP_TO + 1].count()
        more = count > COUNTED_UP_TO
    if filters and count <= COUNTED_UP_TO:
        # Few cards match: read just those and sort them. Left to itself, PostgreSQL may walk
        # the newest-first index past all the cards that do not match, when it expects more
        # to match than do (combined filters: it takes them as independent). Ordering by an
        # expression that index cannot give makes it use the filters' indexes.
        cards = cards.order_by(OrderBy(F("activity") + Value(timedelta(0)), descending=True),
                               "-id")
    cards.counted, cards.more = count, more
    return cards


def through_the_table(values, filters, public_only):
    """Whether to count the cards of several filters by reading the table, not their index
    (card_facets, or card_exchange_facets for the default feed).
    Through the index, PostgreSQL reads every card id each chosen value holds (cheap ones,
    but as many as the values hold: they grow with the data); through the table, it reads
    cards until it has counted enough (COUNTED_UP_TO: more the rarer the cards are, as many
    whatever the table's size). The totals the database keeps say which reads less, taking
    the filters as independent; PostgreSQL's own estimate of the index is far too low for
    values that most cards hold (a root capacity, English)."""
    kept = FacetCount.sums(values, filters.kinds, public_only)
    cards = CardCount.total(filters.kinds, public_only) or 1
    share = 1.0
    for facet in values:
        share *= min(kept.get(facet, 0), cards) / cards
    rows_to_read = (COUNTED_UP_TO + 1) / share if share else float("inf")
    return sum(kept.values()) > INDEX_ENTRIES_PER_ROW * rows_to_read


# Index entries PostgreSQL reads in the time it reads one row of the table, by measure here
# (100,000 and 1,000,000 profiles: tests/perf/bench_http.py).
INDEX_ENTRIES_PER_ROW = 70


# Each filter of values, with the array of the cards it looks in (card_facets and
# card_exchange_facets hold them all).
COLUMNS = {FacetCount.Facet.CAPACITY: "covers",  # a capacity also finds what is inside it
           FacetCount.Facet.TERRITORY: "territories",  # a region also finds its countries
           FacetCount.Facet.LANGUAGE: "languages", FacetCount.Facet.AFFILIATION: "affiliations"}


def chosen_values(filters):
    """{facet: [ids]} of the filters of values in use."""
    chosen = {FacetCount.Facet.CAPACITY: filters.capacities,
              FacetCount.Facet.TERRITORY: filters.territories,
              FacetCount.Facet.LANGUAGE: filters.languages,
              FacetCount.Facet.AFFILIATION: filters.affiliations}
    return {facet: [item.pk for item in items] for facet, items in chosen.items() if items}


def matching_kinds(filters, public_only):
    cards = Card.objects.filter(kind__in=filters.kinds)
    if public_only:
        cards = cards.filter(public=True)
    if filters.party == Filters.USERS:
        cards = cards.filter(organization__isnull=True)
    elif filters.party == Filters.ORGANIZATIONS:
        cards = cards.filter(profile__isnull=True)
    return cards


def with_values(cards, values, indexed=True):
    """`cards` that hold one of the chosen values of every filter; not `indexed`: tested
    through an expression that no index answers."""
    for facet, ids in values.items():
        column = COLUMNS[facet]
        if not indexed:
            cards = cards.alias(**{f"{column}_as_is": Func(
                F(column), template="(%(expressions)s || '{}'::integer[])",
                output_field=ArrayField(IntegerField()))})
            column = f"{column}_as_is"
        cards = cards.filter(**{f"{column}__overlap": ids})
    return cards


class FeedPaginator(Paginator):
    """Pages of the newest-first feed. A page past the middle is read from the other end
    (oldest first, then turned round), so the last page costs what the first does instead of
    PostgreSQL stepping over every card before it. Page numbers stay plain (?page=N).

    Of cards counted only up to COUNTED_UP_TO (`more`), the pages those fill are numbered
    without a last one; asking for a page past them counts all the cards."""

    @property
    def more(self):
        return self.object_list.more

    @property
    def counted_up_to(self):
        return COUNTED_UP_TO

    def validate_number(self, number):
        if self.more and self.counted_before(number) >= self.count:
            self.count_all()
        return super().validate_number(number)

    def counted_before(self, number):
        """How many cards come before page `number`."""
        try:
            return (int(number) - 1) * self.per_page
        except (TypeError, ValueError):
            return 0  # not a page number: the paginator says so

    def count_all(self):
        self.object_list.counted, self.object_list.more = None, False
        self.__dict__.pop("count", None)  # cached properties: count again
        self.__dict__.pop("num_pages", None)

    def page(self, number):
        number = self.validate_number(number)
        if self.more and number * self.per_page > self.count:
            self.count_all()  # the page runs past the cards counted
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if self.more or bottom <= self.count // 2:
            return self._get_page(list(self.object_list[bottom:top]), number, self)
        backwards = self.object_list.reverse()[self.count - top:self.count - bottom]
        return self._get_page(list(backwards)[::-1], number, self)


def kept_count(filters, viewer):
    """How many cards the feed shows, from the totals the database keeps with the cards,
    when the filters are none or a single value (explore.models.CardCount, FacetCount);
    None when they must be counted (the type of profile is counted: few organizations)."""
    public_only = not viewer.is_authenticated
    if not filters:
        return CardCount.total(filters.kinds, public_only)
    values = chosen_values(filters)
    if filters.words or filters.party or len(values) != 1:
        return None
    (facet, ids), = values.items()
    return FacetCount.total(facet, ids[0], filters.kinds, public_only) if len(ids) == 1 else None


def word_conditions(words, tree):
    """One condition per word of the search: it starts a word of the username or the bio
    (the card's folded search_text), or of the name, in any language, of one of the card's
    capacities or of a capacity containing them ('edit' finds 'Editing' and what is inside
    it, as the capacity filter would)."""
    conditions = []
    for word in words:
        for token in WORD.findall(word):
            condition = Q(search_vector=SearchQuery(f"{token}:*", search_type="raw", config="simple"))
            named = tree.named(token)
            if named:
                condition |= Q(covers__overlap=named)
            conditions.append(condition)
    return conditions


def show_cards(cards, tree, viewer, details=True):
    """Fills each card of a page with what it shows: its party (`shown`: image, name and,
    with `details`, languages and territories; explore.parties), its capacities and whether
    the viewer saved it."""
    profiles, organizations = load_parties(
        [card.profile_id for card in cards if card.profile_id],
        [card.organization_id for card in cards if card.organization_id], details)
    for card in cards:
        party = (organizations[card.organization_id] if card.organization_id
                 else profiles[card.profile_id])
        card.shown = shown(party, viewer, details)
        card.shown_capacities = tree.in_order(card.capacities)
    saved = saved_keys(viewer, profiles, organizations)
    for card in cards:
        card.saved = card.shown.save_key in saved
    return cards
