from django.db import migrations

from organizations.shipped import load_affiliates, names_of, shipped_item


def load(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    load_affiliates(apps.get_model("organizations", "OrganizationType"), Organization)
    # A database made after the data file changed got it from the first loader, whose model
    # had no other names yet.
    Organization.objects.filter(slug="lets-connect", aliases=[]).update(
        **names_of(shipped_item("lets-connect"), Organization))


class Migration(migrations.Migration):
    """Let's Connect (LETS), the Wikimedia peer-learning programme, as an affiliation, with
    its type "Programme" (organizations/data/affiliates.json)."""

    dependencies = [("organizations", "0006_verbose_names")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
