from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


def id_array():
    return ArrayField(models.IntegerField(), default=list, blank=True)


EXCHANGE = models.Q(kind__in=["sharer", "learner"])  # the cards the feed shows by default
FACETS = ["covers", "territories", "languages", "affiliations"]  # the filters of values


def one_party(prefix):
    """A row about exactly one party: a user's profile or an organization."""
    return models.CheckConstraint(
        condition=models.Q(profile__isnull=True) ^ models.Q(organization__isnull=True),
        name=f"{prefix}_one_party")


class Cards(models.QuerySet):
    """Cards, with room for a count known in advance: explore.feed.select_cards counts its
    cards to choose how to read a page, and the paginator reuses that count. Any further
    filter gives a new queryset, which counts again. `more`: more cards than counted."""

    counted = None
    more = False

    def count(self):
        return super().count() if self.counted is None else self.counted


class Card(models.Model):
    """One card of the Explore feed, made by the database from its party: a user's profile or
    an organization (explore/cards.py), exactly one of the two.

    A party has a Sharer card (its Available capacities), a Learner card (Wanted) and a
    Proficient card (Known), each when the list is not empty and the party is shown: a user
    who is active, an organization with an active manager. The ids of everything the filters
    look at are kept in arrays that GIN indexes hold together, so every filter, and any
    combination of them, is an index lookup whatever the number of profiles (a count of
    several filters most cards pass may read the table instead: explore.feed). The hierarchies are materialized in those arrays: a card also
    carries the capacities containing its own (`covers`) and the regions of its countries
    (`territories`), so a filter on a root capacity or on a region is one index key, not
    the ids of everything inside it. The feed, its filters, saved profiles, matches and the
    capacity counts all go through cards, so they serve both kinds of party alike."""

    class Kind(models.TextChoices):
        SHARER = "sharer", _("Sharer")
        LEARNER = "learner", _("Learner")
        PROFICIENT = "proficient", _("Proficient")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Looked up through card_once and card_organization_once, which start with them.
    profile = models.ForeignKey("profiles.Profile", on_delete=models.CASCADE, null=True,
                                related_name="cards", db_index=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     null=True, related_name="cards", db_index=False)
    public = models.BooleanField(default=True)  # shown to visitors who are not signed in
    capacities = id_array()  # this card's own capacities
    covers = id_array()  # those capacities and every capacity containing them
    territories = id_array()  # the profile's territories and the regions of its countries
    languages = id_array()
    affiliations = id_array()
    # The username and the bio (an organization: its names and acronym), folded (no case or
    # accents: capx_fold), read by the keyword search through a full-text index; capacity
    # names are found through the tree.
    search_text = models.TextField(blank=True)
    # Its words, kept by PostgreSQL, so that a search read newest first through card_newest
    # tests each card without taking its text apart again.
    search_vector = models.GeneratedField(
        expression=SearchVector("search_text", config="simple"),
        output_field=SearchVectorField(), db_persist=True)
    activity = models.DateTimeField()  # the profile's last save: newest first

    objects = Cards.as_manager()

    class Meta:
        indexes = [
            # Newest first; kind and public are in the index so that counting the cards of
            # the unfiltered feed reads the index alone (an index-only scan).
            models.Index(fields=["-activity", "-id"], include=["kind", "public"],
                         name="card_newest"),
            # The feed of organizations alone: newest first without stepping over the users'.
            models.Index(fields=["-activity", "-id"], name="card_organization_newest",
                         condition=models.Q(profile__isnull=True)),
            # The matches (explore/matches.py) look for one kind of card at a time: the
            # newest that hold a capacity (read from the index alone), or, when few do, all
            # that hold it (card_exchange_facets' capacities).
            models.Index(fields=["kind", "-activity", "-id"],
                         include=["profile_id", "organization_id", "capacities"],
                         name="card_match_newest", condition=EXCHANGE),
            # Every filter of values in one index: PostgreSQL intersects several filters
            # inside it and reads only the cards that pass them all (a GIN index on several
            # columns serves any of them alone as well as one of its own would). Again for the
            # default feed (Sharers and Learners, without Proficient), which then reads no
            # Proficient card, with the capacities the matches look for. No index on a
            # single kind: PostgreSQL would intersect with all the cards of that kind.
            GinIndex(fields=FACETS, name="card_facets"),
            GinIndex(fields=[*FACETS, "capacities"], name="card_exchange_facets",
                     condition=EXCHANGE),
            GinIndex(fields=["search_vector"], name="card_search"),
            GinIndex(fields=["search_vector"], name="card_exchange_search",
                     condition=EXCHANGE),
        ]
        # With the capacities, so that a match's other card (is the match mutual?) is read
        # from the index alone (explore/matches.py).
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind"], include=["capacities"],
                                    name="card_once"),
            models.UniqueConstraint(fields=["organization", "kind"], include=["capacities"],
                                    name="card_organization_once"),
            one_party("card"),
        ]

    @property
    def party(self):
        """The profile or the organization this card shows (explore.feed.show_cards)."""
        return self.organization if self.organization_id else self.profile


