"""/organization/<slug>: an organization's profile, and "My profiles" for its managers."""
import re
from datetime import datetime, timedelta, timezone

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.models import DiffPost, Document, OrganizationType, Project
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory

COMMONS = "https://commons.wikimedia.org/wiki/File:"


@pytest.fixture
def manager():
    return UserFactory(username="Ana Manager")


@pytest.fixture
def brasil(manager):
    organization = OrganizationFactory(
        name="Wikimedia Brasil", slug="wikimedia-brasil", managers=[manager], acronym="WMB",
        type=OrganizationType.objects.get(code="C"), territories=["BR"],
        known=["communication", "media"], available=["media"], wanted=["budgeting"],
        logo=COMMONS + "Wikimedia_Brasil_logo.svg",
        report="https://meta.wikimedia.org/wiki/Wikimedia_Brasil/Reports",
        meta_page="https://meta.wikimedia.org/wiki/Wikimedia_Brasil",
        email="contato@wmnobrasil.org", website="https://wmnobrasil.org",
        diff_tags=["wikimedia-brasil"])
    Project.objects.create(organization=organization, name="Wiki Loves Monuments Brasil",
                           image=COMMONS + "WLM_Brasil.jpg", link="https://wlm.example.org", order=0)
    Project.objects.create(organization=organization, name="WikiLivros", order=1)
    Document.objects.create(organization=organization, url=COMMONS + "Annual_report_2024.pdf")
    return organization


def post(organization, days_ago, title):
    return DiffPost.objects.create(
        organization=organization, title=title, link=f"https://diff.wikimedia.org/{title}/",
        published=datetime(2026, 11, 1, tzinfo=timezone.utc) - timedelta(days=days_ago),
        excerpt=f"<p>About {title}.</p>")


def test_a_visitor_sees_the_whole_profile(client, brasil):
    post(brasil, 3, "older")
    post(brasil, 1, "newer")
    page = client.get("/organization/wikimedia-brasil")
    assert page.status_code == 200
    text = page.text
    assert '<h1 id="organization-name" dir="auto">Wikimedia Brasil</h1>' in text
    assert "WMB" in text and "Chapter" in text and "Brazil" in text
    assert ('src="https://commons.wikimedia.org/wiki/Special:FilePath/Wikimedia_Brasil_logo.svg'
            '?width=256"') in text
    assert 'href="https://meta.wikimedia.org/wiki/Wikimedia_Brasil/Reports">Report of activities</a>' in text
    for slug in ("communication", "media", "budgeting"):
        assert f'href="/capacity/{slug}"' in text
    known = text.split('id="organization-known-title"')[1].split("</section>")[0]
    available = text.split('id="organization-available-title"')[1].split("</section>")[0]
    assert "/capacity/communication" in known and "/capacity/communication" not in available
    # Main projects in their order, with their image and link.
    assert text.index("Wiki Loves Monuments Brasil") < text.index("WikiLivros")
    assert '<a href="https://wlm.example.org">Wiki Loves Monuments Brasil</a>' in text
    assert 'src="https://commons.wikimedia.org/wiki/Special:FilePath/WLM_Brasil.jpg?width=320"' in text
    # News, newest first, as stored (the page never calls Diff), without the excerpt's HTML.
    assert text.index("https://diff.wikimedia.org/newer/") < text.index("https://diff.wikimedia.org/older/")
    assert "About newer." in text and "<p>About newer.</p>" not in text
    # Documents, each with its button.
    assert "Annual report 2024.pdf" in text
    assert f'<a class="button" href="{COMMONS}Annual_report_2024.pdf">View document' in text
    # Contacts.
    assert '<a href="https://meta.wikimedia.org/wiki/Wikimedia_Brasil">Wikimedia Brasil</a>' in text
    assert 'href="mailto:contato@wmnobrasil.org"' in text and 'href="https://wmnobrasil.org"' in text
    assert "Edit organization profile" not in text


def test_news_shows_the_six_latest_posts(client, brasil):
    for day in range(8):
        post(brasil, day, f"post-{day}")
    text = client.get("/organization/wikimedia-brasil").text
    shown = re.findall(r'href="https://diff.wikimedia.org/(post-\d)/"', text)
    assert shown == [f"post-{day}" for day in range(6)]


def test_an_organization_without_an_active_manager_has_no_profile(client, staff):
    OrganizationFactory(name="Wikimedians of Nowhere", slug="nowhere")
    OrganizationFactory(name="Wikimedia Former", slug="former",
                        managers=[UserFactory(is_active=False)])
    for slug in ("nowhere", "former"):
        page = client.get(f"/organization/{slug}")
        assert page.status_code == 404
        assert f"No organization “{slug}” has a profile on CapX." in page.text
        assert staff.get(f"/organization/{slug}").status_code == 404
    assert client.get("/organization/atlantis").status_code == 404


def test_an_empty_profile_says_so_to_visitors_and_invites_its_managers(client, manager):
    OrganizationFactory(name="Wikimedia Quiet", slug="quiet", managers=[manager])
    assert "This organization has not filled in its profile yet." in client.get("/organization/quiet").text
    client.force_login(manager)
    page = client.get("/organization/quiet").text
    assert "has not filled in" not in page
    assert "No main projects yet" in page and "No contacts yet" in page


