"""The capacity picker dialog in Chromium, on a tests-only GET form with two pickers
(tests/capacities/picker_form.py): select across levels, count, cancel, confirm, remove,
submit; and the same form without JavaScript through the picker page."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from capacities.models import Capacity

pytestmark = pytest.mark.urls("tests.capacities.picker_form")


def chosen(picker):
    return picker.locator("input[type=hidden]").evaluate_all("inputs => inputs.map(i => i.value)")


def test_select_a_root_and_a_child_confirm_and_submit(page, shipped_capacities):
    page.goto("/picker-form")
    picker = page.locator('.capacity-picker[data-field="capacity"]')
    expect(picker.get_by_text("No capacities selected yet.")).to_be_visible()
    opener = picker.get_by_role("button", name="Add capacities")
    opener.click()

    dialog = page.get_by_role("dialog", name="Select capacities")
    expect(dialog).to_be_visible()
    confirm = dialog.locator(".capacity-dialog__confirm")
    expect(confirm).to_have_text("Select capacity (0)")
    expect(dialog.get_by_role("button", name="Organisational Skills", exact=True)).to_be_focused()

    root = dialog.get_by_role("button", name="Programmatic Skills", exact=True)
    root.click()
    expect(root).to_have_attribute("aria-pressed", "true")
    expect(confirm).to_have_text("Select capacity (1)")

    dialog.get_by_role("button", name="Show the capacities inside Programmatic Skills").click()
    event = dialog.get_by_role("button", name="Event", exact=True)
    expect(event).to_be_visible()
    expect(dialog.get_by_role("button", name="Communication", exact=True)).to_have_count(0)
    event.click()
    expect(confirm).to_have_text("Select capacity (2)")

    # The information icon shows and hides the description.
    description = Capacity.objects.get(slug="event").description
    dialog.get_by_role("button", name="About Event", exact=True).click()
    expect(dialog.get_by_text(description)).to_be_visible()
    dialog.get_by_role("button", name="About Event", exact=True).click()
    expect(dialog.get_by_text(description)).to_be_hidden()

    # A third level, then back to the top: the selection stays.
    dialog.get_by_role("button", name="Show the capacities inside Event").click()
    expect(dialog.get_by_role("button", name="Edit-a-thons", exact=True)).to_be_visible()
    dialog.get_by_role("button", name="Root capacities").click()
    expect(root).to_have_attribute("aria-pressed", "true")
    expect(root).to_be_focused()  # where the user went down
    expect(dialog.get_by_role("button", name="Communication", exact=True)).to_have_attribute("aria-pressed", "false")
    expect(confirm).to_have_text("Select capacity (2)")

    confirm.click()
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    expect(picker.locator(".capacity-chip__name")).to_have_text(["Programmatic Skills", "Event"])
    assert chosen(picker) == ["programmatic-skills", "event"]
    expect(picker.get_by_text("No capacities selected yet.")).to_be_hidden()

    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#received-capacity")).to_have_text("programmatic-skills event")
    assert parse_qs(urlsplit(page.url).query)["capacity"] == ["programmatic-skills", "event"]
    # The page comes back with the selection.
    expect(page.locator('.capacity-picker[data-field="capacity"] .capacity-chip__name')).to_have_text(
        ["Programmatic Skills", "Event"])


def test_cancel_and_escape_keep_the_selection_and_x_removes_one(page, shipped_capacities):
    page.goto("/picker-form?capacity=budgeting&capacity=press-release")
    picker = page.locator('.capacity-picker[data-field="capacity"]')
    dialog = page.get_by_role("dialog", name="Select capacities")
    confirm = dialog.locator(".capacity-dialog__confirm")

    picker.get_by_role("button", name="Add capacities").click()
    expect(confirm).to_have_text("Select capacity (2)")
    dialog.get_by_role("button", name="Communication", exact=True).click()
    expect(confirm).to_have_text("Select capacity (3)")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    assert chosen(picker) == ["budgeting", "press-release"]

    picker.get_by_role("button", name="Add capacities").click()
    expect(confirm).to_have_text("Select capacity (2)")  # the cancelled click is forgotten
    dialog.get_by_role("button", name="Show the capacities inside Communication").click()
    dialog.get_by_role("button", name="Press release", exact=True).click()  # unselect it
    expect(confirm).to_have_text("Select capacity (1)")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(picker.get_by_role("button", name="Add capacities")).to_be_focused()
    assert chosen(picker) == ["budgeting", "press-release"]

    page.evaluate("window.sameDocument = true")
    picker.get_by_role("button", name="Remove Budgeting").click()
    assert chosen(picker) == ["press-release"]
    expect(picker.get_by_role("button", name="Remove Press release")).to_be_focused()
    picker.get_by_role("button", name="Remove Press release").click()
    assert chosen(picker) == []
    expect(picker.get_by_text("No capacities selected yet.")).to_be_visible()
    assert page.evaluate("window.sameDocument") is True


def test_an_autosubmit_picker_sends_the_form_when_confirmed(page, shipped_capacities):
    page.goto("/picker-form?capacity=budgeting")
    page.locator('.capacity-picker[data-field="wanted"]').get_by_role("button", name="Add capacities").click()
    dialog = page.get_by_role("dialog", name="Select capacities")
    dialog.get_by_role("button", name="Social Skills", exact=True).click()
    dialog.get_by_role("button", name="Select capacity (1)").click()
    expect(page.locator("#received-wanted")).to_have_text("social-skills")
    expect(page.locator("#received-capacity")).to_have_text("budgeting")


def test_the_link_icon_of_each_box_opens_the_feed_filtered_by_it(page, shipped_capacities):
    page.goto("/picker-form")
    page.locator('.capacity-picker[data-field="capacity"]').get_by_role("button", name="Add capacities").click()
    dialog = page.get_by_role("dialog", name="Select capacities")
    link = dialog.get_by_role("link", name="Explore profiles with Communication", exact=True)
    expect(link).to_have_attribute("href", "/feed?capacity=communication")
    expect(link).not_to_have_attribute("target", "_blank")  # a GET form: nothing typed is lost
    expect(dialog.get_by_role("link", name=re.compile("^Explore profiles with"))).to_have_count(7)
    dialog.get_by_role("button", name="Show the capacities inside Communication").click()
    dialog.get_by_role("link", name="Explore profiles with Press release").click()
    expect(page).to_have_url(re.compile(r"/feed\?capacity=press-release$"))


def test_in_the_profile_editor_the_link_icon_opens_a_new_tab(page, sign_in, shipped_capacities,
                                                             shipped_profile_data):
    sign_in("Maria Silva")
    page.goto("/profile/edit")
    page.get_by_role("textbox", name="Mini bio").fill("Not saved yet")
    page.locator('.capacity-picker[data-field="known"]').get_by_role("button", name="Add capacities").click()
    dialog = page.get_by_role("dialog", name="Select capacities")
    link = dialog.get_by_role("link", name="Explore profiles with Communication (opens in a new tab)")
    expect(link).to_have_attribute("target", "_blank")
    with page.context.expect_page() as tab:
        link.click()
    expect(tab.value).to_have_url(re.compile(r"/feed\?capacity=communication$"))
    expect(page.get_by_role("textbox", name="Mini bio")).to_have_value("Not saved yet")


def test_without_javascript_the_picker_page_does_the_same(browser, live_server, shipped_capacities):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/picker-form?capacity=budgeting")
        page.locator('.capacity-picker[data-field="capacity"]').get_by_role("button", name="Add capacities").click()
        expect(page).to_have_url(re.compile(r"/capacity/picker/capacity\?"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Select capacities")
        expect(page.get_by_label("Budgeting")).to_be_checked()
        page.get_by_label("Programmatic Skills").check()
        page.get_by_label("Event", exact=True).check()
        page.get_by_role("button", name="Select capacity").click()
        expect(page).to_have_url(re.compile(r"/picker-form\?"))
        expect(page.locator("#received-capacity")).to_have_text("budgeting programmatic-skills event")
        expect(page.locator("#received-wanted")).to_have_text("")

        # Cancel comes back with the selection as it was.
        page.locator('.capacity-picker[data-field="wanted"]').get_by_role("button", name="Add capacities").click()
        page.get_by_label("Social Skills").check()
        page.get_by_role("button", name="Cancel").click()
        expect(page.locator("#received-capacity")).to_have_text("budgeting programmatic-skills event")
        expect(page.locator("#received-wanted")).to_have_text("")

        page.get_by_role("link", name="Remove Programmatic Skills").click()
        expect(page.locator("#received-capacity")).to_have_text("budgeting event")
    finally:
        context.close()
