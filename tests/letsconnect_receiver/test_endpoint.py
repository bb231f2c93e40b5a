"""POST /letsconnect/endpoint/: a registration, an update, and every refusal (each with a
clear {"error"}, leaving the Let's Connect database as it was)."""
import json
import time
import uuid

import pytest
from django.test import Client

from letsconnect.choices import AGES, AREAS, GENDERS, ROLES
from letsconnect_receiver import registration
from letsconnect_receiver.models import Nonce, Participant
from tests.letsconnect_receiver.conftest import (DROP, ENDPOINT, ROLE, claims, hs256_with,
                                                 lc_state, post, send, sign, unsigned)

pytestmark = pytest.mark.django_db(databases=["default", "letsconnect"])


def test_a_registration_then_an_update_overwrites_the_row(client, capx_key):
    # CSRF is not asked of a machine endpoint: the signature is the proof.
    answer = send(Client(enforce_csrf_checks=True), capx_key)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert set(body) == {"message", "confirmation"} and body["confirmation"]
    maria = Participant.objects.get()
    assert (maria.username, maria.full_name, maria.email, maria.role, maria.area, maria.gender,
            maria.age) == ("Maria Silva", "Maria da Silva", "maria@example.org", ROLE,
                           "Education, Culture, heritage, GLAM", "Woman", "25-34")
    assert maria.confirmation == body["confirmation"]
    assert client.get("/letsconnect/exists/?username=Maria Silva").json() == {"exists": True}

    other_role = list(ROLES)[-1]
    again = send(client, capx_key, full_name=None, email="maria.silva@example.org",
                 role=other_role, area=None, gender="", age=None)
    assert again.status_code == 200, again.content
    assert again.json()["confirmation"] != body["confirmation"]
    updated = Participant.objects.get()  # the same row, every field overwritten
    assert updated.pk == maria.pk and updated.registered_at == maria.registered_at
    assert (updated.full_name, updated.email, updated.role, updated.area, updated.gender,
            updated.age) == ("", "maria.silva@example.org", other_role, "", "", "")
    assert updated.confirmation == again.json()["confirmation"]
    assert updated.updated_at > maria.updated_at
    assert Nonce.objects.count() == 2


@pytest.mark.parametrize("changes", [
    {"gender": "Genderqueer"},  # the form's "Not listed" text
    {"gender": "x" * 100},
    {"area": "Culture, heritage, GLAM"},
    {"area": "Culture, heritage, GLAM, Advocacy"},
    {"area": "Advocacy, Culture, heritage, GLAM"},
    {"area": "Education, Wikipedia in schools"},  # a topic and an Other text
    {"area": "Open data for museums"},
    {"area": DROP, "gender": DROP, "age": DROP, "full_name": DROP},
    {"full_name": "M" * 200},
    {"user": "Zoë Ñandú 李"},
    {"nonce": str(uuid.uuid4()).upper()},
    {"timestamp": lambda: int(time.time()) - 290},
    {"timestamp": lambda: int(time.time()) + 50},
    *({"gender": gender} for gender in GENDERS),
    *({"age": age} for age in AGES),
    *({"role": role} for role in ROLES),
    *({"area": area} for area in AREAS),
])
def test_every_accepted_value(client, capx_key, changes):
    answer = send(client, capx_key, **changes)
    assert answer.status_code == 200, answer.content


def test_what_optional_claims_left_empty_store(client, capx_key):
    send(client, capx_key, area=None, gender=None, age=None, full_name=None)
    assert Participant.objects.values_list("area", "gender", "age", "full_name").get() == (
        "", "", "", "")


@pytest.fixture
def registered(client, capx_key):
    """Maria registered once: a refusal must leave her row (and everything else) as it is."""
    assert send(client, capx_key).status_code == 200
    return lc_state()


def refused(answer, status, *words):
    assert answer.status_code == status, answer.content
    assert answer["Content-Type"] == "application/json"
    error = answer.json()["error"]
    for word in words:
        assert word in error, error
    return error


@pytest.mark.parametrize("body, words", [
    ("not json", ["not JSON"]),
    (b"\xff\xfe", ["not JSON"]),
    ("", ["not JSON"]),
    ({}, ["no token"]),
    ([], ["no token"]),
    ({"token": ""}, ["no token"]),
    ({"token": 42}, ["no token"]),
    ({"jwt": "a.b.c"}, ["no token"]),
])
def test_a_body_without_a_token_is_refused(client, registered, body, words):
    refused(post(client, body), 400, *words)
    assert lc_state() == registered


