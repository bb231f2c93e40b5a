"""The Explore cards are kept right by PostgreSQL itself (see explore/cards.py for why).

- `capx_fold(text)`: lower case without accents or other combining marks, the same folding
  as capacities.tree.fold in Python (the marks are generated from Python's unicodedata).
- `explore_rebuild_cards(profile ids)`: makes the cards of those profiles say what the
  profile, its user, its capacity lists, territories, languages and affiliations say. An
  inactive user's profile, or a profile without capacities, has no card.
- Statement-level triggers on every table a card is made from call it for the profiles a
  statement touched, whatever wrote it: a form, the admin, a command, raw SQL, a cascade.
- Cards keep the hierarchies materialized (Card.covers: their capacities and every one
  containing them; Card.territories: with the regions of their countries), so that a filter
  on a root or a region stays one index key. Moving a capacity to another parent, or a
  country to another region, updates just those arrays on the cards concerned, in one
  UPDATE, in the same statement.
- Capacity names are no longer copied into the cards' search text (a rename would touch
  every card holding the capacity): the keyword search finds capacities by name through the
  tree in memory. The search text is the folded username and bio.
"""
import sys
import unicodedata

from django.db import migrations


def combining_marks_class():
    """A regular-expression bracket of every code point Python gives a combining class."""
    ranges, start, previous = [], None, None
    for code in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(code)):
            if start is None:
                start = code
            elif code != previous + 1:
                ranges.append((start, previous))
                start = code
            previous = code
    ranges.append((start, previous))

    def escape(code):
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    return "[" + "".join(escape(a) if a == b else f"{escape(a)}-{escape(b)}"
                         for a, b in ranges) + "]"


FOLD = f"""
CREATE OR REPLACE FUNCTION capx_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(regexp_replace(normalize(coalesce(value, ''), NFKD),
                                '{combining_marks_class()}', '', 'g'))
$$;
"""

HIERARCHIES = """
-- A capacity's ancestors come from the parent links alone (three levels at most).
CREATE OR REPLACE FUNCTION explore_capacity_covers(ids integer[]) RETURNS integer[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(DISTINCT id ORDER BY id), '{}') FROM (
        SELECT unnest(ARRAY[c.id, c.parent_id, p.parent_id])::integer AS id
        FROM capacities_capacity AS c LEFT JOIN capacities_capacity AS p ON p.id = c.parent_id
        WHERE c.id = ANY(ids)) AS lineage
    WHERE id IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION explore_territory_covers(ids integer[]) RETURNS integer[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(DISTINCT id ORDER BY id), '{}') FROM (
        SELECT unnest(ARRAY[t.id, t.region_id])::integer AS id
        FROM profiles_territory AS t WHERE t.id = ANY(ids)) AS places
    WHERE id IS NOT NULL
$$;
"""

