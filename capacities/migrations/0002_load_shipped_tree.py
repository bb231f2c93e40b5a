from django.db import migrations

from capacities.shipped import load_shipped_tree


def load(apps, schema_editor):
    load_shipped_tree(apps.get_model("capacities", "Capacity"))


class Migration(migrations.Migration):
    dependencies = [("capacities", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
