"""/events.ics (the Events page's events, same filters) and /events/<id>.ics (one event) as
iCalendar, read back here by a small RFC 5545 reader."""
from datetime import datetime, timezone

from tests.events.factories import EventFactory, days_from_now
from tests.factories import OrganizationFactory

UTC = timezone.utc


def read_calendar(answer):
    """The calendar's events as dicts of property → value (unescaped), checking the format
    on the way: CRLF line ends, lines of at most 75 octets, folded lines unfolded."""
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    raw = answer.content
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    for line in lines:  # folded between characters, never inside one
        line.decode("utf-8")
    unfolded = []
    for line in lines:
        if line.startswith(b" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    text = [line.decode("utf-8") for line in unfolded]
    assert text[0] == "BEGIN:VCALENDAR" and text[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in text and any(line.startswith("PRODID:") for line in text)
    events, current = [], None
    for line in text:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name.split(";", 1)[0]] = unescape(value)
    return events


def unescape(value):
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


def test_one_event_as_icalendar(client, organization):
    event = EventFactory(
        organization=organization, url="https://example.org/wle",
        name="Wiki Loves Earth; Brasil, 2099 \\ edição",
        description="Photographs of nature.\nEverywhere in Brazil, " + "with a long text " * 8,
        start=datetime(2099, 5, 1, 12, 30, tzinfo=UTC), end=datetime(2099, 5, 3, 21, tzinfo=UTC),
        time_zone="America/Sao_Paulo", place="São Paulo, Brasil",
        capacities=["communication", "wikidata"])

    answer = client.get(f"/events/{event.pk}.ics")

    assert answer.status_code == 200
    assert answer["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    [read] = read_calendar(answer)
    assert read["UID"] == f"event-{event.pk}@testserver"
    assert read["SUMMARY"] == "Wiki Loves Earth; Brasil, 2099 \\ edição"
    assert (read["DTSTART"], read["DTEND"]) == ("20990501T123000Z", "20990503T210000Z")
    assert read["DTSTAMP"].endswith("Z") and len(read["DTSTAMP"]) == 16
    assert read["URL"] == "https://example.org/wle"
    assert read["LOCATION"] == "São Paulo, Brasil"
    assert read["DESCRIPTION"].startswith("Photographs of nature.\nEverywhere in Brazil, with")
    assert read["DESCRIPTION"].endswith("Organized by Wikimedia Brasil.")
    assert read["CATEGORIES"] == "Communication,Wikidata"
    # The escapes themselves, before reading.
    assert "SUMMARY:Wiki Loves Earth\\; Brasil\\, 2099 \\\\ edição" in answer.content.decode()


def test_a_long_line_folds_between_characters_never_inside_one(client, organization):
    event = EventFactory(organization=organization, name="Ação " * 40)
    answer = client.get(f"/events/{event.pk}.ics")
    assert answer.content.count(b"\r\n ") >= 3
    [read] = read_calendar(answer)
    assert read["SUMMARY"] == "Ação " * 40


def test_the_export_takes_the_pages_filters(client, organization, django_assert_max_num_queries):
    EventFactory(organization=organization, name="Online", location_type="virtual",
                 start=days_from_now(3))
    EventFactory(organization=organization, name="In person", location_type="in_person",
                 start=days_from_now(2))
    EventFactory(organization=organization, name="Past", start=days_from_now(-20))
    EventFactory(organization=OrganizationFactory(slug="unlisted"), name="Unlisted")

    assert [e["SUMMARY"] for e in read_calendar(client.get("/events.ics"))] == [
        "In person", "Online"]
    with django_assert_max_num_queries(6):
        answer = client.get("/events.ics", {"location": "virtual"})
    assert [e["SUMMARY"] for e in read_calendar(answer)] == ["Online"]
    assert [e["SUMMARY"] for e in read_calendar(client.get("/events.ics", {"when": "past"}))] == [
        "Past"]


def test_the_page_links_to_the_export_of_what_it_shows(client, organization):
    event = EventFactory(organization=organization, location_type="virtual")
    page = client.get("/events", {"location": "virtual"}).text
    assert 'href="/events.ics?location=virtual"' in page
    assert f'href="/events/{event.pk}.ics"' in page


def test_an_event_of_an_unlisted_organization_has_no_calendar(client):
    event = EventFactory(organization=OrganizationFactory(slug="unlisted"))
    assert client.get(f"/events/{event.pk}.ics").status_code == 404