def test_only_a_post_is_answered(client):
    answer = client.get(ENDPOINT)
    assert answer.status_code == 405 and "POST" in answer.json()["error"]


# --- The token (401) ------------------------------------------------------------------------

def test_a_token_signed_with_another_key_is_refused(client, registered, another_key):
    refused(post(client, {"token": sign(another_key[0], claims())}), 401, "signature")
    assert lc_state() == registered


def test_hs256_with_the_public_key_as_secret_is_refused(client, registered, capx_key):
    refused(post(client, {"token": hs256_with(capx_key[1], claims())}), 401, "RS256", "HS256")
    assert lc_state() == registered


def test_an_unsigned_token_is_refused(client, registered):
    refused(post(client, {"token": unsigned(claims())}), 401, "RS256", "none")
    assert lc_state() == registered


def test_another_rsa_algorithm_is_refused(client, registered, capx_key):
    token = sign(capx_key[0], claims(), algorithm="RS512")
    refused(post(client, {"token": token}), 401, "RS256", "RS512")
    assert lc_state() == registered


@pytest.mark.parametrize("token", ["not-a-jwt", "a.b.c", "e30.e30.", "....."])
def test_a_token_that_is_not_a_jwt_is_refused(client, registered, token):
    refused(post(client, {"token": token}), 401)
    assert lc_state() == registered


@pytest.mark.parametrize("changes, words", [
    ({"exp": lambda: int(time.time()) - 1}, ["expired"]),
    ({"exp": DROP}, ["no exp"]),
    ({"exp": "tomorrow"}, []),
    ({"aud": "letsconnect"}, ["aud"]),
    ({"aud": ""}, ["aud"]),
    ({"aud": []}, ["aud"]),
    ({"nbf": lambda: int(time.time()) + 3600}, ["not valid yet"]),
    ({"timestamp": lambda: int(time.time()) - 301}, ["older than five minutes"]),
    ({"timestamp": lambda: int(time.time()) + 120}, ["future"]),
    ({"timestamp": DROP}, ["no timestamp"]),
    ({"timestamp": None}, ["no timestamp"]),
    ({"timestamp": lambda: str(int(time.time()))}, ["integer"]),
    ({"timestamp": lambda: time.time()}, ["integer"]),
    ({"timestamp": True}, ["integer"]),
    ({"nonce": DROP}, ["no nonce"]),
    ({"nonce": "12345"}, ["uuid4"]),
    ({"nonce": str(uuid.uuid1())}, ["uuid4"]),
    ({"nonce": uuid.uuid4().hex}, ["uuid4"]),  # not the string form
    ({"nonce": 4}, ["uuid4"]),
])
def test_a_token_that_is_not_fresh_or_not_proper_is_refused(client, registered, capx_key,
                                                            changes, words):
    refused(send(client, capx_key, **changes), 401, *words)
    assert lc_state() == registered


def test_a_token_is_accepted_once(client, registered, capx_key):
    token = sign(capx_key[0], claims())
    assert post(client, {"token": token}).status_code == 200
    after_first = lc_state()
    refused(post(client, {"token": token}), 401, "already used")
    # another token with the same nonce, too
    nonce = after_first["Nonce"][-1]["value"]
    refused(send(client, capx_key, nonce=nonce, email="other@example.org"), 401, "already used")
    assert lc_state() == after_first


def test_a_nonce_raced_in_by_a_second_request_is_refused_and_nothing_is_written(
        client, registered, capx_key, monkeypatch):
    """Two requests with one token at the same moment: both pass the check, the database's
    unique nonce stops the second, and its transaction writes nothing."""
    token = sign(capx_key[0], claims(email="race@example.org"))
    real_filter, asked = registration.Nonce.objects.filter, []

    def not_seen_yet(**kwargs):
        asked.append(kwargs)
        return real_filter(value="never")
    assert post(client, {"token": token}).status_code == 200
    after_first = lc_state()
    monkeypatch.setattr(registration.Nonce.objects, "filter", not_seen_yet)
    refused(post(client, {"token": token}), 401, "already used")
    monkeypatch.undo()
    assert asked  # the check was passed: the database refused it
    assert lc_state() == after_first


