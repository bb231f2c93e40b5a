"""The frame around every page: menu, log in/out, theme, language, messages, footer."""
import re
from pathlib import Path

from django.conf import settings
from django.test import Client


def test_a_visitor_sees_log_in_and_the_footer_links(client):
    page = client.get("/").text
    assert 'href="/login"' in page and "Log in" in page
    assert "Log out" not in page
    assert f'href="{settings.CAPX_PRIVACY_URL}"' in page and "Privacy policy" in page
    assert f'href="{settings.CAPX_SOURCE_URL}"' in page and "Source code" in page
    assert f'href="{settings.CAPX_TRANSLATE_URL}"' in page and ">Translate<" in page
    assert 'class="skip-link" href="#content"' in page and '<main id="content"' in page


def test_a_signed_in_user_logs_out_with_a_form(signed_in):
    page = signed_in.get("/home").text
    assert re.search(r'<form[^>]*method="post" action="/logout">\s*<input[^>]*csrfmiddlewaretoken', page)
    assert "Log out" in page and 'href="/login"' not in page
    assert signed_in.post("/logout")["Location"] == "/"
    assert "Log in" in signed_in.get("/").text


def test_the_menu_shows_the_sections_that_exist(client, user):
    page = client.get("/").text
    assert '<a href="/feed">Explore</a>' in page
    assert "Saved profiles" not in page and "My profiles" not in page
    assert '<a href="/events">Events</a>' in page and '<a href="/organizations">Organizations</a>' in page
    assert "Messages" not in page  # no such section yet

    client.force_login(user)
    page = client.get("/home").text
    assert '<a href="/feed/saved">Saved profiles</a>' in page
    assert "My profiles" in page and 'href="/profile">User profile</a>' in page
    start_page = page.split('class="section-links"')[1]  # /home links to every section
    assert 'href="/feed/saved">Saved profiles</a>' in start_page and 'href="/profile"' in start_page


def test_the_dark_theme_is_remembered(client):
    assert 'data-theme="auto"' in client.get("/").text
    answer = client.post("/theme", {"theme": "dark", "next": "/"})
    assert answer["Location"] == "/"
    assert client.cookies["capx_theme"].value == "dark"
    assert '<html lang="en" dir="ltr" data-theme="dark">' in client.get("/").text


def test_the_theme_switch_from_javascript_gets_json(client):
    answer = client.post("/theme", {"theme": "light"}, headers={"Accept": "application/json"})
    assert answer.json() == {"theme": "light"}
    assert 'data-theme="light"' in client.get("/").text


def test_an_unknown_theme_changes_nothing(client):
    client.post("/theme", {"theme": "neon"})
    assert "capx_theme" not in client.cookies
    client.cookies["capx_theme"] = '"><script>'
    assert 'data-theme="auto"' in client.get("/").text


def test_languages_are_offered_by_their_own_name(client):
    page = client.get("/").text
    assert 'action="/language"' in page and 'name="language"' in page
    assert ">English<" in page and ">العربية<" in page and "Português" in page


def test_the_chosen_language_follows_the_user_to_a_new_device(signed_in, user):
    answer = signed_in.post("/language", {"language": "pt-br", "next": "/home"})
    assert answer["Location"] == "/home"
    assert signed_in.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pt-br"
    user.refresh_from_db()
    assert user.language == "pt-br"

    other_device = Client()
    other_device.force_login(user)
    assert '<html lang="pt-br" dir="ltr"' in other_device.get("/home").text


def test_a_first_visit_in_arabic_is_right_to_left(client):
    # Django ships an Arabic catalog, so "ar" is available before CapX's own translations.
    page = client.get("/", headers={"Accept-Language": "ar"}).text
    assert '<html lang="ar" dir="rtl"' in page
    assert '<option value="ar" lang="ar" selected>' in page


def test_messages_are_announced(client):
    page = client.post("/login/dev", {"username": "Ana", "next": "/home"}, follow=True).text
    assert re.search(r'role="status"><p class="message message--success">You are signed in as Ana', page)


def _templates():
    roots = [Path(settings.BASE_DIR) / "templates"]
    roots += [p for p in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in p.parts]
    return [f for root in roots for f in root.rglob("*.html")]


def test_no_template_has_inline_scripts_or_styles():
    """The Content-Security-Policy blocks them: they would silently not work."""
    offenders = []
    for template in _templates():
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag:
                offenders.append(f"{template}: inline {tag}")
        if re.search(r"<style\b|\sstyle\s*=", text):
            offenders.append(f"{template}: style")
        if re.search(r"<[^>]+\son[a-z]+\s*=", text):
            offenders.append(f"{template}: on…= handler")
    assert _templates() and not offenders, offenders


def test_the_language_selector_lists_each_language_by_its_own_name(client):
    for language in ("pt-br", "ar", "en"):
        client.cookies["capx_language"] = language
        page = client.get("/").content.decode()
        assert '<option value="en" lang="en"' in page and ">English</option>" in page
        assert ">Português do Brasil</option>" in page and ">العربية</option>" in page
