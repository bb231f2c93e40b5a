"""Matches: the people who can share what a Wikimedian wants to learn, and the people who
want what they can share, ranked by how many capacities overlap, mutual matches first.

A capacity matches itself and everything inside it: wanting "Communication" is met by
someone sharing "Press release", and sharing "Press release" meets someone who wants
"Communication"."""
from django.db.models import BooleanField, Exists, ExpressionWrapper, IntegerField, OuterRef
from django.db.models.expressions import RawSQL

from explore.models import Card

LIMIT = 6


def wanted_reach(tree, wanted):
    """Capacities that meet a wish: each wanted capacity and everything inside it."""
    return sorted({node.pk for capacity in wanted for node in tree.subtree(capacity)})


def offered_reach(tree, available):
    """Capacities an offer meets: each available capacity and everything containing it."""
    return sorted({node.pk for capacity in available
                   for node in [capacity, *tree.ancestors(capacity)]})


def matches_for(profile, tree, limit=LIMIT):
    """(people who share what `profile` wants, people who want what it shares): two lists of
    cards, each card with .overlap (the capacities in common) and .mutual."""
    wanted = tree.pick([c.pk for c in profile.wanted.all()])
    available = tree.pick([c.pk for c in profile.available.all()])
    want_ids, offer_ids = wanted_reach(tree, wanted), offered_reach(tree, available)
    sharers = ranked(Card.Kind.SHARER, want_ids, Card.Kind.LEARNER, offer_ids, profile, limit)
    learners = ranked(Card.Kind.LEARNER, offer_ids, Card.Kind.SHARER, want_ids, profile, limit)
    for card in sharers + learners:
        reach = set(want_ids if card.kind == Card.Kind.SHARER else offer_ids)
        card.overlap = [node for node in tree.pick(card.capacities) if node.pk in reach]
    return sharers, learners


def ranked(kind, ids, other_kind, other_ids, profile, limit):
    if not ids:
        return []
    mutual = Exists(Card.objects.filter(profile_id=OuterRef("profile_id"), kind=other_kind,
                                        capacities__overlap=other_ids or [0]))
    return list(
        Card.objects.filter(kind=kind, capacities__overlap=ids).exclude(profile=profile)
        .annotate(
            score=RawSQL("cardinality(ARRAY(SELECT unnest(capacities) INTERSECT "
                         "SELECT unnest(%s::integer[])))", (ids,), output_field=IntegerField()),
            mutual=ExpressionWrapper(mutual, output_field=BooleanField()),
        )
        .order_by("-mutual", "-score", "-activity", "-id")[:limit]
    )
