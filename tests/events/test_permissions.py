"""Only an organization's managers create, edit, feature and delete its events: a visitor is
sent to log in; anyone else signed in, a manager of another organization and staff who do
not manage it are refused (403), and nothing changes."""
import pytest

from events.models import Event
from tests.events.factories import EventFactory

PAGES = [  # (method, address); {slug} and {pk} are the organization's and its event's
    ("get", "/organization/{slug}/events"),
    ("post", "/organization/{slug}/events"),
    ("get", "/organization/{slug}/events/new"),
    ("post", "/organization/{slug}/events/new"),
    ("get", "/events/{pk}/edit"),
    ("post", "/events/{pk}/edit"),
    ("get", "/events/{pk}/delete"),
    ("post", "/events/{pk}/delete"),
]
POSTED = {"url": "https://example.org/new", "name": "Taken over", "start": "2030-01-01T10:00",
          "end": "2030-01-01T12:00", "time_zone": "UTC", "location_type": "virtual",
          "featured": []}


@pytest.fixture
def event(organization):
    return EventFactory(organization=organization, name="Edit-a-thon", featured=False)


def request(client, method, address, organization, event):
    url = address.format(slug=organization.slug, pk=event.pk)
    return client.post(url, POSTED) if method == "post" else client.get(url)


def unchanged(event):
    stored = Event.objects.filter(pk=event.pk).values("name", "featured").first()
    return stored == {"name": "Edit-a-thon", "featured": False} and Event.objects.count() == 1


@pytest.mark.parametrize("method,address", PAGES)
def test_a_visitor_is_sent_to_log_in(client, organization, event, method, address):
    answer = request(client, method, address, organization, event)
    assert answer.status_code == 302 and answer.url.startswith("/login?next=")
    assert unchanged(event)


@pytest.mark.parametrize("method,address", PAGES)
def test_a_wikimedian_who_manages_nothing_is_refused(client, organization, event, method,
                                                     address, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="João Ninguém"))
    answer = request(client, method, address, organization, event)
    assert answer.status_code == 403
    assert unchanged(event)


@pytest.mark.parametrize("method,address", PAGES)
def test_the_manager_of_another_organization_is_refused(other_manager, organization, event,
                                                        method, address):
    answer = request(other_manager, method, address, organization, event)
    assert answer.status_code == 403
    assert unchanged(event)


@pytest.mark.parametrize("method,address", PAGES)
def test_staff_who_do_not_manage_it_are_refused(staff, organization, event, method, address):
    answer = request(staff, method, address, organization, event)
    assert answer.status_code == 403
    assert unchanged(event)


@pytest.mark.parametrize("method,address", [page for page in PAGES if page[0] == "get"])
def test_its_manager_opens_every_page(signed_in, organization, event, method, address):
    assert request(signed_in, method, address, organization, event).status_code == 200


def test_a_deactivated_manager_is_refused(signed_in, user, organization, event):
    user.is_active = False
    user.save()
    answer = signed_in.get(f"/organization/{organization.slug}/events")
    assert answer.status_code in (302, 403)  # Django signs an inactive user out


def test_an_unknown_organization_or_event_is_not_found(signed_in, organization, event):
    assert signed_in.get("/organization/no-such-organization/events").status_code == 404
    assert signed_in.get(f"/events/{event.pk + 1000}/edit").status_code == 404
