"""The Capacity Directory in Chromium: branches and information panels open in place (no page
load), one root at a time; the search ignores case and accents and shows each hit's path."""
from playwright.sync_api import expect

from capacities.models import Capacity


def arrow(page, name):
    return page.get_by_role("link", name=f"Show the capacities inside {name}", exact=True)


def test_roots_open_in_place_one_at_a_time_down_to_the_third_level(page, shipped_capacities):
    page.goto("/capacity")
    page.evaluate("window.sameDocument = true")  # gone if the page reloads
    communication = page.locator("#children-communication")
    expect(communication).to_be_hidden()

    arrow(page, "Communication").click()
    expect(communication).to_be_visible()
    expect(page.get_by_role("link", name="Press release", exact=True)).to_be_visible()
    expect(arrow(page, "Communication")).to_have_attribute("aria-expanded", "true")

    arrow(page, "Programmatic Skills").click()
    expect(page.get_by_role("link", name="Event", exact=True)).to_be_visible()
    expect(communication).to_be_hidden()  # opening a root closes the others
    expect(arrow(page, "Communication")).to_have_attribute("aria-expanded", "false")

    arrow(page, "Event").click()
    expect(page.get_by_role("link", name="Edit-a-thons", exact=True)).to_be_visible()
    arrow(page, "Event").click()
    expect(page.get_by_role("link", name="Edit-a-thons", exact=True)).to_be_hidden()

    assert page.evaluate("window.sameDocument") is True
    assert page.url.endswith("/capacity")


def test_the_information_icon_shows_and_hides_the_description(page, shipped_capacities):
    description = Capacity.objects.get(slug="communication").description
    page.goto("/capacity")
    info = page.get_by_role("link", name="About Communication", exact=True)
    panel = page.locator("#info-communication")
    expect(panel).to_be_hidden()
    info.click()
    expect(panel).to_be_visible()
    expect(panel).to_contain_text(description)
    expect(panel.get_by_role("link", name="Explore capacity")).to_be_visible()
    expect(info).to_have_attribute("aria-expanded", "true")
    info.click()
    expect(panel).to_be_hidden()


def test_search_ignores_case_and_accents_and_shows_the_path(page, shipped_capacities):
    page.goto("/capacity")
    page.get_by_label("Search capacities").fill("PRÉSS relEase")
    # As you type, the results come, and only the cards found stay, with their branch opened…
    results = page.locator(".search-results")
    expect(results.get_by_role("heading")).to_have_text("1 capacity matches “PRÉSS relEase”")
    expect(page.locator("#cap-press-release")).to_be_visible()
    expect(page.locator("#cap-organisational-skills")).to_be_hidden()
    expect(page.locator("#cap-social-media")).to_be_hidden()
    # …and Search gives the same, each hit with its path.
    page.get_by_role("button", name="Search", exact=True).click()
    expect(results.get_by_role("heading")).to_have_text("1 capacity matches “PRÉSS relEase”")
    expect(results.get_by_role("link", name="Press release")).to_be_visible()
    expect(results).to_contain_text("Communication › Press release")

    # Clearing the field brings every card back.
    page.get_by_label("Search capacities").fill("")
    expect(page.locator("#cap-organisational-skills")).to_be_visible()
    expect(page.locator("#children-communication")).to_be_hidden()


def test_without_javascript_the_arrows_and_icons_are_links(browser, live_server, shipped_capacities):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/capacity")
        arrow(page, "Programmatic Skills").click()
        expect(page).to_have_url(live_server.url + "/capacity?open=programmatic-skills#cap-programmatic-skills")
        arrow(page, "Event").click()
        expect(page.get_by_role("link", name="Edit-a-thons", exact=True)).to_be_visible()
        page.get_by_role("link", name="About Edit-a-thons", exact=True).click()
        expect(page.locator("#info-edit-a-thons")).to_be_visible()
    finally:
        context.close()
