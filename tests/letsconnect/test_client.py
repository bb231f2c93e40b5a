"""capx/wikimedia/letsconnect.py against a local server answering as the real Let's Connect
service does: its four paths (trailing slashes and all), the 404 HTML page of an unknown
participant, RS256 tokens checked with the public key of a key pair made here, {"error"}
refusals; and every way it can fail: a 404 elsewhere, a 5xx, garbage, JSON of another shape,
no answer in time, no server, no key, no URL."""
import socket
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from werkzeug import Response

from capx.wikimedia import letsconnect
from capx.wikimedia.http import WikimediaError, WikimediaUnreachable
from capx.wikimedia.letsconnect import (Badge, EarlierProfile, LetsConnectNotConfigured,
                                        LetsConnectRefusal)

from tests.fakes.letsconnect import BASE, NOT_FOUND_PAGE, as_json, pem_of
ROLE = "Individual Wikimedian volunteer who contributes by editing Wikimedia projects"


def url(settings, path):
    return f"{settings.LETSCONNECT_URL}/{path}/"


def requests_to(httpserver, path):
    return [request for request, _ in httpserver.log if request.path == f"{BASE}/{path}/"]


# --- /exists/ -------------------------------------------------------------------------------

def test_exists_says_whether_the_service_knows_the_username(lc, httpserver):
    lc.add("Maria Silva")

    assert letsconnect.exists("Maria Silva") is True
    assert letsconnect.exists("João Souza") is False
    assert [request.args.to_dict() for request in requests_to(httpserver, "exists")] == [
        {"username": "Maria Silva"}, {"username": "João Souza"}]


def test_a_username_is_sent_with_spaces_not_underscores(lc, httpserver):
    lc.add("Maria Silva")

    assert letsconnect.exists("Maria_Silva") is True
    assert requests_to(httpserver, "exists")[0].args["username"] == "Maria Silva"


# --- /profile/ ------------------------------------------------------------------------------

def test_earlier_profile_reads_every_field(lc):
    lc.add("Maria Silva", username_org="Wikimedia Brasil",
           reconciled_affiliation="Wiki Movement Brazil User Group (WMB)",
           reconciled_territory="Brazil",
           reconciled_languages=["Portuguese", "English"],
           reconciled_projects=["Wikipedia", "Wikidata"],
           reconciled_want_to_learn=["Q123", "q45 ", "not a capacity", "Q", "", 7, None],
           reconciled_want_to_share=["Q9", "Q9", "http://www.wikidata.org/entity/Q1"])

    assert letsconnect.earlier_profile("Maria Silva") == EarlierProfile(
        username="Maria Silva", username_org="Wikimedia Brasil",
        affiliation="Wiki Movement Brazil User Group (WMB)", territory="Brazil",
        languages=("Portuguese", "English"), projects=("Wikipedia", "Wikidata"),
        want_to_learn=("Q123", "Q45"), want_to_share=("Q9",))


def test_earlier_profile_turns_nulls_into_empty_values(lc):
    lc.add("Maria Silva")  # every field but the username null

    assert letsconnect.earlier_profile("Maria Silva") == EarlierProfile(
        username="Maria Silva", username_org="", affiliation="", territory="", languages=(),
        projects=(), want_to_learn=(), want_to_share=())


def test_earlier_profile_of_an_unknown_participant_is_none(lc, httpserver):
    assert letsconnect.earlier_profile("Nobody Here") is None

    (_, answer), = httpserver.log  # the service's own 404 HTML page, read as "no one"
    assert (answer.status_code, answer.mimetype) == (404, "text/html")


# --- /user-badges/ --------------------------------------------------------------------------

