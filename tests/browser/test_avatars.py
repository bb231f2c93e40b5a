"""The avatars ship with CapX: in Chromium, the avatar dialog of /profile/edit shows all 21
from CapX itself, and a picture on another host that cannot load gives way to the
placeholder. Every request to another host is refused, so none can leave the machine."""
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories import ProfileFactory

pytestmark = pytest.mark.usefixtures("shipped_profile_data")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHOTO = "https://commons.wikimedia.org/wiki/Special:FilePath/Ana_Lima.jpg"


@pytest.fixture
def elsewhere(page, live_server):
    """The addresses of every request to another host than the live server, all refused."""
    own = urlsplit(live_server.url).netloc
    refused = []

    def route(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.context.route("**/*", route)
    return refused


def loaded(images):
    """Whether every image loaded (a broken one has no natural width)."""
    return images.evaluate_all("images => images.every(image => image.complete && image.naturalWidth > 0)")


def test_the_avatar_dialog_shows_the_21_avatars_from_capx_itself(page, sign_in, elsewhere):
    sign_in("Maria Silva")
    page.goto("/profile/edit")
    page.get_by_role("button", name="Choose an avatar").click()
    dialog = page.get_by_role("dialog", name="Choose an avatar")
    images = dialog.locator("img")
    expect(images).to_have_count(21)
    for number in range(21):  # loading="lazy": each loads once scrolled to
        images.nth(number).scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('dialog[open] img')].every(i => i.complete)")
    assert loaded(images)
    assert all(src.startswith("/static/img/avatars/avatar-")
               for src in images.evaluate_all("images => images.map(i => i.getAttribute('src'))"))
    dialog.locator(".profile-dialog__body").evaluate("body => body.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "avatar-dialog-desktop.png"))

    dialog.get_by_role("radio", name="Avatar 7", exact=True).check()
    dialog.get_by_role("button", name="Update").click()
    page.get_by_role("button", name="Save profile").first.click()
    picture = page.locator(".profile-head__image img")
    expect(picture).to_have_attribute("src", "/static/img/avatars/avatar-07.svg")
    assert loaded(picture)
    assert elsewhere == []


def test_a_photo_that_cannot_load_gives_way_to_the_placeholder(page, elsewhere):
    ProfileFactory(username="Ana Lima", show_wikidata_photo=True, wikidata_photo=PHOTO)
    page.goto("/profile/Ana Lima")
    picture = page.locator(".profile-head__image img")
    expect(picture).to_have_attribute("src", "/static/img/profile-placeholder.svg")
    page.wait_for_function("() => document.querySelector('.profile-head__image img').complete")
    assert loaded(picture)
    assert elsewhere == [PHOTO]  # tried, refused: no internet here
