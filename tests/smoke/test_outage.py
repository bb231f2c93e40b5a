"""The database stops for a few seconds under load, for real (the private cluster of this run),
then starts again: meanwhile every request gets the translated 503 page, never a 500; within
five seconds of the database's return CapX serves again, with no restart.

CapX runs in a server thread of its own on the test database; this test itself holds no
database connection (`_database` is switched off), so nothing of pytest's dies with the server."""
import logging
import os
import subprocess
import sys
import threading
import time
import traceback

import pytest
import requests
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from werkzeug.serving import make_server

from tests.fakes.metawiki import QuietHandler

pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")),
                                reason="stops only the private cluster this run started")
PAGES = ["/capacity", "/feed", "/organizations", "/events"]


def cluster(command):
    """Stops or starts the private cluster as an operator would: from another process."""
    subprocess.run([sys.executable, "-m", "capx.embedded_db", command], cwd=settings.BASE_DIR,
                   check=True, capture_output=True, timeout=60)


@pytest.fixture
def _database():
    """No database for the test itself (it overrides tests/conftest.py's)."""


@pytest.fixture
def capx(django_db_setup, django_db_blocker):
    """CapX served from a thread, on the test database."""
    with django_db_blocker.unblock():
        server = make_server("127.0.0.1", 0, WSGIHandler(), threaded=True,
                             request_handler=QuietHandler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_port}"
        server.shutdown()
        server.server_close()
        connections.close_all()  # those of the tests before died with the server


class ServerErrors(logging.Handler):
    """Keeps the traceback of every 500 CapX logs, so a failure says what went wrong."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.tracebacks = []

    def emit(self, record):
        if getattr(record, "status_code", None) == 500 and record.exc_info:
            self.tracebacks.append("".join(traceback.format_exception(*record.exc_info)))


@pytest.fixture
def server_errors():
    handler = ServerErrors()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield handler.tracebacks
    logger.removeHandler(handler)


def test_a_database_outage_is_a_translated_503_and_over_without_a_restart(capx, server_errors):
    session = requests.Session()
    session.cookies.set("capx_language", "pt-br")
    assert session.get(capx + "/capacity", timeout=10).status_code == 200

    statuses, stop = [], threading.Event()

    def browse():  # the load: visitors going through pages all the time
        while not stop.is_set():
            for path in PAGES:
                statuses.append(requests.get(capx + path, timeout=10).status_code)

    visitors = [threading.Thread(target=browse) for _ in range(3)]
    for visitor in visitors:
        visitor.start()
    try:
        time.sleep(0.5)
        cluster("stop")
        time.sleep(2)
        down = session.get(capx + "/feed", timeout=10)
        assert down.status_code == 503
        assert "O CapX está temporariamente indisponível" in down.text, down.text[:500]
        cluster("start")
        back = time.monotonic()
        while session.get(capx + "/feed", timeout=10).status_code != 200:
            assert time.monotonic() - back < 5, "CapX did not serve again within 5 seconds"
            time.sleep(0.1)
        time.sleep(0.5)
    finally:
        stop.set()
        for visitor in visitors:
            visitor.join(timeout=30)
        cluster("start")  # whatever happened, the run goes on
    assert set(statuses) <= {200, 503}, (sorted(set(statuses)), server_errors[:2])
    assert 503 in statuses and statuses[-1] == 200