class SavedProfile(models.Model):
    """A profile (a user's or an organization's) someone saved from the feed. Private: only
    its owner ever sees it."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="saved_profiles")
    profile = models.ForeignKey("profiles.Profile", on_delete=models.CASCADE, null=True,
                                related_name="+")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     null=True, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-saved_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "profile"], name="saved_once"),
            models.UniqueConstraint(fields=["owner", "organization"],
                                    name="saved_organization_once"),
            one_party("saved"),
        ]

    @property
    def party(self):
        return self.organization if self.organization_id else self.profile


class CardCount(models.Model):
    """How many cards there are of each kind and visibility, kept by the database with the
    cards themselves (trigger of migration explore 0004): the unfiltered feed's result count
    without counting 200,000 rows on every page view."""

    kind = models.CharField(max_length=10, choices=Card.Kind.choices)
    public = models.BooleanField()
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "public"], name="card_count_once")]

    @classmethod
    def total(cls, kinds, public_only):
        counts = cls.objects.filter(kind__in=kinds)
        if public_only:
            counts = counts.filter(public=True)
        return counts.aggregate(total=models.Sum("n"))["total"] or 0


class CapacityCount(models.Model):
    """How many cards of each kind hold each capacity (its own, not what is inside it): how
    many active Wikimedians know, share and want it. Kept by the database with the cards
    (trigger of migration explore 0005), so a capacity's page reads three numbers."""

    capacity_id = models.IntegerField()
    kind = models.CharField(max_length=10, choices=Card.Kind.choices)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["capacity_id", "kind"],
                                               name="capacity_count_once")]


class FacetCount(models.Model):
    """How many cards of each kind and visibility carry each value of a filter: a capacity in
    `covers` (so a capacity counts what is inside it), a territory (with the regions of its
    countries), a language, an affiliation. Kept by the database with the cards (migration
    explore 0006): a feed filtered by one value knows its count without counting."""

    class Facet(models.TextChoices):
        CAPACITY = "capacity"
        TERRITORY = "territory"
        LANGUAGE = "language"
        AFFILIATION = "affiliation"

    facet = models.CharField(max_length=12, choices=Facet.choices)
    value_id = models.IntegerField()
    kind = models.CharField(max_length=10, choices=Card.Kind.choices)
    public = models.BooleanField()
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["facet", "value_id", "kind", "public"],
                                               name="facet_count_once")]

    @classmethod
    def total(cls, facet, value_id, kinds, public_only):
        return cls.sums({facet: [value_id]}, kinds, public_only).get(facet, 0)

    @classmethod
    def sums(cls, values, kinds, public_only):
        """{facet: the cards holding one of its chosen ids, counted once per id} for the
        {facet: [ids]} of `values` (an upper bound of the cards holding any), in one query."""
        chosen = models.Q()
        for facet, ids in values.items():
            chosen |= models.Q(facet=facet, value_id__in=ids)
        counts = cls.objects.filter(chosen, kind__in=kinds)
        if public_only:
            counts = counts.filter(public=True)
        return dict(counts.values("facet").annotate(total=models.Sum("n"))
                    .values_list("facet", "total"))
