"""Confirm/Send: through Meta-Wiki with the sender's own OAuth token, only a log stored."""
import pytest
from django.db import connection
from social_django.models import UserSocialAuth

from messaging.models import Message
from tests.messaging.conftest import field_errors, methods_offered, text, write

SUBJECT = "Budget help"
TEXT = "Can you help with the Wiki Loves Monuments budget?"


def send(browser, **fields):
    return write(browser, "send", subject=SUBJECT, text=TEXT, **fields)


def test_email_goes_through_emailuser_signed_as_the_sender(maria, wiki):
    answer = send(maria, method="email")
    entry = Message.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/message?sent={entry.pk}"
    assert wiki.emails == [{"from": "Maria Silva", "to": "Ana Lima", "ccme": True,
                            "subject": f"[Capacity Exchange] {SUBJECT}", "text": TEXT}]
    (key, _secret), = wiki.access_tokens.items()  # the token stored at Maria's login
    assert wiki.token_owners[key] == "Maria Silva"
    methods = [(method, params.get("action"), params.get("meta")) for method, params, owner
               in wiki.api_calls if owner == "Maria Silva"]
    assert methods[-2:] == [("GET", "query", "tokens"), ("POST", "emailuser", None)]
    assert (entry.sender.username, entry.recipient, entry.method, entry.status, entry.error) \
        == ("Maria Silva", "Ana Lima", "email", "sent", "")


def test_talkpage_adds_a_signed_new_section(maria, wiki):
    send(maria, method="talkpage")
    assert wiki.talk_posts == [{"title": "User talk:Ana Lima", "by": "Maria Silva",
                                "sectiontitle": f"[Capacity Exchange] {SUBJECT}",
                                "text": f"{TEXT}\n\n~~~~", "summary": ""}]
    assert wiki.emails == []
    assert Message.objects.get().method == "talkpage"


def test_after_sending_a_dialog_tells_of_the_sent_tab(maria, wiki):
    page = maria.get(send(maria, method="email")["Location"])
    assert "Your message was sent" in text(page)
    assert "Meta-Wiki emailed your message to Ana Lima, and a copy to you." in text(page)
    assert 'href="/message/sent"' in page.content.decode()
    assert 'name="to" value=""' not in page.content.decode()  # a fresh form


def test_email_no_longer_possible_is_not_sent_to_the_talk_page_instead(maria, wiki):
    confirmation = write(maria, "review", method="email")
    assert "Send this message?" in text(confirmation)
    wiki.accounts["Ana Lima"]["emailable"] = False  # she changed her preferences meanwhile
    page = send(maria, method="email")
    assert page.status_code == 200
    assert "Email is no longer possible." in " ".join(field_errors(page, "method"))
    assert methods_offered(page) == ["talkpage"]
    assert wiki.emails == [] and wiki.talk_posts == []
    assert Message.objects.get().status == "error"
    assert SUBJECT in text(page) and TEXT in text(page)  # the form is kept


@pytest.mark.parametrize("action, code, info, words", [
    ("emailuser", "blockedfrommail", "You have been blocked from sending email.",
     "Meta-Wiki says your account is blocked from doing this: You have been blocked"),
    ("emailuser", "ratelimited", "You've exceeded your rate limit.",
     "Meta-Wiki says you have sent too many messages in a short time."),
    ("tokens", "badtoken", "Invalid CSRF token.", "Meta-Wiki did not accept this session's token."),
    ("emailuser", "permissiondenied", "You don't have permission to send email.",
     "The permission you gave CapX on Meta-Wiki does not include sending messages."),
    ("emailuser", "readonly", "The wiki is currently in read-only mode.",
     "Meta-Wiki is read-only for maintenance right now."),
    ("edit", "blocked", "You have been blocked from editing.",
     "Meta-Wiki says your account is blocked from doing this"),
    ("edit", "protectedpage", "This page has been protected.",
     "The talk page of Ana Lima is protected"),
    ("edit", "abusefilter-disallowed", "This action has been automatically identified as harmful.",
     "Meta-Wiki refused the message: This action has been automatically identified as harmful."),
])
def test_each_meta_wiki_error_is_told_in_plain_words_and_logged(maria, wiki, action, code,
                                                                info, words):
    wiki.api_faults[action] = (code, info)
    page = send(maria, method="talkpage" if action == "edit" else "email")
    assert page.status_code == 200 and words in text(page)
    assert SUBJECT in text(page) and TEXT in text(page)
    assert wiki.emails == [] and wiki.talk_posts == []
    entry = Message.objects.get()
    assert entry.status == "error"
    assert words in entry.error or entry.error == f"Meta-Wiki refused the message ({code})."


