"""Messaging tests: CapX signs in through the fake Meta-Wiki's OAuth dance (the real path
that stores the access token) and sends through its Action API over real HTTP
(tests/fakes/metawiki.py checks every signature)."""
import html
import re

import pytest
from django.test import Client

from tests.capx.test_login import login


@pytest.fixture
def wiki(metawiki, settings):
    """Meta-Wiki with Maria (who logs in) and Ana Lima, both accepting email."""
    settings.METAWIKI_API_URL = metawiki.api_url
    metawiki.add_account("Ana Lima")
    return metawiki


@pytest.fixture
def maria(wiki):
    """Maria Silva's browser, logged in with Meta-Wiki (CSRF enforced as in a browser)."""
    browser = Client(enforce_csrf_checks=True)
    login(browser)
    return browser


def text(page):
    return html.unescape(page.content.decode())


def csrf(browser):
    return browser.cookies["csrftoken"].value


def write(browser, step, **fields):
    """Posts the Write form (or the confirmation's) with this step, as its buttons do."""
    data = {"to": "Ana Lima", "method": "email", "subject": "Hello",
            "text": "Can you help with the Wiki Loves Monuments budget?",
            "email_possible": "True", **fields, "step": step,
            "csrfmiddlewaretoken": csrf(browser)}
    return browser.post("/message", data)


def methods_offered(page):
    select = re.search(r'<select name="method".*?</select>', page.content.decode(), re.S)
    return re.findall(r'<option value="([^"]+)"', select.group(0))


def field_errors(page, name):
    """The error list right after the field `name` (capx/_field_errors.html)."""
    found = re.search(rf'<ul class="errorlist" id="id_{name}_error">(.*?)</ul>',
                      page.content.decode(), re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split() if found else []
