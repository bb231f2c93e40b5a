"""Pages of Meta-Wiki through its Action API: what an event's page says about it (its title,
the plain text of its introduction, its dates), for the event editor's Search button.

One call: action=query&prop=extracts|revisions&exintro&explaintext&rvprop=content&rvslots=main
&titles=<title>&redirects answers (formatversion=2)
{"batchcomplete": true, "query": {"pages": [{"pageid": 7, "ns": 0, "title": "Wikimania 2026",
 "extract": "Wikimania 2026 is ...", "revisions": [{"slots": {"main": {"contentmodel":
 "wikitext", "content": "{{Event|start=2026-05-01|...}}"}}}]}]}}; a page that does not exist
is {"title": "...", "missing": true}.

Settings: METAWIKI_API_URL.
"""
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import unquote, urlsplit

from django.conf import settings

from capx.wikimedia.http import WikimediaError, check_refusal, get_json

WHAT = "Meta-Wiki's API"
PAGE_URL = re.compile(r"^https://meta\.wikimedia\.org/wiki/([^?#]+)$")


@dataclass
class Page:
    title: str
    extract: str = ""
    wikitext: str = ""
    missing: bool = False

    @property
    def dates(self):
        return event_dates(self.wikitext)


def title_from_url(url):
    """"https://meta.wikimedia.org/wiki/Wikimania_2026" → "Wikimania 2026"; None for an
    address that is not a Meta-Wiki page."""
    match = PAGE_URL.match((url or "").strip())
    if not match or urlsplit(url).query:
        return None
    title = " ".join(unquote(match.group(1)).replace("_", " ").split())
    return title or None


def read_page(title, timeout=None):
    """The page `title` (redirects followed). Raises WikimediaError."""
    data = get_json(settings.METAWIKI_API_URL, params={
        "action": "query", "prop": "extracts|revisions", "exintro": "1", "explaintext": "1",
        "rvprop": "content", "rvslots": "main", "titles": title, "redirects": "1",
        "format": "json", "formatversion": "2",
    }, what=WHAT, timeout=timeout)
    check_refusal(data, WHAT)
    query = data.get("query")
    pages = query.get("pages") if isinstance(query, dict) else None
    if not isinstance(pages, list) or not pages or not isinstance(pages[0], dict):
        raise WikimediaError(f'{WHAT} sent an answer of an unexpected shape: "query.pages" '
                             f"is missing.")
    page = pages[0]
    if page.get("missing") or page.get("invalid"):
        return Page(title=str(page.get("title", title)), missing=True)
    revisions = page.get("revisions") or [{}]
    try:
        wikitext = revisions[0]["slots"]["main"]["content"]
    except (KeyError, IndexError, TypeError):
        wikitext = ""
    return Page(title=str(page.get("title", title)),
                extract=str(page.get("extract") or "").strip(),
                wikitext=wikitext if isinstance(wikitext, str) else "")


# --- Dates in wikitext -------------------------------------------------------------------
# {{Start date|2026|5|1}}, {{Start date and age|2026|5|1|9|30}}, {{End date|2026|5|3}}
DATE_TEMPLATE = re.compile(r"\{\{\s*(start|end)[ _]date(?:[ _]and[ _]age)?\s*\|([^{}]*)\}\}",
                           re.IGNORECASE)
# | start = 2026-05-01 (or start_date, startdate, date_start, begin; end the same), with an
# optional time: 2026-05-01 09:30 or 2026-05-01T09:30.
DATE_PARAMETER = re.compile(
    r"\|\s*(start|startdate|start_date|date_start|begin|end|enddate|end_date|date_end)\s*=\s*"
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?", re.IGNORECASE)


def event_dates(wikitext):
    """(start, end) found in the page: each a date, a datetime (no time zone: the page names
    none) or None. The first start and the first end win; templates before parameters."""
    found = {}
    for match in DATE_TEMPLATE.finditer(wikitext or ""):
        kind = match.group(1).lower()
        numbers = [part.strip() for part in match.group(2).split("|") if "=" not in part]
        value = moment([int(n) for n in numbers if n.isdigit()][:5])
        if value is not None:
            found.setdefault(kind, value)
    for match in DATE_PARAMETER.finditer(wikitext or ""):
        kind = "start" if match.group(1).lower() in ("start", "startdate", "start_date",
                                                     "date_start", "begin") else "end"
        value = moment([int(n) for n in match.groups()[1:] if n is not None])
        if value is not None:
            found.setdefault(kind, value)
    return found.get("start"), found.get("end")


def moment(numbers):
    """[2026, 5, 1] → date; [2026, 5, 1, 9, 30] → datetime; nonsense → None."""
    try:
        if len(numbers) >= 4:
            return datetime(*numbers[:3], numbers[3], numbers[4] if len(numbers) > 4 else 0)
        if len(numbers) == 3:
            return date(*numbers)
    except ValueError:
        pass
    return None
