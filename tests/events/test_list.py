"""/events: the events of listed organizations, upcoming first (soonest first), past ones
on request (newest first), filtered from the query string without JavaScript."""
from datetime import datetime, timedelta, timezone

import pytest

from organizations.models import Organization
from tests.events.factories import EventFactory, days_from_now
from tests.factories import OrganizationFactory, UserFactory

UTC = timezone.utc


def names(page):
    """The names of the event cards, in the page's order."""
    return [part.split("</bdi>", 1)[0].rsplit(">", 1)[-1]
            for part in page.text.split('class="event-card__name"')[1:]]


@pytest.fixture
def portugal():
    """The shipped Wikimedia Portugal, listed now that it has a manager."""
    organization = Organization.objects.get(slug="wikimedia-portugal")
    organization.managers.add(UserFactory(username="Ana Outra"))
    return organization


def test_upcoming_events_come_soonest_first_and_past_ones_on_request(client, organization):
    EventFactory(organization=organization, name="Next week", start=days_from_now(7))
    EventFactory(organization=organization, name="Tomorrow", start=days_from_now(1))
    EventFactory(organization=organization, name="Going on now", start=days_from_now(0, hour=0),
                 hours=24 * 3)
    EventFactory(organization=organization, name="Last month", start=days_from_now(-30))
    EventFactory(organization=organization, name="Last year", start=days_from_now(-365))

    page = client.get("/events")
    assert names(page) == ["Going on now", "Tomorrow", "Next week"]
    assert "3 upcoming events" in page.text

    page = client.get("/events", {"when": "past"})
    assert names(page) == ["Last month", "Last year"]
    assert "2 past events" in page.text


def test_a_card_shows_what_the_event_is(client, organization):
    EventFactory(organization=organization, name="Wiki Loves Earth", url="https://example.org/wle",
                 start=datetime(2099, 5, 1, 12, 30, tzinfo=UTC),
                 end=datetime(2099, 5, 3, 21, 0, tzinfo=UTC), time_zone="America/Sao_Paulo",
                 location_type="hybrid", place="São Paulo",
                 image="https://commons.wikimedia.org/wiki/File:WLE.svg",
                 capacities=["communication", "wikimedia-commons"])
    card = client.get("/events").text.split('class="event-card"', 1)[1].split("</article>", 1)[0]
    # the Commons file page shown as the file itself
    assert 'src="https://commons.wikimedia.org/wiki/Special:FilePath/WLE.svg?width=192"' in card
    # On the organizer's clock, with the zone named.
    assert '<time datetime="2099-05-01T09:30:00-03:00">May 1, 2099, 09:30</time>' in card
    assert '<time datetime="2099-05-03T18:00:00-03:00">May 3, 2099, 18:00</time>' in card
    assert "America/Sao_Paulo (UTC−03:00)" in card
    assert "Wikimedia Brasil" in card and "Hybrid" in card and "São Paulo" in card
    assert ">Communication</a>" in card and ">Wikimedia Commons</a>" in card
    assert '<a class="button button--primary" href="https://example.org/wle">View event' in card


def test_events_of_organizations_without_an_active_manager_are_not_shown(client, organization,
                                                                         user):
    unlisted = OrganizationFactory(name="Nobody's", slug="nobodys")
    EventFactory(organization=unlisted, name="Hidden")
    EventFactory(organization=organization, name="Shown")
    assert names(client.get("/events")) == ["Shown"]

    user.is_active = False
    user.save()
    assert names(client.get("/events")) == []


def test_a_capacity_also_finds_the_events_of_what_is_inside_it(client, organization):
    EventFactory(organization=organization, name="On Wikidata", capacities=["wikidata"])
    EventFactory(organization=organization, name="On projects", capacities=["wikimedia-projects"])
    EventFactory(organization=organization, name="On speaking", capacities=["public-speaking"])
    EventFactory(organization=organization, name="On nothing")

    assert names(client.get("/events", {"capacity": "technical-skills"})) == [
        "On Wikidata", "On projects"]
    assert names(client.get("/events", {"capacity": "wikidata"})) == ["On Wikidata"]
    assert set(names(client.get("/events", {"capacity": ["wikidata", "communication"]}))) == {
        "On Wikidata", "On speaking"}


def test_a_region_also_finds_the_organizations_in_its_countries(client, organization, portugal):
    """Wikimedia Brasil works in Brazil; Portugal's organization names the region Europe."""
    portugal.territories.add(portugal.territories.model.objects.get(code="PT"))
    EventFactory(organization=organization, name="In Brazil")
    EventFactory(organization=portugal, name="In Portugal")

    assert names(client.get("/events", {"territory": "latin-america-caribbean"})) == ["In Brazil"]
    assert names(client.get("/events", {"territory": "brazil"})) == ["In Brazil"]
    assert names(client.get("/events", {"territory": "portugal"})) == ["In Portugal"]
    assert names(client.get("/events", {"territory": "argentina"})) == []