@pytest.mark.parametrize("who, sees_edit", [
    ("visitor", False), ("user", False), ("other manager", False), ("manager", True),
    ("staff", False),
])
def test_only_its_managers_see_edit_organization_profile(client, brasil, manager, staff,
                                                         who, sees_edit):
    other = UserFactory(username="Ivo Other")
    OrganizationFactory(name="Wikimedia France", managers=[other])
    viewer = {"visitor": client, "staff": staff}.get(who, client)
    if who in ("user", "other manager", "manager"):
        client.force_login({"user": UserFactory(username="Rui"), "other manager": other,
                            "manager": manager}[who])
    page = viewer.get("/organization/wikimedia-brasil").text
    assert ('href="/organization/wikimedia-brasil/edit"' in page) is sees_edit
    assert ("Edit organization profile" in page) is sees_edit


@pytest.mark.parametrize("size", [1, 4])
def test_a_profile_takes_the_same_queries_whatever_its_size(client, manager, size,
                                                            django_assert_max_num_queries):
    organization = OrganizationFactory(
        slug="sized", managers=[manager], territories=["BR", "PT", "latin-america-caribbean"][:size],
        known=["communication", "media", "survey", "budgeting"][:size],
        available=["communication", "media", "survey", "budgeting"][:size],
        wanted=["press-release", "budgeting"][:size])
    for number in range(size):
        Project.objects.create(organization=organization, name=f"Project {number}",
                               image=f"{COMMONS}Project_{number}.jpg", order=number)
        Document.objects.create(organization=organization, url=f"{COMMONS}Doc_{number}.pdf",
                                order=number)
        post(organization, number, f"post-{number}")
    # The data versions, the organization, its three capacity lists with their roots,
    # territories, projects, documents, news and featured events (with their capacities).
    with django_assert_max_num_queries(10):
        page = client.get("/organization/sized")
    assert page.text.count("View document") == size
    client.force_login(manager)
    # + the session, the user, what they manage, and the organization's matches (one query)
    with django_assert_max_num_queries(10 + 4):
        assert "Edit organization profile" in client.get("/organization/sized").text


def test_my_profiles_lists_the_organizations_a_user_manages(signed_in, user, brasil):
    OrganizationFactory(name="Wikimedia France", slug="wikimedians-of-paris", managers=[user])
    OrganizationFactory(name="Wikimedia Brasil", managers=[user], local_name="Wiki Movimento",
                        slug="wiki-movimento")
    OrganizationFactory(name="Not mine", slug="not-mine", managers=[UserFactory()])
    page = signed_in.get("/profile").text
    menu = page.split("<summary>My profiles</summary>")[1].split("</details>")[0]
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', menu)
    assert links == [("/profile", "User profile"),
                     ("/organization/wiki-movimento", "Wikimedia Brasil — Wiki Movimento"),
                     ("/organization/wikimedians-of-paris", "Wikimedia France")]
    here = signed_in.get("/organization/wikimedians-of-paris").text
    assert 'href="/organization/wikimedians-of-paris" dir="auto" aria-current="page">' in here


def test_a_user_who_manages_nothing_sees_only_their_profile(signed_in, brasil):
    page = signed_in.get("/profile").text
    menu = page.split("<summary>My profiles</summary>")[1].split("</details>")[0]
    assert re.findall(r'<a href="([^"]+)"', menu) == ["/profile"]


# What /home cost a signed-in user (a second visit) before "My profiles" listed their
# organizations; the menu may add one query, however many they manage.
HOME_QUERIES = 9


@pytest.mark.parametrize("managed", [0, 3])
def test_my_profiles_costs_the_home_page_one_query(signed_in, user, managed,
                                                   django_assert_max_num_queries):
    ProfileFactory(user=user, known=["media"], wanted=["budgeting"])
    for number in range(managed):
        OrganizationFactory(managers=[user])
    signed_in.get("/home")
    with CaptureQueriesContext(connection) as queries:
        page = signed_in.get("/home")
    assert page.text.count('href="/organization/') >= managed
    menu = [query for query in queries if "organizations_organization_managers" in query["sql"]]
    assert len(menu) == 1
    with django_assert_max_num_queries(HOME_QUERIES + 1):
        signed_in.get("/home")


def test_a_logo_shows_as_a_file_or_as_the_organization_placeholder(client, manager):
    original = "https://upload.wikimedia.org/wikipedia/commons/a/ab/Logo_WMB.png"
    OrganizationFactory(slug="with-original", managers=[manager], logo=original)
    OrganizationFactory(slug="without-logo", managers=[manager])
    assert f'src="{original}"' in client.get("/organization/with-original").text
    page = client.get("/organization/without-logo").text
    assert 'src="/static/img/organization-placeholder.svg"' in page


def test_the_profile_shows_stored_news_without_asking_diff(client, brasil, httpserver, settings):
    """Diff is read by manage.py fetch_diff_news only: a page view never calls it."""
    settings.DIFF_API_URL = httpserver.url_for("/wp-json/wp/v2")
    post(brasil, 1, "Stored post")
    page = client.get(f"/organization/{brasil.slug}").content.decode()
    assert "Stored post" in page
    assert httpserver.log == []  # the stand-in for Diff got no request at all
