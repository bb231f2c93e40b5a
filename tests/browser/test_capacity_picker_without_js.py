"""The capacity picker with JavaScript off, in Chromium: every field of the profile editor and of
the Explore filters is filled in, "Add capacities" goes through the picker page and back, and
every value is still there, exactly; the editor saved nothing on the way."""
import re

import pytest
from playwright.sync_api import expect

from profiles.models import Profile
from tests.browser.layout import browser_page
from tests.factories import ProfileFactory

pytestmark = pytest.mark.usefixtures("shipped_capacities", "shipped_profile_data", "shipped_organizations")

# What the form would send now, but its CSRF token (a new one comes back).
FORM_DATA = """form => [...new FormData(form)]
  .filter(([name]) => name !== "csrfmiddlewaretoken").map(([name, value]) => [name, String(value)])"""


def form_data(page, selector):
    return sorted(tuple(item) for item in page.locator(selector).evaluate(FORM_DATA))


@pytest.fixture
def no_js(browser, live_server):
    page = browser_page(browser, live_server, javascript=False)
    yield page
    page.context.close()


def test_the_profile_editor_gets_everything_back_and_saves_nothing(no_js):
    page = no_js
    page.goto("/login")
    page.get_by_label("Username").fill("Ivo Costa")
    page.get_by_role("button", name="Sign in (development)").click()
    page.goto("/profile/edit")

    page.get_by_role("radio", name="Avatar 2", exact=True).check()
    page.locator('[name="show_wikidata_photo"]').check()
    page.get_by_role("textbox", name="Mini bio").fill('Wikisource proofreader, "typed" <not saved> yet.')
    page.locator('[name="bio_language"]').fill("Portuguese")
    row = page.locator(".language-row").nth(0)
    row.get_by_label("Language", exact=True).fill("Spanish")
    row.get_by_label("Proficiency").select_option(label="Native")
    page.locator('[name="alt_account"]').fill("Ivo (WMPT)")
    page.locator('[name="affiliations"]').select_option(index=[0, 2])
    page.get_by_role("listbox", name="Territory").select_option(label=["Portugal", "Brazil"])
    page.locator('[name="show_wikidata_item"]').check()
    page.locator('[name="projects"]').nth(0).check()
    page.locator('[name="projects"]').nth(3).check()
    page.locator('[name="signed_in_only"]').check()
    typed = form_data(page, "form.profile-form")
    assert ("bio", 'Wikisource proofreader, "typed" <not saved> yet.') in typed

    page.locator('.capacity-picker[data-field="known"]').get_by_role("button", name="Add capacities").click()
    expect(page).to_have_url(re.compile(r"/capacity/picker/known$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Select capacities")
    page.get_by_label("Communication", exact=True).check()
    page.get_by_label("Press release").check()
    page.get_by_role("button", name="Select capacity").click()

    expect(page).to_have_url(re.compile(r"/profile/edit$"))
    expect(page.get_by_text("Your capacity selection is in the form below. Save profile to keep it.")).to_be_visible()
    expect(page.locator('.capacity-picker[data-field="known"] .capacity-chip__name')).to_have_text(
        ["Communication", "Press release"])
    expect(page.get_by_role("textbox", name="Mini bio")).to_have_value('Wikisource proofreader, "typed" <not saved> yet.')
    expect(page.get_by_role("radio", name="Avatar 2", exact=True)).to_be_checked()
    expect(row.get_by_label("Proficiency")).to_have_value("6")
    assert form_data(page, "form.profile-form") == sorted(
        typed + [("known", "communication"), ("known", "press-release")])
    profile = Profile.objects.get(user__username="Ivo Costa")
    assert profile.bio == "" and profile.version == 0 and not profile.known.exists()

    page.get_by_role("button", name="Save profile").first.click()
    expect(page).to_have_url(re.compile(r"/profile$"))
    profile.refresh_from_db()
    assert profile.bio == 'Wikisource proofreader, "typed" <not saved> yet.' and profile.version == 1
    assert set(profile.known.values_list("slug", flat=True)) == {"communication", "press-release"}
    assert profile.territories.count() == 2 and profile.projects.count() == 2
    assert profile.visibility == Profile.Visibility.SIGNED_IN


def test_the_explore_filters_come_back_with_the_search_words(no_js):
    ProfileFactory(username="Ana Lima", territories=["BR"], languages={"pt-br": 6},
                   known=["press-release"], available=["press-release"])
    ProfileFactory(username="Lia", territories=["AR"], known=["budgeting"], available=["budgeting"])
    page = no_js
    page.goto("/feed")
    page.get_by_role("searchbox", name="Search profiles").fill("lima")
    page.get_by_label("Sharers").check()
    page.get_by_label("Proficient").check()
    page.get_by_role("listbox", name="Territories").select_option(label="Latin America & Caribbean")
    page.get_by_role("listbox", name="Languages").select_option("pt-br")
    typed = form_data(page, "form.feed-form")

    page.get_by_role("button", name="Add capacities").click()
    expect(page).to_have_url(re.compile(r"/capacity/picker/capacity\?"))
    page.get_by_label("Communication", exact=True).check()
    page.get_by_role("button", name="Select capacity").click()

    expect(page).to_have_url(re.compile(r"/feed\?"))
    expect(page.get_by_role("searchbox", name="Search profiles")).to_have_value("lima")
    expect(page.get_by_label("Sharers")).to_be_checked()
    assert form_data(page, "form.feed-form") == sorted(typed + [("capacity", "communication")])
    expect(page.locator(".feed-results .feed-card__name")).to_have_text(["Ana Lima"] * 2)  # Sharer, and Proficient ticked

    # The search bar's "Capacities" goes to the same page, with the same form.
    page.locator(".feed-search").get_by_role("button", name="Capacities").click()
    expect(page.get_by_label("Communication", exact=True)).to_be_checked()
    page.get_by_label("Communication", exact=True).uncheck()
    page.get_by_role("button", name="Select capacity").click()
    assert form_data(page, "form.feed-form") == typed
