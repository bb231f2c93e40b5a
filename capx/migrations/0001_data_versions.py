"""The data versions (capx.models.DataVersion) and the triggers that raise them: one
statement-level trigger per table and event, so any write (admin, command, migration, raw
SQL) moves the version of what it changed."""
from django.db import migrations, models

TOPICS = {
    "capacities": "capacities_capacity",
    "territories": "profiles_territory",
    "languages": "profiles_language",
    "organizations": "organizations_organization",
}

# Versions come from one sequence, so they never repeat, even after the table is emptied
# (a test flush, a restore): a cached piece of an earlier database is never taken for new.
BUMP = """
CREATE SEQUENCE IF NOT EXISTS capx_data_version_seq;
CREATE OR REPLACE FUNCTION capx_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO capx_dataversion (topic, version)
    VALUES (TG_ARGV[0], nextval('capx_data_version_seq'))
    ON CONFLICT (topic) DO UPDATE SET version = excluded.version;
    RETURN NULL;
END $$;
"""


def install():
    sql = [BUMP]
    for topic, table in TOPICS.items():
        sql.append(f"INSERT INTO capx_dataversion (topic, version) "
                   f"VALUES ('{topic}', nextval('capx_data_version_seq')) ON CONFLICT DO NOTHING;")
        sql.append(f"CREATE TRIGGER capx_version_{table} AFTER INSERT OR UPDATE OR DELETE "
                   f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
                   f"EXECUTE FUNCTION capx_bump_data_version('{topic}');")
    return "\n".join(sql)


def uninstall():
    sql = [f"DROP TRIGGER IF EXISTS capx_version_{table} ON {table};" for table in TOPICS.values()]
    return "\n".join(sql + ["DROP FUNCTION IF EXISTS capx_bump_data_version();",
                            "DROP SEQUENCE IF EXISTS capx_data_version_seq;"])


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("capacities", "0002_load_shipped_tree"),
        ("profiles", "0003_load_shipped_reference_data"),
        ("organizations", "0003_local_names_and_aliases"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("topic", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunSQL(install(), uninstall()),
    ]
