"""English text shown on a page in another language is marked as English and isolated, so
an Arabic page puts its punctuation at the right end."""
from capacities.models import Capacity
from tests.factories import ProfileFactory


def arabic(client):
    client.cookies["capx_language"] = "ar"
    return client


def test_an_untranslated_capacity_is_marked_as_english_on_an_arabic_page(client):
    Capacity.objects.filter(slug="media").update(name_ar="", description_ar="")
    Capacity.objects.filter(slug="survey").update(name_ar="استطلاع")
    ProfileFactory(username="Ana", known=["media", "survey"], available=["media", "survey"])
    arabic(client)
    for url in ("/capacity", "/capacity/media", "/feed", "/profile/Ana"):
        page = client.get(url).content.decode()
        assert '<bdi lang="en">Media</bdi>' in page, url
    assert "<bdi>استطلاع</bdi>" in client.get("/feed").content.decode()
    detail = client.get("/capacity/media").content.decode()
    assert '<p dir="auto" lang="en">' in detail


def test_in_english_nothing_is_marked_as_foreign(client):
    page = client.get("/capacity/media").content.decode()
    assert "<bdi>Media</bdi>" in page and 'lang="en">Media' not in page


def test_the_picker_marks_english_names_too(signed_in, user):
    Capacity.objects.filter(slug="media").update(name_ar="")
    ProfileFactory(user=user, known=["media"])
    arabic(signed_in)
    page = signed_in.get("/profile/edit").content.decode()
    assert '<span class="capacity-chip__name" dir="auto" lang="en">Media</span>' in page
    assert '"slug": "media", "name": "Media"' in page and '"nameLang": "en"' in page
    picker = signed_in.post("/capacity/picker/known", {"known": ["media"], "next": "/profile/edit"})
    assert '<bdi lang="en">Media</bdi>' in picker.content.decode()
