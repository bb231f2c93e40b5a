"""Browser journeys: Playwright drives Debian's Chromium (/usr/bin/chromium, installed by
bin/test with apt; Playwright never downloads a browser) against a live CapX server on the
test database. A failing journey leaves a screenshot in test-artifacts/screenshots/."""
import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CAPX_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",  # no outside network here
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database
    # calls (factories, assertions) are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server, transactional_db, request):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.report_call = report
    return report


@pytest.fixture
def shipped_capacities(transactional_db):
    """The 142 shipped capacities. The data migration loads them, but the live server's
    transactional database is flushed after every test, so browser tests load them again."""
    from capacities.models import Capacity
    from capacities.shipped import load_shipped_tree

    load_shipped_tree(Capacity)


@pytest.fixture
def shipped_profile_data(transactional_db):
    """Territories, languages, Wikimedia projects, avatars and badges, shipped with CapX:
    loaded again for the same reason as the capacities."""
    from profiles.models import Avatar, Badge, Language, Territory, WikimediaProject
    from profiles.shipped import load_badges, load_reference_data

    load_reference_data(Territory, Language, WikimediaProject, Avatar)
    load_badges(Badge)


@pytest.fixture
def sign_in(page):
    """sign_in("Maria Silva"): the development login, as a person would use it."""
    def sign_in(username):
        page.goto("/login")
        page.get_by_label("Username").fill(username)
        page.get_by_role("button", name="Sign in (development)").click()
        page.wait_for_url(re.compile(r"/home$"))
    return sign_in


@pytest.fixture
def shipped_organizations(transactional_db):
    """The Wikimedia affiliates shipped with CapX (organizations/data/affiliates.json):
    loaded again for the same reason as the capacities."""
    from organizations.models import Organization, OrganizationType
    from organizations.shipped import load_affiliates

    load_affiliates(OrganizationType, Organization)


from tests.fakes.letsconnect import key_pair  # noqa: E402,F401  (a key pair for Let's Connect)
