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
