"""Pieces rendered once from reference data (capx/fragments.py) are served from the cache
and never stale: any write to that data, by any path or process, gives them a new key."""
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.models import Organization
from profiles.models import Language, Territory


def queries_of(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url, **extra)
    return page.content.decode(), len(queries)


def someone_affiliated_with_wmb():
    """The feed's affiliation filter offers the organizations someone is affiliated with."""
    from tests.factories import ProfileFactory
    ana = ProfileFactory(username="Ana", known=["media"], available=["media"])
    ana.affiliations.add(Organization.objects.get(acronym="WMB"))


def test_the_feed_lists_are_rendered_once_then_read_from_the_cache(client):
    someone_affiliated_with_wmb()
    cache.clear()
    lists = ('FROM "profiles_territory"', 'FROM "profiles_language"', 'FROM "organizations_organization"')
    with CaptureQueriesContext(connection) as cold:
        first = client.get("/feed").content.decode()
    with CaptureQueriesContext(connection) as warm:
        again = client.get("/feed").content.decode()

    def reads(queries, table):  # the whole list: no join (a card's own territories have one)
        return any(table in q["sql"] and "JOIN" not in q["sql"] for q in queries.captured_queries)

    assert all(reads(cold, table) for table in lists)
    assert not any(reads(warm, table) for table in lists)
    assert first.count("<option") == again.count("<option") > 700  # territories, languages, WMB


def test_a_write_by_any_path_shows_at_once(client):
    someone_affiliated_with_wmb()
    queries_of(client, "/feed")
    with connection.cursor() as cursor:  # as another app process or a psql session would
        cursor.execute("UPDATE profiles_territory SET name_en = 'Brasil (renamed)' WHERE code = 'BR'")
    Language.objects.filter(code="pt-br").update(name="Portuguese of Brazil")
    Organization.objects.filter(acronym="WMB").update(name="Wikimedia Brasil UG")
    page, _ = queries_of(client, "/feed")
    assert ">Brasil (renamed)</option>" in page
    assert ">Portuguese of Brazil — português (Brasil)</option>" in page
    assert ">Wikimedia Brasil UG — Grupo de Usuários" in page


def test_each_language_has_its_own_rendering_and_the_chosen_are_marked(client):
    client.cookies["capx_language"] = "pt-br"
    page, _ = queries_of(client, "/feed", data={"territory": "brazil", "language": "en"})
    assert '<option value="brazil" selected>Brasil</option>' in page
    assert '<option value="en" selected>Inglês — English</option>' in page
    client.cookies["capx_language"] = "en"
    page, _ = queries_of(client, "/feed")
    assert '<option value="brazil">Brazil</option>' in page
    assert Territory.objects.get(code="BR").name_pt_br == "Brasil"


def test_the_directory_is_rendered_once_and_each_viewer_sees_their_own_lists(django_user_model):
    import re

    from django.test import Client

    from capacities.models import Capacity
    from tests.factories import ProfileFactory
    cache.clear()
    ana = ProfileFactory(username="Ana", known=["media"]).user
    ivo = ProfileFactory(username="Ivo", wanted=["survey"]).user
    pages = {}
    for who in (ana, ivo):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(who)
        pages[who.username] = page = browser.get("/capacity").content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        answer = browser.post("/capacity/budgeting/add", {"list": "wanted",
                                                          "csrfmiddlewaretoken": token})
        assert answer.status_code == 302  # the token the cached page carries is valid
    assert pages["Ana"].count("In your Known capacities") == 1
    assert pages["Ivo"].count("In your Wanted capacities") == 1
    assert "In your Known capacities" not in pages["Ivo"]
    Capacity.objects.filter(slug="media").update(name_en="Media and press")
    assert "Media and press" in Client().get("/capacity").content.decode()


def test_the_directory_costs_no_tree_query_once_rendered(client, django_assert_max_num_queries):
    client.get("/capacity")
    with django_assert_max_num_queries(1):  # the data versions
        client.get("/capacity")


def test_the_profile_editor_lists_are_rendered_once_and_mark_what_is_saved(signed_in, user):
    from tests.factories import ProfileFactory
    cache.clear()
    ProfileFactory(user=user, territories=["BR"])
    Organization.objects.get(acronym="WMB").affiliated_profiles.add(user.profile)
    first = signed_in.get("/profile/edit").content.decode()
    again = signed_in.get("/profile/edit").content.decode()
    brazil = Territory.objects.get(code="BR").pk
    wmb = Organization.objects.get(acronym="WMB").pk
    for page in (first, again):
        assert f'<option value="{brazil}" selected>Brazil</option>' in page
        assert f'<option value="{wmb}" selected data-aliases="Wikimedia Brasil; WMB">' in page
    Territory.objects.filter(code="BR").update(name_en="Brazil (renamed)")
    assert f'<option value="{brazil}" selected>Brazil (renamed)</option>' in \
        signed_in.get("/profile/edit").content.decode()
