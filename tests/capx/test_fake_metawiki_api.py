"""The fake Meta-Wiki's Action API (tests/fakes/metawiki.py) answers as Meta-Wiki does, so
that what CapX builds on it holds on the real one: every call signed with a Wikimedian's own
access token, format=json&formatversion=2, MediaWiki's own error codes."""
import re
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from requests_oauthlib import OAuth1, OAuth1Session

from tests.fakes.metawiki import CONSUMER_KEY, CONSUMER_SECRET

JSON = {"format": "json", "formatversion": "2"}


def oauth(token, secret):
    return OAuth1(CONSUMER_KEY, client_secret=CONSUMER_SECRET, resource_owner_key=token,
                  resource_owner_secret=secret, signature_type="auth_header")


@pytest.fixture
def maria(metawiki):
    """Maria Silva's access token, as CapX keeps it after her login."""
    return oauth(*metawiki.issue_access_token("Maria Silva"))


def get(metawiki, auth, **params):
    return requests.get(metawiki.api_url, params={**JSON, **params},
                        auth=auth, timeout=5).json()


def post(metawiki, auth, **params):
    return requests.post(metawiki.api_url, data={**JSON, **params},
                         auth=auth, timeout=5).json()


def csrf(metawiki, auth):
    return get(metawiki, auth, action="query", meta="tokens",
               type="csrf")["query"]["tokens"]["csrftoken"]


def email(metawiki, auth, **params):
    return post(metawiki, auth, **{"action": "emailuser", "target": "Ana Costa",
                                   "subject": "Capacity Exchange", "text": "Olá!",
                                   "token": csrf(metawiki, auth), **params})


def error(answer):
    return answer["error"]["code"], answer["error"]["info"]


# --- Reading ------------------------------------------------------------------------------

def test_users_query_normalizes_and_tells_missing_invalid_and_emailable(metawiki, maria):
    metawiki.add_account("Ana Costa", emailable=False)

    answer = get(metawiki, maria, action="query", list="users", usprop="emailable",
                 ususers="maria_silva|Ana Costa|Nobody Here|  bad<name ")

    assert answer == {"batchcomplete": True, "query": {
        "normalized": [{"fromencoded": False, "from": "maria_silva", "to": "Maria silva"}],
        "users": [
            {"name": "Maria silva", "missing": True},  # MediaWiki keeps the rest's case
            {"userid": 4243, "name": "Ana Costa", "emailable": False},
            {"name": "Nobody Here", "missing": True},
            {"name": "  bad<name ", "invalid": True},
        ],
    }}
    assert get(metawiki, maria, action="query", list="users", ususers="Maria Silva") == {
        "batchcomplete": True, "query": {"users": [{"userid": 4242, "name": "Maria Silva"}]}}
    assert get(metawiki, maria, action="query", list="users", usprop="emailable",
               ususers="  maria  Silva")["query"]["users"] == [
        {"userid": 4242, "name": "Maria Silva", "emailable": True}]
    method, params, owner = metawiki.api_calls[0]
    assert (method, owner) == ("GET", "Maria Silva")
    assert params == {**JSON, "action": "query", "list": "users", "usprop": "emailable",
                      "ususers": "maria_silva|Ana Costa|Nobody Here|  bad<name "}


def test_csrf_token_is_stable_for_one_access_token(metawiki, maria):
    answer = get(metawiki, maria, action="query", meta="tokens", type="csrf")

    token = answer["query"]["tokens"]["csrftoken"]
    assert answer == {"batchcomplete": True, "query": {"tokens": {"csrftoken": token}}}
    assert re.fullmatch(r"[0-9a-f]{40}\+\\", token)
    assert csrf(metawiki, maria) == token
    assert csrf(metawiki, oauth(*metawiki.issue_access_token("Maria Silva"))) != token


def test_only_json_formatversion_2(metawiki, maria):
    assert error(get(metawiki, maria, action="query", meta="tokens", formatversion="1"))[0] \
        == "badvalue"
    assert error(get(metawiki, maria, action="query", meta="tokens", format="xml"))[0] \
        == "badvalue"


