from django.db import migrations

from profiles.shipped import load_reference_data


def load(apps, schema_editor):
    load_reference_data(
        apps.get_model("profiles", "Territory"),
        apps.get_model("profiles", "Language"),
        apps.get_model("profiles", "WikimediaProject"),
        apps.get_model("profiles", "Avatar"),
    )


class Migration(migrations.Migration):
    dependencies = [("profiles", "0002_territory_language_project_avatar")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
