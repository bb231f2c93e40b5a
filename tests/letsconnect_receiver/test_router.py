"""The receiver's rows live only in the `letsconnect` database; nothing else migrates there."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connections, router, transaction
from django.db.utils import ProgrammingError

from letsconnect_receiver.models import Badge, Nonce, Participant
from letsconnect_receiver.router import LetsConnectRouter
from profiles.models import Profile

pytestmark = pytest.mark.django_db(databases=["default", "letsconnect"])
RECEIVER = [Participant, Nonce, Badge]


def test_a_saved_participant_is_in_the_letsconnect_database_only(django_user_model):
    maria = Participant.objects.create(username="Maria Silva", email="maria@example.org")
    assert maria._state.db == "letsconnect"
    assert Participant.objects.using("letsconnect").filter(pk=maria.pk).exists()
    with connections["letsconnect"].cursor() as cursor:
        cursor.execute("SELECT email FROM letsconnect_receiver_participant")
        assert cursor.fetchall() == [("maria@example.org",)]
    with pytest.raises(ProgrammingError, match="does not exist"):
        with transaction.atomic(using="default"):
            Participant.objects.using("default").count()


def test_the_default_database_has_no_table_of_the_receiver_and_lc_has_no_other():
    default_tables = set(connections["default"].introspection.table_names())
    lc_tables = set(connections["letsconnect"].introspection.table_names())
    receiver_tables = {model._meta.db_table for model in RECEIVER}
    assert not default_tables & receiver_tables
    assert lc_tables == receiver_tables | {"django_migrations"}
    assert "profiles_profile" in default_tables


def test_where_each_model_reads_and_writes():
    for model in RECEIVER:
        assert router.db_for_read(model) == router.db_for_write(model) == "letsconnect"
    for model in [Profile, apps.get_model("auth", "Group"), apps.get_model("admin", "LogEntry")]:
        assert router.db_for_read(model) == router.db_for_write(model) == "default"


def test_what_migrates_where():
    lc = LetsConnectRouter()
    assert lc.allow_migrate("letsconnect", "letsconnect_receiver") is True
    assert lc.allow_migrate("default", "letsconnect_receiver") is False
    for app in ["profiles", "auth", "contenttypes", "letsconnect", "capacities", "admin"]:
        assert lc.allow_migrate("letsconnect", app) is False
        assert lc.allow_migrate("default", app) is None  # left to Django: yes
    for app_config in apps.get_app_configs():
        for model in app_config.get_models():
            ours = app_config.label == "letsconnect_receiver"
            assert router.allow_migrate_model("letsconnect", model) is ours, model
            assert router.allow_migrate_model("default", model) is not ours, model


def test_no_relation_across_the_two(django_user_model):
    lc = LetsConnectRouter()
    maria = Participant(username="Maria Silva")
    user = django_user_model(username="Maria Silva")
    assert lc.allow_relation(maria, user) is False and lc.allow_relation(user, maria) is False
    assert lc.allow_relation(maria, Badge(username="Maria Silva")) is True
    assert lc.allow_relation(user, Profile()) is None


def test_the_test_database_names_follow_capx_test_db():
    name = connections["default"].settings_dict["NAME"]
    assert connections["letsconnect"].settings_dict["NAME"] == f"{name}_letsconnect"
    assert settings.DATABASES["letsconnect"]["TEST"]["NAME"] == f"{name}_letsconnect"


def _databases(**environment) -> dict:
    """The DATABASES another process's settings make from this environment (without starting
    any server: DATABASE_URL is set)."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "LETSCONNECT_DATABASE_URL"}}
    code = ("import json, capx.settings as s; "
            "print(json.dumps({a: {k: s.DATABASES[a][k] for k in ('NAME', 'HOST', 'PORT', 'USER')}"
            " for a in s.DATABASES}))")
    result = subprocess.run([sys.executable, "-c", code], env={**env, **environment},
                            cwd=Path(settings.BASE_DIR), capture_output=True, text=True,
                            check=True, timeout=60)
    return json.loads(result.stdout)


def test_the_letsconnect_database_of_each_configuration():
    same_server = _databases(DATABASE_URL="postgres://capx:secret@db.example.org:5433/capx")
    assert same_server["letsconnect"] == {"NAME": "capx_letsconnect", "HOST": "db.example.org",
                                          "PORT": 5433, "USER": "capx"}
    assert same_server["default"]["NAME"] == "capx"
    its_own = _databases(DATABASE_URL="postgres://capx:secret@db.example.org:5433/capx",
                         LETSCONNECT_DATABASE_URL="postgres://lc:other@lc.example.org/lcstore")
    assert its_own["letsconnect"] == {"NAME": "lcstore", "HOST": "lc.example.org", "PORT": "",
                                      "USER": "lc"}
