"""The Meta-Wiki access tokens CapX keeps to send messages as each person are encrypted at
rest (profiles/accounts/tokens.py): nothing in the database reads as a token, messages still
go, keys rotate without anyone logging in again, and a token no key opens means "log in
again", not an error. Logins go through the fake Meta-Wiki, as in tests/messaging/."""
import io
import json
import time

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from social_django.models import UserSocialAuth

from messaging.models import Message
from messaging.sending import oauth_token
from profiles.accounts import tokens
from tests.capx.test_login import log_out, login
from tests.messaging.conftest import text, write

OLD, NEW, OTHER = (Fernet.generate_key().decode() for _ in range(3))
LOG_IN_AGAIN = "That permission is no longer stored here: log in again to send messages."


def found_in_the_database(*secrets):
    """Which of these strings some row of some table of CapX's database holds, read with raw
    SQL (each row as PostgreSQL's text of it)."""
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT t::text FROM {connection.ops.quote_name(table)} t')
            for (row,) in cursor.fetchall():
                found.update(secret for secret in secrets if secret in row)
    return found


def issued(wiki):
    """Every key and secret the fake Meta-Wiki handed out."""
    return [part for pair in wiki.access_tokens.items() for part in pair]


def the_login():
    return UserSocialAuth.objects.get(provider="mediawiki")


def maria():
    return the_login().user


def send(browser):
    return write(browser, "send", subject="Budget help", text="Can you help?", method="email")


