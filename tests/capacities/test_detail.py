from capacities.models import Capacity
from profiles.models import Profile
from tests.admin_form import change_in_admin


def test_a_capacity_page_shows_its_path_children_and_explore_link(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the data versions, the tree (when this process
        # has not built it for this version yet), its counts (kept with the cards)
        page = client.get("/capacity/event")
    assert page.status_code == 200
    assert '<a href="/capacity/programmatic-skills"><bdi>Programmatic Skills</bdi></a>' in page.text
    assert '<a href="/capacity/edit-a-thons"><bdi>Edit-a-thons</bdi></a>' in page.text
    assert "Explore capacity" in page.text


def test_an_unknown_capacity_is_a_404(client):
    assert client.get("/capacity/no-such-thing").status_code == 404


def test_theme_css_gives_each_root_its_colour_and_icon(client):
    css = client.get("/capacity/theme.css")
    assert css["Content-Type"].startswith("text/css")
    assert ".theme-communication{--capacity-color:#BE0078;" in css.text
    assert "img/capacities/communication.svg" in css.text
    assert css.text.count(".theme-") == 7


def test_the_page_counts_who_knows_shares_and_wants_it(client):
    from tests.factories import ProfileFactory
    ProfileFactory(known=["media"], available=["media"])
    ProfileFactory(known=["media"], wanted=["survey"])
    ProfileFactory(wanted=["media"])
    page = client.get("/capacity/media").text
    assert "2 Wikimedians know it" in page and "1 shares it" in page and "1 wants to learn it" in page


def test_signed_in_wikimedians_add_a_capacity_to_known_or_wanted(signed_in, user):
    page = signed_in.post("/capacity/media/add", {"list": "known", "next": "/capacity?info=media"},
                          follow=True)
    assert "Media was added to your Known capacities." in page.text
    assert "In your Known capacities" in page.text
    signed_in.post("/capacity/media/add", {"list": "wanted"})
    profile = user.profile
    assert list(profile.known.values_list("slug", flat=True)) == ["media"]
    assert list(profile.wanted.values_list("slug", flat=True)) == ["media"]
    assert profile.version == 2  # an edit form opened before is now stale
    assert not profile.available.exists()


def test_adding_to_available_or_anything_else_is_refused(signed_in, user):
    assert signed_in.post("/capacity/media/add", {"list": "available"}).status_code == 400
    assert signed_in.post("/capacity/no-such/add", {"list": "known"}).status_code == 404
    assert not Profile.objects.filter(user=user, available__isnull=False).exists()


def test_adding_needs_login_and_post(client, signed_in):
    from django.test import Client
    assert Client().post("/capacity/media/add", {"list": "known"})["Location"].startswith("/login")
    assert signed_in.get("/capacity/media/add").status_code == 405


def test_the_directory_offers_adding_only_to_signed_in_wikimedians(client, signed_in):
    from django.test import Client
    assert "Add to Known" not in Client().get("/capacity").text
    assert signed_in.get("/capacity").text.count('value="known">Add to Known') == 142


def test_the_tree_a_process_keeps_follows_every_change(client, staff):
    """Pages share the tree this process built for the directory's version: a move in the
    admin and a rename by a bulk update (as a command would) show on the next page."""
    assert "Finance" in client.get("/capacity/budgeting").text
    change_in_admin(staff, Capacity.objects.get(slug="budgeting"),
                    parent=Capacity.objects.get(slug="communication").pk)
    moved = client.get("/capacity/budgeting").text
    assert 'href="/capacity/communication"' in moved and 'href="/capacity/finance"' not in moved
    Capacity.objects.filter(slug="communication").update(name_en="Talking")
    assert "Talking" in client.get("/capacity/budgeting").text
