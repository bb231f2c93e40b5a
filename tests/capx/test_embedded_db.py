"""The private PostgreSQL on the system's binaries: the fallback for a Python that pgserver
has no wheel for (3.13+), forced here with CAPX_EMBEDDED_PG=system in a throwaway folder."""
import shutil
import tempfile
from pathlib import Path

import dj_database_url
import psycopg2
import pytest

from capx import embedded_db


@pytest.fixture
def system_pg(monkeypatch):
    monkeypatch.setenv("CAPX_EMBEDDED_PG", "system")
    if embedded_db.system_bindir() is None:
        pytest.skip("no system PostgreSQL server (bin/setup installs Debian's postgresql)")
    base = Path(tempfile.mkdtemp(prefix="capx-pg-test-"))  # /tmp: a short socket path
    yield base
    embedded_db.stop(base)
    shutil.rmtree(base)


def test_the_forced_fallback_starts_a_server_that_answers_and_stops(system_pg):
    url = embedded_db.embedded_database_url(system_pg)
    settings = dj_database_url.parse(url)
    connection = psycopg2.connect(dbname=settings["NAME"], user=settings["USER"],
                                  **settings["OPTIONS"])
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT current_database(), current_setting('server_encoding'), "
                       "current_setting('listen_addresses')")
        assert cursor.fetchone() == ("capx", "UTF8", "")  # no TCP: the socket only
    connection.close()

    # Let's Connect's database, in the same cluster (the settings' `letsconnect` alias)
    lc = dj_database_url.parse(embedded_db.letsconnect_database_url(system_pg))
    connection = psycopg2.connect(dbname=lc["NAME"], user=lc["USER"], **lc["OPTIONS"])
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        assert cursor.fetchone() == ("capx_letsconnect",)
    connection.close()

    cluster, again, started = embedded_db.start(system_pg)  # a second process shares it
    assert (again, started) == (url, False)
    assert cluster.label(system_pg).startswith("system PostgreSQL ")
    assert cluster.label(system_pg).endswith(f"({cluster.bindir}) in var/pg-system")
    assert embedded_db.stop(system_pg) and not embedded_db.running(cluster)


def test_a_long_folder_gets_its_socket_in_a_short_one(monkeypatch):
    monkeypatch.setenv("CAPX_EMBEDDED_PG", "system")
    cluster = embedded_db.cluster(Path("/srv/" + "a-very-long-folder-name/" * 5))
    cluster.user = None  # only where the socket goes is asked, not made for another user
    socket_dir = embedded_db._short_socket_dir(cluster)
    assert str(socket_dir).startswith("/tmp/capx-pg-") and len(str(socket_dir)) < 40
    socket_dir.rmdir()


def test_the_choice_can_be_forced_and_a_wrong_one_is_refused(monkeypatch):
    monkeypatch.setenv("CAPX_EMBEDDED_PG", "system")
    assert embedded_db.chosen_kind() == "system"
    monkeypatch.setenv("CAPX_EMBEDDED_PG", "sqlite")
    with pytest.raises(embedded_db.EmbeddedDatabaseError, match="pgserver' or 'system"):
        embedded_db.chosen_kind()
