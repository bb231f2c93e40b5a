"""Every outside system (Meta-Wiki's API and OAuth, Wikidata, Metabase, Diff, WikiLearn,
Let's Connect) answering slowly, with errors or with garbage: no page that does not need it
slows down or fails; the one that asks one (the profile editor asks Let's Connect whether you
are registered) waits no longer than that system's timeout, and still works."""
import time

import pytest
from django.test import Client
from werkzeug import Response

from tests.events.factories import EventFactory
from tests.factories import OrganizationFactory, ProfileFactory

pytestmark = pytest.mark.django_db(databases=["default", "letsconnect"])  # /healthz asks both
SLOW = 3  # seconds each outside answer takes when slow
PUBLIC = ["/", "/feed", "/feed?capacity=communication&territory=BR", "/feed?q=media",
          "/capacity", "/capacity/communication", "/organizations", "/organization/wikimedia-test",
          "/events", "/statistics", "/login", "/profile/Ana Lima", "/healthz"]
SIGNED_IN = ["/home", "/profile", "/profile/badges", "/feed/saved", "/message", "/message/sent", "/report_bug",
             "/report_bug/submissions", "/organization/wikimedia-test/edit"]
ASKING = {"/profile/edit": "Let's Connect"}  # pages that ask a system, and which


def slowly(request):
    time.sleep(SLOW)
    return Response("<html>late</html>", status=200, content_type="text/html")


def failing(request):
    return Response("<h1>Internal Server Error</h1>", status=500, content_type="text/html")


def garbage(request):
    return Response(b"\x00\xffnot json at all{", status=200, content_type="application/json")


@pytest.fixture
def everything_outside_is(httpserver, settings):
    def point_at(answer):
        httpserver.expect_request("").respond_with_handler(answer)  # every path
        base = httpserver.url_for("").rstrip("/")
        settings.MEDIAWIKI_URL = base
        settings.SOCIAL_AUTH_MEDIAWIKI_URL = f"{base}/w/index.php"
        settings.METAWIKI_API_URL = settings.WIKIDATA_API_URL = f"{base}/w/api.php"
        settings.METABASE_SPARQL_URL = f"{base}/query/sparql"
        settings.DIFF_API_URL = f"{base}/wp-json/wp/v2"
        settings.WIKILEARN_URL = base
        settings.LETSCONNECT_URL = f"{base}/lc"
        settings.LETSCONNECT_TIMEOUT = 1
    return point_at


@pytest.mark.parametrize("answer", [slowly, failing, garbage])
def test_no_page_waits_on_or_fails_with_a_system_it_does_not_need(
        everything_outside_is, answer, signed_in, user):
    everything_outside_is(answer)
    ProfileFactory(user=user, known=["communication"], territories=["BR"])
    ProfileFactory(username="Ana Lima", known=["media"], available=["media"])
    organization = OrganizationFactory(name="Wikimedia Test", slug="wikimedia-test",
                                       managers=[user])
    EventFactory(organization=organization)
    slow, broken = [], []
    for browser, paths in ((Client(), PUBLIC), (signed_in, SIGNED_IN + list(ASKING))):
        for path in paths:
            started = time.monotonic()
            page = browser.get(path)
            took = time.monotonic() - started
            if page.status_code != 200:
                broken.append((path, page.status_code))
            limit = 1 + (1.5 if path in ASKING else 0)  # the system's timeout, once
            if took > limit:
                slow.append((path, round(took, 2)))
    assert not broken, broken
    assert not slow, slow
