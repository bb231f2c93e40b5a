"""A Wikimedian fills in their profile in Chromium (/profile/edit) and sees it on /profile:
avatar and badge dialogs, the mini bio counter, the capacity picker for Known, Available and
Wanted, language rows, territory chips; then the dialogs that close without changing
anything, the delete confirmation, and sharing the profile."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.usefixtures("shipped_capacities", "shipped_profile_data")


def pick_capacities(page, field, *path):
    """Opens the picker of `field`, goes down through all of `path` but its last name, selects
    that one and confirms."""
    picker = page.locator(f'.capacity-picker[data-field="{field}"]')
    picker.get_by_role("button", name="Add capacities").click()
    dialog = page.get_by_role("dialog", name="Select capacities")
    for name in path[:-1]:
        dialog.get_by_role("button", name=f"Show the capacities inside {name}").click()
    dialog.get_by_role("button", name=path[-1], exact=True).click()
    dialog.get_by_role("button", name="Select capacity (1)").click()
    expect(dialog).to_be_hidden()
    expect(picker.locator(".capacity-chip__name")).to_have_text([path[-1]])


def test_a_wikimedian_fills_in_the_profile_and_sees_it(page, sign_in):
    sign_in("Maria Silva")
    page.goto("/profile/edit")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit user profile")

    # Profile image: the avatars are in a dialog; "Update" keeps the choice.
    opener = page.get_by_role("button", name="Choose an avatar")
    opener.click()
    avatars = page.get_by_role("dialog", name="Choose an avatar")
    expect(avatars.get_by_role("radio", name="No avatar")).to_be_checked()
    avatars.get_by_role("radio", name="Avatar 2", exact=True).check()
    avatars.get_by_role("button", name="Update").click()
    expect(avatars).to_be_hidden()
    expect(opener).to_be_focused()
    expect(page.locator("#field-avatar .choice__current img")).to_have_attribute("alt", "Avatar 2")

    # Mini bio with its counter.
    bio = page.get_by_role("textbox", name="Mini bio")
    expect(page.locator(".bio-counter")).to_have_text("0/500")
    bio.fill("Wikipedian from Recife.")
    expect(page.locator(".bio-counter")).to_have_text("23/500")

    # Capacities through the picker dialog: the same one Known and Available, one Wanted.
    pick_capacities(page, "known", "Communication")
    pick_capacities(page, "available", "Communication")
    pick_capacities(page, "wanted", "Social Skills", "Mentorship")

    # Languages: the empty row, then one more added in place.
    first = page.locator(".language-row").nth(0)
    first.get_by_label("Language", exact=True).fill("pt-br")
    first.get_by_label("Proficiency").select_option(label="Native")
    page.get_by_role("button", name="Add language").click()
    second = page.locator(".language-row").nth(1)
    expect(second.get_by_label("Language", exact=True)).to_be_focused()
    expect(second.get_by_label("Proficiency")).to_have_value("3")  # Advanced by default
    second.get_by_label("Language", exact=True).fill("English")
    second.get_by_label("Proficiency").select_option(label="Intermediate")

    # Territory: type, "Insert item", a chip.
    territories = page.locator("#field-territories")
    page.get_by_role("combobox", name="Territory").fill("Brazil")
    territories.get_by_role("button", name="Insert item").click()
    expect(territories.locator(".multi-chip__name")).to_have_text(["Brazil"])
    expect(page.get_by_role("combobox", name="Territory")).to_have_value("")

    page.get_by_role("button", name="Save profile").first.click()
    expect(page).to_have_url(re.compile(r"/profile$"))
    expect(page.get_by_text("Your profile was saved.")).to_be_visible()

    expect(page.get_by_role("heading", level=1)).to_have_text("Maria Silva")
    # The chosen avatar, shipped with CapX, decorative next to the name.
    picture = page.locator(".profile-head__image img")
    expect(picture).to_have_attribute("src", "/static/img/avatars/avatar-02.svg")
    expect(picture).to_have_attribute("alt", "")
    expect(page.get_by_role("region", name="Mini bio")).to_contain_text("Wikipedian from Recife.")
    for section, names in (("Known capacities", ["Communication"]),
                           ("Available capacities", ["Communication"]),
                           ("Wanted capacities", ["Mentorship"])):
        expect(page.get_by_role("region", name=section).get_by_role("link")).to_have_text(names)
    expect(page.get_by_role("region", name="Known capacities").get_by_role("link")).to_have_attribute(
        "href", "/capacity/communication")
    languages = page.get_by_role("region", name="Languages").get_by_role("listitem")
    expect(languages).to_have_count(2)
    expect(languages.nth(0)).to_contain_text("Brazilian Portuguese")
    expect(languages.nth(0)).to_contain_text("Native")
    expect(languages.nth(1)).to_contain_text("English")
    expect(languages.nth(1)).to_contain_text("Intermediate")
    expect(page.get_by_role("region", name="Territory")).to_contain_text("Brazil")

    # Saving earned badges; the badge dialog chooses the one the profile shows.
    page.get_by_role("article").get_by_role("link", name="Edit user profile").click()
    page.get_by_role("button", name="Edit your badges").click()
    badges = page.get_by_role("dialog", name="Edit your badges")
    badges.get_by_role("checkbox", name="Sharer").check()
    badges.get_by_role("button", name="Update").click()
    page.get_by_role("button", name="Save profile").last.click()
    expect(page).to_have_url(re.compile(r"/profile$"))
    expect(page.get_by_role("list", name="Badges").get_by_role("listitem")).to_have_text(["Sharer"])


def test_closing_a_dialog_keeps_the_choice_and_the_profile_can_be_shared(page, sign_in):
    sign_in("Ana Lima")
    page.goto("/profile/edit")
    opener = page.get_by_role("button", name="Choose an avatar")
    opener.click()
    avatars = page.get_by_role("dialog", name="Choose an avatar")
    avatars.get_by_role("radio", name="Avatar 3", exact=True).check()
    page.keyboard.press("Escape")
    expect(avatars).to_be_hidden()
    expect(opener).to_be_focused()
    opener.click()
    expect(avatars.get_by_role("radio", name="No avatar")).to_be_checked()  # Escape put it back
    avatars.get_by_role("button", name="Close").click()

    page.get_by_role("link", name="Delete profile").click()
    confirm = page.get_by_role("dialog", name="Delete your profile and everything CapX holds about you?")
    expect(confirm).to_contain_text("cannot be recovered")
    confirm.get_by_role("button", name="Cancel").click()
    expect(confirm).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/profile/edit$"))

    page.get_by_role("link", name="Cancel edit").first.click()
    expect(page).to_have_url(re.compile(r"/profile$"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Link copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").endswith("/profile/Ana%20Lima")

    page.get_by_text("Show QR code").click()
    expect(page.get_by_role("img", name="QR code of the address of this profile")).to_be_visible()
    expect(page.get_by_role("link", name="Download QR code")).to_have_attribute(
        "href", "/profile/Ana%20Lima/qr.svg?download=1")


def test_without_javascript_the_same_form_saves(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("Username").fill("Ivo Costa")
        page.get_by_role("button", name="Sign in (development)").click()
        page.goto("/profile/edit")
        expect(page.get_by_role("button", name="Add language")).to_be_hidden()
        page.get_by_role("radio", name="Avatar 1", exact=True).check()
        page.get_by_role("textbox", name="Mini bio").fill("Wikisource proofreader.")
        row = page.locator(".language-row").nth(0)
        row.get_by_label("Language", exact=True).fill("Spanish")
        page.get_by_role("listbox", name="Territory").select_option(label="Portugal")
        page.get_by_role("button", name="Save profile").last.click()

        expect(page).to_have_url(re.compile(r"/profile$"))
        expect(page.locator(".profile-head__image img")).to_have_attribute(
            "src", "/static/img/avatars/avatar-01.svg")
        expect(page.get_by_role("region", name="Mini bio")).to_contain_text("Wikisource proofreader.")
        expect(page.get_by_role("region", name="Languages")).to_contain_text("Spanish")
        expect(page.get_by_role("region", name="Languages")).to_contain_text("Advanced")
        expect(page.get_by_role("region", name="Territory")).to_contain_text("Portugal")
        expect(page.get_by_role("textbox", name="Address of this profile")).to_have_value(
            re.compile(r"/profile/Ivo%20Costa$"))
    finally:
        context.close()
