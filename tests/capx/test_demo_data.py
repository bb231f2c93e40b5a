"""Made-up demo profiles (manage.py seed_demo, which a first bin/serve runs) are announced on
every page, and the development login suggests one to sign in as; the check costs pages no
query but once a minute per process."""
import pytest
from django.contrib.auth import get_user_model

from capx import context_processors
from explore.management.commands.seed_demo import DEMO_PASSWORD

BANNER = "This CapX holds made-up demo profiles"


@pytest.fixture
def demo_check(settings, monkeypatch):
    """The check on, as outside the tests (tests/settings.py turns it off), nothing cached."""
    settings.CAPX_DEMO_CHECK_SECONDS = 60
    monkeypatch.setattr(context_processors, "_demo", {"username": None, "asked": None})


def make_demo_user(name="Demo Ana Lima"):
    return get_user_model().objects.create(username=name, password=DEMO_PASSWORD)


def test_without_demo_users_no_page_says_so(client, demo_check):
    get_user_model().objects.create_user(username="Demo Real Person")  # a real account's name
    assert BANNER not in client.get("/").text
    assert "demo profiles" not in client.get("/login").text


def test_with_demo_users_every_page_says_so_and_the_login_offers_one(client, demo_check):
    make_demo_user()
    for path in ["/", "/capacity"]:
        assert BANNER in client.get(path).text, path
    login = client.get("/login").text
    assert "sign in as <bdi>Demo Ana Lima</bdi>" in login
    assert client.post("/login/dev", {"username": "Demo Ana Lima"})["Location"] == "/home"


def test_the_login_suggests_a_name_anyone_can_type(client, demo_check):
    make_demo_user("Demo 苡安 賴")
    make_demo_user("Demo Kofi Mensah")
    assert "sign in as <bdi>Demo Kofi Mensah</bdi>" in client.get("/login").text


def test_the_check_is_asked_once_a_minute_not_on_every_page(client, demo_check, monkeypatch,
                                                            django_assert_num_queries,
                                                            django_assert_max_num_queries):
    clock = [1000.0]
    monkeypatch.setattr(context_processors.time, "monotonic", lambda: clock[0])
    with django_assert_max_num_queries(2):
        assert context_processors.demo_username() is None
    make_demo_user()
    clock[0] += 59
    with django_assert_num_queries(0):  # still the cached answer
        assert context_processors.demo_username() is None
    clock[0] += 1
    with django_assert_max_num_queries(2):
        assert context_processors.demo_username() == "Demo Ana Lima"


def test_in_the_tests_the_check_is_off_so_page_query_counts_stay_exact(client,
                                                                       django_assert_num_queries):
    make_demo_user()
    with django_assert_num_queries(0):
        assert context_processors.demo_username() is None


def test_an_unreachable_database_leaves_the_banner_as_it_was(demo_check, monkeypatch):
    """The 503 page renders in the site frame while the database is down (capx/errors.py)."""
    from django.db import OperationalError
    from django.db.models import QuerySet

    def unreachable(*args):
        raise OperationalError("connection refused")

    monkeypatch.setattr(QuerySet, "first", unreachable)
    assert context_processors.demo_username() is None
