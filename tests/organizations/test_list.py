"""/organizations: the organizations with a profile, searched and filtered through the URL."""
import re

import pytest

from organizations.models import OrganizationType
from tests.factories import OrganizationFactory, UserFactory


@pytest.fixture
def manager():
    return UserFactory(username="Ana Manager")


def names_on(page):
    return re.findall(r'class="organization-card__name"><a href="/organization/[^"]+" dir="auto">([^<]+)</a>',
                      page.content.decode())


def test_only_organizations_with_an_active_manager_are_listed(client, manager):
    OrganizationFactory(name="Wikimedia Brasil", managers=[manager], territories=["BR"],
                        type=OrganizationType.objects.get(code="C"), acronym="WMB",
                        logo="https://commons.wikimedia.org/wiki/File:Wikimedia_Brasil_logo.svg")
    OrganizationFactory(name="Wikimedians of Nowhere")  # no manager: no profile yet
    OrganizationFactory(name="Wikimedia Former", managers=[UserFactory(is_active=False)])
    page = client.get("/organizations")
    assert page.status_code == 200
    assert names_on(page) == ["Wikimedia Brasil"]
    assert "1 organization" in page.text and "Chapter" in page.text and "Brazil" in page.text
    assert 'href="/organization/' in page.text and "(WMB)" in page.text
    # The logo's File: page is a web page: the list shows the file itself, as a thumbnail.
    assert ('src="https://commons.wikimedia.org/wiki/Special:FilePath/Wikimedia_Brasil_logo.svg'
            '?width=128"') in page.text
    assert 'href="/organizations" aria-current="page">Organizations</a>' in page.text  # the menu


@pytest.mark.parametrize("query", ["wikimedia brasil", "WIKIMÉDIA BRÁSIL", "Brasil", "Movimento",
                                   "Pará", "para", "WMB", "wmb", "Wikimedia Brasileira"])
def test_the_search_finds_names_in_every_language_aliases_and_acronyms(client, manager, query):
    brasil = OrganizationFactory(name="Wikimedia Brasil", managers=[manager], acronym="WMB",
                                 local_name="Wiki Movimento Brasil", aliases=["Wikimedia Pará"])
    brasil.name_pt_br = "Wikimedia Brasileira"
    brasil.save()
    OrganizationFactory(name="Wikimedia France", managers=[manager], acronym="WMFR")
    page = client.get("/organizations", {"q": query})
    assert names_on(page) == ["Wikimedia Brasil — Wiki Movimento Brasil"]
    assert f'value="{query}"' in page.text  # the search box keeps it


def test_every_word_of_the_search_must_match(client, manager):
    OrganizationFactory(name="Wikimedia Brasil", managers=[manager])
    OrganizationFactory(name="Wikimedia France", managers=[manager])
    assert names_on(client.get("/organizations", {"q": "wikimedia"})) == ["Wikimedia Brasil",
                                                                            "Wikimedia France"]
    assert names_on(client.get("/organizations", {"q": "france wikimedia"})) == ["Wikimedia France"]
    page = client.get("/organizations", {"q": "Atlantis"})
    assert names_on(page) == [] and "No organization matches this search." in page.text


def test_filter_by_type(client, manager):
    OrganizationFactory(name="Wikimedia Brasil", managers=[manager],
                        type=OrganizationType.objects.get(code="C"))
    OrganizationFactory(name="Wiki Project Med", managers=[manager],
                        type=OrganizationType.objects.get(code="T"))
    page = client.get("/organizations", {"type": "T"})
    assert names_on(page) == ["Wiki Project Med"]
    assert '<option value="T" selected>' in page.text


def test_a_region_finds_the_organizations_of_its_countries(client, manager):
    OrganizationFactory(name="Wikimedia Brasil", managers=[manager], territories=["BR"])
    OrganizationFactory(name="Wikimedia Argentina", managers=[manager], territories=["AR"])
    OrganizationFactory(name="Latin American Wikimedians", managers=[manager],
                        territories=["latin-america-caribbean"])
    OrganizationFactory(name="Wikimedia Portugal", managers=[manager], territories=["PT"])
    region = client.get("/organizations", {"territory": "latin-america-caribbean"})
    assert names_on(region) == ["Latin American Wikimedians", "Wikimedia Argentina",
                                "Wikimedia Brasil"]
    assert '<option value="latin-america-caribbean" selected>' in region.text
    assert names_on(client.get("/organizations", {"territory": "brazil"})) == ["Wikimedia Brasil"]


