"""A manager creates, edits and deletes the organization's events. The form takes the start
and end as the organizer's clock shows them, with a time zone (UTC unless chosen); what is
stored is the moment, in UTC. Every rule gives an error next to its field, and a refused
form stores nothing."""
from datetime import datetime, timezone

import pytest

from events.models import Event
from tests.events.factories import EventFactory
from tests.forms import read_form

UTC = timezone.utc


def filled(page, **changes):
    """The event form as the page shows it, with `changes` typed in (lists for several
    values), as a browser would send it."""
    data = {}
    for name, value in read_form(page.content.decode(), "event-form").fields:
        data.setdefault(name, []).append(value)
    data.pop("csrfmiddlewaretoken", None)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return data


GOOD = {"url": "https://meta.wikimedia.org/wiki/Wiki_Loves_Earth_Brasil_2030",
        "name": "Wiki Loves Earth Brasil", "description": "Photographs of nature.",
        "start": "2030-05-01T09:30", "end": "2030-05-03T18:00",
        "time_zone": "America/Sao_Paulo", "location_type": "hybrid", "place": "São Paulo",
        "openstreetmap": "https://www.openstreetmap.org/relation/298285",
        "wikidata_qid": "Q123456",
        "image": "https://commons.wikimedia.org/wiki/File:Wiki_Loves_Earth_logo.svg",
        "capacities": ["communication", "wikimedia-commons"]}


def test_a_manager_creates_an_event_in_their_time_zone(signed_in, user, organization):
    page = signed_in.get("/organization/wikimedia-brasil/events/new")
    assert 'name="prefill"' in page.text  # the Search button, next to the first field

    answer = signed_in.post("/organization/wikimedia-brasil/events/new", filled(page, **GOOD))

    assert answer.status_code == 302 and answer.url == "/organization/wikimedia-brasil/events"
    event = Event.objects.get()
    assert (event.name, event.organization, event.creator) == (
        "Wiki Loves Earth Brasil", organization, user)
    # 09:30 in São Paulo (UTC−3) is 12:30 UTC.
    assert event.start == datetime(2030, 5, 1, 12, 30, tzinfo=UTC)
    assert event.end == datetime(2030, 5, 3, 21, 0, tzinfo=UTC)
    assert event.time_zone == "America/Sao_Paulo"
    assert event.location_type == "hybrid" and event.place == "São Paulo"
    assert sorted(event.capacities.values_list("slug", flat=True)) == ["communication",
                                                                       "wikimedia-commons"]
    listed = signed_in.get(answer.url)
    assert "The event “Wiki Loves Earth Brasil” was saved." in listed.text
    assert "Wiki Loves Earth Brasil" in listed.text and "America/Sao_Paulo (UTC−03:00)" in listed.text


def test_without_a_time_zone_the_times_are_utc(signed_in, organization):
    page = signed_in.get("/organization/wikimedia-brasil/events/new")
    assert '<option value="UTC" selected>UTC</option>' in page.text
    signed_in.post("/organization/wikimedia-brasil/events/new",
                   filled(page, **{**GOOD, "time_zone": "UTC"}))
    assert Event.objects.get().start == datetime(2030, 5, 1, 9, 30, tzinfo=UTC)


def test_the_editor_shows_the_times_on_the_organizers_clock(signed_in, organization):
    event = EventFactory(organization=organization, time_zone="Asia/Tokyo",
                         start=datetime(2030, 1, 1, 0, 0, tzinfo=UTC),
                         end=datetime(2030, 1, 1, 3, 0, tzinfo=UTC))
    page = signed_in.get(f"/events/{event.pk}/edit")
    form = dict(read_form(page.content.decode(), "event-form").fields)
    assert (form["start"], form["end"], form["time_zone"]) == (
        "2030-01-01T09:00", "2030-01-01T12:00", "Asia/Tokyo")

    # Saved unchanged, it stays the same moment.
    signed_in.post(f"/events/{event.pk}/edit", filled(page, name="New name"))
    event.refresh_from_db()
    assert event.name == "New name"
    assert event.start == datetime(2030, 1, 1, 0, 0, tzinfo=UTC)


