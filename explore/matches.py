"""Matches: the people who can share what a Wikimedian wants to learn, and the people who
want what they can share, ranked by how many capacities overlap, mutual matches first, among
the most recently active (WINDOW).

A capacity matches itself and everything inside it: wanting "Communication" is met by
someone sharing "Press release", and sharing "Press release" meets someone who wants
"Communication"."""
from explore.models import Card

LIMIT = 6

# Candidates are the most recently active people on each side, so that a Wikimedian's matches
# cost the same at 1,000 profiles and at 1,000,000: fewer than this many and the ranking is
# over everyone. Each side's window is read newest first through the partial index
# card_match_newest, which holds what the query looks at (an index-only scan), or, when few
# cards match, through card_sharer_capacities / card_learner_capacities; a candidate's other
# card (is the match mutual?) is one lookup by profile. Only the winners' whole rows are read.
WINDOW = 1000

MATCHES = """
WITH sharers AS (
    SELECT id, profile_id, capacities, activity FROM {table}
    WHERE kind = %(sharer)s AND capacities && %(want)s::integer[] AND profile_id <> %(me)s
    ORDER BY activity DESC, id DESC LIMIT %(window)s
), learners AS (
    SELECT id, profile_id, capacities, activity FROM {table}
    WHERE kind = %(learner)s AND capacities && %(offer)s::integer[] AND profile_id <> %(me)s
    ORDER BY activity DESC, id DESC LIMIT %(window)s
), ranked AS (
    (SELECT sharer.id, coalesce(other.capacities && %(offer)s::integer[], false) AS mutual,
            {want_score} AS score, sharer.activity
     FROM sharers AS sharer
     LEFT JOIN {table} AS other ON other.profile_id = sharer.profile_id AND other.kind = %(learner)s
     ORDER BY mutual DESC, score DESC, sharer.activity DESC, sharer.id DESC LIMIT %(limit)s)
    UNION ALL
    (SELECT learner.id, coalesce(other.capacities && %(want)s::integer[], false) AS mutual,
            {offer_score} AS score, learner.activity
     FROM learners AS learner
     LEFT JOIN {table} AS other ON other.profile_id = learner.profile_id AND other.kind = %(sharer)s
     ORDER BY mutual DESC, score DESC, learner.activity DESC, learner.id DESC LIMIT %(limit)s)
)
SELECT card.*, ranked.mutual, ranked.score FROM ranked JOIN {table} AS card USING (id)
ORDER BY card.kind, ranked.mutual DESC, ranked.score DESC, card.activity DESC, card.id DESC
"""


def overlap_count(ids, alias):
    """SQL for how many of `ids` the capacities of the card `alias` hold: one term per id,
    which costs PostgreSQL far less per card than unnesting the card's array."""
    return " + ".join(f"({int(pk)} = ANY({alias}.capacities))::int" for pk in ids) or "0"


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
    that a learner wants. One query, whatever the number of profiles; candidates are the
    WINDOW most recently active on each side."""
    wanted = tree.pick([c.pk for c in profile.wanted.all()])
    available = tree.pick([c.pk for c in profile.available.all()])
    want_ids, offer_ids = wanted_reach(tree, wanted), offered_reach(available)
    if not want_ids and not offer_ids:
        return [], []
    query = MATCHES.format(table=Card._meta.db_table, want_score=overlap_count(want_ids, "sharer"),
                           offer_score=overlap_count(offer_ids, "learner"))
    cards = list(Card.objects.raw(query, {
        "sharer": Card.Kind.SHARER.value, "learner": Card.Kind.LEARNER.value,
        "want": want_ids, "offer": offer_ids, "me": profile.pk, "limit": limit,
        "window": WINDOW,
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
