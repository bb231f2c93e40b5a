"""/organization/<slug>/events: the organization's events for its managers, upcoming then
past, each with a box to feature it on the organization's profile (up to 4)."""
import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from events.models import Event
from organizations.models import Organization
from tests.events.factories import EventFactory, days_from_now
from tests.forms import read_form

PAGE = "/organization/wikimedia-brasil/events"


def featured():
    return set(Event.objects.filter(featured=True).values_list("name", flat=True))


def test_the_list_shows_upcoming_and_past_events_and_the_way_to_create_one(signed_in,
                                                                          organization):
    EventFactory(organization=organization, name="Next month", start=days_from_now(30))
    EventFactory(organization=organization, name="Last year", start=days_from_now(-365))
    EventFactory(name="Someone else's",
                 organization=Organization.objects.get(slug="wikimedia-portugal"))
    page = signed_in.get(PAGE).text
    assert "Create a new event" in page and 'href="/organization/wikimedia-brasil/events/new"' in page
    upcoming, past = page.split("Upcoming events", 1)[1].split("Past events", 1)
    assert "Next month" in upcoming and "Last year" in past
    assert "Someone else&#x27;s" not in page and "Someone else's" not in page


def test_a_manager_features_up_to_four_events(signed_in, organization):
    events = [EventFactory(organization=organization, name=f"Event {n}") for n in range(5)]
    page = signed_in.get(PAGE)
    assert read_form(page.content.decode(), "events-manage").fields[1:] == []  # none ticked

    answer = signed_in.post(PAGE, {"featured": [event.pk for event in events[:4]]})

    assert answer.status_code == 302
    assert featured() == {"Event 0", "Event 1", "Event 2", "Event 3"}
    page = signed_in.get(PAGE)
    assert "The featured events were saved." in page.text
    ticked = [value for name, value in read_form(page.content.decode(), "events-manage").fields
              if name == "featured"]
    assert ticked == [str(event.pk) for event in events[:4]]

    # Unticking one and ticking another swaps them.
    signed_in.post(PAGE, {"featured": [event.pk for event in events[1:5]]})
    assert featured() == {"Event 1", "Event 2", "Event 3", "Event 4"}


def test_a_fifth_featured_event_is_refused_and_nothing_changes(signed_in, organization):
    events = [EventFactory(organization=organization, name=f"Event {n}", featured=n < 4)
              for n in range(5)]
    answer = signed_in.post(PAGE, {"featured": [event.pk for event in events]})
    assert answer.status_code == 200
    assert ("You can feature at most 4 events on the profile: you chose 5. Untick some."
            in answer.text)
    assert featured() == {"Event 0", "Event 1", "Event 2", "Event 3"}
    # The boxes stay as the manager ticked them, to untick one.
    ticked = [value for name, value in read_form(answer.content.decode(), "events-manage").fields
              if name == "featured"]
    assert len(ticked) == 5


def test_another_organizations_event_cannot_be_featured_from_here(signed_in, organization):
    theirs = EventFactory(organization=Organization.objects.get(
        slug="wikimedia-portugal"), name="Theirs")
    answer = signed_in.post(PAGE, {"featured": [theirs.pk]})
    assert answer.status_code == 200 and "Select a valid choice." in answer.text
    assert featured() == set()


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_costs_the_same_for_few_or_many_events(signed_in, organization, count,
                                                        django_assert_max_num_queries):
    for n in range(count):
        EventFactory(organization=organization, capacities=["communication"])
    # Session, user, organization, its managers, its events, the menu's organizations, and a
    # savepoint around them.
    with django_assert_max_num_queries(8):
        assert signed_in.get(PAGE).status_code == 200


def test_the_model_refuses_a_fifth_featured_event_on_any_path(organization):
    for n in range(4):
        EventFactory(organization=organization, featured=True)
    fifth = EventFactory.build(organization=organization, featured=True)
    with pytest.raises(ValidationError, match="at most 4 events"):
        fifth.full_clean(exclude=["capacities"])


def test_the_profile_shows_the_featured_events_through_the_tag(rf, organization,
                                                                django_assert_max_num_queries):
    """What the organization's profile includes: {% featured_events organization %}."""
    EventFactory(organization=organization, name="Featured one", featured=True,
                 capacities=["communication"])
    EventFactory(organization=organization, name="Not featured")
    template = Template("{% load events %}{% featured_events organization level=3 %}")
    with django_assert_max_num_queries(4):
        html = template.render(Context({"organization": organization, "request": rf.get("/")}))
    assert "Featured one" in html and "Not featured" not in html
    assert ">Communication</a>" in html and "View event" in html