def test_a_revoked_token_asks_to_log_in_again(maria, wiki):
    wiki.revoked.update(wiki.access_tokens)
    page = send(maria, method="email")
    assert "Meta-Wiki no longer accepts CapX's permission to act for your account" in text(page)
    assert 'href="/login?next=/message">Log in again</a>' in page.content.decode()
    assert wiki.emails == [] and Message.objects.get().status == "error"


def test_a_missing_token_asks_to_log_in_again(maria, wiki):
    UserSocialAuth.objects.update(extra_data={})
    page = send(maria, method="email")
    assert "That permission is no longer stored here: log in again" in text(page)
    assert 'href="/login?next=/message">Log in again</a>' in page.content.decode()
    assert wiki.emails == [] and not Message.objects.exists()


@pytest.mark.parametrize("action, code, field, words", [
    ("emailuser", "noemail", "method", "Ana Lima does not accept email from other users."),
    ("emailuser", "mailnologin", "method", "Your Wikimedia account has no email address"),
    ("emailuser", "notarget", "to", "There is no Wikimedia account named “Ana Lima”."),
    ("edit", "autoblocked", None, "Meta-Wiki says your account is blocked from doing this"),
    ("emailuser", "mwoauth-grant-permissiondenied", None,
     "The permission you gave CapX on Meta-Wiki does not include sending messages."),
])
def test_refusals_about_a_field_are_told_next_to_it(maria, wiki, action, code, field, words):
    wiki.api_faults[action] = (code, "Refused.")
    page = send(maria, method="talkpage" if action == "edit" else "email")
    told = " ".join(field_errors(page, field)) if field else text(page)
    assert words in told
    assert Message.objects.get().status == "error"


def test_a_token_that_cannot_be_fetched_sends_nothing_and_says_so(maria, wiki):
    wiki.api_faults["tokens"] = ("internal_api_error_DBQueryError", "A database error.")
    page = send(maria, method="email")
    assert "Meta-Wiki refused the message: A database error." in text(page)
    assert wiki.emails == []


def test_a_refusal_that_may_quote_the_message_is_logged_by_its_code_only(maria, wiki):
    wiki.api_faults["edit"] = ("spamblacklist", "The link https://spam.example/Monuments is blocked.")
    page = send(maria, method="talkpage")
    assert "https://spam.example/Monuments" in text(page)  # the sender is told
    assert Message.objects.get().error == "Meta-Wiki refused the message (spamblacklist)."


def test_a_slow_meta_wiki_gets_a_clear_message_within_the_timeout(maria, wiki, settings):
    settings.CAPX_MESSAGE_TIMEOUT = 0.3
    wiki.api_delay = 2
    page = send(maria, method="email")
    assert "Meta-Wiki did not answer, so nothing was sent." in text(page)
    assert SUBJECT in text(page) and TEXT in text(page)
    assert Message.objects.get().status == "error"


def test_the_hourly_limit_refuses_and_keeps_the_form(maria, wiki, settings):
    settings.CAPX_MESSAGES_PER_HOUR = 2
    send(maria, method="email")
    send(maria, method="talkpage")
    page = send(maria, method="email")
    assert "You have sent or tried to send 2 messages in the last hour" in text(page)
    assert TEXT in text(page)
    assert len(wiki.emails) == 1 and len(wiki.talk_posts) == 1
    assert Message.objects.count() == 2
    review = write(maria, "review")
    assert "You have sent or tried to send 2 messages in the last hour" in text(review)


def test_neither_subject_nor_text_is_ever_stored(maria, wiki):
    send(maria, method="email")
    wiki.api_faults["emailuser"] = ("blockedfrommail", "Blocked.")
    send(maria, method="email")
    assert Message.objects.count() == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM messaging_message")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert "Budget" not in stored and "Monuments" not in stored
    assert "Ana Lima" in stored
