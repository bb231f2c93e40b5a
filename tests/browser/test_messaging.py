"""Maria logs in with Meta-Wiki (the fake's real OAuth dance, in the browser), opens Ana's
profile, presses Let's Talk, writes, confirms in the dialog and finds the log in Sent."""
import re

from playwright.sync_api import expect

from tests.factories import ProfileFactory


def test_a_message_from_lets_talk_through_the_confirmation(page, live_server, metawiki,
                                                           settings, shipped_profile_data):
    metawiki.callback = f"{live_server.url}/oauth/complete/mediawiki/"
    settings.METAWIKI_API_URL = metawiki.api_url
    metawiki.add_account("Ana Lima", emailable=False)
    ProfileFactory(username="Ana Lima", bio="I organize edit-a-thons.")

    page.goto("/login?next=/profile/Ana%20Lima")
    page.get_by_role("button", name="Continue").click()  # to Meta-Wiki and back
    expect(page).to_have_url(re.compile(r"/profile/Ana%20Lima$"))
    page.get_by_role("link", name="Let's Talk").click()

    expect(page).to_have_url(re.compile(r"/message\?to=Ana%20Lima$"))
    expect(page.get_by_label("From")).to_have_value("Maria Silva")
    expect(page.get_by_label("To", exact=True)).to_have_value("Ana Lima")
    expect(page.get_by_text("Email is not offered because Ana Lima has no email address")).to_be_visible()
    expect(page.get_by_label("Contact method").locator("option")).to_have_text(["Talkpage"])
    page.get_by_label("Subject").fill("Edit-a-thon in Recife")
    page.get_by_role("textbox", name="Message").fill("Would you help us plan one?")
    page.get_by_role("button", name="Send message").click()

    dialog = page.get_by_role("dialog", name="Send this message?")
    expect(dialog.get_by_text("new section of the talk page of Ana Lima")).to_be_visible()
    dialog.get_by_role("button", name="Cancel").click()  # back, nothing lost
    expect(dialog).to_have_count(0)
    expect(page.get_by_role("textbox", name="Message")).to_have_value("Would you help us plan one?")
    assert metawiki.talk_posts == []

    page.get_by_role("button", name="Send message").click()
    page.get_by_role("dialog", name="Send this message?").get_by_role(
        "button", name="Confirm/Send").click()
    sent = page.get_by_role("dialog", name="Your message was sent")
    expect(sent.get_by_text("Your message is on the talk page of Ana Lima.")).to_be_visible()
    assert metawiki.talk_posts[0]["title"] == "User talk:Ana Lima"
    assert metawiki.talk_posts[0]["sectiontitle"] == "[Capacity Exchange] Edit-a-thon in Recife"
    expect(sent.get_by_role("link", name="Sent")).to_be_visible()
    sent.get_by_role("button", name="Close").click()  # as "Continue" does
    expect(sent).to_be_hidden()
    page.get_by_role("link", name="Sent").click()  # the tab

    entry = page.locator(".log-list__entry")
    expect(entry).to_have_count(1)
    expect(entry.get_by_text("To Ana Lima")).to_be_visible()
    expect(entry.get_by_text("Talkpage")).to_be_hidden()
    entry.get_by_text("View").click()
    expect(entry.get_by_text("Talkpage")).to_be_visible()
    entry.get_by_text("Hide").click()
    expect(entry.get_by_text("Talkpage")).to_be_hidden()
