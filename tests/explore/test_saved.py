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
    feed = signed_in.get("/feed")
    assert all(card.saved for card in feed.context["page"].object_list)  # both of Ana's cards
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


def test_nobody_can_tell_they_were_saved(client, user):
    ana = ProfileFactory(username="Ana", known=["media"], available=["media"])
    SavedProfile.objects.create(owner=user, profile=ana)
    client.force_login(ana.user)
    for path in ("/profile", "/feed", "/feed/saved", "/home"):
        assert "Maria Silva" not in client.get(path).text


def test_saving_needs_login_and_post(client):
    ana = ProfileFactory(username="Ana", known=["media"])
    assert client.post(f"/feed/saved/{ana.pk}", {"saved": "1"})["Location"].startswith("/login")
    assert not SavedProfile.objects.exists()
    assert client.post("/feed/saved/999999", {"saved": "1"}).status_code == 302