def rotate(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("rotate_token_keys", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def test_a_login_stores_no_token_or_secret_in_clear_anywhere(browser, wiki):
    login(browser)
    (key, secret), = wiki.access_tokens.items()

    assert found_in_the_database(key, secret) == set()
    extra = the_login().extra_data
    assert set(extra) == {"auth_time", "encrypted_access_token"}
    # Fernet, with the development key derived from SECRET_KEY (DEBUG on, no CAPX_TOKEN_KEYS).
    development = Fernet(tokens.development_key(django_settings.SECRET_KEY))
    assert json.loads(development.decrypt(extra["encrypted_access_token"].encode())) == {
        "oauth_token": key, "oauth_token_secret": secret}
    assert oauth_token(maria()) == {"oauth_token": key, "oauth_token_secret": secret}

    # The next login stores its new token the same way, and the first one is gone.
    log_out(browser)
    login(browser)
    assert len(wiki.access_tokens) == 2
    assert found_in_the_database(*issued(wiki)) == set()
    assert oauth_token(maria())["oauth_token"] == list(wiki.access_tokens)[-1]


def test_messages_go_with_the_encrypted_token(browser, wiki):
    login(browser)
    answer = send(browser)
    assert answer.status_code == 302
    assert [email["from"] for email in wiki.emails] == ["Maria Silva"]
    assert Message.objects.get().status == "sent"


def test_keys_rotate_without_logging_anyone_out(browser, wiki, settings):
    settings.CAPX_TOKEN_KEYS = [OLD]
    login(browser)
    (key, _secret), = wiki.access_tokens.items()
    stored = the_login().extra_data["encrypted_access_token"]

    # A new key first: it encrypts from now on, the old one still decrypts.
    settings.CAPX_TOKEN_KEYS = [NEW, OLD]
    assert oauth_token(maria())["oauth_token"] == key
    assert send(browser).status_code == 302

    out, err = rotate()
    assert out == ("Re-encrypted 1 Meta-Wiki token(s) with the first key of CAPX_TOKEN_KEYS "
                   "(0 of them were stored in clear).\n") and err == ""
    rotated = the_login().extra_data["encrypted_access_token"]
    assert rotated != stored
    assert Fernet(NEW).decrypt(rotated.encode())
    with pytest.raises(InvalidToken):
        Fernet(OLD).decrypt(rotated.encode())

    # The old key retired: the token still works, nobody logs in again.
    settings.CAPX_TOKEN_KEYS = [NEW]
    assert oauth_token(maria())["oauth_token"] == key
    assert send(browser).status_code == 302
    assert len(wiki.emails) == 2 and Message.objects.filter(status="sent").count() == 2
    assert found_in_the_database(*issued(wiki)) == set()


def test_a_token_no_key_opens_asks_to_log_in_again(browser, wiki, settings):
    settings.CAPX_TOKEN_KEYS = [OLD]
    login(browser)

    settings.CAPX_TOKEN_KEYS = [OTHER]  # e.g. the old key removed before rotate_token_keys
    assert oauth_token(maria()) is None
    page = browser.get("/message")
    assert page.status_code == 200 and LOG_IN_AGAIN in text(page)
    assert 'href="/login?next=/message">Log in again</a>' in page.content.decode()

    # The command reports it and leaves it: reported, never deleted.
    stored = the_login().extra_data
    out, err = rotate()
    assert "Re-encrypted 0 Meta-Wiki token(s)" in out
    assert "1 token(s) could not be decrypted with any key of CAPX_TOKEN_KEYS" in err
    assert f"Maria Silva (login {the_login().pk})" in err
    assert the_login().extra_data == stored

    # Logging in again stores a new token, with the key of today.
    log_out(browser)
    login(browser)
    assert oauth_token(maria())["oauth_token"] == list(wiki.access_tokens)[-1]
    assert "Log in again" not in text(browser.get("/message"))


def test_a_token_stored_in_clear_before_encryption_works_and_the_command_encrypts_it(
        browser, wiki):
    login(browser)
    (key, secret), = wiki.access_tokens.items()
    # A row as CapX stored it before: social-core's extra_data, the token in clear.
    UserSocialAuth.objects.update(extra_data={
        "auth_time": int(time.time()),
        "access_token": {"oauth_token": key, "oauth_token_secret": secret}})
    assert found_in_the_database(key, secret) == {key, secret}  # the scan does see it

    assert oauth_token(maria()) == {"oauth_token": key, "oauth_token_secret": secret}
    assert send(browser).status_code == 302 and len(wiki.emails) == 1

    out, _err = rotate()
    assert "Re-encrypted 1 Meta-Wiki token(s)" in out and "(1 of them were stored in clear)" in out
    assert found_in_the_database(key, secret) == set()
    assert set(the_login().extra_data) == {"auth_time", "encrypted_access_token"}
    assert oauth_token(maria()) == {"oauth_token": key, "oauth_token_secret": secret}
    assert send(browser).status_code == 302 and len(wiki.emails) == 2


def test_the_next_login_encrypts_a_token_stored_in_clear(browser, wiki):
    login(browser)
    (key, secret), = wiki.access_tokens.items()
    UserSocialAuth.objects.update(extra_data={
        "auth_time": 1, "access_token": {"oauth_token": key, "oauth_token_secret": secret}})
    log_out(browser)
    login(browser)
    assert found_in_the_database(*issued(wiki)) == set()
    assert oauth_token(maria())["oauth_token"] == list(wiki.access_tokens)[-1]


def test_every_plaintext_copy_is_sealed_away():
    """social-core may also keep the token's query-string form, or copies under other names
    (GET_ALL_EXTRA_DATA, EXTRA_DATA): none stays in clear."""
    sealed = tokens.seal({
        "auth_time": 1, "access_token": "oauth_token=k3y&oauth_token_secret=s3cr3t",
        "raw": {"oauth_token_secret": "s3cr3t"}, "key": "k3y", "username": "Maria Silva"})
    assert set(sealed) == {"auth_time", "username", "encrypted_access_token"}
    assert "k3y" not in json.dumps(sealed) and "s3cr3t" not in json.dumps(sealed)
    assert tokens.read(sealed) == {"oauth_token": "k3y", "oauth_token_secret": "s3cr3t"}


def test_the_command_works_in_chunks_and_keeps_going_past_an_unreadable_token(settings,
                                                                              django_user_model):
    settings.CAPX_TOKEN_KEYS = [OLD]
    logins = []
    for number in range(5):
        user = django_user_model.objects.create_user(username=f"Person {number}")
        token = {"oauth_token": f"key{number}", "oauth_token_secret": f"secret{number}"}
        extra = ({"access_token": token} if number == 4 else  # in clear
                 {"encrypted_access_token": Fernet(OTHER).encrypt(b"{}").decode()}
                 if number == 2 else tokens.seal({"access_token": token}))
        logins.append(UserSocialAuth.objects.create(user=user, provider="mediawiki",
                                                    uid=str(number), extra_data=extra))
    UserSocialAuth.objects.create(user=django_user_model.objects.create_user(username="Dev"),
                                  provider="mediawiki", uid="99", extra_data={})

    settings.CAPX_TOKEN_KEYS = [NEW, OLD]
    out, err = rotate(chunk_size=2)

    assert "Re-encrypted 4 Meta-Wiki token(s)" in out and "(1 of them were stored in clear)" in out
    assert "1 token(s) could not be decrypted" in err and "Person 2 (login" in err
    settings.CAPX_TOKEN_KEYS = [NEW]
    for number, link in enumerate(logins):
        link.refresh_from_db()
        expected = None if number == 2 else f"key{number}"
        assert (tokens.read(link.extra_data) or {}).get("oauth_token") == expected
    assert found_in_the_database("secret4") == set()
    assert UserSocialAuth.objects.count() == 6  # nothing deleted


def test_keys_that_are_not_fernet_keys_are_a_system_check_error(settings):
    settings.CAPX_TOKEN_KEYS = [NEW, "not-a-key"]
    assert [error.id for error in tokens.check_keys_valid()] == ["capx.E002"]
    assert "not-a-key" not in tokens.check_keys_valid()[0].msg  # no key is ever quoted
    settings.CAPX_TOKEN_KEYS = [NEW]
    assert tokens.check_keys_valid() == [] and tokens.check_keys_set() == []
    settings.CAPX_TOKEN_KEYS = []
    assert [error.id for error in tokens.check_keys_set()] == ["capx.E001"]


def test_the_command_without_keys_says_so(settings):
    from django.core.management.base import CommandError
    settings.CAPX_TOKEN_KEYS = []
    with pytest.raises(CommandError, match="CAPX_TOKEN_KEYS is not set"):
        rotate()
