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
    assert answer.status_code == 302 and answer["Location"].startswith("/admin/login/")
    assert "Our meetup" not in answer.content.decode()


def test_a_manager_cannot_touch_another_organizations_event(signed_in, ours, theirs):
    """Its change, history and delete pages are a 404, and a forged POST changes nothing."""
    for page in ("change", "history", "delete"):
        assert signed_in.get(f"/admin/events/event/{theirs.pk}/{page}/").status_code == 404
    assert signed_in.post(f"/admin/events/event/{theirs.pk}/change/",
                          {"name": "Taken over"}).status_code == 404
    assert signed_in.post(f"/admin/events/event/{theirs.pk}/delete/", {"post": "yes"}).status_code == 404
    assert signed_in.post("/admin/events/event/", {"action": "delete_selected",
                                                   "_selected_action": [theirs.pk], "post": "yes"})
    assert Event.objects.get(pk=theirs.pk).name == "Their meetup"


def test_a_manager_adds_and_deletes_her_own_events_only(signed_in, ours, theirs):
    page = signed_in.get("/admin/events/event/add/")
    assert page.status_code == 200
    form = page.content.decode()
    assert f'value="{ours.organization.pk}"' in form or "Wikimedia Brasil" in form
    day = ours.start.strftime("%Y-%m-%d")
    data = {"url": "https://example.org/new", "name": "Added in the admin", "start_0": day,
            "start_1": "10:00:00", "end_0": day, "end_1": "12:00:00", "time_zone": "UTC",
            "location_type": "virtual", "organization": theirs.organization.pk}
    answer = signed_in.post("/admin/events/event/add/", data)  # a forged organization
    assert answer.status_code == 200 and not Event.objects.filter(name="Added in the admin").exists()
    answer = signed_in.post("/admin/events/event/add/", {**data, "organization": ours.organization.pk})
    assert answer.status_code == 302 and Event.objects.filter(name="Added in the admin").exists()
    delete = signed_in.post(f"/admin/events/event/{ours.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 302 and not Event.objects.filter(pk=ours.pk).exists()


def test_the_admin_says_what_an_address_should_be(staff, ours):
    answer = change_in_admin(staff, ours, image="https://example.org/photo.jpg",
                             openstreetmap="https://example.org/map")
    text = answer.content.decode()
    assert answer.status_code == 200 and "Enter a valid URL." not in text
    assert "Enter the address of a file on Wikimedia Commons" in text
    assert "Enter the address of a place on OpenStreetMap" in text
    assert Event.objects.get(pk=ours.pk).image == ours.image
