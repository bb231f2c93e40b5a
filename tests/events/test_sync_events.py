"""manage.py sync_events refreshes the events that are WikiLearn courses from WikiLearn's
course API (a local server here): name, start, end, image. One event's failure is reported
and the others are still updated; the command then exits non-zero."""
from datetime import datetime, timezone
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from werkzeug import Response

from events.models import Event
from tests.events.factories import EventFactory
from tests.fakes.event_sources import course

UTC = timezone.utc
IMAGE = "https://upload.wikimedia.org/wikipedia/commons/a/ab/Course.png"


def run():
    out, err = StringIO(), StringIO()
    try:
        call_command("sync_events", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def course_event(organization, course_id, **fields):
    return EventFactory(organization=organization, url=f"https://learn.wiki/courses/{course_id}/about",
                        **fields)


@pytest.fixture
def courses(organization, event_sources):
    for number in (1, 2, 3):
        course_id = f"course-v1:WMF+C{number}+2030"
        event_sources.courses[course_id] = course(
            course_id, f"Course {number}", f"2030-0{number}-01T12:00:00Z",
            f"2030-0{number}-20T12:00:00Z", image=IMAGE)
        course_event(organization, course_id, name=f"Old name {number}")
    return event_sources


def stored():
    return {event.name: (event.start, event.end, event.image)
            for event in Event.objects.order_by("pk")}


def test_every_course_is_refreshed(courses, organization):
    other = EventFactory(organization=organization, name="Not a course",
                         url="https://example.org/courses/x")
    out, err, error = run()
    assert error is None
    assert stored()["Course 2"] == (datetime(2030, 2, 1, 12, tzinfo=UTC),
                                    datetime(2030, 2, 20, 12, tzinfo=UTC), IMAGE)
    assert set(stored()) == {"Course 1", "Course 2", "Course 3", "Not a course"}
    assert "WikiLearn courses: 3; updated: 3, unchanged: 0, failed: 0." in out
    assert len(courses.requests) == 3
    other.refresh_from_db()
    assert other.name == "Not a course"

    # A second run finds nothing to change.
    out, err, error = run()
    assert "updated: 0, unchanged: 3, failed: 0." in out and error is None


def test_one_failure_among_several_is_reported_and_the_others_still_updated(courses):
    del courses.courses["course-v1:WMF+C2+2030"]  # WikiLearn: 404
    out, err, error = run()
    assert set(stored()) == {"Course 1", "Old name 2", "Course 3"}
    assert "Failed: event" in err and "“Old name 2”" in err and "HTTP 404" in err
    assert "updated: 2, unchanged: 0, failed: 1." in out
    assert isinstance(error, CommandError) and "1 of 3 events could not be refreshed" in str(error)


def test_dates_that_break_the_rules_fail_that_event_only(courses):
    courses.courses["course-v1:WMF+C1+2030"]["end"] = "2029-01-01T00:00:00Z"  # before its start
    before = Event.objects.get(name="Old name 1")
    out, err, error = run()
    assert "The end must be after the start." in err
    assert error is not None
    after = Event.objects.get(pk=before.pk)
    assert (after.name, after.start, after.end) == (before.name, before.start, before.end)
    assert {"Course 2", "Course 3"} <= set(stored())


def test_a_course_in_a_year_no_event_has_fails_that_event_only(courses):
    """The years every path takes (events.models.EVENT_TIMES): one in 9999 would show in the
    year 10000 in some time zones, which no page can show."""
    courses.courses["course-v1:WMF+C1+2030"]["end"] = "9999-12-31T22:00:00Z"
    before = Event.objects.get(name="Old name 1")
    out, err, error = run()
    assert "Failed: event" in err and "“Old name 1”" in err and "2999" in err
    assert error is not None and "1 of 3 events could not be refreshed" in str(error)
    after = Event.objects.get(pk=before.pk)
    assert (after.name, after.start, after.end) == (before.name, before.start, before.end)
    assert {"Course 2", "Course 3"} <= set(stored())


def test_wikilearn_down_fails_every_event_and_changes_nothing(courses):
    courses.failure = lambda request: Response("Service Unavailable", status=503)
    before = stored()
    out, err, error = run()
    assert stored() == before
    assert err.count("Failed: event") == 3 and "HTTP 503" in err
    assert "3 of 3 events could not be refreshed" in str(error)


def test_malformed_json_is_reported(courses):
    courses.failure = lambda request: Response('{"name": "Cut o', content_type="application/json")
    before = stored()
    out, err, error = run()
    assert stored() == before
    assert "not valid JSON" in err and error is not None


def test_an_image_off_commons_is_left_as_it_was(organization, event_sources):
    event_sources.courses["course-v1:WMF+C9+2030"] = course(
        "course-v1:WMF+C9+2030", "Course 9", "2030-01-01T00:00:00Z", "2030-02-01T00:00:00Z",
        image="https://learn.wiki/asset-v1:course.png")
    kept = "https://commons.wikimedia.org/wiki/Special:FilePath/Ours.png"
    event = course_event(organization, "course-v1:WMF+C9+2030", image=kept)
    out, err, error = run()
    event.refresh_from_db()
    assert (event.name, event.image, error) == ("Course 9", kept, None)


def test_wikilearn_unreachable_stops_the_run_and_says_so(courses, settings):
    import socket
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        settings.WIKILEARN_URL = f"http://127.0.0.1:{probe.getsockname()[1]}"
    before = stored()
    out, err, error = run()
    assert stored() == before
    assert "WikiLearn could not be reached, so 3 of 3 events were not refreshed" in str(error)
    assert "Failed: event" not in err  # one sentence, not the same failure three times
