from django.db import migrations

from profiles.shipped import load_badges


def load(apps, schema_editor):
    load_badges(apps.get_model("profiles", "Badge"))


class Migration(migrations.Migration):
    dependencies = [("profiles", "0004_profile_and_badges")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
