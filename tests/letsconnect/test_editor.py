"""Let's Connect in the profile editor, through HTTP as a browser without JavaScript uses it:
"Let's Connect Integration" at the top, the special form at the bottom; Let's Connect is a
local server answering as the real service does (tests/fakes/letsconnect.py)."""
import html
import re

import pytest
from django.core.cache import cache
from django.db import connection

from capacities.models import Capacity
from letsconnect.models import Integration, LetsConnectBadge, Registration
from organizations.models import Organization
from profiles.models import Badge, Profile, UserBadge
from django.http import QueryDict

from tests.factories import ProfileFactory
from tests.forms import read_form

ROLE = "Board member of an affiliate/user group"


@pytest.fixture
def maria(signed_in, user, lc):
    ProfileFactory(user=user, known=["communication"])
    return signed_in


def text(page):
    return html.unescape(page.content.decode())


def form_data(page):
    """The editor's form on `page` as the browser would post it unchanged (a QueryDict)."""
    data = QueryDict(mutable=True)
    for name, value in read_form(page.content.decode(), "profile-form").fields:
        data.appendlist(name, value)
    return data


def editor(client):
    return form_data(client.get("/profile/edit"))


def post(client, data, **extra):
    return client.post("/profile/edit", {name: data.getlist(name) for name in data}, **extra)


def step(client, data, name, **special):
    """A Let's Connect button of the editor, with these answers typed into its form."""
    data = data.copy()
    for key, value in special.items():
        data.setlist(f"lc-{key}", value if isinstance(value, list) else [value])
    data["letsconnect"] = name
    return post(client, data)


def with_qids():
    communication, media = (Capacity.objects.get(slug=slug) for slug in ("communication", "media"))
    survey = Capacity.objects.get(slug="survey")
    Capacity.objects.filter(pk=media.pk).update(wikidata_qid="Q11030")
    Capacity.objects.filter(pk=survey.pk).update(metabase_qid="Q99")
    return communication, media, survey


# --- Let's Connect Integration ----------------------------------------------------------

def test_integration_asks_first_then_fills_the_form_and_saves_nothing(maria, lc, user):
    with_qids()
    lc.add("Maria Silva", reconciled_want_to_share=["Q11030"], reconciled_want_to_learn=["Q99", "Q5"],
           reconciled_languages=["Spanish", "Klingon"], reconciled_projects=["Wikidata"],
           reconciled_affiliation="Wiki Movimento Brasil User Group (WMB)", reconciled_territory="Brazil")
    data = editor(maria)
    assert "Let's Connect Integration" in text(maria.get("/profile/edit"))
    asked = step(maria, data, "integrate_ask")
    assert 'id="integrate-dialog" aria-labelledby="integrate-dialog-title" open data-modal' in asked.content.decode()

    page = step(maria, data, "integrate")
    filled = form_data(page)
    assert set(filled.getlist("known")) == {"communication", "media"}
    assert filled.getlist("available") == ["media"] and filled.getlist("wanted") == ["survey"]
    assert "Spanish" in [filled[f"languages-{row}-language"] for row in range(
        int(filled["languages-TOTAL_FORMS"])) if f"languages-{row}-language" in filled]
    assert filled.getlist("affiliations") == [str(Organization.objects.get(acronym="WMB").pk)]
    assert "These could not be matched to anything on CapX and were left out: Capacity Q5; " \
           "Language: Klingon." in text(page)
    profile = Profile.objects.get(user=user)
    assert list(profile.available.all()) == [] and not profile.languages.exists()
    assert not Integration.objects.exists()


def test_saving_after_the_integration_keeps_it_and_the_button_goes(maria, lc, user):
    with_qids()
    lc.add("Maria Silva", reconciled_want_to_share=["Q11030"], reconciled_languages=["Spanish"])
    filled = form_data(step(maria, editor(maria), "integrate"))
    assert post(maria, filled).status_code == 302
    profile = Profile.objects.get(user=user)
    assert list(profile.available.values_list("slug", flat=True)) == ["media"]
    assert [row.language.name for row in profile.languages.all()] == ["Spanish"]
    assert Integration.objects.filter(user=user).exists()
    assert "Let's Connect Integration" not in text(maria.get("/profile/edit"))


def test_no_earlier_profile_is_told_and_adds_nothing(maria, lc):
    page = step(maria, editor(maria), "integrate")
    assert "Let's Connect has no earlier profile for Maria Silva" in text(page)


def test_lets_connect_down_during_integration_is_told(maria, lc):
    lc.failures["profile"] = lambda request: lc.respond(500, "<h1>Server Error</h1>")
    page = step(maria, editor(maria), "integrate")
    assert "Let's Connect could not be asked for your data, so nothing was added" in text(page)


# --- The special form ---------------------------------------------------------------------

def test_the_button_says_sign_up_or_update(maria, lc):
    assert "Sign-up to Let's Connect" in text(maria.get("/profile/edit"))
    lc.add("Maria Silva")
    cache.clear()  # its answer is kept a while
    page = text(maria.get("/profile/edit"))
    assert "Update my registration data" in page
    assert "give your email address and your main role again" in page