# --- Email --------------------------------------------------------------------------------

def test_emailuser_sends_an_email(metawiki, maria):
    metawiki.add_account("Ana Costa")

    assert email(metawiki, maria, target=" ana_Costa", ccme="1") == {
        "emailuser": {"result": "Success"}}

    assert metawiki.emails == [{"from": "Maria Silva", "to": "Ana Costa",
                                "subject": "Capacity Exchange", "text": "Olá!", "ccme": True}]
    method, params, owner = metawiki.api_calls[-1]
    assert (method, params["action"], params["text"], owner) == (
        "POST", "emailuser", "Olá!", "Maria Silva")


@pytest.mark.parametrize("case, code, info", [
    ("badtoken", "badtoken", "Invalid CSRF token."),
    ("notarget", "notarget", "You have not specified a valid target for this action."),
    ("noemail", "noemail", "This user has not specified a valid email address."),
    ("mailnologin", "mailnologin", "You must be logged in and have a valid email address in "
                                   "your preferences to send email to other users."),
])
def test_emailuser_refusals(metawiki, case, code, info):
    metawiki.add_account("Ana Costa", emailable=case != "noemail")
    metawiki.add_account("Quiet Sender", emailable=False)
    sender = oauth(*metawiki.issue_access_token(
        "Quiet Sender" if case == "mailnologin" else "Maria Silva"))
    params = {"badtoken": {"token": "0" * 40 + "+\\"},
              "notarget": {"target": "Nobody Here"}}.get(case, {})

    answer = email(metawiki, sender, **params)

    assert answer == {"error": {"code": code, "info": info, "docref": answer["error"]["docref"]},
                      "servedby": "mw-api-fake"}
    assert metawiki.emails == []


def test_emailuser_must_be_posted(metawiki, maria):
    metawiki.add_account("Ana Costa")

    answer = get(metawiki, maria, action="emailuser", target="Ana Costa", text="Olá!",
                 token=csrf(metawiki, maria))

    assert error(answer) == ("mustbeposted", 'The "emailuser" module requires a POST request.')
    assert metawiki.emails == []


# --- Talk pages ---------------------------------------------------------------------------

def test_edit_adds_a_new_talk_section(metawiki, maria):
    answer = post(metawiki, maria, action="edit", title="User talk:Ana Costa", section="new",
                  sectiontitle="Capacity Exchange", text="Olá! ~~~~", summary="Hello",
                  token=csrf(metawiki, maria))

    assert answer == {"edit": {"new": True, "result": "Success", "pageid": 1,
                               "title": "User talk:Ana Costa", "contentmodel": "wikitext",
                               "oldrevid": 0, "newrevid": 1001,
                               "newtimestamp": "2026-12-01T10:00:00Z", "watched": True}}
    assert metawiki.talk_posts == [{"title": "User talk:Ana Costa",
                                    "sectiontitle": "Capacity Exchange", "text": "Olá! ~~~~",
                                    "by": "Maria Silva", "summary": "Hello"}]


def test_edit_refuses_a_bad_token_and_other_pages(metawiki, maria):
    params = {"action": "edit", "section": "new", "sectiontitle": "Hi", "text": "Olá!"}
    assert error(post(metawiki, maria, title="User talk:Ana Costa", token="+\\", **params)) \
        == ("badtoken", "Invalid CSRF token.")
    assert error(post(metawiki, maria, title="Main Page", token=csrf(metawiki, maria),
                      **params))[0] == "invalidtitle"
    assert metawiki.talk_posts == []


# --- Signatures ---------------------------------------------------------------------------

def assert_refused(answer, reason):
    assert answer == {"error": {"code": "mwoauth-invalid-authorization",
                                "info": "The authorization headers in your request are not "
                                        f"valid: {reason}",
                                "docref": answer["error"]["docref"]},
                      "servedby": "mw-api-fake"}


