"""Organizations get their cards from PostgreSQL the way users do (migration 0003).

- `explore_rebuild_organization_cards(organization ids)`: the cards of those organizations
  say what the organization, its capacity lists and territories say. An organization without
  an active manager (the guide: "no longer displayed"), or without capacities, has no card.
  Its search text is its names in every language, its local name, other names and acronym.
- Statement-level triggers on the organization, its capacity lists, territories and
  managers, and on users (a manager deactivated), call it for the organizations touched.
- A country moved to another region updates the territories of organization cards too.
"""
from django.db import migrations

REBUILD = """
CREATE OR REPLACE FUNCTION explore_rebuild_organization_cards(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    WITH wanted AS (
        SELECT list.kind, o.id AS organization_id, true AS public, list.capacities,
               explore_capacity_covers(list.capacities) AS covers,
               explore_territory_covers(ARRAY(
                   SELECT territory_id FROM organizations_organization_territories
                   WHERE organization_id = o.id ORDER BY 1)::integer[]) AS territories,
               '{}'::integer[] AS languages, '{}'::integer[] AS affiliations,
               capx_fold(concat_ws(' ', o.name_en, o.name_pt_br, o.name_ar, o.name,
                                   o.local_name, o.acronym,
                                   array_to_string(o.aliases, ' '))) AS search_text,
               o.updated_at AS activity
        FROM organizations_organization AS o
        CROSS JOIN LATERAL (VALUES
            ('sharer', ARRAY(SELECT capacity_id FROM organizations_organization_available
                             WHERE organization_id = o.id ORDER BY 1)::integer[]),
            ('learner', ARRAY(SELECT capacity_id FROM organizations_organization_wanted
                              WHERE organization_id = o.id ORDER BY 1)::integer[]),
            ('proficient', ARRAY(SELECT capacity_id FROM organizations_organization_known
                                 WHERE organization_id = o.id ORDER BY 1)::integer[])
        ) AS list (kind, capacities)
        WHERE o.id = ANY(ids) AND cardinality(list.capacities) > 0
          AND EXISTS (SELECT FROM organizations_organization_managers AS m
                      JOIN profiles_user AS u ON u.id = m.user_id
                      WHERE m.organization_id = o.id AND u.is_active)
    ), gone AS (
        DELETE FROM explore_card AS card WHERE card.organization_id = ANY(ids) AND NOT EXISTS (
            SELECT FROM wanted WHERE wanted.organization_id = card.organization_id
                                 AND wanted.kind = card.kind)
    )
    INSERT INTO explore_card AS card (kind, organization_id, public, capacities, covers,
                                      territories, languages, affiliations, search_text,
                                      activity)
    SELECT kind, organization_id, public, capacities, covers, territories, languages,
           affiliations, search_text, activity FROM wanted
    ON CONFLICT (organization_id, kind) DO UPDATE SET
        public = excluded.public, capacities = excluded.capacities, covers = excluded.covers,
        territories = excluded.territories, search_text = excluded.search_text,
        activity = excluded.activity
    WHERE (card.public, card.capacities, card.covers, card.territories, card.search_text,
           card.activity)
          IS DISTINCT FROM (excluded.public, excluded.capacities, excluded.covers,
                            excluded.territories, excluded.search_text, excluded.activity);
$$;
"""

FOLLOW = """
CREATE OR REPLACE FUNCTION explore_follow_organization_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM explore_rebuild_organization_cards(
            ARRAY(SELECT DISTINCT organization_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM explore_rebuild_organization_cards(
            ARRAY(SELECT DISTINCT organization_id FROM old_rows));
    ELSE
        PERFORM explore_rebuild_organization_cards(ARRAY(
            SELECT organization_id FROM new_rows UNION SELECT organization_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION explore_follow_organizations() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM explore_rebuild_organization_cards(ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM explore_rebuild_organization_cards(ARRAY(SELECT id FROM new_rows));
    END IF;  -- a deleted organization's cards go with it (ON DELETE CASCADE)
    RETURN NULL;
END $$;

-- A manager deactivated (or back): the organizations they manage may show or go.
CREATE OR REPLACE FUNCTION explore_follow_managers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM explore_rebuild_organization_cards(ARRAY(
        SELECT DISTINCT m.organization_id FROM new_rows AS n JOIN old_rows AS o USING (id)
        JOIN organizations_organization_managers AS m ON m.user_id = n.id
        WHERE n.is_active IS DISTINCT FROM o.is_active));
    RETURN NULL;
END $$;

-- As in 0003, and for organization cards too.
CREATE OR REPLACE FUNCTION explore_follow_territory_moves() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE moved integer[] := ARRAY(SELECT n.id FROM new_rows AS n JOIN old_rows AS o USING (id)
                                 WHERE n.region_id IS DISTINCT FROM o.region_id);
BEGIN
    IF cardinality(moved) > 0 THEN
        UPDATE explore_card AS card SET territories = explore_territory_covers(
            CASE WHEN card.organization_id IS NULL
                 THEN ARRAY(SELECT territory_id FROM profiles_profile_territories
                            WHERE profile_id = card.profile_id)::integer[]
                 ELSE ARRAY(SELECT territory_id FROM organizations_organization_territories
                            WHERE organization_id = card.organization_id)::integer[] END)
        WHERE territories && moved;
    END IF;
    RETURN NULL;
END $$;
"""

# Tables whose rows name an organization in organization_id.
ORGANIZATION_ROWS = ["organizations_organization_known", "organizations_organization_available",
                     "organizations_organization_wanted", "organizations_organization_territories",
                     "organizations_organization_managers"]


def triggers(table, function, events=("insert", "update", "delete")):
    name = f"explore_cards_{table}"
    transition = {"insert": "REFERENCING NEW TABLE AS new_rows",
                  "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
                  "delete": "REFERENCING OLD TABLE AS old_rows"}
    return "".join(f"""
    CREATE TRIGGER {name}_{event} AFTER {event.upper()} ON {table} {transition[event]}
        FOR EACH STATEMENT EXECUTE FUNCTION {function}();""" for event in events)


def drop_triggers(table, events=("insert", "update", "delete")):
    name = f"explore_cards_{table}"
    return "".join(f"DROP TRIGGER IF EXISTS {name}_{event} ON {table};" for event in events)


INSTALL = "".join([
    REBUILD, FOLLOW,
    *(triggers(table, "explore_follow_organization_rows") for table in ORGANIZATION_ROWS),
    triggers("organizations_organization", "explore_follow_organizations", ("insert", "update")),
    triggers("profiles_user", "explore_follow_managers", ("update",)).replace(
        "explore_cards_profiles_user_update", "explore_cards_profiles_user_managers"),
    "SELECT explore_rebuild_organization_cards(ARRAY(SELECT id FROM organizations_organization));",
])

UNINSTALL = "".join([
    *(drop_triggers(table) for table in ORGANIZATION_ROWS),
    drop_triggers("organizations_organization", ("insert", "update")),
    "DROP TRIGGER IF EXISTS explore_cards_profiles_user_managers ON profiles_user;",
    "DROP FUNCTION IF EXISTS explore_follow_organization_rows(), explore_follow_organizations(), "
    "explore_follow_managers(), explore_rebuild_organization_cards(bigint[]);",
    "DELETE FROM explore_card WHERE organization_id IS NOT NULL;",
])


class Migration(migrations.Migration):

    dependencies = [
        ("explore", "0009_organization_cards"),
        ("organizations", "0004_organization_profiles"),
    ]

    operations = [migrations.RunSQL(INSTALL, UNINSTALL)]
