import threading

import pytest
from werkzeug import Response

from tests.fakes.metawiki import metawiki  # noqa: F401  (the fake Meta-Wiki, a fixture)
from tests.fakes.wikibase import directory_on_metabase, fake  # noqa: F401  (Metabase, Wikidata)


@pytest.fixture(autouse=True)
def _database(db):
    """Every test may use the (real PostgreSQL) test database."""


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request leaves its language active in the thread (LocaleMiddleware activates, and
    a server's next request activates again); a test's Arabic page must not turn the next
    test's messages Arabic."""
    yield
    from django.utils import translation
    translation.activate("en")


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="Maria Silva")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def staff(django_user_model):
    """A client signed in as a superuser, for the admin; the `client` fixture stays a visitor."""
    from django.test import Client
    staff_client = Client()
    staff_client.force_login(django_user_model.objects.create_superuser("Staff Member"))
    return staff_client


def pytest_collection_modifyitems(items):
    """Browser journeys run last: their live server flushes the database after each test,
    which would take the migrations' shipped data away from the tests after them."""
    browser = [item for item in items if "/tests/browser/" in str(item.path)]
    for item in browser:
        item.add_marker(pytest.mark.browser)
    items[:] = [item for item in items if item not in browser] + browser


@pytest.fixture
def slow_answer():
    """A local server's handler that answers only after the client gave up on it (a timeout
    of an outside system); released when the test ends."""
    release = threading.Event()

    def handler(request):
        release.wait(10)
        return Response("{}", content_type="application/json")

    yield handler
    release.set()
