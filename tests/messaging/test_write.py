"""Write: From, To checked against Meta-Wiki, the contact methods offered, the confirmation."""
import pytest
from django.test import Client

from messaging.models import Message
from tests.factories import ProfileFactory
from tests.messaging.conftest import field_errors, methods_offered, text, write


def test_messages_need_a_login(client):
    assert client.get("/message")["Location"] == "/login?next=/message"


def test_the_development_login_has_no_token_and_is_told_why(signed_in):
    page = signed_in.get("/message")
    assert "Messages need a Meta-Wiki login" in text(page)
    assert 'name="to"' not in text(page)
    assert signed_in.get("/feed").status_code == 200  # the rest of CapX works


def test_lets_talk_on_a_profile_opens_write_with_to_filled(maria, wiki):
    ProfileFactory(username="Ana Lima")
    profile = text(maria.get("/profile/Ana Lima"))
    assert 'href="/message?to=Ana%20Lima"' in profile and "Let's Talk" in profile
    page = maria.get("/message", {"to": "Ana Lima"})
    assert 'name="to" value="Ana Lima"' in page.content.decode()
    assert 'id="message-from" value="Maria Silva" readonly' in page.content.decode()
    assert methods_offered(page) == ["email", "talkpage"]


@pytest.mark.parametrize("maria_email, ana_email, offered, reason", [
    (True, True, ["email", "talkpage"], None),
    (True, False, ["talkpage"], "Ana Lima has no email address that other users may write to"),
    (False, True, ["talkpage"], "your Wikimedia account has no email address"),
    (False, False, ["talkpage"], "your Wikimedia account has no email address"),
])
def test_email_is_offered_only_when_both_accept_it(maria, wiki, maria_email, ana_email,
                                                   offered, reason):
    wiki.accounts["Maria Silva"]["emailable"] = maria_email
    wiki.accounts["Ana Lima"]["emailable"] = ana_email
    page = maria.get("/message", {"to": "Ana Lima"})
    assert methods_offered(page) == offered
    assert (reason in text(page)) if reason else "Email is not offered" not in text(page)
    users_calls = [params for _, params, _ in wiki.api_calls if params.get("list") == "users"]
    assert users_calls[-1]["ususers"] == "Maria Silva|Ana Lima"  # one request for both
    assert users_calls[-1]["usprop"] == "emailable"


def test_the_recipient_check_for_the_script_answers_the_same(maria, wiki):
    wiki.accounts["Ana Lima"]["emailable"] = False
    answer = maria.get("/message/recipient", {"to": "ana_Lima"}).json()
    assert answer["name"] == "Ana Lima" and answer["error"] is None
    assert [method["value"] for method in answer["methods"]] == ["talkpage"]
    assert "Ana Lima has no email address" in answer["note"]
    unknown = maria.get("/message/recipient", {"to": "Nobody Here"}).json()
    assert "There is no Wikimedia account named “Nobody Here”" in unknown["error"]


def test_to_follows_mediawikis_rules(maria, wiki):
    """Underscores are spaces and the first letter is case-insensitive."""
    page = write(maria, "review", to="ana_Lima")
    assert "Send this message?" in text(page) and "<bdi>Ana Lima</bdi>" in page.content.decode()


def test_an_unknown_recipient_is_an_error_on_the_field(maria, wiki):
    page = write(maria, "review", to="Ana Lim")
    assert "There is no Wikimedia account named “Ana Lim”. Check the spelling." in " ".join(
        field_errors(page, "to"))
    assert "Send this message?" not in text(page)
    assert 'value="Hello"' in page.content.decode()  # nothing lost


def test_an_impossible_username_is_refused_before_asking_meta_wiki(maria, wiki):
    calls = len(wiki.api_calls)
    page = write(maria, "review", to="Ana<Lima>")
    assert "A Wikimedia username cannot contain < >" in " ".join(field_errors(page, "to"))
    assert len(wiki.api_calls) == calls


def test_writing_to_yourself_is_refused(maria, wiki):
    page = write(maria, "review", to="maria Silva")
    assert "This is your own username" in " ".join(field_errors(page, "to"))


def test_check_recipient_without_javascript_keeps_what_was_typed(maria, wiki):
    wiki.accounts["Ana Lima"]["emailable"] = False
    page = write(maria, "check", subject="", text="Half a thought")
    assert methods_offered(page) == ["talkpage"]
    assert "Half a thought" in text(page)
    assert "This field is required." not in text(page)


@pytest.mark.parametrize("method, how", [
    ("email", "Meta-Wiki will email it to Ana Lima from the address of your Wikimedia account"),
    ("talkpage", "It will be added as a new section of the talk page of Ana Lima"),
])
def test_the_confirmation_says_how_it_goes_and_sends_nothing(maria, wiki, method, how):
    page = write(maria, "review", method=method)
    assert how in text(page) and "Once sent, a message cannot be undone." in text(page)
    assert "[Capacity Exchange] Hello" in text(page)
    assert 'value="send"' in page.content.decode() and 'value="edit"' in page.content.decode()
    assert wiki.emails == [] and wiki.talk_posts == [] and not Message.objects.exists()


def test_cancel_on_the_confirmation_goes_back_with_everything_kept(maria, wiki):
    page = write(maria, "edit", method="talkpage", email_possible="False")
    body = page.content.decode()
    assert 'value="Ana Lima"' in body and 'value="Hello"' in body
    assert "Wiki Loves Monuments budget" in text(page)
    assert methods_offered(page) == ["talkpage"]
    assert wiki.emails == [] and wiki.talk_posts == []


def test_email_chosen_but_not_possible_is_an_error_on_contact_method(maria, wiki):
    wiki.accounts["Ana Lima"]["emailable"] = False
    page = write(maria, "review", method="email")
    assert "Email is not offered because Ana Lima" in " ".join(field_errors(page, "method"))
    assert methods_offered(page) == ["talkpage"]


def test_subject_and_message_have_a_maximum_length(maria, wiki):
    page = write(maria, "review", subject="x" * 201, text="y" * 5001)
    assert "at most 200 characters" in " ".join(field_errors(page, "subject"))
    assert "at most 5000 characters" in " ".join(field_errors(page, "text"))


@pytest.mark.parametrize("step", ["check", "review", "edit", "send"])
def test_every_step_needs_the_csrf_token(wiki, step):
    browser = Client(enforce_csrf_checks=True)
    from tests.capx.test_login import login
    login(browser)
    answer = browser.post("/message", {"to": "Ana Lima", "method": "talkpage", "subject": "Hi",
                                       "text": "Hello", "step": step})
    assert answer.status_code == 403
    assert wiki.emails == [] and wiki.talk_posts == [] and not Message.objects.exists()
