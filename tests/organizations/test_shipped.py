"""The Wikimedia affiliates ship as the organizations one can be affiliated with."""
from django.utils import translation

from organizations.models import Organization, OrganizationType
from organizations.shipped import load_affiliates


def test_the_186_affiliates_are_there_in_their_four_types():
    assert Organization.objects.count() == 186
    assert set(OrganizationType.objects.values_list("code", "name_en")) == {
        ("C", "Chapter"), ("U", "Wikimedia user group"),
        ("T", "Thematic organization"), ("G", "Gathering group"),
    }
    assert not Organization.objects.filter(type=None).exists()
    counts = {t.code: t.organizations.count() for t in OrganizationType.objects.all()}
    assert counts == {"C": 38, "U": 146, "T": 2, "G": 0}


def test_each_affiliate_has_the_type_the_fixture_gave_it():
    def kind(name):
        return Organization.objects.get(name=name).type.code

    assert kind("Wikimedia Argentina") == "C"
    assert kind("Amical Wikimedia") == "T"
    assert kind("Wiki Project Med") == "T"
    assert kind("Wikimedia Community User Group Zambia") == "U"
    assert Organization.objects.get(slug="wikimedia-argentina").acronym == "AR"


def test_type_names_are_translated():
    chapter = OrganizationType.objects.get(code="C")
    with translation.override("pt-br"):
        assert chapter.name == "Capítulo"
    with translation.override("ar"):
        assert chapter.name == "فرع"


def test_loading_again_changes_nothing_and_keeps_staff_edits():
    Organization.objects.filter(slug="wikimedia-argentina").update(acronym="WMAR")
    load_affiliates(OrganizationType, Organization)
    assert Organization.objects.count() == 186 and OrganizationType.objects.count() == 4
    assert Organization.objects.get(slug="wikimedia-argentina").acronym == "WMAR"
