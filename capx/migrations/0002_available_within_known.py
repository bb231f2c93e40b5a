"""Available ⊆ Known, for users' profiles and organizations alike, kept by the database.

The forms say it first, next to the field (capacities.forms.check_available_within_known,
used by the editors and the admin); this is the rule itself, for every other path too (a
command, an import, raw SQL). Constraint triggers checked at commit, so a save that changes
both lists in turn (Known first, then Available) is judged on the result, not half-way."""
from django.db import migrations

CHECK = """
CREATE OR REPLACE FUNCTION capx_available_within_known() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    party_column text := TG_ARGV[0];
    known_table text := TG_ARGV[1];
    available_table text := TG_ARGV[2];
    changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    outside boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT FROM %I WHERE %I = $1 AND capacity_id = $2)
                       AND NOT EXISTS (SELECT FROM %I WHERE %I = $1 AND capacity_id = $2)',
                   available_table, party_column, known_table, party_column)
        INTO outside USING (changed ->> party_column)::bigint, (changed ->> 'capacity_id')::bigint;
    IF outside THEN
        RAISE EXCEPTION 'Available capacities must be among the Known ones (% %, capacity %)',
            party_column, changed ->> party_column, changed ->> 'capacity_id'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
"""

PARTIES = [("profile_id", "profiles_profile_known", "profiles_profile_available"),
           ("organization_id", "organizations_organization_known",
            "organizations_organization_available")]


def install():
    sql = [CHECK]
    for party, known, available in PARTIES:
        arguments = f"'{party}', '{known}', '{available}'"
        sql.append(f"""
        CREATE CONSTRAINT TRIGGER capx_available_within_known AFTER INSERT OR UPDATE
            ON {available} DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION capx_available_within_known({arguments});
        CREATE CONSTRAINT TRIGGER capx_known_keeps_available AFTER DELETE OR UPDATE
            ON {known} DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION capx_available_within_known({arguments});
        """)
    return "".join(sql)


def uninstall():
    sql = []
    for _party, known, available in PARTIES:
        sql.append(f"DROP TRIGGER IF EXISTS capx_available_within_known ON {available};"
                   f"DROP TRIGGER IF EXISTS capx_known_keeps_available ON {known};")
    return "".join(sql) + "DROP FUNCTION IF EXISTS capx_available_within_known();"


class Migration(migrations.Migration):

    dependencies = [
        ("capx", "0001_data_versions"),
        ("profiles", "0009_profile_wikidata_username"),
        ("organizations", "0004_organization_profiles"),
    ]

    operations = [migrations.RunSQL(install(), uninstall())]
