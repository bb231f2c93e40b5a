"""Search, next to the event's URL, fills the form in from the page it names, against local
servers that answer like Meta-Wiki, Wikidata and WikiLearn: the manager checks the fields,
then saves. Nothing is saved by Search. Another site gives a message and nothing else; a
site that fails gives a message and the form keeps what was typed."""
import pytest
from werkzeug import Response

from events.models import Event
from tests.fakes.event_sources import course, statement, time_value
from tests.forms import read_form

NEW = "/organization/wikimedia-brasil/events/new"


def search(client, url, **typed):
    """Presses Search on a new event's form with `url` and `typed` in it; returns the answer
    and the fields of the form it shows."""
    page = client.get(NEW)
    data = dict(read_form(page.content.decode(), "event-form").fields)
    data.update(url=url, prefill="1", **typed)
    answer = client.post(NEW, data)
    assert answer.status_code == 200
    reader = read_form(answer.content.decode(), "event-form")
    fields = {}
    for name, value in reader.fields:
        fields.setdefault(name, []).append(value)
    return answer, {name: values[0] if len(values) == 1 else values
                    for name, values in fields.items()}


@pytest.fixture
def wikimania(event_sources):
    event_sources.pages["Wikimania 2030"] = {
        "extract": "Wikimania 2030 is the annual conference of the Wikimedia movement.",
        "wikitext": "{{Event infobox\n| name = Wikimania 2030\n| start = 2030-08-06\n"
                    "| end = 2030-08-09\n}}\n'''Wikimania 2030''' is ...",
    }
    return event_sources


def test_a_meta_wiki_page_gives_its_title_extract_and_dates(signed_in, organization, wikimania):
    answer, form = search(signed_in, "https://meta.wikimedia.org/wiki/Wikimania_2030")

    assert "Filled in from Meta-Wiki: check every field, then save the event." in answer.text
    assert form["name"] == "Wikimania 2030"
    assert form["description"] == "Wikimania 2030 is the annual conference of the Wikimedia movement."
    assert (form["start"], form["end"]) == ("2030-08-06T00:00", "2030-08-09T23:59")
    assert form["url"] == "https://meta.wikimedia.org/wiki/Wikimania_2030"
    assert "errorlist" not in answer.text  # a form to review, not a refused one
    assert not Event.objects.exists()
    path, query = wikimania.requests[0]
    assert query["titles"] == "Wikimania 2030" and query["exintro"] and query["explaintext"]


@pytest.mark.parametrize("wikitext,start,end", [
    ("{{Start date|2030|5|1}} to {{End date|2030|5|3}}", "2030-05-01T00:00", "2030-05-03T23:59"),
    ("From {{start date and age|2030|05|01|9|30|df=y}}", "2030-05-01T09:30", ""),
    ("|start_date=2030-05-01 14:00\n|end_date=2030-05-01 16:30", "2030-05-01T14:00",
     "2030-05-01T16:30"),
    ("No dates here, {{Start date|2030|13|45}} is none.", "", ""),
])
def test_dates_from_the_templates_of_a_meta_wiki_page(signed_in, organization, event_sources,
                                                      wikitext, start, end):
    event_sources.pages["Meetup"] = {"extract": "A meetup.", "wikitext": wikitext}
    answer, form = search(signed_in, "https://meta.wikimedia.org/wiki/Meetup")
    assert (form["start"], form["end"]) == (start, end)


def test_what_was_typed_stays_where_the_page_says_nothing(signed_in, organization,
                                                          event_sources):
    event_sources.pages["Meetup"] = {"extract": "", "wikitext": "no dates"}
    answer, form = search(signed_in, "https://meta.wikimedia.org/wiki/Meetup",
                          start="2030-01-01T10:00", place="Recife", time_zone="America/Recife")
    assert form["name"] == "Meetup"
    assert (form["start"], form["place"], form["time_zone"]) == (
        "2030-01-01T10:00", "Recife", "America/Recife")


def test_a_wikidata_item_gives_its_label_dates_place_image_and_website(signed_in, organization,
                                                                       event_sources):
    event_sources.items["Q4242"] = {
        "labels": {"en": "WikiCon Brasil 2030", "pt-br": "WikiCon Brasil 2030 (pt)"},
        "descriptions": {"en": "Conference of Wikimedians in Brazil"},
        "claims": {
            "P580": [statement(time_value("2030-07-10"), "time")],
            "P582": [statement(time_value("2030-07-12"), "time")],
            "P276": [statement({"entity-type": "item", "id": "Q174", "numeric-id": 174},
                               "wikibase-item")],
            "P18": [statement("WikiCon Brasil 2030 (banner).jpg", "commonsMedia")],
            "P856": [statement("https://wikicon.wikimedia.org.br", "url")],
        },
    }
    event_sources.items["Q174"] = {"labels": {"en": "São Paulo"}}

    answer, form = search(signed_in, "https://www.wikidata.org/wiki/Q4242")

    assert "Filled in from Wikidata: check every field, then save the event." in answer.text
    assert "The event&#x27;s website on Wikidata became its URL." in answer.text
    assert form["name"] == "WikiCon Brasil 2030"
    assert form["description"] == "Conference of Wikimedians in Brazil"
    assert (form["start"], form["end"]) == ("2030-07-10T00:00", "2030-07-12T23:59")
    assert form["place"] == "São Paulo"
    assert form["image"] == ("https://commons.wikimedia.org/wiki/Special:FilePath/"
                             "WikiCon_Brasil_2030_%28banner%29.jpg")
    assert form["url"] == "https://wikicon.wikimedia.org.br"
    assert form["wikidata_qid"] == "Q4242"

    # Saved as reviewed, with a type of location the manager picks.
    answer = signed_in.post(NEW, {**form, "location_type": "in_person"})
    assert answer.status_code == 302
    event = Event.objects.get()
    assert (event.name, event.wikidata_qid, event.place) == ("WikiCon Brasil 2030", "Q4242",
                                                             "São Paulo")


