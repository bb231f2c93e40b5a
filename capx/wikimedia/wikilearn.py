"""WikiLearn (learn.wiki, an Open edX site): the public course API, for events that are
courses (the event editor's Search button and manage.py sync_events).

A course's page is https://learn.wiki/courses/<course id>/about (or /course/, /info…); its
API answer, GET <WIKILEARN_URL>/api/courses/v1/courses/<course id>/, is
{"id": "course-v1:WikimediaFoundation+WMF01+2026", "name": "Identifying reliable sources",
 "short_description": "...", "start": "2026-05-01T00:00:00Z", "end": "2026-06-30T23:59:00Z",
 "media": {"image": {"raw": "https://...", "small": "...", "large": "..."}, ...}, ...};
"start" and "end" may be null (a self-paced course without an end).

Settings: WIKILEARN_URL.
"""
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from django.conf import settings

from capx.wikimedia.http import WikimediaError, get_json

WHAT = "WikiLearn's course API"
# Course pages always live on learn.wiki itself, whatever API address the settings name.
COURSE_URL = re.compile(r"^https://learn\.wiki/courses/([^/?#\s]+)(?:[/?#]\S*)?$")


@dataclass
class Course:
    course_id: str
    name: str
    start: datetime | None = None  # aware, UTC
    end: datetime | None = None
    image: str = ""
    description: str = ""


def course_id_from_url(url):
    """"https://learn.wiki/courses/course-v1:WMF+WMF01+2026/about" → "course-v1:WMF+WMF01+2026";
    None for an address that is not a course."""
    match = COURSE_URL.match((url or "").strip())
    return match.group(1) if match else None


def fetch_course(course_id, timeout=None):
    """The course's name, dates, image and short description. Raises WikimediaError, also for
    an answer without a name or with dates that are not ISO 8601 date-times."""
    url = f"{settings.WIKILEARN_URL}/api/courses/v1/courses/{quote(course_id, safe=':+')}/"
    data = get_json(url, what=WHAT, timeout=timeout)
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise WikimediaError(f"{WHAT} sent a course without a name ({url}).")
    media = data.get("media") if isinstance(data.get("media"), dict) else {}
    image = media.get("image") if isinstance(media.get("image"), dict) else {}
    raw = image.get("raw")
    description = data.get("short_description")
    return Course(
        course_id=course_id,
        name=" ".join(name.split()),
        start=parse_time(data.get("start"), "start", url),
        end=parse_time(data.get("end"), "end", url),
        image=raw if isinstance(raw, str) else "",
        description=description.strip() if isinstance(description, str) else "",
    )


def parse_time(value, name, url):
    """"2026-05-01T00:00:00Z" → an aware datetime; null → None."""
    if value is None or value == "":
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00")) \
            if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise WikimediaError(f'{WHAT} sent a "{name}" that is not a date and time: '
                             f"{value!r} ({url}).")
    return moment
