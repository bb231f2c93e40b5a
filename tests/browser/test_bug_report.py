"""A Wikimedian files a bug report with a screenshot and finds it under Submissions."""
import io

from PIL import Image
from playwright.sync_api import expect


def test_a_report_is_filed_and_shown_under_submissions(page, sign_in, tmp_path):
    shot = tmp_path / "shot.png"
    buffer = io.BytesIO()
    Image.new("RGB", (80, 50), "#0078d4").save(buffer, "PNG")
    shot.write_bytes(buffer.getvalue())
    sign_in("Maria Silva")
    page.get_by_role("link", name="Bug reports").first.click()
    page.get_by_label("Title").fill("The map is cut on my phone")
    page.get_by_label("Description").fill("On a 360 px screen the right side of the map is hidden.")
    page.get_by_label("Type").select_option(label="Improvement")
    page.get_by_label("Screenshot").set_input_files(str(shot))
    page.get_by_role("button", name="Submit bug report").click()

    expect(page.get_by_text("your report was sent to the CapX team")).to_be_visible()
    expect(page.get_by_role("link", name="Submissions")).to_have_attribute("aria-current", "page")
    entry = page.locator(".log-list__entry")
    expect(entry).to_have_count(1)
    expect(entry.get_by_text("The map is cut on my phone")).to_be_visible()
    expect(entry.locator(".log-list__status")).to_have_text("Submitted")
    expect(entry.get_by_text("Improvement")).to_be_hidden()
    entry.get_by_text("View").click()
    expect(entry.get_by_text("Improvement")).to_be_visible()
    expect(entry.get_by_role("link", name="Open the screenshot")).to_be_visible()
    entry.get_by_text("Hide").click()
    expect(entry.get_by_text("Improvement")).to_be_hidden()
