"""Organizations are the second kind of party in the exchange: the feed, its filters, the
keyword search, saved profiles, matches and the capacity counts serve them through the same
cards as users, kept by the database on every path that changes an organization."""
from django.db import connection

from explore.models import Card, SavedProfile
from tests.explore.seen import cards, counts, feed, matches, people
from tests.explore.test_feed import FEED_QUERIES
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory


def brasil(**changes):
    manager = UserFactory(username="Manager of Brasil")
    return OrganizationFactory(**{
        "name": "Wikimedia Brasil", "acronym": "WMB", "managers": [manager],
        "known": ["media", "survey"], "available": ["media"], "wanted": ["budgeting"],
        "territories": ["BR"], **changes})


def test_an_organization_with_a_manager_has_its_cards_in_the_feed(client, django_assert_max_num_queries):
    organization = brasil(logo="https://commons.wikimedia.org/wiki/File:WMB_logo.svg")
    ProfileFactory(username="Ana", known=["media"], available=["media"])
    OrganizationFactory(name="No manager yet", known=["media"], available=["media"])
    client.get("/feed")  # the filter panel's lists, rendered once for this data
    with django_assert_max_num_queries(FEED_QUERIES + 2):  # + the organizations, their territories
        page = client.get("/feed")
    html = page.content.decode()
    assert set(feed(client)) == {("Wikimedia Brasil", "sharer"), ("Wikimedia Brasil", "learner"),
                                 ("Ana", "sharer")}
    # its Commons file page shown as the file itself
    assert "wiki/Special:FilePath/WMB_logo.svg?width=128" in html
    assert "Sharer · Organization" in html
    assert f'href="{organization.get_absolute_url()}"' in html


def test_the_cards_follow_managers_coming_and_going():
    organization = brasil()
    manager = organization.managers.get()
    assert Card.objects.filter(organization=organization).count() == 3  # sharer, learner, proficient
    manager.is_active = False
    manager.save()
    assert not Card.objects.filter(organization=organization).exists()
    manager.is_active = True
    manager.save()
    assert Card.objects.filter(organization=organization).count() == 3
    organization.managers.remove(manager)
    assert not Card.objects.filter(organization=organization).exists()
    organization.managers.add(UserFactory(username="New manager"))
    assert Card.objects.filter(organization=organization).count() == 3
    organization.managers.clear()
    assert not Card.objects.filter(organization=organization).exists()


def test_the_cards_follow_the_capacities_names_and_territories(client):
    organization = brasil()
    organization.available.set([])
    assert set(feed(client)) == {("Wikimedia Brasil", "learner")}
    organization.wanted.set([])
    assert feed(client) == []
    organization.available.add(*organization.known.all())
    assert people(client, capacity="communication") == {"Wikimedia Brasil"}  # media is inside
    assert people(client, territory="latin-america-caribbean") == {"Wikimedia Brasil"}
    organization.territories.set([])
    assert people(client, territory="latin-america-caribbean") == set()
    organization.name_pt_br = "Wikimédia Brasil"
    organization.name_en = "Wikimedia Brazil"
    organization.save()
    assert people(client, q="wikimedia brazil") == {"Wikimedia Brazil"}
    assert people(client, q="wikimedia brasil") == {"Wikimedia Brazil"}  # the Portuguese name
    assert people(client, q="WMB") == {"Wikimedia Brazil"}  # the acronym
    with connection.cursor() as cursor:  # a path no Python code knows of
        cursor.execute("UPDATE organizations_organization SET acronym = 'WBR' WHERE id = %s",
                       [organization.pk])
    assert people(client, q="WBR") == {"Wikimedia Brazil"}
    organization.delete()
    assert feed(client) == []


def test_the_type_of_profile_filter(client):
    brasil()
    ProfileFactory(username="Ana", known=["media"], available=["media"])
    assert people(client, party="organization") == {"Wikimedia Brasil"}
    assert people(client, party="user") == {"Ana"}
    assert people(client, party=["user", "organization"]) == {"Ana", "Wikimedia Brasil"}
    page = client.get("/feed", {"party": "organization"}).content.decode()
    assert "Type of profile:" in page and "Organization profiles" in page
    assert 'name="party" value="organization" checked' in page


