"""Events in the Django admin: staff see and fix every event; an organization's managers
see and edit only their organizations' events. The model's rules hold there too."""

import pytest
from django.test import Client

from events.models import Event
from organizations.models import Organization
from tests.admin_form import change_in_admin
from tests.events.factories import EventFactory
from tests.factories import UserFactory



@pytest.fixture
def theirs():
    portugal = Organization.objects.get(slug="wikimedia-portugal")
    portugal.managers.add(UserFactory(username="Ana Outra"))
    return EventFactory(organization=portugal, name="Their meetup")


@pytest.fixture
def ours(organization):
    return EventFactory(organization=organization, name="Our meetup")


def test_staff_see_every_event(staff, ours, theirs, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        page = staff.get("/admin/events/event/")
    assert "Our meetup" in page.text and "Their meetup" in page.text


def test_staff_fix_an_event_with_the_models_rules(staff, ours):
    answer = change_in_admin(staff, ours, name="Fixed name")
    assert answer.status_code == 302
    ours.refresh_from_db()
    assert ours.name == "Fixed name"

    answer = change_in_admin(staff, ours, end_0=ours.start.strftime("%Y-%m-%d"),
                             end_1=ours.start.strftime("%H:%M:%S"), name="Not saved")
    assert answer.status_code == 200 and "The end must be after the start." in answer.text
    ours.refresh_from_db()
    assert ours.name == "Fixed name"


def test_a_fifth_featured_event_is_refused_in_the_admin_too(staff, organization):
    for number in range(4):
        EventFactory(organization=organization, featured=True)
    fifth = EventFactory(organization=organization, name="Fifth")
    answer = change_in_admin(staff, fifth, featured="on")
    assert "An organization can feature at most 4 events on its profile." in answer.text
    assert not Event.objects.get(pk=fifth.pk).featured


def test_a_manager_sees_and_edits_only_her_organizations_events(signed_in, ours, theirs):
    page = signed_in.get("/admin/events/event/")
    assert page.status_code == 200
    assert "Our meetup" in page.text and "Their meetup" not in page.text
    assert signed_in.get(f"/admin/events/event/{theirs.pk}/change/").status_code == 404

    answer = change_in_admin(signed_in, ours, name="Renamed by Maria")
    assert answer.status_code == 302
    assert Event.objects.get(pk=ours.pk).name == "Renamed by Maria"


def test_someone_who_manages_nothing_does_not_reach_events(ours, django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user(username="João Ninguém"))
    answer = client.get("/admin/events/event/")
    assert answer.status_code in (302, 403, 404)
    assert "Our meetup" not in answer.content.decode()
