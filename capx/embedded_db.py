"""The private PostgreSQL cluster used when DATABASE_URL is not set.

pgserver ships the PostgreSQL server binaries in its wheel; the cluster's data lives under
var/pg and it listens on a Unix socket only. Starting it is idempotent: a second process
(runserver's reloader, a management command, the tests) finds it running and shares it.
"""
from pathlib import Path

DATABASE_NAME = "capx"


def embedded_database_url(base_dir: Path) -> str:
    import pgserver  # imported here: only needed without DATABASE_URL

    var = base_dir / "var"
    var.mkdir(exist_ok=True)
    server = pgserver.get_server(var / "pg", cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}'")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME}")
    return server.get_uri(DATABASE_NAME)
