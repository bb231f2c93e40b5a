"""The reference data of user profiles that ships with CapX (profiles/data/): territories
(the Wikimedia Foundation's eight regions and every country in one of them), languages,
Wikimedia projects and avatars. Loaded by data migrations so a fresh install has them all
with no network; loading again changes nothing, and never undoes what staff edited in the
admin. Each loader takes the model class to use (a migration passes its historical one) and
sets only the fields below, so the migrations keep working as the models grow.

territories.json and languages.json are written by data/build.py (names from CLDR through
Babel); wikimedia-projects.json comes from the first CapX's fixtures, with Wikinews added and
the projects' logos on Commons; avatars.json names CapX's own avatars in static/img/avatars/
(the first CapX's were on Commons, which a machine without internet cannot show)."""
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
UI_LANGUAGES = ("en", "pt-br", "ar")


def read(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def translated(field, names):
    """{"name": English, "name_en": ..., "name_pt_br": ..., "name_ar": ...}: the
    modeltranslation columns of one field, from {"en": ..., "pt-br": ..., "ar": ...}."""
    values = {f"{field}_{lang.replace('-', '_')}": names.get(lang, "") for lang in UI_LANGUAGES}
    values[field] = names["en"]
    return values


def load_territories(Territory):
    data = read("territories.json")
    regions = {}
    for region in data["regions"]:
        regions[region["slug"]], _created = Territory.objects.get_or_create(
            slug=region["slug"],
            defaults={"kind": "region", "code": "", **translated("name", region["name"])},
        )
    for country in data["countries"]:
        Territory.objects.get_or_create(
            slug=country["slug"],
            defaults={"kind": "country", "code": country["code"],
                      "region": regions[country["region"]],
                      **translated("name", country["name"])},
        )


def load_languages(Language):
    existing = set(Language.objects.values_list("code", flat=True))
    Language.objects.bulk_create(
        Language(code=item["code"], name=item["name"], autonym=item["autonym"])
        for item in read("languages.json") if item["code"] not in existing
    )


def load_wikimedia_projects(WikimediaProject):
    for position, project in enumerate(read("wikimedia-projects.json")):
        WikimediaProject.objects.get_or_create(
            code=project["code"],
            defaults={"name": project["name"], "image_url": project.get("image_url", ""),
                      "order": position},
        )


def load_avatars(Avatar):
    """Needs the `file` field (migration 0007): 0003 leaves the avatars to 0008."""
    for position, name in enumerate(read("avatars.json")):
        Avatar.objects.get_or_create(file=name, defaults={"order": position})


def load_reference_data(Territory, Language, WikimediaProject, Avatar):
    load_territories(Territory)
    load_languages(Language)
    load_wikimedia_projects(WikimediaProject)
    load_avatars(Avatar)


def load_badges(Badge):
    for position, badge in enumerate(read("badges.json")):
        Badge.objects.get_or_create(slug=badge["slug"], defaults={
            "rule": badge["rule"], "image": badge["image"], "order": position,
            **translated("name", badge["name"]),
            **translated("description", badge["description"]),
        })
