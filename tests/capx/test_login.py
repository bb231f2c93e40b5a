"""Login with Meta-Wiki, told as short stories. The browser is Django's test client
(in-process); CapX's OAuth backend talks real HTTP to a fake Meta-Wiki on 127.0.0.1
(tests/fakes/metawiki.py), and the browser's visit to Meta-Wiki is a real HTTP request too."""
import html
import json
import re
from datetime import datetime, timezone

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client
from social_django.models import UserSocialAuth

from messaging.sending import oauth_token
from tests.explore.seen import people
from tests.factories import ProfileFactory
from tests.fakes.metawiki import CANCEL_TEXT

User = get_user_model()

DECLINED = "You did not allow CapX to use your Wikimedia account"
NOT_VERIFIED = "Meta-Wiki's answer could not be verified, so you are not logged in."
TOO_LATE = "Meta-Wiki's answer arrived too late and has expired."
USED = "This login link has expired or was already used. Please log in again."


@pytest.fixture
def browser():
    """A test client that enforces CSRF, like a real browser session would need."""
    return Client(enforce_csrf_checks=True)


def text(page):
    """What the person reads (entities such as &#x27; decoded)."""
    return html.unescape(page.content.decode())


def login_form(page):
    """The attributes and the fields of the "Continue" form on /login."""
    form = re.search(r'<form([^>]*action="/oauth/login/mediawiki/"[^>]*)>(.*?)</form>',
                     page.content.decode(), re.S)
    assert form, "no form posting to /oauth/login/mediawiki/"
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[2])
    return form[1], {name: html.unescape(value) for name, value in fields}, html.unescape(form[2])


def press_continue(browser, next_=None):
    """Opens /login and presses "Continue": CapX answers with a redirect to Meta-Wiki."""
    page = browser.get("/login", {"next": next_} if next_ else {})
    answer = browser.post("/oauth/login/mediawiki/", login_form(page)[1])
    assert answer.status_code == 302, answer
    return answer["Location"]