def test_badges_are_read_newest_first_with_their_public_page(lc, httpserver, settings):
    lc.badges["Maria Silva"] = [
        {"name": "Where Paths Cross", "picture": "https://lc.example.org/media/paths.png",
         "description": "Registered on Let's Connect", "timestamp": "2025-06-02T10:30:00Z",
         "verification_code": "a1b2c3"},
        {"name": "First Share", "picture": "/media/share.png", "description": None,
         "timestamp": "2025-05-01T08:00:00.250000-03:00", "verification_code": "D4E5"},
    ]

    found = letsconnect.badges("Maria Silva")

    assert found == [
        Badge(name="Where Paths Cross", picture="https://lc.example.org/media/paths.png",
              description="Registered on Let's Connect",
              awarded_at=datetime(2025, 6, 2, 10, 30, tzinfo=timezone.utc),
              verification_code="a1b2c3"),
        Badge(name="First Share", picture=httpserver.url_for("/media/share.png"),
              description="",
              awarded_at=datetime(2025, 5, 1, 11, 0, 0, 250000, tzinfo=timezone.utc),
              verification_code="D4E5"),
    ]
    assert found[1].awarded_at.utcoffset() == timedelta(hours=-3)  # aware, as LC wrote it
    assert [badge.url for badge in found] == [f"{settings.LETSCONNECT_URL}/badge/a1b2c3/",
                                              f"{settings.LETSCONNECT_URL}/badge/D4E5/"]


def test_no_badges_is_an_empty_list(lc):
    assert letsconnect.badges("Maria Silva") == []


def test_a_badge_that_cannot_be_read_is_left_out(lc):
    good = {"name": "Where Paths Cross", "picture": None, "description": "",
            "timestamp": "2025-06-02T10:30:00+00:00", "verification_code": "a1b2c3"}
    lc.badges["Maria Silva"] = [
        {**good, "name": "Yesterday's", "timestamp": "yesterday"},
        good,
        {**good, "name": "Undated", "timestamp": None},
        {**good, "name": "Numbered", "timestamp": 1748860200},
        {**good, "name": "Uncoded", "verification_code": ""},
    ]

    assert letsconnect.badges("Maria Silva") == [
        Badge(name="Where Paths Cross", picture="", description="",
              awarded_at=datetime(2025, 6, 2, 10, 30, tzinfo=timezone.utc),
              verification_code="a1b2c3")]


def test_a_badge_picture_that_is_not_a_web_address_is_dropped(lc):
    lc.badges["Maria Silva"] = [
        {"name": "Where Paths Cross", "picture": "javascript:alert(1)", "description": "",
         "timestamp": "2025-06-02T10:30:00Z", "verification_code": "a1b2c3"}]

    assert [badge.picture for badge in letsconnect.badges("Maria Silva")] == [""]


# --- /endpoint/ -----------------------------------------------------------------------------

def test_register_sends_an_rs256_token_with_exactly_the_contract_s_claims(lc, httpserver):
    before = time.time()

    confirmation = letsconnect.register("Maria_Silva", email="maria@example.org", role=ROLE)

    assert confirmation == "LC-1"
    (header, claims, body, content_type), = lc.registrations  # verified with the public key
    assert header == {"alg": "RS256", "typ": "JWT"}
    assert body == {"token": body["token"]} and isinstance(body["token"], str)
    assert content_type == "application/json"
    assert set(claims) == {"user", "timestamp", "nonce", "full_name", "email", "role", "area",
                           "gender", "age", "exp"}  # no "aud", nothing else
    assert {key: claims[key] for key in ("user", "full_name", "email", "role", "area",
                                         "gender", "age")} == {
        "user": "Maria Silva", "full_name": None, "email": "maria@example.org", "role": ROLE,
        "area": None, "gender": None, "age": None}
    assert type(claims["timestamp"]) is int and before - 1 <= claims["timestamp"] <= time.time()
    assert str(uuid.UUID(claims["nonce"], version=4)) == claims["nonce"]
    assert uuid.UUID(claims["nonce"]).version == 4
    assert type(claims["exp"]) is int and claims["exp"] - claims["timestamp"] == 300
    assert len(requests_to(httpserver, "endpoint")) == 1


