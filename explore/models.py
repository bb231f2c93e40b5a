from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.utils.translation import gettext_lazy as _


def id_array():
    return ArrayField(models.IntegerField(), default=list, blank=True)


class Card(models.Model):
    """One card of the Explore feed, kept in step with its profile (explore/cards.py).

    A profile has a Sharer card (its Available capacities), a Learner card (Wanted) and a
    Proficient card (Known), each when the list is not empty. The ids of everything the
    filters look at are kept in arrays with GIN indexes, so every filter is an index lookup
    whatever the number of profiles. Organization profiles will add an `organization` key
    beside `profile`; the feed, its filters and saved profiles already go through cards."""

    class Kind(models.TextChoices):
        SHARER = "sharer", _("Sharer")
        LEARNER = "learner", _("Learner")
        PROFICIENT = "proficient", _("Proficient")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    profile = models.ForeignKey("profiles.Profile", on_delete=models.CASCADE,
                                related_name="cards")
    public = models.BooleanField(default=True)  # shown to visitors who are not signed in
    capacities = id_array()  # this card's own capacities, in the profile's order
    territories = id_array()
    languages = id_array()
    affiliations = id_array()
    # The profile's name, bio and capacity names in every language, folded (no case or
    # accents): the keyword search reads it through a full-text index.
    search_text = models.TextField(blank=True)
    activity = models.DateTimeField()  # the profile's last save: newest first

    class Meta:
        indexes = [
            models.Index(fields=["-activity", "-id"], name="card_newest"),
            GinIndex(fields=["capacities"], name="card_capacities"),
            GinIndex(fields=["territories"], name="card_territories"),
            GinIndex(fields=["languages"], name="card_languages"),
            GinIndex(fields=["affiliations"], name="card_affiliations"),
            GinIndex(SearchVector("search_text", config="simple"), name="card_search"),
        ]
        constraints = [models.UniqueConstraint(fields=["profile", "kind"], name="card_once")]


class SavedProfile(models.Model):
    """A profile someone saved from the feed. Private: only its owner ever sees it."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="saved_profiles")
    profile = models.ForeignKey("profiles.Profile", on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-saved_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["owner", "profile"], name="saved_once")]
