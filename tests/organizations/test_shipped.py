"""The Wikimedia affiliates ship as the organizations one can be affiliated with."""
from django.utils import translation

from organizations.models import Organization, OrganizationType
from organizations.shipped import load_affiliates


def test_the_186_affiliates_and_lets_connect_are_there_in_their_five_types():
    assert Organization.objects.count() == 187
    assert set(OrganizationType.objects.values_list("code", "name_en")) == {
        ("C", "Chapter"), ("U", "Wikimedia user group"),
        ("T", "Thematic organization"), ("G", "Gathering group"), ("P", "Programme"),
    }
    assert not Organization.objects.filter(type=None).exists()
    counts = {t.code: t.organizations.count() for t in OrganizationType.objects.all()}
    assert counts == {"C": 38, "U": 146, "T": 2, "G": 0, "P": 1}
    lets_connect = Organization.objects.get(acronym="LETS")
    assert (lets_connect.name, lets_connect.aliases) == ("Let's Connect", ["Let's Connect (LETS)"])


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
    assert Organization.objects.count() == 187 and OrganizationType.objects.count() == 5
    assert Organization.objects.get(slug="wikimedia-argentina").acronym == "WMAR"


def test_names_have_their_apostrophes_and_local_names_their_english_one():
    names = set(Organization.objects.values_list("name", flat=True))
    assert {"Wikimedia Community User Group Côte d'Ivoire", "MediaWiki Stakeholders' Group",
            "WikiWomen's User Group"} <= names
    assert not any('"' in name for name in names)
    wmb = Organization.objects.get(acronym="WMB")
    assert (wmb.name, wmb.local_name) == ("Wiki Movimento Brasil User Group",
                                          "Grupo de Usuários Wiki Movimento Brasil")
    assert wmb.aliases == ["Wikimedia Brasil", "WMB"]


def test_the_feed_shows_the_english_name_with_the_local_one_and_knows_the_other_names(client):
    from tests.factories import ProfileFactory
    ana = ProfileFactory(username="Ana", known=["media"], available=["media"])
    ana.affiliations.add(Organization.objects.get(acronym="WMB"))  # the filter offers it
    page = client.get("/feed").content.decode()
    assert ('data-aliases="Wikimedia Brasil; WMB">Wiki Movimento Brasil User Group — '
            'Grupo de Usuários Wiki Movimento Brasil (WMB)</option>') in page


def test_a_profile_names_its_affiliation_the_same_way(client):
    from tests.factories import ProfileFactory
    ana = ProfileFactory(username="Ana")
    ana.affiliations.add(Organization.objects.get(acronym="WMB"))
    page = client.get("/profile/Ana").content.decode()
    assert "Wiki Movimento Brasil User Group — Grupo de Usuários Wiki Movimento Brasil" in page


def test_correcting_the_names_leaves_a_name_staff_changed(django_user_model):
    from organizations.shipped import correct_names
    Organization.objects.filter(acronym="WMB").update(name="Grupo de Usuários Wiki Movimento Brasil",
                                                      local_name="")
    Organization.objects.filter(acronym="WKW").update(name="Women of Wikimedia")
    correct_names(Organization)
    assert Organization.objects.get(acronym="WMB").local_name == "Grupo de Usuários Wiki Movimento Brasil"
    assert Organization.objects.get(acronym="WKW").name == "Women of Wikimedia"
