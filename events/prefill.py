"""The event editor's Search button: what the page at the event's URL says about the event,
as values for the form's fields, for the manager to review before saving.

Three sources are read: a Meta-Wiki page, a Wikidata item and a WikiLearn course, each
through its client in capx/wikimedia/. Any other address gives nothing (filled in by hand).
Dates come back as the form's fields take them ("2026-05-01T09:30"), in the time zone the
form names; a date without a time starts at 00:00 and ends at 23:59."""
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.utils.translation import get_language, gettext as _

from capx.wikimedia import metawiki_pages, wikidata, wikilearn
from capx.wikimedia.wikidata import commons_file_url
from events.forms import DATETIME_INPUT
from events.models import Event
from profiles.validators import COMMONS_FILE_URL, WEB_URL

WIKIDATA_URL = re.compile(
    r"^https://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)/?(?:[?#]\S*)?$")
MAX_DESCRIPTION = Event._meta.get_field("description").max_length


@dataclass
class Prefill:
    system: str = ""  # the site read, for people ("Meta-Wiki"); "" when none was
    values: dict = field(default_factory=dict)  # form field → value
    notes: list = field(default_factory=list)  # what was read but left out, and why
    found: bool = True  # False: the site has no such page or item


def system_of(url):
    """The name of the site `url` is read from, or "" if it is none of them."""
    if metawiki_pages.title_from_url(url):
        return "Meta-Wiki"
    if WIKIDATA_URL.match(url):
        return "Wikidata"
    if wikilearn.course_id_from_url(url):
        return "WikiLearn"
    return ""


def read_event(url, zone):
    """What the page at `url` says, with dates in `zone` (a ZoneInfo). Raises WikimediaError
    when the site does not answer usably."""
    url = url.strip()
    title = metawiki_pages.title_from_url(url)
    if title:
        return from_metawiki(title, zone)
    match = WIKIDATA_URL.match(url)
    if match:
        return from_wikidata(match.group(1), zone)
    course_id = wikilearn.course_id_from_url(url)
    if course_id:
        return from_wikilearn(course_id, zone)
    return Prefill()


def from_metawiki(title, zone):
    page = metawiki_pages.read_page(title, timeout=settings.CAPX_PREFILL_TIMEOUT)
    if page.missing:
        return Prefill(system="Meta-Wiki", found=False)
    start, end = page.dates
    values = {"name": page.title, "description": page.extract[:MAX_DESCRIPTION]}
    return Prefill(system="Meta-Wiki", values={**values, **dates(start, end, zone)})


def from_wikidata(qid, zone):
    languages = list(dict.fromkeys([get_language() or "en", "en"]))
    item = wikidata.fetch_item(qid, languages, timeout=settings.CAPX_PREFILL_TIMEOUT)
    if item is None:
        return Prefill(system="Wikidata", found=False)
    values = {"wikidata_qid": item.qid, "name": item.label(languages),
              "description": item.description(languages)}
    starts, ends = item.dates("P580"), item.dates("P582")
    values.update(dates(starts[0] if starts else None, ends[0] if ends else None, zone))
    places = item.item_ids("P276")
    if places:
        place = wikidata.fetch_item(places[0], languages, props="labels",
                                    timeout=settings.CAPX_PREFILL_TIMEOUT)
        values["place"] = place.label(languages) if place else ""
    images = item.strings("P18")
    if images:
        values["image"] = commons_file_url(images[0])
    websites = [site for site in item.strings("P856") if WEB_URL.match(site)]
    notes = []
    if websites:  # "View event" leads to the event's own site; the item stays linked
        values["url"] = websites[0]
        notes.append(_("The event's website on Wikidata became its URL."))
    return Prefill(system="Wikidata", notes=notes,
                   values={key: value for key, value in values.items() if value})


def from_wikilearn(course_id, zone):
    course = wikilearn.fetch_course(course_id, timeout=settings.CAPX_PREFILL_TIMEOUT)
    values = {"name": course.name, "description": course.description[:MAX_DESCRIPTION],
              "location_type": Event.Location.VIRTUAL, **dates(course.start, course.end, zone)}
    notes = []
    if COMMONS_FILE_URL.match(course.image):
        values["image"] = course.image
    elif course.image:
        notes.append(_("The course's image is not a file on Wikimedia Commons, so it was "
                       "left out."))
    return Prefill(system="WikiLearn", notes=notes,
                   values={key: value for key, value in values.items() if value})


def dates(start, end, zone):
    values = {}
    if start is not None:
        values["start"] = form_value(start, zone, end_of_day=False)
    if end is not None:
        values["end"] = form_value(end, zone, end_of_day=True)
    return values


def form_value(moment, zone, end_of_day):
    """A date, a naive date-time (the page's own clock) or an aware one (shown in `zone`) as
    the form's date-time field takes it."""
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(zone).replace(tzinfo=None)
        return moment.strftime(DATETIME_INPUT)
    if isinstance(moment, date):
        return f"{moment.isoformat()}T{'23:59' if end_of_day else '00:00'}"
    return ""
