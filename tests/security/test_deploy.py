"""Production settings: `check --deploy` is clean, the development login cannot be switched
on, and every page carries the protective headers."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7Lq2-production-like-secret-key-for-the-deploy-check-0123456789abcdef",
    "ALLOWED_HOSTS": "capx.example.org",
    "MEDIAWIKI_OAUTH_KEY": "consumer-key",
    "MEDIAWIKI_OAUTH_SECRET": "consumer-secret",
    "CAPX_TOKEN_KEYS": "Vb9XmEN8XBv0o1GF3fK0HBU7lBQrD6I0ucCS9J1Dc5w=",  # a Fernet key
}


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "CAPX_DEV_LOGIN"}}
    environment.update(DJANGO_SETTINGS_MODULE="capx.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_development_login_cannot_be_enabled_with_debug_off():
    result = manage("check", "--deploy", **PRODUCTION, CAPX_DEV_LOGIN="1")
    assert result.returncode != 0
    assert "CAPX_DEV_LOGIN" in result.stderr and "only be enabled with DEBUG on" in result.stderr


def test_debug_off_needs_a_secret_key():
    env = dict(PRODUCTION, SECRET_KEY="")
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0 and "security.W009" in result.stderr
    assert manage("makemigrations", "--check", "--dry-run", **env).returncode == 0


def test_debug_off_needs_keys_for_the_stored_oauth_tokens():
    """Without CAPX_TOKEN_KEYS (DEBUG on derives one from SECRET_KEY) check --deploy fails;
    a value that is not a Fernet key fails every check. Neither quotes a key."""
    missing = manage("check", "--deploy", **dict(PRODUCTION, CAPX_TOKEN_KEYS=""))
    assert missing.returncode != 0 and "capx.E001" in missing.stderr
    assert "CAPX_TOKEN_KEYS is not set" in missing.stderr
    wrong = dict(PRODUCTION, CAPX_TOKEN_KEYS=PRODUCTION["CAPX_TOKEN_KEYS"] + ",not-a-key")
    invalid = manage("check", **wrong)
    assert invalid.returncode != 0 and "capx.E002" in invalid.stderr
    assert PRODUCTION["CAPX_TOKEN_KEYS"] not in invalid.stderr + invalid.stdout
    development = {"DEBUG": "1", "SECRET_KEY": "", "CAPX_TOKEN_KEYS": ""}
    assert manage("check", **development).returncode == 0


def test_pages_carry_a_strict_content_security_policy(client):
    page = client.get("/")
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"


def test_forms_without_csrf_token_are_refused(db):
    from django.test import Client

    page = Client(enforce_csrf_checks=True).post("/login/dev", {"username": "Ana"})
    assert page.status_code == 403


def test_pages_go_out_compressed_with_random_padding(client):
    from tests.factories import ProfileFactory
    for number in range(20):
        ProfileFactory(username=f"Person {number}", known=["media"], available=["media"])
    plain = client.get("/feed")
    first = client.get("/feed", HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip" and "Accept-Encoding" in first["Vary"]
    assert len(first.content) < len(plain.content) / 4
    # Heal-the-BREACH: the gzip header carries a file name of random length (flag FNAME).
    assert first.content[:2] == b"\x1f\x8b" and first.content[3] & 0x08
