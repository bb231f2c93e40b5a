"""Input no person would type gets a clear page, never a 500, and changes nothing."""
import pytest
from django.test import Client

from explore.models import SavedProfile
from profiles.models import Profile, User
from tests.factories import ProfileFactory
from tests.profiles.edit_form import form_data


@pytest.mark.parametrize("url", ["/feed?territory=%00", "/feed?language=%00",
                                 "/feed?affiliation=a%00b", "/feed?q=%00", "/capacity?q=%00"])
def test_a_nul_character_in_a_query_is_refused_with_a_page_that_says_so(client, production, url):
    page = client.get(url)
    assert page.status_code == 400
    assert "a character that is not allowed (a null character)" in page.content.decode()
    assert 'class="site-header"' in page.content.decode()  # in the site frame


@pytest.mark.parametrize("url", ["/profile/%00", "/profile/a%00b/qr.svg", "/capacity/%00"])
def test_a_nul_character_in_the_address_names_no_page(client, production, url):
    page = client.get(url)
    assert page.status_code == 404 and "Page not found" in page.content.decode()


def test_a_nul_character_in_a_language_row_is_refused_and_nothing_is_saved(signed_in, user, production):
    profile = ProfileFactory(user=user, bio="Before")
    page = signed_in.post("/profile/edit", form_data(profile, bio="After",
                                                     languages=[("pt\x00", 6)]))
    assert page.status_code == 400
    profile.refresh_from_db()
    assert profile.bio == "Before" and not profile.languages.exists()


@pytest.mark.parametrize("target", ["foo", "0", "home", "profiles:own", "//evil.example/x",
                                    "https://evil.example/", "/\\evil.example"])
def test_next_is_a_path_on_this_site_or_nothing(client, user, target):
    assert client.post("/login/dev", {"username": "Ana", "next": target})["Location"] == "/home"
    signed_in = Client()
    signed_in.force_login(user)
    assert signed_in.get("/login", {"next": target})["Location"] == "/home"
    ana = ProfileFactory(username="Ana", known=["media"], available=["media"])
    assert signed_in.post(f"/feed/saved/{ana.pk}", {"saved": "1", "next": target})["Location"] == "/feed"
    assert signed_in.post("/capacity/media/add", {"list": "known", "next": target})["Location"] \
        == "/capacity/media"


@pytest.mark.parametrize("url", ["/", "/feed", "/feed/saved", "/home", "/profile",
                                 "/profile/Ana", "/profile/Ana/qr.svg", "/profile/badges",
                                 "/capacity", "/capacity/media", "/capacity/theme.css", "/login"])
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_read_only_pages_answer_405_to_writes(url, method, user):
    ProfileFactory(username="Ana")
    client = Client()
    client.force_login(user)
    assert getattr(client, method)(url).status_code == 405


def test_nobody_saves_their_own_profile(signed_in, user):
    me = ProfileFactory(user=user, known=["media"], available=["media"])
    page = signed_in.post(f"/feed/saved/{me.pk}", {"saved": "1"}, follow=True)
    assert "Your own profile cannot be saved to your list." in page.content.decode()
    answer = signed_in.post(f"/feed/saved/{me.pk}", {"saved": "1"}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 400
    assert not SavedProfile.objects.exists()


def test_the_language_cookie_is_secure_in_production(client, settings):
    from tests.security.test_deploy import PRODUCTION, manage
    result = manage("shell", "-c", "from django.conf import settings; "
                    "print(settings.LANGUAGE_COOKIE_SECURE, settings.SESSION_COOKIE_SECURE)",
                    **PRODUCTION)
    assert result.stdout.split()[-2:] == ["True", "True"], result.stderr
    settings.LANGUAGE_COOKIE_SECURE = True  # as production has it: the cookie is sent so
    answer = client.post("/language", {"language": "ar", "next": "/"})
    assert answer.cookies["capx_language"]["secure"]


@pytest.mark.parametrize("name, shown", [
    ("Maria\u202eSilva", "U+202E"),  # right-to-left override
    ("Maria\u200bSilva", "U+200B"),  # zero-width space
    ("Maria\u200dSilva", "U+200D"),  # zero-width joiner
    ("\ufeffMaria", "U+FEFF"),  # byte order mark
    ("Maria\u2066Silva\u2069", "U+2066, U+2069"),  # isolates
    ("Mar\u00adia", "U+00AD"),  # soft hyphen
    ("Maria\u3164", "U+3164"),  # Hangul filler
])
def test_usernames_with_invisible_characters_are_refused(signed_in, user, name, shown):
    profile = ProfileFactory(user=user)
    page = signed_in.post("/profile/edit", form_data(profile, alt_account=name, bio="new"))
    assert f"cannot contain invisible characters (here {shown})" in page.content.decode()
    profile.refresh_from_db()
    assert profile.alt_account == "" and profile.bio == ""
    page = Client().post("/login/dev", {"username": name})
    assert page.status_code == 400 and "invisible characters" in page.content.decode()
    assert list(User.objects.values_list("username", flat=True)) == ["Maria Silva"]


@pytest.mark.parametrize("typed, stored", [("maria_silva", "Maria silva"), ("  ana  ", "Ana"),
                                           ("ßeta", "ßeta"), ("élise", "Élise")])
def test_usernames_follow_mediawiki_s_rules(client, typed, stored):
    client.post("/login/dev", {"username": typed})
    assert User.objects.filter(username=stored).exists()
    assert Profile.objects.count() == 0
