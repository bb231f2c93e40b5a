"""manage.py create_letsconnect_database: the `letsconnect` database made when missing (on
DATABASE_URL's server, where no embedded cluster makes it)."""
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

pytestmark = pytest.mark.django_db(databases=["default", "letsconnect"])


def _exists(connection, name) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def test_a_missing_database_is_made_and_an_existing_one_left(monkeypatch, capsys):
    connection = connections["letsconnect"]
    call_command("create_letsconnect_database")
    assert "exists" in capsys.readouterr().out  # the test database itself

    name = f"{connection.settings_dict['NAME']}_made_{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(connection.settings_dict, "NAME", name)
    try:
        call_command("create_letsconnect_database")
        assert f"Created the Let's Connect database {name}" in capsys.readouterr().out
        assert _exists(connection, name)
        call_command("create_letsconnect_database")
        assert "exists" in capsys.readouterr().out
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


def test_a_database_that_cannot_be_made_is_said(monkeypatch):
    connection = connections["letsconnect"]
    monkeypatch.setitem(connection.settings_dict, "NAME", 'bad"name' + "x" * 70)
    with pytest.raises(CommandError, match="LETSCONNECT_DATABASE_URL"):
        call_command("create_letsconnect_database")
