"""/healthz: whether each database answers, for a load balancer or a monitor."""
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db(databases=["default", "letsconnect"])


def test_healthz_says_every_database_answers(client, django_assert_max_num_queries):
    answer = client.get("/healthz")
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    assert answer.json() == {"status": "ok", "databases": {"default": "ok", "letsconnect": "ok"}}


def test_a_database_that_does_not_answer_is_a_503(tmp_path):
    """CapX with its Let's Connect database on a server that is not there (a real failed
    connection, in a process of its own so this run's databases are left alone)."""
    asking = ("import django, json; django.setup(); from django.test import Client; "
              "answer = Client().get('/healthz'); print(answer.status_code, answer.content.decode())")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings",
           "LETSCONNECT_DATABASE_URL": f"postgres://postgres@/capx_letsconnect?host={tmp_path}"}
    run = subprocess.run([sys.executable, "-c", asking], env=env, capture_output=True, text=True,
                         timeout=60, cwd=settings.BASE_DIR)
    status, body = run.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503", run.stderr
    assert json.loads(body) == {"status": "error", "databases": {
        "default": "ok", "letsconnect": "unreachable"}}
