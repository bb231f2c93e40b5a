import pytest

from profiles.models import Profile
from tests.factories import ProfileFactory

ALL_CAPACITIES = ["communication", "media", "press-release", "budgeting", "survey", "event"]


def full_profile(username, size):
    """A profile with `size` capacities in each list and `size` languages and territories."""
    return ProfileFactory(
        username=username, bio="Hello", known=ALL_CAPACITIES[:size],
        available=ALL_CAPACITIES[:size], wanted=ALL_CAPACITIES[-size:],
        languages=dict(list({"pt-br": 6, "en": 3, "es": 2, "fr": 1, "de": 0, "ar": 4}.items())[:size]),
        territories=["BR", "AR", "PT", "latin-america-caribbean", "MX", "EG"][:size])


@pytest.mark.parametrize("size", [1, 6])
def test_a_profile_page_takes_the_same_queries_whatever_its_size(client, size, django_assert_max_num_queries):
    full_profile("Ana Lima", size)
    with django_assert_max_num_queries(13):
        page = client.get("/profile/Ana Lima")
    assert page.status_code == 200 and "Ana Lima" in page.text


@pytest.mark.parametrize("size", [1, 6])
def test_your_own_profile_takes_the_same_queries_whatever_its_size(client, size, django_assert_max_num_queries):
    profile = full_profile("Ana Lima", size)
    client.force_login(profile.user)
    with django_assert_max_num_queries(17):
        page = client.get("/profile")
    assert "Edit user profile" in page.text


def test_a_profile_shows_its_capacities_languages_and_territories(client):
    full_profile("Ana Lima", 2)
    page = client.get("/profile/Ana Lima").text
    assert 'href="/capacity/communication"' in page and 'href="/capacity/media"' in page
    assert "Brazilian Portuguese" in page and "Native" in page
    assert "Brazil" in page and "Argentina" in page
    assert "Edit user profile" not in page


def test_an_unknown_profile_is_a_404(client):
    assert client.get("/profile/Nobody Here").status_code == 404


def test_a_signed_in_only_profile_is_hidden_from_anonymous_visitors(client, user):
    ProfileFactory(username="Ana Lima", visibility=Profile.Visibility.SIGNED_IN)
    page = client.get("/profile/Ana Lima")
    assert page.status_code == 404
    assert "/login?next=/profile/Ana%20Lima" in page.text
    assert client.get("/profile/Ana Lima/qr.svg").status_code == 404
    client.force_login(user)
    page = client.get("/profile/Ana Lima")
    assert page.status_code == 200 and 'name="robots" content="noindex"' in page.text


def test_a_public_profile_is_indexable(client):
    ProfileFactory(username="Ana Lima")
    assert "noindex" not in client.get("/profile/Ana Lima").text


def test_the_qr_code_is_an_svg_of_the_profile_address_that_can_be_downloaded(client):
    ProfileFactory(username="Ana Lima")
    qr = client.get("/profile/Ana Lima/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and qr.content.startswith(b"<svg")
    download = client.get("/profile/Ana Lima/qr.svg", {"download": 1})
    assert "attachment" in download["Content-Disposition"]


def test_your_profile_is_created_on_first_visit(signed_in, user):
    assert signed_in.get("/profile").status_code == 200
    assert Profile.objects.filter(user=user).exists()


@pytest.mark.parametrize("link", ["/profile/Alice_Tester", "/profile/alice Tester",
                                  "/profile/alice_Tester", "/profile/Alice__Tester"])
def test_any_spelling_meta_wiki_accepts_reaches_the_one_profile_address(client, link):
    ProfileFactory(username="Alice Tester", known=["media"])
    answer = client.get(link)
    assert answer.status_code == 301 and answer["Location"] == "/profile/Alice%20Tester"
    assert "Alice Tester" in client.get(answer["Location"]).content.decode()


def test_the_qr_code_link_follows_the_same_rule(client):
    ProfileFactory(username="Alice Tester")
    answer = client.get("/profile/alice_Tester/qr.svg", {"download": "1"})
    assert answer["Location"] == "/profile/Alice%20Tester/qr.svg?download=1"
    assert client.get(answer["Location"])["Content-Type"] == "image/svg+xml"
