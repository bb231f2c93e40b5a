"""The Explore feed's filters, through HTTP, on the shipped tree and reference data."""
import re

import pytest

from explore.models import Card
from organizations.models import Organization
from profiles.models import Profile
from tests.explore.seen import cards
from tests.factories import ProfileFactory

FEED_QUERIES = 12


def names(page):
    """The cards on the page as it shows them, in order: [("Ana", "sharer"), ...]."""
    assert page.status_code == 200
    return cards(page.content.decode())


def people(page):
    return {name for name, _kind in names(page)}


@pytest.fixture
def community():
    return {
        "ana": ProfileFactory(username="Ana", territories=["BR"], languages={"pt-br": 6},
                              known=["press-release"], available=["press-release"]),
        "ivo": ProfileFactory(username="Ivo", territories=["PT"], languages={"pt": 6, "en": 4},
                              known=["budgeting"], available=["budgeting"], wanted=["media"]),
        "lia": ProfileFactory(username="Lia", territories=["AR"], languages={"es": 6},
                              wanted=["communication"]),
        "noa": ProfileFactory(username="Noa", territories=["latin-america-caribbean"],
                              known=["survey"], available=["survey"]),
        "quiet": ProfileFactory(username="Quiet", territories=["BR"]),  # no capacities
    }


def test_every_profile_with_capacities_has_its_cards_newest_first(client, community, django_assert_max_num_queries):
    with django_assert_max_num_queries(FEED_QUERIES):
        page = client.get("/feed")
    assert names(page) == [("Noa", "sharer"), ("Lia", "learner"), ("Ivo", "learner"),
                           ("Ivo", "sharer"), ("Ana", "sharer")]


def test_a_profile_with_no_capacities_has_no_card(client, community):
    assert "Quiet" not in people(client.get("/feed"))
    assert not Card.objects.filter(profile=community["quiet"]).exists()


def test_a_capacity_also_finds_what_is_inside_it(client, community):
    assert people(client.get("/feed", {"capacity": "communication"})) == {"Ana", "Ivo", "Lia"}
    assert people(client.get("/feed", {"capacity": "press-release"})) == {"Ana"}


def test_several_capacities_match_profiles_with_at_least_one(client, community):
    assert people(client.get("/feed", {"capacity": ["press-release", "survey"]})) == {"Ana", "Noa"}


def test_a_region_matches_itself_and_its_countries(client, community):
    page = client.get("/feed", {"territory": "latin-america-caribbean"})
    assert people(page) == {"Ana", "Lia", "Noa"}


def test_a_country_matches_only_that_country(client, community):
    assert people(client.get("/feed", {"territory": "brazil"})) == {"Ana"}
    assert "Lia" not in people(client.get("/feed", {"territory": "brazil"}))  # Argentina


def test_exchange_with_learners_or_sharers(client, community):
    assert set(names(client.get("/feed", {"exchange": "learner"}))) == {("Ivo", "learner"), ("Lia", "learner")}
    sharers = client.get("/feed", {"exchange": "sharer"})
    assert {kind for _name, kind in names(sharers)} == {"sharer"}
    both = client.get("/feed", {"exchange": ["sharer", "learner"]})
    assert len(names(both)) == 5


def test_proficient_adds_the_profiles_that_know_a_capacity(client, community):
    page = client.get("/feed", {"capacity": "budgeting", "proficient": "on"})
    assert set(names(page)) == {("Ivo", "sharer"), ("Ivo", "proficient")}


def test_languages_and_affiliation(client, community):
    assert people(client.get("/feed", {"language": "pt"})) == {"Ivo"}
    assert people(client.get("/feed", {"language": ["pt-br", "es"]})) == {"Ana", "Lia"}
    from organizations.models import Organization
    org = Organization.objects.first()
    community["lia"].affiliations.add(org)
    assert people(client.get("/feed", {"affiliation": org.slug})) == {"Lia"}