def edit_buttons(page):
    """The fields of the Let's Connect form behind an "Edit" button: {name: open}."""
    return {name: " open" in attrs for attrs, name in re.findall(
        r'<details class="letsconnect-edit"([^>]*)>\s*<summary><span class="letsconnect-edit__name">'
        r'([^<]+)</span>', page.content.decode())}


def test_an_update_shows_each_field_but_email_and_role_behind_its_edit_button(maria, lc):
    assert edit_buttons(maria.get("/profile/edit")) == {}  # a sign-up shows them all
    lc.add("Maria Silva")
    cache.clear()
    closed = {"Full name": False, "What topics does your Wikimedia work relate to?": False,
              "Gender identity": False, "Age range": False}
    assert edit_buttons(maria.get("/profile/edit")) == closed
    # What was given, or is wrong, stays open when the page comes back.
    page = step(maria, editor(maria), "review", email="", role=ROLE, age="35-44",
                areas=["Education", "Governance", "Advocacy"])
    assert "Choose at most two topics" in text(page)
    assert edit_buttons(page) == {**closed, "Age range": True,
                                  "What topics does your Wikimedia work relate to?": True}


def test_email_and_role_are_required_and_nothing_is_lost(maria, lc):
    data = editor(maria)
    data["bio"] = "Typed, not saved yet"
    page = step(maria, data, "review", full_name="Maria da Silva", email="", role="")
    assert "Let's Connect needs an email address to contact you." in text(page)
    assert "Choose your main role: Let's Connect needs it." in text(page)
    assert 'value="Maria da Silva"' in page.content.decode() and "Typed, not saved yet" in text(page)
    assert 'id="letsconnect-confirm"' not in page.content.decode()
    assert lc.registrations == []


@pytest.mark.parametrize("areas, other, refused", [
    (["Education", "Governance"], "", False),
    (["Education"], "Wikidata tools", False),
    (["Education", "Governance", "Advocacy"], "", True),
    (["Education", "Governance"], "Wikidata tools", True),
])
def test_at_most_two_topics_an_other_counting_as_one(maria, lc, areas, other, refused):
    page = step(maria, editor(maria), "review", email="maria@example.org", role=ROLE,
                areas=areas, area_other=other)
    assert ("Choose at most two topics" in text(page)) is refused
    assert ('id="letsconnect-confirm"' in page.content.decode()) is not refused


def test_sign_up_confirm_then_save_sends_it_in_english(maria, lc, user, settings):
    data = editor(maria)
    answers = {"full_name": "Maria da Silva", "email": "maria@example.org", "role": ROLE,
               "areas": ["Culture, heritage, GLAM", "Education"], "gender": "not-listed",
               "gender_other": "Two-spirit", "age": "35-44"}
    review = step(maria, data, "review", **answers)
    confirm = text(review)
    assert "Send these answers to Let's Connect?" in confirm
    assert "only the Let's Connect team can read" in confirm and "maria@example.org" in confirm
    pending = step(maria, form_data(review), "confirm")
    assert "they will be sent when you save your profile" in text(pending)
    assert lc.registrations == []  # not before the save

    lc.badges["Maria Silva"] = [{"name": "Connector", "picture": "https://upload.wikimedia.org/c.png",
                                 "description": "Connected", "timestamp": "2026-11-30T10:00:00Z",
                                 "verification_code": "abc123"}]
    saved = post(maria, form_data(pending), HTTP_ACCEPT_LANGUAGE="pt-br")
    assert saved.status_code == 302
    (_header, claims, _body, _type), = lc.registrations
    assert {key: claims[key] for key in ("user", "full_name", "email", "role", "area", "gender",
                                         "age")} == {
        "user": "Maria Silva", "full_name": "Maria da Silva", "email": "maria@example.org",
        "role": ROLE, "area": "Education, Culture, heritage, GLAM", "gender": "Two-spirit",
        "age": "35-44"}
    assert Registration.objects.get(user=user).confirmation == "LC-1"
    assert UserBadge.objects.filter(user=user, badge__slug="lets-connect").exists()
    badge = LetsConnectBadge.objects.get(user=user)
    assert (badge.name, badge.url) == ("Connector", f"{settings.LETSCONNECT_URL}/badge/abc123/")
    profile_page = maria.get("/profile/Maria Silva").content.decode()
    assert f'href="{settings.LETSCONNECT_URL}/badge/abc123/"' in profile_page


def test_answers_filled_but_not_confirmed_stop_the_save_at_the_confirmation(maria, lc, user):
    data = editor(maria)
    data["bio"] = "New bio"
    data.setlist("lc-email", ["maria@example.org"])
    data.setlist("lc-role", [ROLE])
    page = post(maria, data)
    assert page.status_code == 200 and 'id="letsconnect-confirm"' in page.content.decode()
    assert Profile.objects.get(user=user).bio != "New bio" and lc.registrations == []


