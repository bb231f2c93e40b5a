"""The Explore feed in Chromium: filter by a capacity (through the picker dialog inside the
filter dialog) and a region, remove a filter with its chip, save a profile with the flag
(both of its cards fill, without a reload) and find it in Saved profiles."""
import re

import pytest
from playwright.sync_api import expect

from explore.models import SavedProfile
from tests.factories import ProfileFactory


@pytest.fixture
def community(shipped_capacities, shipped_profile_data, shipped_organizations):
    return {
        "ana": ProfileFactory(username="Ana Lima", territories=["BR"], languages={"pt-br": 6},
                              known=["press-release"], available=["press-release"],
                              wanted=["budgeting"]),
        "ivo": ProfileFactory(username="Ivo", territories=["PT"], known=["media"], available=["media"]),
        "lia": ProfileFactory(username="Lia", territories=["AR"], known=["budgeting"],
                              available=["budgeting"]),
    }


def card_names(page):
    return page.locator(".feed-results .feed-card__name")


def test_filter_by_capacity_and_region_then_save_a_profile(page, community, sign_in):
    sign_in("Maria Silva")
    page.goto("/feed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Explore")
    expect(card_names(page)).to_have_count(4)

    # The filter button opens the filters in a dialog; the arrow closes it.
    filters_button = page.get_by_role("button", name="Filters")
    filters_button.click()
    filters = page.get_by_role("dialog", name="Filters")
    expect(filters).to_be_visible()
    filters.get_by_role("button", name="Close the filters").click()
    expect(filters).to_be_hidden()
    expect(filters_button).to_be_focused()

    filters_button.click()
    filters.get_by_role("button", name="Add capacities").click()
    picker = page.get_by_role("dialog", name="Select capacities")
    picker.get_by_role("button", name="Communication", exact=True).click()
    picker.get_by_role("button", name="Select capacity (1)").click()
    expect(picker).to_be_hidden()
    expect(filters.locator(".capacity-chip__name")).to_have_text(["Communication"])

    territory = filters.get_by_label("Territories")
    territory.fill("Latin America")
    filters.get_by_role("button", name="Add territory").click()
    expect(filters.locator(".multi-chip__name")).to_have_text(["Latin America & Caribbean"])
    filters.get_by_role("button", name="Show results").click()

    expect(page).to_have_url(re.compile(r"capacity=communication.*territory=latin-america-caribbean"))
    expect(card_names(page)).to_have_text(["Ana Lima"])  # not Ivo (Portugal) nor Lia (Budgeting)
    expect(page.locator(".feed-card")).to_have_class(re.compile("feed-card--sharer"))
    active = page.locator(".feed-active__label")
    expect(active).to_have_text(["Communication", "Latin America & Caribbean"])

    # Without the capacity, the region alone: Ana's two cards and Lia's.
    page.get_by_role("link", name="Remove the filter Capacity: Communication").click()
    expect(active).to_have_text(["Latin America & Caribbean"])
    expect(card_names(page)).to_have_text(["Lia", "Ana Lima", "Ana Lima"])

    page.evaluate("window.noReload = true")
    ana_flags = page.get_by_role("button", name="Save profile of Ana Lima")
    expect(ana_flags).to_have_count(2)
    expect(ana_flags.first).to_have_attribute("aria-pressed", "false")
    ana_flags.last.click()
    for index in range(2):
        expect(ana_flags.nth(index)).to_have_attribute("aria-pressed", "true")
        expect(ana_flags.nth(index)).to_have_attribute("title", "Remove from saved profiles")
    expect(page.get_by_role("button", name="Save profile of Lia")).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("status").filter(has_text="Ana Lima was saved to your list.")).to_have_count(1)
    assert page.evaluate("window.noReload") is True
    assert list(SavedProfile.objects.values_list("profile__user__username", flat=True)) == ["Ana Lima"]

    page.goto("/feed/saved")
    saved = page.locator(".saved-card")
    expect(saved).to_have_count(1)
    expect(saved.get_by_role("heading")).to_have_text("Ana Lima")
    expect(saved.get_by_role("link", name="View profile")).to_have_attribute("href", "/profile/Ana%20Lima")
    saved.get_by_role("button", name="Delete item").click()
    expect(page.get_by_text("You have not saved any profile yet.")).to_be_visible()

    # Back on the feed, the flag is empty again.
    page.goto("/feed")
    expect(page.get_by_role("button", name="Save profile of Ana Lima").first).to_have_attribute(
        "aria-pressed", "false")


def test_the_capacity_filter_opens_from_the_search_bar_too(page, community):
    page.goto("/feed?q=ana")
    opener = page.locator(".feed-search").get_by_role("button", name="Capacities")
    opener.click()
    picker = page.get_by_role("dialog", name="Select capacities")
    picker.get_by_role("button", name="Social Skills", exact=True).click()
    picker.get_by_role("button", name="Cancel").click()  # nothing changes, nothing is sent
    expect(opener).to_be_focused()
    assert page.url.endswith("/feed?q=ana")

    opener.click()
    picker.get_by_role("button", name="Communication", exact=True).click()
    picker.get_by_role("button", name="Select capacity (1)").click()  # the filter applies at once
    expect(page).to_have_url(re.compile(r"q=ana&capacity=communication"))
    expect(card_names(page)).to_have_text(["Ana Lima"])
    expect(page.locator(".feed-search").get_by_role("button", name="Capacities (1)")).to_be_visible()
