"""The organizations that ship with CapX: the Wikimedia affiliates (chapters, user groups,
thematic organizations) and their types, from organizations/data/affiliates.json. That file
is the first CapX's fixture with each organization's type written as its code (the fixture
pointed at types by their position: 1 C, 2 U, 3 T, 4 G), a slug, and the types' names in the
UI languages. Loaded by a data migration; loading again changes nothing, and never undoes
what staff edited in the admin. Each loader takes the model classes to use (a migration
passes its historical ones) and sets only the fields below."""
import json
from pathlib import Path

from django.db.models import Q

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
                     type=types[item["type"]], **names_of(item, Organization))
        for item in data["organizations"] if item["slug"] not in existing
    )


def shipped_item(slug):
    """The organization of the data file with this slug."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return next(item for item in data["organizations"] if item["slug"] == slug)


def names_of(item, Organization):
    """The local name and other names, for a model that has them (the first migration's
    historical model does not)."""
    names = {"local_name": item.get("local_name", ""), "aliases": item.get("aliases", [])}
    fields = {field.name for field in Organization._meta.get_fields()}
    return {name: value for name, value in names.items() if name in fields}


# The names of the first release, as they were shipped: a row that still has one of them was
# not edited by staff, so the corrected name may replace it.
FIRST_NAMES = {
    "wikimedia-community-user-group-cote-divoire": "Wikimedia Community User Group Côte d\"Ivoire",
    "mediawiki-stakeholders-group": "MediaWiki Stakeholders\" Group",
    "wikiwomens-user-group": "WikiWomen\"s User Group",
    "wikiesfera-grupo-de-usuarixs": "Wikiesfera Grupo de Usuarixs",
    "grwp-defnyddwyr-cymuned-wicimedia-cymru": "Grŵp Defnyddwyr Cymuned Wicimedia Cymru",
    "wikimujeres-grupo-de-usuarias": "Wikimujeres Grupo de Usuarias",
    "grupo-de-usuarios-wiki-movimento-brasil": "Grupo de Usuários Wiki Movimento Brasil",
}


def correct_names(Organization):
    """The second release of the data: apostrophes put right, and English names (with the
    local ones and other names beside) for the affiliates first listed under a local name."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for item in data["organizations"]:
        if item["slug"] in FIRST_NAMES:
            # The first name, or the new one alone (a database made after this data file
            # changed got the new names by the first loader, without the local ones).
            unedited = Q(name=FIRST_NAMES[item["slug"]]) | Q(name=item["name"], local_name="")
            Organization.objects.filter(unedited, slug=item["slug"]) \
                .update(name=item["name"], **names_of(item, Organization))
