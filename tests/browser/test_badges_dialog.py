"""'Edit your badges' is on the editor from the start: the dialog shows every badge, the
ones not earned yet with how to earn them."""
from playwright.sync_api import expect


def test_the_badges_dialog_opens_before_any_badge_is_earned(page, sign_in, shipped_capacities,
                                                            shipped_profile_data,
                                                            shipped_organizations):
    sign_in("Maria Silva")
    page.goto("/profile/edit")
    page.get_by_role("button", name="Edit your badges").click()
    dialog = page.get_by_role("dialog", name="Edit your badges")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text("Not earned yet")).to_have_count(4)  # Let's Connect's too
    expect(dialog.get_by_role("checkbox")).to_have_count(0)
