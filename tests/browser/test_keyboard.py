"""The profile editor and its capacity picker with the keyboard alone: Tab reaches every
control in order, Enter and Space work them, and focus is never lost."""
import re

from playwright.sync_api import expect

from profiles.models import Profile

FOCUSED = """() => {
  const e = document.activeElement;
  return e && e !== document.body ? (e.getAttribute('aria-label') || e.labels?.[0]?.innerText
    || e.innerText || e.name || e.id || e.tagName).trim().split('\\n')[0] : null;
}"""


def tab_until(page, wanted, most=400):
    """Presses Tab until the focused control is named `wanted`; returns what it passed."""
    passed = []
    for _ in range(most):
        page.keyboard.press("Tab")
        name = page.evaluate(FOCUSED)
        assert name is not None, f"focus was lost after {passed[-3:]}"
        passed.append(name)
        if re.fullmatch(wanted, name):
            return passed
    raise AssertionError(f"{wanted!r} was never reached; passed {passed[-10:]}")


def test_the_profile_editor_and_the_picker_with_the_keyboard_alone(page, sign_in, shipped_capacities,
                                                                    shipped_profile_data,
                                                                    shipped_organizations):
    sign_in("Maria Silva")
    page.goto("/profile/edit")
    passed = tab_until(page, "Mini bio")
    page.keyboard.type("Typed with the keyboard only.")
    passed += tab_until(page, "Add capacities")  # Known capacities
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Select capacities")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Organisational Skills", exact=True)).to_be_focused()
    page.keyboard.press("Space")  # selects it
    expect(dialog.locator(".capacity-dialog__confirm")).to_have_text("Select capacity (1)")
    tab_until(page, r"Select capacity \(1\)")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.locator('.capacity-picker[data-field="known"] .capacity-chip__name')).to_have_text(
        ["Organisational Skills"])
    expect(page.locator('.capacity-picker[data-field="known"]').get_by_role(
        "button", name="Add capacities")).to_be_focused()  # back where the user was

    passed += tab_until(page, "Language")
    page.keyboard.type("Spanish")
    passed += tab_until(page, "Save profile")
    for control in ("Choose an avatar", "Edit your badges", "Mini bio", "Add capacities",
                    "Import known capacities", "Language", "Proficiency"):
        assert any(control in name for name in passed), f"Tab never reached {control!r}"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/profile$"))
    profile = Profile.objects.get(user__username="Maria Silva")
    assert profile.bio == "Typed with the keyboard only."
    assert list(profile.known.values_list("slug", flat=True)) == ["organisational-skills"]
    assert [row.language.name for row in profile.languages.all()] == ["Spanish"]
