"""Error pages in the site frame, in the reader's language, with nothing technical; and the
site answers 503 while its database is unreachable and serves again once it is back."""
import threading

import pytest
from django.db import connections
from django.test import Client

from tests.factories import ProfileFactory


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def test_a_missing_profile_says_so_in_the_frame(client):
    page = client.get("/profile/Nobody Here")
    text = page.content.decode()
    assert page.status_code == 404
    assert "No Wikimedian “Nobody Here” has a CapX profile." in text
    assert 'class="site-header"' in text and 'class="site-footer"' in text


def test_other_404s_do_not_show_internal_messages(client, user):
    client.force_login(user)
    page = client.post("/feed/saved/999999", {"saved": "1"})
    text = page.content.decode()
    assert page.status_code == 404
    assert "There is nothing at this address." in text and "matches the given query" not in text


def test_error_pages_are_translated(client):
    client.cookies["capx_language"] = "pt-br"
    page = client.get("/capacity/no-such-thing")
    assert page.status_code == 404 and 'lang="pt-br"' in page.content.decode()
    assert "Página não encontrada" in page.content.decode()


def test_a_403_is_a_page_in_the_frame(user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    page = browser.post("/theme", {"theme": "dark"})  # no CSRF token
    assert page.status_code == 403
    assert "You may not do this" in page.content.decode()


def in_another_thread(call):
    """Runs `call` in a thread of its own, so it opens its own database connection (the
    test's own connection holds the test's transaction)."""
    result = {}

    def run():
        try:
            result["value"] = call()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    return result["value"]


def test_while_the_database_is_unreachable_pages_say_so_and_then_serve_again():
    ProfileFactory(username="Ana")
    database = connections.settings["default"]
    reachable = database.get("HOST"), database.get("PORT")
    database["HOST"], database["PORT"] = "/nonexistent-socket-dir", ""
    try:
        visitor = Client(HTTP_ACCEPT_LANGUAGE="pt-br", raise_request_exception=False)
        down = in_another_thread(lambda: visitor.get("/capacity"))
        signed_in_visitor = Client(raise_request_exception=False)
        signed_in_visitor.cookies["sessionid"] = "x" * 32  # reading the session fails too
        down_too = in_another_thread(lambda: signed_in_visitor.get("/feed"))
    finally:
        database["HOST"], database["PORT"] = reachable
    assert down.status_code == 503 and down["Retry-After"] == "30"
    text = down.content.decode()
    assert "O CapX está temporariamente indisponível" in text and 'class="site-header"' in text
    assert "OperationalError" not in text and "nonexistent" not in text
    assert down_too.status_code == 503

    back = in_another_thread(lambda: Client().get("/capacity"))
    assert back.status_code == 200 and "Capacity Directory" in back.content.decode()


@pytest.mark.urls("tests.capx.urls_with_a_fault")
def test_a_connection_lost_in_the_middle_of_a_page_is_the_503_not_a_500():
    page = Client(raise_request_exception=False).get("/loses-the-database")
    assert page.status_code == 503 and page["Retry-After"] == "30"
    text = page.content.decode()
    assert "CapX is briefly unavailable" in text and "server closed" not in text


@pytest.mark.urls("tests.capx.urls_with_a_fault")
def test_a_bug_shows_the_500_page_in_the_frame_and_in_arabic_without_details():
    visitor = Client(raise_request_exception=False)
    visitor.cookies["capx_language"] = "ar"
    page = visitor.get("/fails")
    text = page.content.decode()
    assert page.status_code == 500
    assert 'lang="ar" dir="rtl"' in text and 'class="site-header"' in text
    assert "حدث خطأ ما" in text
    assert "secret detail" not in text and "RuntimeError" not in text