def test_clean_and_go_back_discards_the_answers(maria, lc):
    review = step(maria, editor(maria), "review", email="maria@example.org", role=ROLE)
    cleared = step(maria, form_data(review), "clear")
    assert "maria@example.org" not in text(cleared)
    assert "Your Let's Connect answers were discarded." in text(cleared)


def test_lets_connect_down_at_save_keeps_the_profile_and_the_answers(maria, lc, user):
    lc.failures["endpoint"] = lambda request: lc.respond(503, "<h1>Unavailable</h1>")
    review = step(maria, editor(maria), "review", email="maria@example.org", role=ROLE)
    data = form_data(step(maria, form_data(review), "confirm"))
    data["bio"] = "Saved anyway"
    page = post(maria, data)
    assert page.status_code == 200
    assert "Your profile was saved, but your Let's Connect registration was not sent" in text(page)
    assert Profile.objects.get(user=user).bio == "Saved anyway"
    assert not Registration.objects.exists()
    assert 'name="lc-email" value="maria@example.org"' in page.content.decode()  # to retry
    lc.failures.clear()
    assert post(maria, form_data(page)).status_code == 302
    assert Registration.objects.filter(user=user).count() == 1


def test_a_badge_the_save_earned_is_offered_when_the_registration_waits(maria, lc, user):
    """The editor shown again after a save whose registration failed reads the badges that
    save earned (Sharer, for a first Available capacity), not those from before it."""
    lc.failures["endpoint"] = lambda request: lc.respond(503, "<h1>Unavailable</h1>")
    review = step(maria, editor(maria), "review", email="maria@example.org", role=ROLE)
    data = form_data(step(maria, form_data(review), "confirm"))
    data.setlist("available", ["communication"])
    page = post(maria, data)
    assert "your Let's Connect registration was not sent" in text(page)
    sharer = Badge.objects.get(rule="sharer")
    assert UserBadge.objects.filter(user=user, badge=sharer).exists()
    assert f'name="displayed_badges" value="{sharer.pk}"' in page.content.decode()


def test_no_answer_lands_in_any_capx_table(maria, lc):
    review = step(maria, editor(maria), "review", full_name="Zuleica Quaresma",
                  email="zuleica.quaresma@example.org", role=ROLE, gender_other="Xenogender",
                  gender="not-listed")
    post(maria, form_data(step(maria, form_data(review), "confirm")))
    assert Registration.objects.count() == 1
    found = []
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
            found += [table for needle in ("Zuleica", "zuleica.quaresma", "Xenogender")
                      if needle in stored]
    assert found == []


def test_an_affiliation_is_found_by_the_part_before_its_brackets(maria, lc):
    lc.add("Maria Silva", reconciled_affiliation="Wiki Movimento Brasil User Group (WMB-UG)")
    filled = form_data(step(maria, editor(maria), "integrate"))
    assert filled.getlist("affiliations") == [str(Organization.objects.get(acronym="WMB").pk)]


def test_a_forged_number_of_language_rows_is_not_followed(maria, lc):
    lc.add("Maria Silva", reconciled_languages=["Spanish"])
    data = editor(maria)
    data["languages-TOTAL_FORMS"] = "lots"
    assert step(maria, data, "integrate").status_code == 200
    data["languages-TOTAL_FORMS"] = "999999999"
    assert step(maria, data, "integrate").status_code == 200


def test_integrating_earns_the_where_paths_cross_badge(maria, lc, user):
    lc.add("Maria Silva", reconciled_languages=["Spanish"])
    post(maria, form_data(step(maria, editor(maria), "integrate")))
    assert UserBadge.objects.filter(user=user, badge__slug="lets-connect").exists()


def test_lets_connect_silent_is_said_and_not_asked_again_at_once(maria, lc, httpserver):
    lc.failures["exists"] = lambda request: lc.respond(503, "<h1>Unavailable</h1>")
    page = text(maria.get("/profile/edit"))
    assert "Let's Connect could not be asked whether you are registered" in page
    assert "Sign-up to Let's Connect" in page
    maria.get("/profile/edit")
    asked = [request for request, _ in httpserver.log if request.path.endswith("/exists/")]
    assert len(asked) == 1


def test_a_badge_longer_than_capx_keeps_does_not_break_the_registration(maria, lc, user):
    lc.badges["Maria Silva"] = [{"name": "N" * 300, "picture": "https://upload.wikimedia.org/"
                                 + "p" * 600, "description": "d", "timestamp": "2026-11-30T10:00:00Z",
                                 "verification_code": "ok"},
                                {"name": "Too long a code", "picture": "", "description": "",
                                 "timestamp": "2026-11-29T10:00:00Z", "verification_code": "c" * 150}]
    review = step(maria, editor(maria), "review", email="maria@example.org", role=ROLE)
    assert post(maria, form_data(step(maria, form_data(review), "confirm"))).status_code == 302
    kept, = LetsConnectBadge.objects.filter(user=user)
    assert (len(kept.name), kept.picture, kept.verification_code) == (200, "", "ok")
