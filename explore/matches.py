"""Matches: the people who can share what a Wikimedian wants to learn, and the people who
want what they can share, ranked by how many capacities overlap, mutual matches first.

A capacity matches itself and everything inside it: wanting "Communication" is met by
someone sharing "Press release", and sharing "Press release" meets someone who wants
"Communication"."""
from explore.models import Card

LIMIT = 6

# Both lists in one query. Each side's candidates are read once, through the partial indexes
# card_sharer_capacities and card_learner_capacities, and serve twice: as that list's
# candidates and to tell the other list's mutual matches. Only the winners' whole rows are
# read, at the end.
MATCHES = """
WITH sharers AS (
    SELECT id, profile_id, capacities, activity FROM {table}
    WHERE kind = %(sharer)s AND capacities && %(want)s::integer[] AND profile_id <> %(me)s
), learners AS (
    SELECT id, profile_id, capacities, activity FROM {table}
    WHERE kind = %(learner)s AND capacities && %(offer)s::integer[] AND profile_id <> %(me)s
), ranked AS (
    (SELECT id, profile_id IN (SELECT profile_id FROM learners) AS mutual, {want_score} AS score
     FROM sharers ORDER BY mutual DESC, score DESC, activity DESC, id DESC LIMIT %(limit)s)
    UNION ALL
    (SELECT id, profile_id IN (SELECT profile_id FROM sharers) AS mutual, {offer_score} AS score
     FROM learners ORDER BY mutual DESC, score DESC, activity DESC, id DESC LIMIT %(limit)s)
)
SELECT card.*, ranked.mutual, ranked.score FROM ranked JOIN {table} AS card USING (id)
ORDER BY card.kind, ranked.mutual DESC, ranked.score DESC, card.activity DESC, card.id DESC
"""


def overlap_count(ids):
    """SQL for how many of `ids` a card's capacities hold: one term per id, which costs
    PostgreSQL far less per card than unnesting the card's array."""
    return " + ".join(f"({int(pk)} = ANY(capacities))::int" for pk in ids) or "0"


def wanted_reach(tree, wanted):
    """Capacities that meet a wish: each wanted capacity and everything inside it."""
    return sorted({node.pk for capacity in wanted for node in tree.subtree(capacity)})


def offered_reach(available):
    """Capacities an offer meets: each available capacity and everything containing it."""
    return sorted({pk for capacity in available for pk in capacity.lineage_ids})


def matches_for(profile, tree, limit=LIMIT):
    """(people who share what `profile` wants, people who want what it shares): two lists of
    at most `limit` cards, each card with .mutual and .overlap, the capacities the exchange
    is about: a sharer's capacities that `profile` wants, and the capacities of `profile`
    that a learner wants. One query, whatever the number of profiles."""
    wanted = tree.pick([c.pk for c in profile.wanted.all()])
    available = tree.pick([c.pk for c in profile.available.all()])
    want_ids, offer_ids = wanted_reach(tree, wanted), offered_reach(available)
    if not want_ids and not offer_ids:
        return [], []
    query = MATCHES.format(table=Card._meta.db_table, want_score=overlap_count(want_ids),
                           offer_score=overlap_count(offer_ids))
    cards = list(Card.objects.raw(query, {
        "sharer": Card.Kind.SHARER.value, "learner": Card.Kind.LEARNER.value,
        "want": want_ids, "offer": offer_ids, "me": profile.pk, "limit": limit,
    }))
    wanted_ids = set(want_ids)
    for card in cards:
        if card.kind == Card.Kind.SHARER:
            card.overlap = [node for node in tree.pick(card.capacities) if node.pk in wanted_ids]
        else:
            wished = set(card.capacities)
            card.overlap = [node for node in available if wished & node.lineage_ids]
    return ([card for card in cards if card.kind == Card.Kind.SHARER],
            [card for card in cards if card.kind == Card.Kind.LEARNER])
