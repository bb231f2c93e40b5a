"""Matches: the people who can share what a Wikimedian wants to learn, and the people who
want what they can share, ranked by how many capacities overlap, mutual matches first, among
the most recently active (WINDOW).

A capacity matches itself and everything inside it: wanting "Communication" is met by
someone sharing "Press release", and sharing "Press release" meets someone who wants
"Communication"."""
from explore.models import Card
from organizations.models import Organization

LIMIT = 6

# Candidates are the most recently active people on each side, so that a Wikimedian's matches
# cost the same at 1,000 profiles and at 1,000,000: fewer than this many and the ranking is
# over everyone. Each side's window is read newest first through the partial index
# card_match_newest, which holds what the query looks at (an index-only scan), or, when few
# cards match, through the capacities of card_exchange_facets; a candidate's other card (is
# the match mutual?) is read from card_once or card_organization_once alone, which hold its
# capacities. Only the winners' whole rows are read.
WINDOW = 1000

MATCHES = """
WITH sharers AS (
    SELECT id, profile_id, organization_id, capacities, activity FROM {table}
    WHERE kind = %(sharer)s AND capacities && %(want)s::integer[] AND {not_me}
    ORDER BY activity DESC, id DESC LIMIT %(window)s
), learners AS (
    SELECT id, profile_id, organization_id, capacities, activity FROM {table}
    WHERE kind = %(learner)s AND capacities && %(offer)s::integer[] AND {not_me}
    ORDER BY activity DESC, id DESC LIMIT %(window)s
), ranked AS (
    (SELECT sharer.id,
            coalesce(user_card.capacities, organization_card.capacities) && %(offer)s::integer[]
            IS TRUE AS mutual,
            {want_score} AS score, sharer.activity
     FROM sharers AS sharer
     LEFT JOIN {table} AS user_card
         ON user_card.profile_id = sharer.profile_id AND user_card.kind = %(learner)s
     LEFT JOIN {table} AS organization_card
         ON organization_card.organization_id = sharer.organization_id
        AND organization_card.kind = %(learner)s
     ORDER BY mutual DESC, score DESC, sharer.activity DESC, sharer.id DESC LIMIT %(limit)s)
    UNION ALL
    (SELECT learner.id,
            coalesce(user_card.capacities, organization_card.capacities) && %(want)s::integer[]
            IS TRUE AS mutual,
            {offer_score} AS score, learner.activity
     FROM learners AS learner
     LEFT JOIN {table} AS user_card
         ON user_card.profile_id = learner.profile_id AND user_card.kind = %(sharer)s
     LEFT JOIN {table} AS organization_card
         ON organization_card.organization_id = learner.organization_id
        AND organization_card.kind = %(sharer)s
     ORDER BY mutual DESC, score DESC, learner.activity DESC, learner.id DESC LIMIT %(limit)s)
)
SELECT card.*, ranked.mutual, ranked.score FROM ranked JOIN {table} AS card USING (id)
ORDER BY card.kind, ranked.mutual DESC, ranked.score DESC, card.activity DESC, card.id DESC
"""

# The party's own cards are never its matches (an organization's cards have no profile_id).
NOT_ME = "{column} IS DISTINCT FROM %(me)s"


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


def wanted_and_available(party, tree):
    """The party's Wanted and Available capacities, as the tree's nodes (two queries)."""
    return (tree.pick([c.pk for c in party.wanted.all()]),
            tree.pick([c.pk for c in party.available.all()]))


def matches_for(party, tree, limit=LIMIT, lists=None):
    """(who share what `party` wants, who want what it shares): two lists of at most `limit`
    cards of users and organizations alike, each card with .mutual and .overlap, the
    capacities the exchange is about: a sharer's capacities that `party` wants, and the
    capacities of `party` that a learner wants. `party` is a user's Profile or an
    Organization (both have the same capacity lists). One query, whatever the number of
    profiles; candidates are the WINDOW most recently active on each side. `lists`: its
    (wanted, available) when the caller has read them already (wanted_and_available)."""
    wanted, available = lists or wanted_and_available(party, tree)
    want_ids, offer_ids = wanted_reach(tree, wanted), offered_reach(available)
    if not want_ids and not offer_ids:
        return [], []
    is_organization = isinstance(party, Organization)
    query = MATCHES.format(
        table=Card._meta.db_table,
        not_me=NOT_ME.format(column="organization_id" if is_organization else "profile_id"),
        want_score=overlap_count(want_ids, "sharer"), offer_score=overlap_count(offer_ids, "learner"))
    cards = list(Card.objects.raw(query, {
        "sharer": Card.Kind.SHARER.value, "learner": Card.Kind.LEARNER.value,
        "want": want_ids, "offer": offer_ids, "limit": limit,
        "me": party.pk,
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