def test_keyword_search_over_names_bios_and_capacity_names(client, community):
    community["noa"].bio = "Organizo maratonas de edição em São Paulo"
    community["noa"].save()
    assert people(client.get("/feed", {"q": "ana"})) == {"Ana"}
    assert people(client.get("/feed", {"q": "EDICAO paulo"})) == {"Noa"}
    assert people(client.get("/feed", {"q": "press rel"})) == {"Ana"}


def test_keyword_search_in_another_language(client, community):
    from capacities.models import Capacity
    Capacity.objects.filter(slug="budgeting").update(name_pt_br="Orçamento")
    client.cookies["capx_language"] = "pt-br"
    assert people(client.get("/feed", {"q": "orcamento"})) == {"Ivo"}
    assert people(client.get("/feed", {"q": "budgeting"})) == {"Ivo"}


def test_filters_combine(client, community):
    page = client.get("/feed", {"capacity": "communication", "territory": "latin-america-caribbean",
                                "exchange": "sharer"})
    assert names(page) == [("Ana", "sharer")]


@pytest.mark.parametrize("query", [
    {"capacity": "no-such-capacity"},
    {"territory": "atlantis", "language": "xx-yy"},
    {"affiliation": "' OR 1=1 --"},
    {"page": "99999999999999999999"},
    {"page": "-3"},
    {"q": "' OR 1=1; DROP TABLE explore_card; -- & | ! :* <script>"},
    {"exchange": "everyone"},
    {"capacity": "x" * 5000},
])
def test_malformed_filters_give_a_normal_page_with_a_message(client, community, query):
    before = sorted(Card.objects.values_list("profile_id", "kind", "capacities"))
    page = client.get("/feed", query)
    assert page.status_code == 200
    assert sorted(Card.objects.values_list("profile_id", "kind", "capacities")) == before
    if "page" not in query and "q" not in query:
        assert "were not recognized and were left out" in page.text


def test_signed_in_only_profiles_are_left_out_for_visitors(client, community, user):
    profile = community["ana"]
    profile.visibility = Profile.Visibility.SIGNED_IN
    profile.save()
    assert "Ana" not in people(client.get("/feed"))
    client.force_login(user)
    assert "Ana" in people(client.get("/feed"))


def test_the_query_count_does_not_grow_with_the_page(client, django_assert_max_num_queries):
    for number in range(30):
        ProfileFactory(username=f"Person {number}", known=["media"], available=["media"],
                       wanted=["survey"], languages={"en": 3, "es": 2}, territories=["BR", "AR"])
    with django_assert_max_num_queries(FEED_QUERIES):
        assert len(names(client.get("/feed"))) == 20
    with django_assert_max_num_queries(FEED_QUERIES):
        assert len(names(client.get("/feed", {"page": 3}))) == 20


def test_saving_a_profile_through_the_edit_page_updates_its_cards(signed_in, user):
    from tests.profiles.edit_form import form_data
    profile = ProfileFactory(user=user)
    signed_in.post("/profile/edit", form_data(profile, known=["media"], available=["media"]))
    assert set(Card.objects.filter(profile=profile).values_list("kind", flat=True)) == {"sharer", "proficient"}
    assert "Maria Silva" in people(signed_in.get("/feed"))


def test_the_affiliation_filter_offers_the_organizations_someone_is_affiliated_with(client):
    """Not the thousands nobody in Explore is affiliated with; it follows the cards."""
    brasil, other = Organization.objects.order_by("pk")[:2]
    ana = ProfileFactory(username="Ana", known=["media"], available=["media"])

    def offered():
        page = client.get("/feed").content.decode()
        select = page.split('id="feed-affiliation"')[1].split("</select>")[0]
        return re.findall(r'<option value="([^"]+)"', select)

    assert offered() == []
    ana.affiliations.add(brasil)
    assert offered() == [brasil.slug]
    ana.available.clear()
    ana.known.clear()  # no capacities: no cards, so nobody to find
    assert offered() == []
    assert other.slug not in offered()
