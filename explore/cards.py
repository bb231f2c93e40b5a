"""Keeps the Explore cards in step with the profiles: after any change to a profile, its
cards are built again from scratch (a handful of queries for any number of profiles)."""
from django.conf import settings
from django.db import transaction

from capacities.tree import fold
from explore.models import Card
from profiles.models import Profile, ProfileLanguage

UI_LANGUAGE_FIELDS = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
CARD_LISTS = {Card.Kind.SHARER: "available", Card.Kind.LEARNER: "wanted",
              Card.Kind.PROFICIENT: "known"}


def refresh(profile_ids):
    """Rebuilds the cards of these profiles (a deleted profile's cards go with it)."""
    profile_ids = list(profile_ids)
    profiles = (Profile.objects.filter(pk__in=profile_ids).select_related("user")
                .prefetch_related("known", "available", "wanted", "territories", "affiliations"))
    languages = {}
    for pk, language in (ProfileLanguage.objects.filter(profile_id__in=profile_ids)
                         .order_by("order", "id").values_list("profile_id", "language_id")):
        languages.setdefault(pk, []).append(language)
    cards = [card for profile in profiles for card in build_cards(profile, languages.get(profile.pk, []))]
    with transaction.atomic():
        Card.objects.filter(profile_id__in=profile_ids).delete()
        Card.objects.bulk_create(cards, batch_size=2000)


def build_cards(profile, language_ids):
    territories = profile.territories.all()
    shared = {
        "profile": profile,
        "public": profile.is_public,
        "territories": sorted({t.pk for t in territories}
                              | {t.region_id for t in territories if t.region_id}),
        "languages": language_ids,
        "affiliations": [o.pk for o in profile.affiliations.all()],
        "activity": profile.updated_at,
        "search_text": search_text(profile),
    }
    cards = []
    for kind, relation in CARD_LISTS.items():
        capacities = list(getattr(profile, relation).all())
        if capacities:
            cards.append(Card(kind=kind, capacities=[c.pk for c in capacities],
                              covers=covered(capacities), **shared))
    return cards


def covered(capacities):
    """The capacities and every capacity containing them."""
    return sorted({pk for capacity in capacities for pk in capacity.lineage_ids})


def search_text(profile):
    """What the keyword search reads: the name, the bio and every capacity name in every
    language, folded (no case, no accents)."""
    names = {profile.user.username, profile.bio}
    for relation in CARD_LISTS.values():
        for capacity in getattr(profile, relation).all():
            names.update(getattr(capacity, f"name_{code}") or "" for code in UI_LANGUAGE_FIELDS)
    return fold(" ".join(names))


def on_profiles_changed(sender, profile_ids, **kwargs):
    refresh(profile_ids)