def test_a_failure_while_storing_leaves_nothing_half_written(client, registered, capx_key,
                                                             monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")
    monkeypatch.setattr(Participant.objects, "update_or_create", broken)
    with pytest.raises(RuntimeError):
        send(client, capx_key, email="new@example.org")
    monkeypatch.undo()
    assert lc_state() == registered  # not even the nonce


def test_without_a_public_key_the_receiver_says_so(client, capx_key, settings):
    settings.LETSCONNECT_PUBLIC_KEY_FILE = "/nonexistent/public.pem"
    answer = send(client, capx_key)
    assert answer.status_code == 503 and "public key" in answer.json()["error"]
    settings.LETSCONNECT_PUBLIC_KEY_FILE = ""
    assert send(client, capx_key).status_code == 503
    assert lc_state() == {"Participant": [], "Nonce": [], "Badge": []}


# --- The data (400) -------------------------------------------------------------------------

@pytest.mark.parametrize("changes, words", [
    ({"user": DROP}, ["user is required"]),
    ({"user": ""}, ["user is required"]),
    ({"user": "   "}, ["user is required"]),
    ({"user": 7}, ["user must be text"]),
    ({"user": "Maria_Silva"}, ["spaces, not underscores"]),
    ({"user": " Maria Silva"}, ["surrounding spaces"]),
    ({"user": "M" * 256}, ["255"]),
    ({"email": DROP}, ["email is required"]),
    ({"email": None}, ["email is required"]),
    ({"email": ""}, ["email is required"]),
    ({"email": "maria"}, ["not a valid email address"]),
    ({"email": "maria@"}, ["not a valid email address"]),
    ({"email": "maria@example"}, ["not a valid email address"]),
    ({"email": ["maria@example.org"]}, ["email must be text"]),
    ({"email": "m" * 250 + "@example.org"}, ["not a valid email address"]),
    ({"role": DROP}, ["role is required"]),
    ({"role": None}, ["role is required"]),
    ({"role": "Wikimedian"}, ["role is not one of"]),
    ({"role": ROLE.upper()}, ["role is not one of"]),
    ({"age": "30"}, ["age is not one of"]),
    ({"age": 30}, ["age must be text"]),
    ({"gender": "x" * 101}, ["gender is longer than 100"]),
    ({"gender": {"text": "Man"}}, ["gender must be text"]),
    ({"full_name": "M" * 201}, ["full_name is longer than 200"]),
    ({"area": "Education, Governance, Advocacy"}, ["At most two topics"]),
    ({"area": "Culture, heritage, GLAM, Education, Wikipedia in schools"},
     ["At most two topics"]),
    ({"area": "Education, Wikipedia, in schools"}, ["At most two topics"]),
    ({"area": "Education, , Advocacy"}, ["empty topic"]),
    ({"area": "Education, Education"}, ["same topic twice"]),
    ({"area": "Education, " + "x" * 201}, ["Other text is longer than 200"]),
    ({"area": ["Education"]}, ["area must be text"]),
    ({"email": DROP, "role": DROP}, ["email is required", "role is required"]),  # both said
])
def test_registration_data_outside_the_rules_is_refused(client, registered, capx_key,
                                                        changes, words):
    refused(send(client, capx_key, **changes), 400, *words)
    assert lc_state() == registered


def test_the_topics_of_an_area(db):
    split = registration.split_area
    assert split("Culture, heritage, GLAM") == ["Culture, heritage, GLAM"]
    assert split("Education, Culture, heritage, GLAM") == ["Education", "Culture, heritage, GLAM"]
    assert split("Culture, heritage, GLAM, Open maps") == ["Culture, heritage, GLAM", "Open maps"]
    assert split("Culture, heritage") == ["Culture", "heritage"]  # not the known topic
    assert split("Heritage, Human rights") == ["Heritage", "Human rights"]


def test_errors_are_json_in_english_whatever_the_language(client, registered, capx_key):
    client.cookies["capx_language"] = "pt-br"
    answer = send(client, capx_key, email="maria")
    assert json.loads(answer.content)["error"].startswith("email is not a valid email address")