def test_unsigned_and_wrongly_signed_requests_are_refused(metawiki):
    metawiki.add_account("Ana Costa")
    key, secret = metawiki.issue_access_token("Maria Silva")
    params = {"action": "emailuser", "target": "Ana Costa", "text": "Olá!", "token": "+\\"}

    assert_refused(post(metawiki, None, **params), "Invalid access token")
    assert_refused(post(metawiki, oauth(key, "f" * 40), **params), "Invalid signature")
    assert_refused(post(metawiki, oauth("f" * 32, secret), **params), "Invalid access token")
    assert metawiki.api_calls == [] and metawiki.emails == []


def test_a_tampered_body_is_refused(metawiki, maria):
    metawiki.add_account("Ana Costa")
    metawiki.add_account("Someone Else")
    data = {**JSON, "action": "emailuser", "target": "Ana Costa", "text": "Olá!",
            "token": csrf(metawiki, maria)}
    signed = requests.Request("POST", metawiki.api_url, data=data,
                              auth=maria).prepare()
    tampered = signed.copy()
    tampered.body = signed.body.replace(b"Ana+Costa", b"Someone+Else")
    tampered.headers["Content-Length"] = str(len(tampered.body))

    with requests.Session() as session:
        assert_refused(session.send(tampered, timeout=5).json(), "Invalid signature")
        assert metawiki.emails == []
        assert session.send(signed, timeout=5).json() == {"emailuser": {"result": "Success"}}
        assert_refused(session.send(signed, timeout=5).json(), "Nonce already used")
    assert [sent["to"] for sent in metawiki.emails] == ["Ana Costa"]


def test_a_revoked_token_is_refused(metawiki):
    key, secret = metawiki.issue_access_token("Maria Silva")
    metawiki.revoked.add(key)

    assert_refused(get(metawiki, oauth(key, secret), action="query", meta="tokens"),
                   "Invalid access token")
    assert metawiki.api_calls == []


def test_the_oauth_dance_records_the_token_owner(metawiki):
    index = metawiki.index_url
    session = OAuth1Session(CONSUMER_KEY, client_secret=CONSUMER_SECRET, callback_uri="oob")
    request_token = session.fetch_request_token(f"{index}?title=Special:OAuth/initiate")
    back = requests.get(index, params={"title": "Special:OAuth/authenticate",
                                       "oauth_token": request_token["oauth_token"]},
                        allow_redirects=False, timeout=5).headers["Location"]
    session = OAuth1Session(CONSUMER_KEY, client_secret=CONSUMER_SECRET,
                            resource_owner_key=request_token["oauth_token"],
                            resource_owner_secret=request_token["oauth_token_secret"],
                            verifier=parse_qs(urlparse(back).query)["oauth_verifier"][0])
    access = session.fetch_access_token(f"{index}?title=Special:OAuth/token")

    assert metawiki.token_owners == {access["oauth_token"]: "Maria Silva"}
    auth = oauth(access["oauth_token"], access["oauth_token_secret"])
    assert get(metawiki, auth, action="query", meta="tokens")["query"]["tokens"]["csrftoken"]
    assert metawiki.api_calls[-1][2] == "Maria Silva"


# --- A broken or slow Meta-Wiki -----------------------------------------------------------

def test_api_faults_answer_until_removed(metawiki, maria):
    metawiki.add_account("Ana Costa")
    metawiki.api_faults["emailuser"] = ("ratelimited", "You've exceeded your rate limit.")
    metawiki.api_faults["users"] = ("internal_api_error_DBQueryError", "A database error.")

    for _ in range(2):
        assert error(email(metawiki, maria)) == ("ratelimited", "You've exceeded your rate limit.")
    assert error(get(metawiki, maria, action="query", list="users", ususers="Ana Costa"))[0] \
        == "internal_api_error_DBQueryError"
    assert metawiki.emails == []

    del metawiki.api_faults["emailuser"]
    assert email(metawiki, maria) == {"emailuser": {"result": "Success"}}


def test_api_delay_plays_a_slow_metawiki(metawiki, maria):
    metawiki.api_delay = 0.5
    with pytest.raises(requests.Timeout):
        requests.get(metawiki.api_url, auth=maria, timeout=0.1,
                     params={**JSON, "action": "query", "meta": "tokens"})
