from django.db import migrations

from profiles.shipped import load_badges


def load(apps, schema_editor):
    load_badges(apps.get_model("profiles", "Badge"))  # adds the badges not there yet


class Migration(migrations.Migration):
    """The "Where Paths Cross (Let's Connect)" badge (profiles/data/badges.json)."""

    dependencies = [("profiles", "0010_inactive_users")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
