"""What the hostile-input tests (tests/security/test_hostile_input.py) found, each pinned
down: the value that gave a 500, and the clear answer it gets now."""
import pytest

from tests.factories import OrganizationFactory, ProfileFactory

# Python's int() takes "²" for a digit it cannot read, and refuses 4301 digits or more.
NO_NUMBERS = ["\u00b2", "9" * 5000]


pytestmark = pytest.mark.usefixtures("production")


@pytest.mark.parametrize("value", NO_NUMBERS)
def test_a_capacity_picker_given_digits_that_are_no_key(signed_in, user, value):
    """The picker ticks capacities named by slug or key (capacities.tree.Tree.pick)."""
    ProfileFactory(user=user, known=["media"])
    OrganizationFactory(slug="wikimedia-brasil", managers=[user])
    for path in ("/profile/edit", "/organization/wikimedia-brasil/edit"):
        page = signed_in.get(path, {"known": ["media", value]})
        assert page.status_code == 200


@pytest.mark.parametrize("query", [{"to": "9999-12-31"}, {"from": "9999-12-31"},
                                   {"from": "0001-01-01", "to": "0001-01-02"}])
def test_event_filters_at_the_ends_of_the_calendar(client, query):
    """?to=9999-12-31 took events up to the day after, which does not exist."""
    for path in ("/events", "/events.ics"):
        assert client.get(path, query).status_code == 200
    page = client.get("/events", query)
    assert 'class="errorlist' in page.content.decode()
    assert "Ensure this value is" in page.content.decode()  # next to its field


@pytest.mark.parametrize("start, end, zone", [
    ("9999-12-31T20:00", "9999-12-31T23:00", "Pacific/Honolulu"),  # the year 10000 in UTC
    ("0001-01-01T00:00", "0001-01-01T05:00", "Asia/Tokyo"),  # the year 0 in UTC
    ("2030-01-01T10:00", "9999-12-31T23:59", "UTC")])
def test_an_event_at_the_ends_of_the_calendar_is_refused(signed_in, user, start, end, zone):
    """Saved, such an event made /events, its calendar and the organization's pages 500
    for everyone."""
    from events.models import Event
    OrganizationFactory(slug="wikimedia-brasil", managers=[user])
    page = signed_in.post("/organization/wikimedia-brasil/events/new", {
        "url": "https://example.org/event", "name": "Far away", "start": start, "end": end,
        "time_zone": zone, "location_type": "virtual"})
    assert page.status_code == 200 and "Ensure this value is" in page.content.decode()
    assert not Event.objects.exists()
    for path in ("/events", "/events?when=past", "/events.ics",
                 "/organization/wikimedia-brasil/events"):
        assert signed_in.get(path).status_code == 200


@pytest.mark.parametrize("value", NO_NUMBERS)
def test_featured_events_given_digits_that_are_no_key(signed_in, user, value):
    from tests.events.factories import EventFactory
    brasil = OrganizationFactory(slug="wikimedia-brasil", managers=[user])
    event = EventFactory(organization=brasil, featured=True)
    page = signed_in.post("/organization/wikimedia-brasil/events",
                          {"featured": [str(event.pk), value]})
    assert page.status_code == 200 and "message--error" in page.content.decode()
    event.refresh_from_db()
    assert event.featured


@pytest.mark.parametrize("value", NO_NUMBERS + ["99999999999999999999"])
def test_the_message_form_given_a_sent_id_that_is_no_key(maria, value):
    """/message?sent=<id> opens the success dialog of a message just sent."""
    page = maria.get("/message", {"sent": value})
    assert page.status_code == 200 and 'name="to"' in page.content.decode()


@pytest.mark.parametrize("language, kept", [("de", ""), ("en-aaaaaaaa-bbbbbbbb", "en"),
                                            ("EN", "en"), ("pt-BR", "pt-br"), ("pt", "pt-br"),
                                            ("ar", "ar"), ("<script>", "")])
def test_only_the_sites_languages_are_remembered(signed_in, user, language, kept):
    """Django's set_language takes any language it has a catalog for: "de" was remembered
    (German error messages on a new device), 20 characters did not fit the column (500)."""
    answer = signed_in.post("/language", {"language": language, "next": "/"})
    assert answer.status_code == 302
    user.refresh_from_db()
    assert user.language == kept


@pytest.mark.parametrize("start, end", [(("9999-12-31", "20:00:00"), ("9999-12-31", "23:00:00")),
                                        (("0001-01-01", "01:00:00"), ("0001-01-01", "05:00:00"))])
def test_the_event_admin_refuses_the_ends_of_the_calendar(staff, user, start, end):
    """Typed in UTC there, 9999-12-31 20:00 is the year 10000 on Kiritimati's clock, the
    event's own: saved, /events was a 500 for everyone."""
    from events.models import Event
    brasil = OrganizationFactory(slug="wikimedia-brasil", managers=[user])
    page = staff.post("/admin/events/event/add/", {
        "url": "https://example.org/event", "name": "Far away", "start_0": start[0],
        "start_1": start[1], "end_0": end[0], "end_1": end[1], "time_zone": "Pacific/Kiritimati",
        "location_type": "virtual", "organization": brasil.pk})
    assert page.status_code == 200 and "Ensure this value is" in page.content.decode()
    assert not Event.objects.exists()
    assert staff.get("/events").status_code == 200


@pytest.mark.parametrize("target", ["/feed?q=" + "x" * 20000, "/feed?q=" + "x" * 3000])
def test_a_login_asked_to_come_back_to_a_huge_address_ends_on_home(metawiki, target):
    """social-auth kept any `next` posted to the start of the Meta-Wiki login and sent the
    browser back there after it: over 16 KB, Django refused to send that redirect (a 400
    after a successful login). Now `next` is held to CapX's rule first."""
    from django.test import Client

    from tests.capx.test_login import allow_on_metawiki, login_form
    browser = Client(enforce_csrf_checks=True)
    fields = login_form(browser.get("/login"))[1]
    started = browser.post("/oauth/login/mediawiki/", {**fields, "next": target})
    done = browser.get(allow_on_metawiki(started["Location"]))
    assert done.status_code == 302 and done["Location"] == "/home"
    assert browser.get("/home").context["user"].is_authenticated


@pytest.mark.parametrize("key", ["1e309", "x", "99999999999999999999999"])
def test_an_admin_form_refused_with_a_key_that_is_no_number_shows_again(staff, key):
    """Django's autocomplete widget looked the refused values up as they came: a ValueError.
    Every model admin of the site now leaves out what is no key (capx.admin.OnlyKeys)."""
    from organizations.models import Project
    OrganizationFactory(slug="wikimedia-brasil")
    answer = staff.post("/admin/organizations/project/add/",
                         {"organization": key, "name": "Tours", "order": "0"})
    assert answer.status_code == 200
    assert "Select a valid choice" in answer.content.decode()
    assert not Project.objects.exists()
