"""The reference data of profiles that the migrations load: territories, languages,
Wikimedia projects and avatars."""
import importlib
import json
from pathlib import Path

from django.utils import translation

from profiles.models import Avatar, Language, Territory, WikimediaProject
from profiles.shipped import load_reference_data

DATA = Path(__file__).resolve().parents[2] / "profiles" / "data"
STATIC = Path(__file__).resolve().parents[2] / "static"
COMMONS_PHOTO = "https://commons.wikimedia.org/wiki/Special:FilePath/Example.jpg"

REGIONS = [
    "Sub-Saharan Africa", "South Asia", "Central & Eastern Europe & Central Asia",
    "Latin America & Caribbean", "Middle East & North Africa",
    "East, Southeast Asia, & Pacific", "Northern & Western Europe", "North America",
]


def country(code):
    return Territory.objects.select_related("region").get(code=code)


def test_the_eight_wikimedia_regions_are_there_and_come_first():
    regions = Territory.objects.filter(kind="region")
    assert sorted(regions.values_list("name", flat=True)) == sorted(REGIONS)
    assert all(region.region_id is None and region.code == "" for region in regions)
    assert list(Territory.objects.all()[:8]) == list(regions.order_by("name"))


def test_every_country_sits_in_one_region():
    countries = Territory.objects.filter(kind="country")
    assert countries.count() >= 249
    assert not countries.filter(region=None).exists()
    assert not countries.filter(code="").exists()
    assert set(countries.values_list("region__kind", flat=True)) == {"region"}
    # Continents and other CLDR groupings are not countries.
    assert not Territory.objects.filter(code__in=["EU", "UN", "QO", "XA", "ZZ"]).exists()


def test_countries_follow_the_foundations_regions():
    expected = {
        "BR": "Latin America & Caribbean", "AR": "Latin America & Caribbean",
        "MX": "Latin America & Caribbean", "PT": "Northern & Western Europe",
        "EG": "Middle East & North Africa", "RU": "Central & Eastern Europe & Central Asia",
        "AU": "East, Southeast Asia, & Pacific", "CA": "North America", "US": "North America",
        "IN": "South Asia", "NG": "Sub-Saharan Africa",
    }
    assert {code: country(code).region.name for code in expected} == expected


def test_a_region_covers_itself_and_its_countries_and_a_country_only_itself():
    latin_america = Territory.objects.get(slug="latin-america-caribbean")
    covered = set(latin_america.covered().values_list("slug", flat=True))
    assert {"latin-america-caribbean", "brazil", "argentina"} <= covered
    assert "portugal" not in covered
    assert list(country("BR").covered()) == [country("BR")]


def test_territory_names_are_translated():
    with translation.override("pt-br"):
        assert country("BR").name == "Brasil"
        assert Territory.objects.get(slug="north-america").name == "América do Norte"
    with translation.override("ar"):
        assert country("BR").name == "البرازيل"
        assert Territory.objects.get(slug="south-asia").name == "جنوب آسيا"
    assert country("BR").name == "Brazil"


def test_languages_cover_every_wikipedia_with_names_and_autonyms():
    assert Language.objects.count() >= 300
    assert not Language.objects.filter(name="").exists()
    assert not Language.objects.filter(autonym="").exists()
    assert not Language.objects.filter(code="simple").exists()
    pt_br = Language.objects.get(code="pt-br")
    assert (pt_br.name, pt_br.autonym) == ("Brazilian Portuguese", "português (Brasil)")
    assert Language.objects.get(code="ar").autonym == "العربية"
    assert Language.objects.get(code="zh-yue").name == "Cantonese"
    for code in ["en", "pt", "es", "fr", "de", "ja", "sw", "yo", "hi", "id", "be-tarask"]:
        assert Language.objects.filter(code=code).exists(), code


def test_languages_are_listed_by_english_name():
    names = list(Language.objects.values_list("name", flat=True)[:3])
    assert names == sorted(names) and names[0].startswith("A")


def test_wikimedia_projects_include_the_sister_projects():
    codes = set(WikimediaProject.objects.values_list("code", flat=True))
    assert {"wiki", "commonswiki", "wikidatawiki", "wikinewswiki", "wikiversitywiki",
            "wikivoyagewiki", "metawiki", "wikifunctionswiki"} <= codes
    assert WikimediaProject.objects.first().name == "Wikipedia"


def test_the_21_avatars_are_files_of_capx_in_order():
    shipped = json.loads((DATA / "avatars.json").read_text(encoding="utf-8"))
    assert len(shipped) == 21
    assert list(Avatar.objects.values_list("file", "image_url")) == [(name, "") for name in shipped]
    for name in shipped:
        svg = STATIC / "img" / "avatars" / name
        # Small, and self-contained: nothing fetched from another host.
        assert svg.stat().st_size < 2048, name
        assert "href" not in svg.read_text(encoding="utf-8"), name
    assert Avatar.objects.get(order=4).url == "/static/img/avatars/avatar-05.svg"


def test_loading_again_changes_nothing_and_keeps_staff_edits():
    Territory.objects.filter(code="BR").update(name_en="Brazil (edited)")
    counts = [model.objects.count() for model in (Territory, Language, WikimediaProject, Avatar)]
    load_reference_data(Territory, Language, WikimediaProject, Avatar)
    assert [model.objects.count() for model in (Territory, Language, WikimediaProject, Avatar)] == counts
    assert country("BR").name_en == "Brazil (edited)"


def test_a_deleted_entry_comes_back_when_loading_again():
    Language.objects.filter(code="yo").delete()
    load_reference_data(Territory, Language, WikimediaProject, Avatar)
    assert Language.objects.get(code="yo").autonym == "Èdè Yorùbá"


def test_an_install_with_the_commons_avatars_moves_them_to_the_files_in_place():
    """What migration 0008 does to a database made before it: each shipped Commons avatar
    becomes the file in its place (profiles keep theirs), one staff added stays on Commons."""
    from django.apps import apps

    from tests.factories import ProfileFactory
    move = importlib.import_module("profiles.migrations.0008_avatars_become_shipped_files")
    Avatar.objects.all().delete()
    old = [Avatar.objects.create(image_url=url, order=n) for n, url in enumerate(move.COMMONS_URLS)]
    staff_added = Avatar.objects.create(image_url=COMMONS_PHOTO, order=30)
    ana = ProfileFactory(username="Ana Lima", avatar=old[4])

    move.to_files(apps, None)
    assert list(Avatar.objects.values_list("pk", "file", "image_url")) == [
        (avatar.pk, f"avatar-{n:02}.svg", "") for n, avatar in enumerate(old, 1)
    ] + [(staff_added.pk, "", COMMONS_PHOTO)]
    ana.refresh_from_db()
    assert ana.avatar.url == "/static/img/avatars/avatar-05.svg"

    move.to_commons(apps, None)  # and back, when the migration is reversed
    assert list(Avatar.objects.values_list("image_url", flat=True)) == move.COMMONS_URLS + [COMMONS_PHOTO]
