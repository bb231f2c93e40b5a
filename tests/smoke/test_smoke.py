"""A short tour of CapX on whichever PostgreSQL the run uses. bin/test runs it a second time
against Debian's PostgreSQL server through DATABASE_URL, so both database paths are proven."""
import os

from django.core.management import call_command
from django.db import connection


def test_the_database_is_postgresql_and_fully_migrated():
    assert connection.vendor == "postgresql"
    if os.environ.get("DATABASE_URL"):
        assert connection.settings_dict["HOST"] in {"127.0.0.1", "localhost"}
    call_command("migrate", check=True, verbosity=0)  # exits if a migration is unapplied


def test_the_shipped_data_is_loaded():
    from capacities.models import Capacity
    from organizations.models import Organization
    from profiles.models import Badge, Language, Territory

    assert Capacity.objects.count() == 142
    assert Territory.objects.filter(kind="region").count() == 8
    assert Language.objects.count() >= 300
    assert Organization.objects.count() == 187  # the shipped affiliates and Let's Connect
    assert Badge.objects.exists()


def test_a_visitor_logs_in_and_looks_around(client):
    assert client.get("/").status_code == 200
    assert client.get("/capacity").text.count('class="capacity-root"') == 7
    assert client.get("/feed").status_code == 200
    assert client.get("/login").status_code == 200
    assert client.post("/login/dev", {"username": "Smoke Test"})["Location"] == "/home"
    assert "Smoke Test" in client.get("/home").text
    assert client.get("/profile/edit").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/home").status_code == 302