def test_filter_by_type_of_location_organization_and_dates(client, organization, portugal):
    EventFactory(organization=organization, name="Online", location_type="virtual",
                 start=days_from_now(10))
    EventFactory(organization=organization, name="Face to face", location_type="in_person",
                 start=days_from_now(20))
    EventFactory(organization=portugal, name="Both", location_type="hybrid",
                 start=days_from_now(30))

    assert names(client.get("/events", {"location": "in_person"})) == ["Face to face"]
    assert names(client.get("/events", {"location": ["in_person", "hybrid"]})) == [
        "Face to face", "Both"]
    assert names(client.get("/events", {"organization": "wikimedia-portugal"})) == ["Both"]
    day = (days_from_now(20)).date()
    assert names(client.get("/events", {"from": day.isoformat(), "to": day.isoformat()})) == [
        "Face to face"]
    assert names(client.get("/events", {"from": (day + timedelta(days=1)).isoformat()})) == [
        "Both"]
    assert names(client.get("/events", {"to": (day - timedelta(days=1)).isoformat()})) == [
        "Online"]
    # Filters add up.
    assert names(client.get("/events", {"location": "hybrid", "organization": "wikimedia-brasil"})) == []


def test_a_date_that_is_not_one_is_an_error_next_to_its_field(client, organization):
    EventFactory(organization=organization, name="Shown")
    page = client.get("/events", {"from": "someday"})
    assert page.status_code == 200
    error = page.text.split('id="field-from"', 1)[1].split("</div>", 1)[0]
    assert "Enter a valid date." in error
    assert names(page) == ["Shown"]  # the rest of the filters still apply


def test_unknown_values_are_left_out_with_a_message(client, organization):
    EventFactory(organization=organization, name="Shown")
    page = client.get("/events", {"capacity": "no-such-capacity", "organization": "nobody"})
    assert "Some filters were not recognized and were left out: no-such-capacity, nobody" in page.text
    assert names(page) == ["Shown"]


def test_the_filter_form_keeps_what_was_chosen(client, organization):
    EventFactory(organization=organization)  # an organization with events is in its list
    page = client.get("/events", {"territory": "brazil", "location": "virtual",
                                  "organization": "wikimedia-brasil", "capacity": "wikidata"})
    assert '<option value="brazil" selected>' in page.text
    assert 'name="location" value="virtual" checked' in page.text
    assert '<option value="wikimedia-brasil" selected>' in page.text
    assert 'type="hidden" name="capacity" value="wikidata"' in page.text


def test_pages_keep_the_filters(client, organization):
    for number in range(25):
        EventFactory(organization=organization, name=f"Meetup {number:02d}",
                     start=days_from_now(number + 1), location_type="virtual")
    page = client.get("/events", {"location": "virtual"})
    assert len(names(page)) == 20 and "Page 1 of 2" in page.text
    assert 'href="/events?location=virtual&amp;page=2"' in page.text
    page = client.get("/events", {"location": "virtual", "page": 2})
    assert names(page) == [f"Meetup {number}" for number in range(20, 25)]


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_costs_the_same_for_few_or_many_events(client, organization, portugal, count,
                                                        django_assert_max_num_queries):
    for number in range(count):
        EventFactory(organization=organization if number % 2 else portugal,
                     capacities=["communication", "wikidata"])
    client.get("/events")  # the cached pieces (filters, directory) are made once
    # Data versions, the chosen territories and organizations, count, events, their
    # capacities, the organization filter's list; and a savepoint around them.
    with django_assert_max_num_queries(9):
        page = client.get("/events", {"capacity": "technical-skills", "territory": "europe",
                                      "location": "virtual", "organization": "wikimedia-portugal"})
    assert page.status_code == 200 and len(names(page)) == min((count + 1) // 2, 20)


def test_the_page_reads_right_to_left_in_arabic(client, organization, settings):
    EventFactory(organization=organization, name="Wiki Loves Earth")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get("/events")
    assert page.status_code == 200 and 'dir="rtl"' in page.text
    assert names(page) == ["Wiki Loves Earth"]


def test_the_organization_filter_lists_each_organization_once(client):
    """An organization with several events is one option of the filter, not one per event."""
    organization = OrganizationFactory(name="Wikimedia Many Events", managers=[UserFactory()])
    for number in range(3):
        EventFactory(name=f"Event {number}", organization=organization, start=days_from_now(3))
    page = client.get("/events").content.decode()
    assert page.count(f'value="{organization.slug}"') == 1


def test_the_organization_filter_follows_new_events_and_renames(client):
    """Its options are rendered once per set of organizations and their data version."""
    first = OrganizationFactory(name="Wikimedia First", managers=[UserFactory()])
    second = OrganizationFactory(name="Wikimedia Second", managers=[UserFactory()])
    EventFactory(organization=first, start=days_from_now(2))
    page = client.get("/events").content.decode()
    assert "Wikimedia First" in page and "Wikimedia Second" not in page
    EventFactory(organization=second, start=days_from_now(2))
    first.name_en = "Wikimedia Renamed"
    first.save()
    page = client.get("/events").content.decode()
    assert '>Wikimedia Renamed</option>' in page and '>Wikimedia Second</option>' in page