def test_register_sends_every_value_as_given_in_english(lc):
    area = "Education, Culture, heritage, GLAM"

    confirmation = letsconnect.register(
        "Maria Silva", full_name=" Maria da Silva ", email="maria@example.org", role=ROLE,
        area=area, gender="Non-binary", age="85 plus")

    assert confirmation == "LC-1"
    claims = lc.registrations[0][1]
    assert {key: claims[key] for key in ("full_name", "email", "role", "area", "gender",
                                         "age")} == {
        "full_name": "Maria da Silva", "email": "maria@example.org", "role": ROLE,
        "area": area, "gender": "Non-binary", "age": "85 plus"}


def test_every_registration_has_its_own_nonce(lc):
    letsconnect.register("Maria Silva", email="maria@example.org", role=ROLE)
    letsconnect.register("Maria Silva", email="maria@example.org", role=ROLE)

    first, second = (claims["nonce"] for _, claims, _, _ in lc.registrations)
    assert first != second


def test_a_refused_registration_says_why(lc, settings):
    with pytest.raises(LetsConnectRefusal) as refused:
        letsconnect.register("Maria Silva", email="", role=ROLE)

    assert str(refused.value) == "Let's Connect refused the registration: Email missing (HTTP 400)."
    assert (refused.value.error, refused.value.status) == ("Email missing", 400)
    assert isinstance(refused.value, WikimediaError)
    assert lc.registrations == []


def test_a_4xx_without_an_error_text_is_a_plain_error(lc, settings):
    lc.failures["endpoint"] = lambda request: Response(NOT_FOUND_PAGE, status=403,
                                                       content_type="text/html")

    with pytest.raises(WikimediaError) as failed:
        letsconnect.register("Maria Silva", email="maria@example.org", role=ROLE)

    assert type(failed.value) is not LetsConnectRefusal
    assert str(failed.value) == (
        f"Let's Connect answered HTTP 403 FORBIDDEN ({url(settings, 'endpoint')}).")


def test_a_registration_is_sent_once_even_when_the_service_fails(lc, httpserver, settings):
    lc.failures["endpoint"] = lambda request: Response("Internal Server Error", status=500)

    with pytest.raises(WikimediaError) as failed:
        letsconnect.register("Maria Silva", email="maria@example.org", role=ROLE)

    assert str(failed.value) == (
        f"Let's Connect answered HTTP 500 INTERNAL SERVER ERROR ({url(settings, 'endpoint')}).")
    assert len(requests_to(httpserver, "endpoint")) == 1  # a POST is never retried


def test_a_confirmation_of_another_shape_is_an_error(lc, settings):
    lc.failures["endpoint"] = lambda request: as_json({"message": "Registration received"})

    with pytest.raises(WikimediaError) as failed:
        letsconnect.register("Maria Silva", email="maria@example.org", role=ROLE)

    assert str(failed.value) == ("Let's Connect sent an answer of an unexpected shape from "
                                 '/endpoint/: "confirmation" is null, not an id.')


# --- failures -------------------------------------------------------------------------------

def garbage(request):
    return Response("<html><body>Oops</body></html>", content_type="text/html")


def server_error(request):
    return Response("<h1>Server Error (500)</h1>", status=500, content_type="text/html")


CALLS = {
    "exists": lambda: letsconnect.exists("Maria Silva"),
    "profile": lambda: letsconnect.earlier_profile("Maria Silva"),
    "user-badges": lambda: letsconnect.badges("Maria Silva"),
    "endpoint": lambda: letsconnect.register("Maria Silva", email="maria@example.org",
                                             role=ROLE),
}


@pytest.mark.parametrize("path", CALLS)
def test_an_answer_that_is_not_json_is_an_error(lc, settings, path):
    lc.failures[path] = garbage

    with pytest.raises(WikimediaError) as failed:
        CALLS[path]()

    assert type(failed.value) is WikimediaError
    assert str(failed.value) == ("Let's Connect sent an answer that is not valid JSON "
                                 f"(malformed or truncated) ({url(settings, path)}).")


