"""The 21 shipped avatars were files on Wikimedia Commons, which a machine without internet
cannot show (21 broken images in the avatar dialog): they become CapX's own files in
static/img/avatars/. A shipped row moves in place, so every profile keeps its avatar; an
avatar staff added on Commons stays as it is. A fresh database (0003 loaded no avatars)
gets them from profiles/data/avatars.json."""
from django.db import migrations

from profiles.shipped import load_avatars

COMMONS = "https://commons.wikimedia.org/wiki/Special:Redirect/file/"
# What 0003 loaded before (the old avatars.json), in order, and the file each one becomes.
COMMONS_URLS = [COMMONS + "Wikidata.svg"] + [f"{COMMONS}CapX_-_Avatar_-_{n}.svg" for n in range(1, 21)]
FILES = [f"avatar-{n:02}.svg" for n in range(1, 22)]


def to_files(apps, schema_editor):
    Avatar = apps.get_model("profiles", "Avatar")
    for url, name in zip(COMMONS_URLS, FILES):
        Avatar.objects.filter(image_url=url).update(file=name, image_url="")
    load_avatars(Avatar)


def to_commons(apps, schema_editor):
    Avatar = apps.get_model("profiles", "Avatar")
    for url, name in zip(COMMONS_URLS, FILES):
        Avatar.objects.filter(file=name).update(file="", image_url=url)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0007_avatar_shipped_file")]
    operations = [migrations.RunPython(to_files, to_commons)]
