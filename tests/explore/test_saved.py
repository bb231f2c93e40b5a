import re

from django.test import Client

from explore.models import SavedProfile
from tests.factories import ProfileFactory


def test_the_flag_saves_and_unsaves_a_profile(signed_in, user):
    ana = ProfileFactory(username="Ana", known=["media"], available=["media"], wanted=["survey"])
    page = signed_in.post(f"/feed/saved/{ana.pk}", {"saved": "1", "next": "/feed?capacity=media"})
    assert page["Location"] == "/feed?capacity=media"
    assert list(SavedProfile.objects.filter(owner=user).values_list("profile__user__username", flat=True)) == ["Ana"]
    signed_in.post(f"/feed/saved/{ana.pk}", {"saved": "1"})  # again: still once
    assert SavedProfile.objects.count() == 1
    feed = signed_in.get("/feed").content.decode()
    assert feed.count('aria-pressed="true"') == 2  # the flags of both of Ana's cards
    signed_in.post(f"/feed/saved/{ana.pk}", {"saved": "0"})
    assert not SavedProfile.objects.exists()


def test_the_flag_answers_json_for_the_page_script(signed_in):
    ana = ProfileFactory(username="Ana", known=["media"], available=["media"])
    answer = signed_in.post(f"/feed/saved/{ana.pk}", {"saved": "1"}, HTTP_ACCEPT="application/json")
    assert answer.json() == {"saved": True}


def test_saved_profiles_are_private(client, signed_in, user, django_assert_max_num_queries):
    for number in range(5):
        profile = ProfileFactory(username=f"Saved {number}", known=["media"])
        SavedProfile.objects.create(owner=user, profile=profile)
    with django_assert_max_num_queries(6):
        page = signed_in.get("/feed/saved")
    assert all(f"Saved {number}" in page.text for number in range(5))

    assert Client().get("/feed/saved")["Location"] == "/login?next=/feed/saved"
    someone = Client()
    someone.force_login(ProfileFactory(username="Someone").user)
    assert "Saved 0" not in someone.get("/feed/saved").text


def test_nobody_can_tell_they_were_saved(signed_in, user):
    """Ana's pages are the same before and after Maria saves her (but for the CSRF token)."""
    ProfileFactory(user=user, known=["survey"], available=["survey"], wanted=["media"])
    ana = ProfileFactory(username="Ana", known=["media"], available=["media"], wanted=["survey"])
    client = Client()
    client.force_login(ana.user)
    paths = ("/profile", "/feed", "/feed/saved", "/home", "/profile/Maria Silva")

    def pages():
        return [re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "",
                       client.get(path).content.decode()) for path in paths]

    before = pages()
    assert signed_in.post(f"/feed/saved/{ana.pk}", {"saved": "1"}).status_code == 302
    assert SavedProfile.objects.filter(owner=user, profile=ana).exists()
    assert pages() == before


def test_saving_needs_login_and_post(client):
    ana = ProfileFactory(username="Ana", known=["media"])
    assert client.post(f"/feed/saved/{ana.pk}", {"saved": "1"})["Location"].startswith("/login")
    assert not SavedProfile.objects.exists()
    assert client.post("/feed/saved/999999", {"saved": "1"}).status_code == 302