@pytest.mark.parametrize("path", CALLS)
def test_a_server_error_is_an_error_at_once(lc, httpserver, settings, path):
    """The profile editor waits on each call: none is tried again."""
    lc.failures[path] = server_error

    with pytest.raises(WikimediaError) as failed:
        CALLS[path]()

    assert str(failed.value) == (
        f"Let's Connect answered HTTP 500 INTERNAL SERVER ERROR ({url(settings, path)}).")
    assert len(requests_to(httpserver, path)) == 1


@pytest.mark.parametrize("path", ["exists", "user-badges"])
def test_a_404_outside_profile_is_an_error_naming_the_setting(lc, settings, path):
    lc.failures[path] = lambda request: Response(NOT_FOUND_PAGE, status=404,
                                                 content_type="text/html")

    with pytest.raises(WikimediaError) as failed:
        CALLS[path]()

    assert str(failed.value) == (
        f"Let's Connect answered HTTP 404 NOT FOUND ({url(settings, path)}). Let's Connect "
        f"has no /{path}/: is LETSCONNECT_URL ({settings.LETSCONNECT_URL}) the service's "
        "address?")


WRONG_SHAPES = [
    ("exists", {"exists": "yes"}, '/exists/: "exists" is a string, not true or false.'),
    ("exists", {}, '/exists/: "exists" is null, not true or false.'),
    ("exists", [True], "expected an object, got an array"),
    ("profile", ["Maria Silva"], "expected an object, got an array"),
    ("profile", {"username": "Maria Silva", "reconciled_languages": "Portuguese"},
     '/profile/: "reconciled_languages" is a string, not a list.'),
    ("profile", {"username": 12}, '/profile/: "username" is a number, not a string.'),
    ("user-badges", {"badges": []}, "expected an array, got an object"),
    ("user-badges", ["Where Paths Cross"], "/user-badges/: badge 1 is a string, not an object."),
]


@pytest.mark.parametrize("path, answer, message", WRONG_SHAPES)
def test_json_of_another_shape_is_an_error(lc, settings, path, answer, message):
    lc.failures[path] = lambda request: as_json(answer)

    with pytest.raises(WikimediaError) as failed:
        CALLS[path]()

    text = str(failed.value)
    if message.startswith("/"):
        assert text == f"Let's Connect sent an answer of an unexpected shape from {message}"
    else:
        assert text == (f"Let's Connect sent JSON of an unexpected shape: {message} "
                        f"({url(settings, path)}).")


@pytest.mark.parametrize("path", CALLS)
def test_no_answer_in_time_is_unreachable(lc, httpserver, settings, slow_answer, path):
    settings.LETSCONNECT_TIMEOUT = 0.5
    lc.failures[path] = slow_answer
    started = time.monotonic()

    with pytest.raises(WikimediaUnreachable) as failed:
        CALLS[path]()

    assert time.monotonic() - started < 5  # LETSCONNECT_TIMEOUT, not CAPX_HTTP_TIMEOUT's 30
    assert str(failed.value) == (
        f"Let's Connect did not answer within 0.5 seconds ({url(settings, path)}).")


@pytest.mark.parametrize("path", CALLS)
def test_no_server_is_unreachable(lc, settings, path):
    with socket.socket() as probe:  # a local port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.LETSCONNECT_URL = f"http://127.0.0.1:{port}/lc"

    with pytest.raises(WikimediaUnreachable) as failed:
        CALLS[path]()

    assert str(failed.value).startswith(
        f"Could not connect to Let's Connect ({url(settings, path)}): ")


@pytest.mark.parametrize("path", CALLS)
def test_an_empty_url_means_not_configured_and_nothing_is_sent(lc, httpserver, settings, path):
    settings.LETSCONNECT_URL = ""

    with pytest.raises(LetsConnectNotConfigured) as failed:
        CALLS[path]()

    assert str(failed.value) == (
        "Let's Connect is not configured: LETSCONNECT_URL is empty; nothing was sent.")
    assert isinstance(failed.value, WikimediaError)
    assert letsconnect.is_configured() is False
    assert httpserver.log == []


