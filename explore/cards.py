"""How the Explore cards stay true: PostgreSQL keeps them, not the code that writes profiles.

(Organizations have cards the same way, from their capacity lists, territories and managers:
migration explore 0010; `rebuild_organizations` below.)

Cards are a copy of profile data, made for the feed's speed (explore/models.py). A copy that
each write path has to remember to refresh goes stale the day a path forgets: the admin, a
command, `queryset.update()`, a cascade on delete. So the copy is made where every write has
to pass: statement-level triggers on the tables a card is made from (the profile, its user,
its capacity lists, territories, affiliations and language rows) rebuild the cards of the
profiles each statement touched, in the same transaction (migration explore 0003). A new
way of writing profiles needs nothing to keep Explore right.

Cards also store the hierarchies, so that a filter on a root capacity or a region stays one
index key: the capacities containing theirs (covers) and the regions of their countries.
Moving a capacity to another parent, or a country to another region, updates those arrays on
just the cards holding it, in one UPDATE inside the same statement (about 3 s for a capacity
86% of 200,000 cards hold, 0.8 s for a country 18,000 hold). Capacity names are not copied:
a word of the search finds capacities by name through the tree in memory, so a rename
(sync_capacities renames 142 at once) changes no card.

`rebuild` is the same database function, for `manage.py refresh_cards` (a repair tool after
restoring a backup made without triggers, say): nothing else needs to call it.
"""
from django.db import connection


def rebuild(profile_ids):
    """Rebuilds the cards of these profiles from their data (a deleted one's cards go)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT explore_rebuild_cards(%s::bigint[])", [list(profile_ids)])


def rebuild_organizations(organization_ids):
    """The same for organizations (no active manager: no cards)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT explore_rebuild_organization_cards(%s::bigint[])",
                       [list(organization_ids)])