ERRORS = [
    ({"end": "2030-05-01T09:00"}, "end", "The end must be after the start."),
    ({"end": "2030-05-01T09:30"}, "end", "The end must be after the start."),
    ({"start": "next week"}, "start", "Enter a valid date/time."),
    ({"url": "javascript:alert(1)"}, "url", "Enter a web address"),
    ({"url": "ftp://example.org/event"}, "url", "Enter a web address"),
    ({"url": ""}, "url", "This field is required."),
    ({"name": ""}, "name", "This field is required."),
    ({"openstreetmap": "https://www.google.com/maps/place/1"}, "openstreetmap",
     "Enter the address of a place on OpenStreetMap"),
    ({"openstreetmap": "https://www.openstreetmap.org/changeset/42"}, "openstreetmap",
     "Enter the address of a place on OpenStreetMap"),
    ({"wikidata_qid": "123"}, "wikidata_qid", "Enter a Wikidata item id such as Q123."),
    ({"wikidata_qid": "P31"}, "wikidata_qid", "Enter a Wikidata item id such as Q123."),
    ({"image": "https://example.org/logo.png"}, "image",
     "Enter the address of a file on Wikimedia Commons"),
    ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "Select a valid choice."),
    ({"location_type": "underwater"}, "location_type", "Select a valid choice."),
]


@pytest.mark.parametrize("changes,field,message", ERRORS)
def test_each_rule_gives_an_error_next_to_its_field(signed_in, organization, changes, field,
                                                    message):
    page = signed_in.get("/organization/wikimedia-brasil/events/new")
    answer = signed_in.post("/organization/wikimedia-brasil/events/new",
                            filled(page, **{**GOOD, **changes}))
    assert answer.status_code == 200
    assert "The event was not saved: please correct the fields marked below." in answer.text
    errors = answer.text.split(f'id="field-{field}"', 1)[1].split('class="errorlist"', 1)[1]
    assert message in errors.split("</ul>", 1)[0]
    assert not Event.objects.exists()


@pytest.mark.parametrize("changes,field,message", ERRORS[:4])
def test_a_refused_edit_leaves_the_event_as_it_was(signed_in, organization, changes, field,
                                                   message):
    event = EventFactory(organization=organization, name="Before", url="https://example.org/a")
    stored = Event.objects.filter(pk=event.pk).values().get()
    page = signed_in.get(f"/events/{event.pk}/edit")
    answer = signed_in.post(f"/events/{event.pk}/edit",
                            filled(page, **{"name": "After", "start": "2030-05-01T09:30", **changes}))
    assert message in answer.text
    assert Event.objects.filter(pk=event.pk).values().get() == stored


def test_a_link_without_a_scheme_is_taken_as_https(signed_in, organization):
    page = signed_in.get("/organization/wikimedia-brasil/events/new")
    signed_in.post("/organization/wikimedia-brasil/events/new",
                   filled(page, **{**GOOD, "url": "wikimedia.org.br/evento"}))
    assert Event.objects.get().url == "https://wikimedia.org.br/evento"


def test_the_capacity_picker_without_javascript_comes_back_unsaved(signed_in, organization):
    """Add capacities sends the whole form to the picker page, which posts it back with the
    marker: the form shows again, as typed, with the new selection, and nothing is saved."""
    page = signed_in.get("/organization/wikimedia-brasil/events/new")
    data = filled(page, **{**GOOD, "name": "Typed, not saved", "capacities": ["communication"]})
    data["capacity-picker-return"] = ["1"]
    answer = signed_in.post("/organization/wikimedia-brasil/events/new", data)
    assert answer.status_code == 200 and not Event.objects.exists()
    assert 'value="Typed, not saved"' in answer.text
    assert 'name="capacities" value="communication"' in answer.text
    assert "errorlist" not in answer.text


def test_deleting_asks_first(signed_in, organization):
    event = EventFactory(organization=organization, name="Old meetup")
    page = signed_in.get(f"/events/{event.pk}/delete")
    assert "Delete the event “Old meetup”?" in page.text and Event.objects.exists()

    answer = signed_in.post(f"/events/{event.pk}/delete")
    assert answer.url == "/organization/wikimedia-brasil/events"
    assert not Event.objects.exists()
    assert "The event “Old meetup” was deleted." in signed_in.get(answer.url).text