# Cards are upserted, not deleted and inserted again: a card whose data did not change is
# not written at all (no dead rows for VACUUM, stable ids), and the kinds a profile no
# longer has are deleted. The DELETE and the INSERT touch different rows of one snapshot.
REBUILD = """
CREATE OR REPLACE FUNCTION explore_rebuild_cards(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    WITH wanted AS (
        SELECT list.kind, p.id AS profile_id, p.visibility = 'public' AS public,
               list.capacities, explore_capacity_covers(list.capacities) AS covers,
               explore_territory_covers(facts.territories) AS territories, facts.languages,
               facts.affiliations, capx_fold(u.username || ' ' || p.bio) AS search_text,
               p.updated_at AS activity
        FROM profiles_profile AS p
        JOIN profiles_user AS u ON u.id = p.user_id
        CROSS JOIN LATERAL (SELECT
            ARRAY(SELECT territory_id FROM profiles_profile_territories
                  WHERE profile_id = p.id ORDER BY 1)::integer[] AS territories,
            ARRAY(SELECT language_id FROM profiles_profilelanguage
                  WHERE profile_id = p.id ORDER BY "order", id)::integer[] AS languages,
            ARRAY(SELECT organization_id FROM profiles_profile_affiliations
                  WHERE profile_id = p.id ORDER BY 1)::integer[] AS affiliations
        ) AS facts
        CROSS JOIN LATERAL (VALUES
            ('sharer', ARRAY(SELECT capacity_id FROM profiles_profile_available
                             WHERE profile_id = p.id ORDER BY 1)::integer[]),
            ('learner', ARRAY(SELECT capacity_id FROM profiles_profile_wanted
                              WHERE profile_id = p.id ORDER BY 1)::integer[]),
            ('proficient', ARRAY(SELECT capacity_id FROM profiles_profile_known
                                 WHERE profile_id = p.id ORDER BY 1)::integer[])
        ) AS list (kind, capacities)
        WHERE p.id = ANY(ids) AND u.is_active AND cardinality(list.capacities) > 0
    ), gone AS (
        DELETE FROM explore_card AS card WHERE card.profile_id = ANY(ids) AND NOT EXISTS (
            SELECT FROM wanted WHERE wanted.profile_id = card.profile_id
                                 AND wanted.kind = card.kind)
    )
    INSERT INTO explore_card AS card (kind, profile_id, public, capacities, covers,
                                      territories, languages, affiliations, search_text,
                                      activity)
    SELECT kind, profile_id, public, capacities, covers, territories, languages,
           affiliations, search_text, activity FROM wanted
    ON CONFLICT (profile_id, kind) DO UPDATE SET
        public = excluded.public, capacities = excluded.capacities, covers = excluded.covers,
        territories = excluded.territories, languages = excluded.languages,
        affiliations = excluded.affiliations, search_text = excluded.search_text,
        activity = excluded.activity
    WHERE (card.public, card.capacities, card.covers, card.territories, card.languages,
           card.affiliations, card.search_text, card.activity)
          IS DISTINCT FROM (excluded.public, excluded.capacities, excluded.covers,
                            excluded.territories, excluded.languages, excluded.affiliations,
                            excluded.search_text, excluded.activity);
$$;
"""

# One trigger function per way a table names its profile. PL/pgSQL plans each branch when
# it runs, so a branch may name a transition table that only the other triggers have.
FOLLOW = """
CREATE OR REPLACE FUNCTION explore_follow_profile_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM explore_rebuild_cards(ARRAY(SELECT DISTINCT profile_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM explore_rebuild_cards(ARRAY(SELECT DISTINCT profile_id FROM old_rows));
    ELSE
        PERFORM explore_rebuild_cards(ARRAY(SELECT profile_id FROM new_rows
                                            UNION SELECT profile_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION explore_follow_profiles() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM explore_rebuild_cards(ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM explore_rebuild_cards(ARRAY(SELECT id FROM old_rows));
    ELSE  -- only what a card shows or sorts by (the version counter changes on every save)
        PERFORM explore_rebuild_cards(ARRAY(
            SELECT n.id FROM new_rows AS n JOIN old_rows AS o USING (id)
            WHERE (n.user_id, n.visibility, n.bio, n.updated_at)
                  IS DISTINCT FROM (o.user_id, o.visibility, o.bio, o.updated_at)));
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION explore_follow_users() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM explore_rebuild_cards(ARRAY(
        SELECT p.id FROM new_rows AS n JOIN old_rows AS o USING (id)
        JOIN profiles_profile AS p ON p.user_id = n.id
        WHERE n.username IS DISTINCT FROM o.username
           OR n.is_active IS DISTINCT FROM o.is_active));
    RETURN NULL;
END $$;
"""