def allow_on_metawiki(url):
    """The browser's visit to Meta-Wiki's authorization page (real HTTP to the fake), which
    sends it back to CapX's callback."""
    answer = requests.get(url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def login(browser, next_=None):
    """The whole dance; returns the callback URL and CapX's final page."""
    callback = allow_on_metawiki(press_continue(browser, next_))
    return callback, browser.get(callback, follow=True)


def log_out(browser):
    return browser.post("/logout", {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value})


def signed_in_user(browser):
    return browser.get("/home").wsgi_request.user


# --- The interstitial ---------------------------------------------------------------------

def test_login_page_continues_to_metawiki_by_post(browser):
    page = browser.get("/login")
    assert "Meta-Wiki" in text(page)
    attributes, fields, content = login_form(page)
    assert 'method="post"' in attributes
    assert "Continue" in content
    assert fields["csrfmiddlewaretoken"] and fields["next"] == "/home"


def test_login_starts_only_by_post_with_csrf(browser, metawiki):
    assert browser.get("/oauth/login/mediawiki/").status_code == 405
    assert browser.post("/oauth/login/mediawiki/").status_code == 403  # no CSRF token
    assert metawiki.calls == []


# --- The happy path -----------------------------------------------------------------------

def test_first_login_creates_the_wikimedian(browser, metawiki, settings):
    callback, page = login(browser)

    assert callback.startswith("http://testserver/oauth/complete/mediawiki/?oauth_verifier=")
    assert page.redirect_chain[-1] == ("/home", 302)
    assert "Maria Silva" in text(page)
    maria = User.objects.get()
    assert maria.username == "Maria Silva"  # spaces kept
    assert maria.mediawiki_id == "4242"  # the central user id, "sub"
    assert maria.wiki_registered_at == datetime(2010, 10, 10, 10, 10, 10, tzinfo=timezone.utc)
    assert not maria.has_usable_password()
    assert signed_in_user(browser) == maria
    # The whole OAuth 1.0a dance happened, each call with CapX's User-Agent.
    assert metawiki.pages() == ["initiate", "authenticate", "token", "identify"]
    server_calls = [agent for page, agent in metawiki.calls if page != "authenticate"]
    assert server_calls == [settings.CAPX_USER_AGENT] * 3


def test_access_token_stays_on_the_server_not_in_the_session(browser, metawiki):
    login(browser)

    (key, secret), = metawiki.access_tokens.items()
    link = UserSocialAuth.objects.get(provider="mediawiki", uid="4242")
    assert link.user.username == "Maria Silva"
    # Kept encrypted (tests/security/test_token_encryption.py), read back whole.
    assert oauth_token(link.user) == {"oauth_token": key, "oauth_token_secret": secret}
    assert key not in json.dumps(link.extra_data) and secret not in json.dumps(link.extra_data)
    session = json.dumps(dict(browser.session.items()))
    assert key not in session and secret not in session


def test_a_safe_next_is_where_login_ends(browser, metawiki):
    callback = allow_on_metawiki(press_continue(browser, next_="/home?welcome=1"))
    answer = browser.get(callback)
    assert answer.status_code == 302 and answer["Location"] == "/home?welcome=1"


def test_an_open_redirect_ends_on_home(browser, metawiki):
    page = browser.get("/login", {"next": "https://evil.example/"})
    fields = login_form(page)[1]
    assert fields["next"] == "/home"
    # Even if a crafted form posts it straight to the start of the login:
    answer = browser.post("/oauth/login/mediawiki/", {**fields, "next": "https://evil.example/"})
    answer = browser.get(allow_on_metawiki(answer["Location"]))
    assert answer.status_code == 302 and answer["Location"] == "/home"


def test_a_renamed_wikimedian_keeps_their_account(browser, metawiki):
    login(browser)
    maria = User.objects.get()
    ProfileFactory(user=maria, known=["media"], available=["media"])
    log_out(browser)

    metawiki.user["username"] = "Maria Silva Santos"  # renamed on Meta-Wiki, same sub
    _callback, page = login(browser)

    assert User.objects.count() == 1
    maria.refresh_from_db()
    assert maria.username == "Maria Silva Santos"
    assert "Maria Silva Santos" in text(page)
    assert signed_in_user(browser) == maria
    assert people(Client(), q="santos") == {"Maria Silva Santos"}  # Explore knows the new name


def test_a_deactivated_wikimedian_is_not_signed_in(browser, metawiki):
    login(browser)
    User.objects.update(is_active=False)
    log_out(browser)
    metawiki.user["username"] = "Maria Renamed"

    _callback, page = login(browser)

    assert "This account has been deactivated." in text(page)
    assert not signed_in_user(browser).is_authenticated
    assert User.objects.get().username == "Maria Silva"  # nothing was updated


def test_logout_signs_out(browser, metawiki):
    login(browser)
    assert signed_in_user(browser).is_authenticated
    assert browser.get("/logout").status_code == 405  # only a POSTed form logs out
    answer = log_out(browser)
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert not signed_in_user(browser).is_authenticated


# --- When it goes wrong -------------------------------------------------------------------

@pytest.mark.parametrize("fault, message", [
    ("wrong_secret", NOT_VERIFIED),
    ("wrong_issuer", NOT_VERIFIED),
    ("wrong_audience", NOT_VERIFIED),
    ("wrong_nonce", NOT_VERIFIED),
    ("expired", TOO_LATE),
])
def test_an_identity_that_cannot_be_trusted_logs_nobody_in(browser, metawiki, fault, message):
    metawiki.break_(fault)
    _callback, page = login(browser)

    assert page.redirect_chain[-1] == ("/login", 302)
    assert message in text(page)
    assert User.objects.count() == 0
    assert not signed_in_user(browser).is_authenticated


def test_refusing_on_metawiki_leaves_the_person_logged_out(browser, metawiki):
    metawiki.break_("refuse")
    on_metawiki = requests.get(press_continue(browser), allow_redirects=False, timeout=5)
    # Meta-Wiki says so itself, and (OAuth 1.0a) never sends the person back to CapX.
    assert on_metawiki.status_code == 200
    assert CANCEL_TEXT in on_metawiki.text
    assert metawiki.pages() == ["initiate", "authenticate"]
    # Coming back to CapX, they can simply start again.
    page = browser.get("/login")
    assert "Continue" in text(page)
    assert User.objects.count() == 0
    assert not signed_in_user(browser).is_authenticated


def test_a_provider_that_reports_the_refusal_gets_a_clear_message(browser, metawiki):
    """OAuth 1.0a providers may send back oauth_problem=user_refused (Meta-Wiki does not)."""
    press_continue(browser)
    page = browser.get("/oauth/complete/mediawiki/", {"oauth_problem": "user_refused"},
                       follow=True)
    assert page.redirect_chain[-1] == ("/login", 302)
    assert DECLINED in text(page)
    assert User.objects.count() == 0


def test_a_replayed_callback_in_another_browser_logs_nobody_in(browser, metawiki):
    callback, _page = login(browser)
    intruder = Client(enforce_csrf_checks=True)
    page = intruder.get(callback, follow=True)

    assert page.redirect_chain[-1] == ("/login", 302)
    assert USED in text(page)
    assert User.objects.count() == 1
    assert not signed_in_user(intruder).is_authenticated


def test_the_same_callback_twice_in_one_browser_creates_nobody_new(browser, metawiki):
    callback, _page = login(browser)
    page = browser.get(callback, follow=True)

    assert page.redirect_chain[-1] == ("/home", 302)  # still signed in from the first visit
    assert USED in text(page)
    assert User.objects.count() == 1
    assert metawiki.pages().count("token") == 1  # CapX did not even ask Meta-Wiki again


def test_metawiki_exchanges_a_request_token_only_once(browser, metawiki):
    """A double-submitted callback: the second request still finds the request token in
    its copy of the session, but Meta-Wiki refuses to exchange it again."""
    callback = allow_on_metawiki(press_continue(browser))
    pending = browser.session["mediawikiunauthorized_token_name"]
    browser.get(callback)
    session = browser.session
    session["mediawikiunauthorized_token_name"] = pending
    session.save()

    page = browser.get(callback, follow=True)

    assert USED in text(page)
    assert metawiki.pages().count("token") == 2
    assert User.objects.count() == 1


def test_capx_with_the_wrong_consumer_secret_cannot_start(browser, metawiki, settings):
    """The fake really checks OAuth signatures, as Meta-Wiki does."""
    settings.SOCIAL_AUTH_MEDIAWIKI_SECRET = "not-our-secret"
    page = browser.get("/login")
    answer = browser.post("/oauth/login/mediawiki/", login_form(page)[1], follow=True)
    assert answer.redirect_chain[-1] == ("/login", 302)
    assert "Meta-Wiki did not accept CapX's request to start the login." in text(answer)
    assert metawiki.pages() == ["initiate"]


def test_metawiki_unreachable(browser, metawiki):
    metawiki.stop()
    page = browser.get("/login")
    answer = browser.post("/oauth/login/mediawiki/", login_form(page)[1], follow=True)
    assert answer.redirect_chain[-1] == ("/login", 302)
    assert "Meta-Wiki could not be reached just now." in text(answer)


def test_a_local_account_with_the_same_name_is_never_taken_over(browser, metawiki):
    """Accounts are keyed on the central id: a name-only account (development login) is not
    handed to whoever logs in with that name."""
    local = User.objects.create_user(username="Maria Silva")
    _callback, page = login(browser)

    assert "Another CapX account already uses your Wikimedia username." in text(page)
    assert not signed_in_user(browser).is_authenticated
    local.refresh_from_db()
    assert local.mediawiki_id is None
    assert not UserSocialAuth.objects.exists()


def test_a_name_taken_over_on_metawiki_does_not_merge_accounts(browser, metawiki):
    """João logged in as "Joao" and was later renamed on Meta-Wiki; then Maria was renamed
    to "Joao" (usurpation). CapX does not know João's new name yet: it refuses, clearly."""
    metawiki.user.update(sub="777", username="Joao")
    login(browser)
    log_out(browser)
    metawiki.user.update(sub="4242", username="Maria Silva")
    login(browser)
    log_out(browser)

    metawiki.user["username"] = "Joao"
    _callback, page = login(browser)

    assert "Another CapX account already uses your Wikimedia username." in text(page)
    assert not signed_in_user(browser).is_authenticated
    assert set(User.objects.values_list("mediawiki_id", "username")) == {
        ("777", "Joao"), ("4242", "Maria Silva")}


def test_an_account_already_keyed_on_the_central_id_is_reused(browser, metawiki):
    """E.g. imported with its mediawiki_id before it ever logged in here."""
    imported = User.objects.create_user(username="Maria S.", mediawiki_id="4242")
    login(browser)

    assert signed_in_user(browser) == imported
    imported.refresh_from_db()
    assert imported.username == "Maria Silva"
    assert UserSocialAuth.objects.get().user == imported
