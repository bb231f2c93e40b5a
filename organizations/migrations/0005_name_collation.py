"""A collation for sorting names as people read them (accents and case do not put "Évora"
after "Zürich"): ICU's root collation where PostgreSQL has ICU, else the plain one."""
from django.db import migrations

CREATE = """
DO $$
BEGIN
    CREATE COLLATION IF NOT EXISTS capx_names (provider = icu, locale = 'und');
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    CREATE COLLATION IF NOT EXISTS capx_names FROM "C";
END $$;
"""


class Migration(migrations.Migration):

    dependencies = [("organizations", "0004_organization_profiles")]

    operations = [migrations.RunSQL(CREATE, "DROP COLLATION IF EXISTS capx_names;")]