def test_filters_and_search_combine(client, manager):
    OrganizationFactory(name="Wikimedia Brasil", managers=[manager], territories=["BR"],
                        type=OrganizationType.objects.get(code="C"))
    OrganizationFactory(name="Wiki Movimento Brasil", managers=[manager], territories=["BR"],
                        type=OrganizationType.objects.get(code="U"))
    OrganizationFactory(name="Wikimedia Portugal", managers=[manager], territories=["PT"],
                        type=OrganizationType.objects.get(code="C"))
    page = client.get("/organizations", {"q": "wiki", "type": "C", "territory": "brazil"})
    assert names_on(page) == ["Wikimedia Brasil"]


def test_an_unknown_filter_value_is_said_next_to_its_field_and_the_others_still_apply(client, manager):
    OrganizationFactory(name="Wikimedia Brasil", managers=[manager], territories=["BR"])
    OrganizationFactory(name="Wikimedia France", managers=[manager], territories=["FR"])
    page = client.get("/organizations", {"q": "brasil", "territory": "atlantis"})
    assert page.status_code == 200
    assert names_on(page) == ["Wikimedia Brasil"]
    assert 'id="id_territory_error"' in page.text
    assert "There is no such territory: choose one from the list." in page.text
    assert 'aria-describedby="id_territory_helptext id_territory_error"' in page.text


def test_pages_keep_the_search_and_filters(client, manager):
    for number in range(26):
        OrganizationFactory(name=f"Wikimedia Group {number:02}", managers=[manager],
                            territories=["BR"])
    OrganizationFactory(name="Wikimedia Portugal", managers=[manager], territories=["PT"])
    first = client.get("/organizations", {"q": "group", "territory": "brazil"})
    assert "26 organizations" in first.text and "Page 1 of 2" in first.text
    assert len(names_on(first)) == 24
    next_url = re.search(r'rel="next" href="([^"]+)"', first.text)[1].replace("&amp;", "&")
    assert next_url == "/organizations?q=group&territory=brazil&page=2"
    second = client.get(next_url)
    assert names_on(second) == ["Wikimedia Group 24", "Wikimedia Group 25"]
    assert 'rel="prev" href="/organizations?q=group&amp;territory=brazil"' in second.text


def test_names_are_sorted_in_the_reader_s_language(client, manager):
    zebra = OrganizationFactory(name="Zebra Wikimedians", managers=[manager])
    zebra.name_pt_br = "Associação Wikimedia"
    zebra.save()
    OrganizationFactory(name="Beta Wikimedians", managers=[manager])
    assert names_on(client.get("/organizations")) == ["Beta Wikimedians", "Zebra Wikimedians"]
    client.cookies["capx_language"] = "pt-br"
    assert names_on(client.get("/organizations")) == ["Associação Wikimedia", "Beta Wikimedians"]


@pytest.mark.parametrize("size", [2, 30])
def test_the_list_takes_the_same_queries_whatever_its_size(client, manager, size,
                                                           django_assert_max_num_queries):
    for number in range(size):
        OrganizationFactory(managers=[manager], territories=["BR", "PT"])
    client.get("/organizations")  # the territory options are rendered once, then cached
    # The request's transaction (2), the type and the territory asked for, the type list, the
    # version of the cached territory list, then the count, the page and its territories.
    with django_assert_max_num_queries(9):
        page = client.get("/organizations", {"q": "wikimedia", "type": "U", "territory": "brazil"})
    assert len(names_on(page)) == min(size, 24)


def test_signed_in_the_list_costs_the_session_user_and_menu_more(signed_in, manager,
                                                                  django_assert_max_num_queries):
    OrganizationFactory(managers=[manager])
    signed_in.get("/organizations")
    with django_assert_max_num_queries(7 + 3):
        assert signed_in.get("/organizations").status_code == 200
