"""The organizations that ship with CapX: the Wikimedia affiliates (chapters, user groups,
thematic organizations) and their types, from organizations/data/affiliates.json. That file
is the first CapX's fixture with each organization's type written as its code (the fixture
pointed at types by their position: 1 C, 2 U, 3 T, 4 G), a slug, and the types' names in the
UI languages. Loaded by a data migration; loading again changes nothing, and never undoes
what staff edited in the admin. Each loader takes the model classes to use (a migration
passes its historical ones) and sets only the fields below."""
import json
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "affiliates.json"
UI_LANGUAGES = ("en", "pt-br", "ar")


def load_affiliates(OrganizationType, Organization):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    types = {}
    for item in data["types"]:
        names = {f"name_{lang.replace('-', '_')}": item["name"][lang] for lang in UI_LANGUAGES}
        types[item["code"]], _created = OrganizationType.objects.get_or_create(
            code=item["code"], defaults={"name": item["name"]["en"], **names},
        )
    existing = set(Organization.objects.values_list("slug", flat=True))
    Organization.objects.bulk_create(
        Organization(slug=item["slug"], name=item["name"], acronym=item["acronym"],
                     type=types[item["type"]])
        for item in data["organizations"] if item["slug"] not in existing
    )
