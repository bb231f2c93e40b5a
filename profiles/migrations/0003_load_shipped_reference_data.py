from django.db import migrations

from profiles.shipped import load_languages, load_territories, load_wikimedia_projects


def load(apps, schema_editor):
    load_territories(apps.get_model("profiles", "Territory"))
    load_languages(apps.get_model("profiles", "Language"))
    load_wikimedia_projects(apps.get_model("profiles", "WikimediaProject"))
    # The avatars were files on Commons here; they became files of CapX in 0007, and 0008
    # loads them (this model has no field for them yet).


class Migration(migrations.Migration):
    dependencies = [("profiles", "0002_territory_language_project_avatar")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