def test_a_missing_key_file_is_an_error_and_nothing_is_sent(lc, httpserver, settings, tmp_path):
    missing = tmp_path / "nowhere" / "private.pem"
    settings.LETSCONNECT_PRIVATE_KEY_FILE = str(missing)

    with pytest.raises(LetsConnectNotConfigured) as failed:
        letsconnect.register("Maria Silva", email="maria@example.org", role=ROLE)

    assert str(failed.value) == (
        f"LETSCONNECT_PRIVATE_KEY_FILE ({missing}) could not be read: No such file or "
        "directory; nothing was sent to Let's Connect.")
    assert isinstance(failed.value, WikimediaError)
    assert httpserver.log == []


def test_an_unset_key_file_is_an_error_and_nothing_is_sent(lc, httpserver, settings):
    settings.LETSCONNECT_PRIVATE_KEY_FILE = ""

    with pytest.raises(LetsConnectNotConfigured) as failed:
        letsconnect.register("Maria Silva", email="maria@example.org", role=ROLE)

    assert str(failed.value) == (
        "Let's Connect is not configured: LETSCONNECT_PRIVATE_KEY_FILE (the key that signs "
        "registrations) is not set; nothing was sent.")
    assert httpserver.log == []


def test_a_key_file_without_a_key_is_an_error_and_nothing_is_sent(lc, httpserver, settings,
                                                                   tmp_path):
    public_only = tmp_path / "public.pem"
    public_only.write_bytes(lc.public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    settings.LETSCONNECT_PRIVATE_KEY_FILE = str(public_only)

    with pytest.raises(LetsConnectNotConfigured) as failed:
        letsconnect.register("Maria Silva", email="maria@example.org", role=ROLE)

    assert str(failed.value).startswith(
        f"LETSCONNECT_PRIVATE_KEY_FILE ({public_only}) does not hold an unencrypted PEM "
        "private key (")
    assert str(failed.value).endswith("); nothing was sent to Let's Connect.")
    assert httpserver.log == []


def test_a_key_that_is_not_rsa_is_an_error_and_nothing_is_sent(lc, httpserver, settings,
                                                              tmp_path):
    ec_key = tmp_path / "ec.pem"
    ec_key.write_bytes(pem_of(ec.generate_private_key(ec.SECP256R1())))
    settings.LETSCONNECT_PRIVATE_KEY_FILE = str(ec_key)

    with pytest.raises(LetsConnectNotConfigured) as failed:
        letsconnect.register("Maria Silva", email="maria@example.org", role=ROLE)

    assert str(failed.value) == (
        f"LETSCONNECT_PRIVATE_KEY_FILE ({ec_key}) holds a key that is not RSA; Let's Connect "
        "needs RS256; nothing was sent.")
    assert httpserver.log == []


def test_a_token_signed_with_another_key_is_refused_by_the_service(lc, settings, tmp_path):
    other = tmp_path / "other.pem"
    other.write_bytes(pem_of(rsa.generate_private_key(public_exponent=65537, key_size=2048)))
    settings.LETSCONNECT_PRIVATE_KEY_FILE = str(other)

    with pytest.raises(LetsConnectRefusal) as refused:
        letsconnect.register("Maria Silva", email="maria@example.org", role=ROLE)

    assert refused.value.status == 401
    assert str(refused.value) == ("Let's Connect refused the registration: Invalid token: "
                                  "Signature verification failed (HTTP 401).")


# --- every call ------------------------------------------------------------------------------

def test_every_call_carries_capx_s_user_agent(lc, httpserver, settings):
    lc.add("Maria Silva")

    letsconnect.exists("Maria Silva")
    letsconnect.earlier_profile("Maria Silva")
    letsconnect.badges("Maria Silva")
    letsconnect.register("Maria Silva", email="maria@example.org", role=ROLE)

    assert [(request.path, request.method, request.headers["User-Agent"])
            for request, _ in httpserver.log] == [
        (f"{BASE}/{path}/", method, settings.CAPX_USER_AGENT)
        for path, method in [("exists", "GET"), ("profile", "GET"), ("user-badges", "GET"),
                             ("endpoint", "POST")]]
    assert letsconnect.is_configured() is True