def test_a_wikidata_item_without_dates_to_the_day_gives_none(signed_in, organization,
                                                             event_sources):
    event_sources.items["Q7"] = {"labels": {"en": "Some year"}, "claims": {
        "P580": [statement(time_value("2030-00-00", precision=9), "time")]}}
    answer, form = search(signed_in, "https://www.wikidata.org/wiki/Q7")
    assert form["name"] == "Some year" and form["start"] == ""
    assert form["url"] == "https://www.wikidata.org/wiki/Q7"


COURSE_ID = "course-v1:WikimediaFoundation+WMF01+2030"
COURSE_URL = f"https://learn.wiki/courses/{COURSE_ID}/about"
COMMONS_IMAGE = "https://upload.wikimedia.org/wikipedia/commons/a/ab/WikiLearn_course.png"


def test_a_wikilearn_course_gives_its_name_dates_and_image(signed_in, organization,
                                                           event_sources):
    event_sources.courses[COURSE_ID] = course(
        COURSE_ID, "Identifying reliable sources", "2030-05-01T12:00:00Z",
        "2030-06-30T23:00:00Z", image=COMMONS_IMAGE)

    answer, form = search(signed_in, COURSE_URL, time_zone="America/Sao_Paulo")

    assert "Filled in from WikiLearn: check every field, then save the event." in answer.text
    assert form["name"] == "Identifying reliable sources"
    # Times in UTC shown on the form's clock (São Paulo, UTC−3).
    assert (form["start"], form["end"]) == ("2030-05-01T09:00", "2030-06-30T20:00")
    assert form["time_zone"] == "America/Sao_Paulo"
    assert form["image"] == COMMONS_IMAGE
    assert form["location_type"] == "virtual"
    assert event_sources.requests[0][0] == f"/learn/api/courses/v1/courses/{COURSE_ID}/"


def test_a_course_image_off_commons_is_left_out_and_said(signed_in, organization,
                                                         event_sources):
    event_sources.courses[COURSE_ID] = course(
        COURSE_ID, "Course", "2030-05-01T12:00:00Z", None,
        image="https://learn.wiki/asset-v1:WikimediaFoundation+WMF01+2030+type@asset+block@c.png")
    answer, form = search(signed_in, COURSE_URL, image="")
    assert form["image"] == "" and form["end"] == ""
    assert "The course&#x27;s image is not a file on Wikimedia Commons" in answer.text


def test_another_site_is_filled_in_by_hand(signed_in, organization, event_sources):
    answer, form = search(signed_in, "https://example.org/our-meetup", name="Our meetup")
    assert "Nothing could be read from this address: fill in the event by hand." in answer.text
    assert (form["url"], form["name"]) == ("https://example.org/our-meetup", "Our meetup")
    assert event_sources.requests == []  # no call to any site


@pytest.mark.parametrize("url", ["https://meta.wikimedia.org/wiki/No_such_page",
                                 "https://www.wikidata.org/wiki/Q999999",
                                 ])
def test_a_page_that_does_not_exist_gives_nothing(signed_in, organization, event_sources, url):
    answer, form = search(signed_in, url, name="Typed")
    assert "Nothing could be read from this address" in answer.text
    assert form["name"] == "Typed"


def test_a_bad_address_is_an_error_next_to_the_field(signed_in, organization, event_sources):
    answer, form = search(signed_in, "javascript:alert(1)", name="Typed")
    error = answer.text.split('id="field-url"', 1)[1].split("</ul>", 1)[0]
    assert "Enter a web address starting with https:// or http://" in error
    assert form["name"] == "Typed"
    assert answer.text.count('class="errorlist"') == 1  # only that field
    assert event_sources.requests == []


FAILURES = {
    "down": lambda request: Response("Service Unavailable", status=503),
    "not json": lambda request: Response("<html>oops", content_type="text/html"),
    "refused": lambda request: Response('{"error": {"code": "internal_api_error", "info": "x"}}',
                                        content_type="application/json"),
}


@pytest.mark.parametrize("url,system", [
    ("https://meta.wikimedia.org/wiki/Wikimania_2030", "Meta-Wiki"),
    ("https://www.wikidata.org/wiki/Q4242", "Wikidata"),
    (COURSE_URL, "WikiLearn"),
])
@pytest.mark.parametrize("failure", FAILURES)
def test_a_failing_site_leaves_the_form_as_typed(signed_in, organization, event_sources, url,
                                                 system, failure):
    event_sources.failure = FAILURES[failure]
    answer, form = search(signed_in, url, name="Typed by hand", start="2030-01-01T10:00")
    assert (f"{system} answered with an error, so nothing was filled in. The form keeps what "
            "you typed") in answer.text
    assert (form["name"], form["start"], form["url"]) == ("Typed by hand", "2030-01-01T10:00", url)
    assert not Event.objects.exists()


def test_a_site_out_of_reach_says_so(signed_in, organization, event_sources, settings):
    settings.WIKILEARN_URL = "http://127.0.0.1:9"  # nothing listens there
    answer, form = search(signed_in, COURSE_URL, name="Typed")
    assert "WikiLearn could not be reached, so nothing was filled in." in answer.text
    assert form["name"] == "Typed"
