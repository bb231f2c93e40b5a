from django.db import migrations

LC_TEAM = "LC team"  # letsconnect_receiver.access.LC_TEAM: frozen here, as a migration must be


def add_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=LC_TEAM)


class Migration(migrations.Migration):
    """The group whose members, and only they, see Let's Connect's data in the admin; staff
    add people to it there."""

    dependencies = [("letsconnect", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(add_group, migrations.RunPython.noop)]