# Reference data that cards materialize: only the arrays it feeds are updated, on the cards
# that hold what moved (found through the same GIN indexes as the feed's filters).
FOLLOW_REFERENCE = """
CREATE OR REPLACE FUNCTION explore_follow_capacity_moves() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    moved integer[] := ARRAY(SELECT n.id FROM new_rows AS n JOIN old_rows AS o USING (id)
                             WHERE n.parent_id IS DISTINCT FROM o.parent_id);
    lineage integer[];  -- lineage[id][1:3]: the capacity, its parent, its grandparent
    node record;
BEGIN
    IF cardinality(moved) = 0 THEN
        RETURN NULL;
    END IF;
    -- The whole tree in one array first: looking each capacity up again for every card is
    -- most of the cost of a move that tens of thousands of cards hold.
    lineage := array_fill(NULL::integer, ARRAY[(SELECT max(id) FROM capacities_capacity)::integer, 3]);
    FOR node IN SELECT c.id, c.parent_id, p.parent_id AS grandparent
                FROM capacities_capacity AS c
                LEFT JOIN capacities_capacity AS p ON p.id = c.parent_id LOOP
        lineage[node.id][1] := node.id;
        lineage[node.id][2] := node.parent_id;
        lineage[node.id][3] := node.grandparent;
    END LOOP;
    -- A moved capacity is in the covers of every card holding it or anything inside it.
    UPDATE explore_card SET covers = ARRAY(
        SELECT DISTINCT up FROM unnest(capacities) AS held, unnest(lineage[held:held][1:3]) AS up
        WHERE up IS NOT NULL ORDER BY 1)
    WHERE covers && moved;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION explore_follow_territory_moves() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE moved integer[] := ARRAY(SELECT n.id FROM new_rows AS n JOIN old_rows AS o USING (id)
                                 WHERE n.region_id IS DISTINCT FROM o.region_id);
BEGIN
    IF cardinality(moved) > 0 THEN
        UPDATE explore_card AS card SET territories = explore_territory_covers(ARRAY(
            SELECT territory_id FROM profiles_profile_territories
            WHERE profile_id = card.profile_id)::integer[])
        WHERE territories && moved;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER explore_cards_capacities_capacity_update AFTER UPDATE
    ON capacities_capacity REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION explore_follow_capacity_moves();
CREATE TRIGGER explore_cards_profiles_territory_update AFTER UPDATE
    ON profiles_territory REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION explore_follow_territory_moves();
"""

# Tables whose rows name a profile in profile_id: the capacity lists, territories,
# affiliations and languages of a profile.
PROFILE_ROWS = ["profiles_profile_known", "profiles_profile_available",
                "profiles_profile_wanted", "profiles_profile_territories",
                "profiles_profile_affiliations", "profiles_profilelanguage"]


def triggers(table, function):
    name = f"explore_cards_{table}"
    return f"""
    CREATE TRIGGER {name}_insert AFTER INSERT ON {table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
    CREATE TRIGGER {name}_update AFTER UPDATE ON {table}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION {function}();
    CREATE TRIGGER {name}_delete AFTER DELETE ON {table}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
    """


def drop_triggers(table):
    name = f"explore_cards_{table}"
    return "".join(f"DROP TRIGGER IF EXISTS {name}_{event} ON {table};"
                   for event in ("insert", "update", "delete"))


INSTALL = "".join([
    FOLD, HIERARCHIES, REBUILD, FOLLOW, FOLLOW_REFERENCE,
    *(triggers(table, "explore_follow_profile_rows") for table in PROFILE_ROWS),
    triggers("profiles_profile", "explore_follow_profiles"),
    f"""
    CREATE TRIGGER explore_cards_profiles_user_update AFTER UPDATE
        ON profiles_user REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION explore_follow_users();
    """,
    "SELECT explore_rebuild_cards(ARRAY(SELECT id FROM profiles_profile));",
])

UNINSTALL = "".join([
    *(drop_triggers(table) for table in PROFILE_ROWS + ["profiles_profile"]),
    "DROP TRIGGER IF EXISTS explore_cards_profiles_user_update ON profiles_user;",
    "DROP TRIGGER IF EXISTS explore_cards_capacities_capacity_update ON capacities_capacity;",
    "DROP TRIGGER IF EXISTS explore_cards_profiles_territory_update ON profiles_territory;",
    "DROP FUNCTION IF EXISTS explore_follow_users(), explore_follow_profiles(), "
    "explore_follow_profile_rows(), explore_follow_capacity_moves(), "
    "explore_follow_territory_moves(), explore_rebuild_cards(bigint[]), "
    "explore_capacity_covers(integer[]), explore_territory_covers(integer[]), "
    "capx_fold(text);",
])


class Migration(migrations.Migration):

    dependencies = [
        ('explore', '0002_feed_performance'),
        ('organizations', '0002_load_shipped_affiliates'),
    ]

    operations = [
        # The rebuild at the end of INSTALL also drops capacity names from the search text.
        migrations.RunSQL(INSTALL, UNINSTALL),
    ]