def test_an_organization_is_saved_and_unsaved_like_a_user(signed_in, user):
    organization = brasil()
    url = f"/feed/saved/organization/{organization.pk}"
    assert signed_in.post(url, {"saved": "1", "next": "/feed"})["Location"] == "/feed"
    assert SavedProfile.objects.get(owner=user).organization == organization
    feed_page = signed_in.get("/feed").content.decode()
    assert feed_page.count('aria-pressed="true"') == 2  # both of its shown cards
    assert f'data-save-profile="organization-{organization.pk}"' in feed_page
    saved = signed_in.get("/feed/saved").content.decode()
    assert "Wikimedia Brasil" in saved and f'action="{url}"' in saved
    assert f'href="{organization.get_absolute_url()}"' in saved and "View profile" in saved
    organization.managers.clear()  # no longer displayed: gone from the list too
    assert "Wikimedia Brasil" not in signed_in.get("/feed/saved").text
    assert signed_in.post(url, {"saved": "1"}).status_code == 404
    organization.managers.add(UserFactory(username="Back"))
    signed_in.post(url, {"saved": "0"})
    assert not SavedProfile.objects.exists()


def test_matches_go_both_ways_between_users_and_organizations(signed_in, user):
    brasil()  # shares Media, wants Budgeting
    ProfileFactory(user=user, known=["budgeting"], available=["budgeting"], wanted=["communication"])
    sharers, learners = matches(signed_in)
    assert sharers == ["Wikimedia Brasil"] and learners == ["Wikimedia Brasil"]
    assert "You both can help each other" in signed_in.get("/home").text


def test_an_organizations_own_matches_leave_it_out():
    from capacities.tree import load_tree
    from explore.matches import matches_for
    organization = brasil(known=["budgeting", "media"], available=["budgeting", "media"],
                          wanted=["media"])
    ProfileFactory(username="Ana", known=["media"], available=["media"], wanted=["budgeting"])
    sharers, learners = matches_for(organization, load_tree())
    assert [card.profile.user.username for card in sharers] == ["Ana"]
    assert [card.profile.user.username for card in learners] == ["Ana"]
    assert sharers[0].mutual


def test_the_capacity_counts_count_organizations(client):
    brasil()
    ProfileFactory(username="Ana", known=["media"], available=["media"])
    assert counts(client, "media")[1] == 2  # (know, share, want)


def test_the_admin_paths_keep_the_cards(client, staff):
    """Staff add and remove managers, change capacities and delete an organization in the
    admin: the feed follows each save."""
    from capacities.models import Capacity
    from tests.admin_form import change_in_admin, delete_in_admin
    organization = brasil()
    manager = organization.managers.get()
    survey = Capacity.objects.get(slug="survey")
    answer = change_in_admin(staff, organization, available=[survey.pk],
                             known=[survey.pk], wanted=[])
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert set(feed(client)) == {("Wikimedia Brasil", "sharer")}
    assert people(client, capacity="survey") == {"Wikimedia Brasil"}
    change_in_admin(staff, organization, managers=[])
    assert feed(client) == []
    change_in_admin(staff, organization, managers=[manager.pk])
    assert set(feed(client)) == {("Wikimedia Brasil", "sharer")}
    delete_in_admin(staff, organization)
    assert feed(client) == [] and not Card.objects.exists()


def test_its_managers_see_the_organizations_matches_on_its_profile(client, user):
    organization = brasil()  # shares Media, wants Budgeting
    ProfileFactory(username="Ana", known=["budgeting"], available=["budgeting"], wanted=["media"])
    client.force_login(organization.managers.get())
    page = client.get(organization.get_absolute_url()).content.decode()
    assert "Your organization&#x27;s matches" in page or "Your organization's matches" in page
    sharers, _, learners = page.partition('id="matches-learners-title"')
    assert [name for name, _kind in cards(sharers)] == ["Ana"]  # shares what it wants
    assert [name for name, _kind in cards(learners)] == ["Ana"]  # wants what it shares
    assert f'href="/organization/{organization.slug}/edit"' in page
    client.force_login(user)  # someone else: no matches block
    assert "matches-title" not in client.get(organization.get_absolute_url()).content.decode()
