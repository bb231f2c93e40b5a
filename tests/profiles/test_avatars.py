"""The avatars ship with CapX (static/img/avatars/): the edit page's dialog, the profile page
and the Explore cards show them with no other host, and every picture that may live on
another host (a Wikidata photo, an avatar staff put on Commons) falls back to the placeholder."""
import re

import pytest

from profiles.models import Avatar
from tests.factories import ProfileFactory

PLACEHOLDER = "/static/img/profile-placeholder.svg"
PHOTO = "https://commons.wikimedia.org/wiki/Special:FilePath/Ana_Lima.jpg"


def images(page):
    """The <img> tags of a page, as one string each."""
    return re.findall(r"<img\b[^>]*>", page)


def image_with(page, src):
    [tag] = [tag for tag in images(page) if f'src="{src}"' in tag]
    return tag


@pytest.fixture
def ana():
    """A sharer who chose the fifth avatar: she has a card on Explore."""
    return ProfileFactory(username="Ana Lima", avatar=Avatar.objects.get(file="avatar-05.svg"),
                          known=["communication"], available=["communication"])


def test_the_avatar_dialog_offers_the_21_shipped_files_and_no_other_host(signed_in):
    page = signed_in.get("/profile/edit").text
    avatars = re.findall(r'src="(/static/img/avatars/avatar-\d\d\.svg)"', page)
    assert avatars == [f"/static/img/avatars/avatar-{n:02}.svg" for n in range(1, 22)]
    assert "commons.wikimedia.org" not in page and "upload.wikimedia.org" not in page
    # The image is the only name of its radio button, so it has alt text.
    assert 'alt="Avatar 5"' in image_with(page, "/static/img/avatars/avatar-05.svg")


def test_a_chosen_avatar_shows_on_the_profile_page(client, ana):
    page = client.get("/profile/Ana Lima").text
    tag = image_with(page, "/static/img/avatars/avatar-05.svg")
    # Decorative (her name is the heading beside it), with the placeholder to fall back to.
    assert 'alt=""' in tag and f'data-fallback="{PLACEHOLDER}"' in tag
    assert "commons.wikimedia.org" not in page


def test_a_chosen_avatar_shows_on_the_cards_and_the_saved_profiles(signed_in, ana):
    feed = signed_in.get("/feed").text
    assert 'class="feed-card__image"' in image_with(feed, "/static/img/avatars/avatar-05.svg")
    signed_in.post(f"/feed/saved/{ana.pk}", {"saved": "1"})
    saved = signed_in.get("/feed/saved").text
    assert f'data-fallback="{PLACEHOLDER}"' in image_with(saved, "/static/img/avatars/avatar-05.svg")
    assert "commons.wikimedia.org" not in feed + saved


def test_a_wikidata_photo_falls_back_to_the_placeholder(client):
    ProfileFactory(username="Ana Lima", show_wikidata_photo=True, wikidata_photo=PHOTO,
                   avatar=Avatar.objects.get(file="avatar-05.svg"))
    tag = image_with(client.get("/profile/Ana Lima").text, PHOTO)
    assert f'data-fallback="{PLACEHOLDER}"' in tag and 'alt=""' in tag


def test_without_a_picture_the_server_shows_the_placeholder(client):
    ProfileFactory(username="Ana Lima", known=["communication"], available=["communication"])
    assert image_with(client.get("/profile/Ana Lima").text, PLACEHOLDER)
    card = client.get("/feed").text.split('<article class="feed-card')[1]
    assert image_with(card, PLACEHOLDER)


def test_an_avatar_staff_put_on_commons_falls_back_too(signed_in):
    Avatar.objects.create(image_url=PHOTO, order=99)
    page = signed_in.get("/profile/edit").text
    assert f'data-fallback="{PLACEHOLDER}"' in image_with(page, PHOTO)
