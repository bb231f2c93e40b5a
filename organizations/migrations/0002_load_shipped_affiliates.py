from django.db import migrations

from organizations.shipped import load_affiliates


def load(apps, schema_editor):
    load_affiliates(
        apps.get_model("organizations", "OrganizationType"),
        apps.get_model("organizations", "Organization"),
    )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
