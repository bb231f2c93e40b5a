"""What an event's page can be read from, faked on a local HTTP server in the real systems'
shapes: Meta-Wiki's Action API (action=query, prop=extracts|revisions), Wikidata's
wbgetentities, and WikiLearn's public course API (Open edX /api/courses/v1/courses/<id>/).
The `event_sources` fixture points the settings at it."""
import json
import re

import pytest
from werkzeug import Response

METAWIKI = "/meta/w/api.php"
WIKIDATA = "/wikidata/w/api.php"
WIKILEARN = "/learn"
COURSE_PATH = re.compile(r"^/learn/api/courses/v1/courses/([^/]+)/$")


class FakeEventSources:
    """`pages`: Meta-Wiki title → {"extract": ..., "wikitext": ...}; `items`: Wikidata QID →
    {"labels": {...}, "descriptions": {...}, "claims": {...}} (claims as Wikidata sends
    them: see statement()); `courses`: course id → the course API's JSON object.
    `failure` (request → Response) answers every request instead, when set."""

    def __init__(self, httpserver):
        self.pages, self.items, self.courses = {}, {}, {}
        self.requests = []  # (path, query arguments) of every request
        self.failure = None
        httpserver.expect_request(METAWIKI).respond_with_handler(self.metawiki)
        httpserver.expect_request(WIKIDATA).respond_with_handler(self.wikidata)
        httpserver.expect_request(COURSE_PATH).respond_with_handler(self.wikilearn)

    def answer(self, request, build):
        self.requests.append((request.path, request.args.to_dict()))
        if self.failure:
            return self.failure(request)
        status, body = build(request)
        return Response(json.dumps(body), status=status,
                        content_type="application/json; charset=utf-8")

    def metawiki(self, request):
        def build(request):
            title = request.args["titles"]
            page = self.pages.get(title)
            if page is None:
                return 200, {"batchcomplete": True,
                             "query": {"pages": [{"ns": 0, "title": title, "missing": True}]}}
            return 200, {"batchcomplete": True, "query": {"pages": [{
                "pageid": 1234, "ns": 0, "title": title, "extract": page.get("extract", ""),
                "revisions": [{"slots": {"main": {
                    "contentmodel": "wikitext", "contentformat": "text/x-wiki",
                    "content": page.get("wikitext", "")}}}],
            }]}}
        return self.answer(request, build)

    def wikidata(self, request):
        def build(request):
            qid = request.args["ids"]
            languages = request.args["languages"].split("|")
            props = request.args["props"].split("|")
            item = self.items.get(qid)
            if item is None:
                return 200, {"entities": {qid: {"id": qid, "missing": ""}}, "success": 1}
            entity = {"type": "item", "id": qid}
            for kind in ("labels", "descriptions"):
                if kind in props:
                    entity[kind] = {language: {"language": language, "value": text}
                                    for language, text in item.get(kind, {}).items()
                                    if language in languages}
            if "claims" in props:
                entity["claims"] = item.get("claims", {})
            return 200, {"entities": {qid: entity}, "success": 1}
        return self.answer(request, build)

    def wikilearn(self, request):
        def build(request):
            course_id = COURSE_PATH.match(request.path).group(1)
            course = self.courses.get(course_id)
            if course is None:
                return 404, {"detail": "Not found."}
            return 200, course
        return self.answer(request, build)


def statement(value, datatype="string", rank="normal"):
    """One statement of a claims list, as wbgetentities sends it."""
    kinds = {"string": "string", "commonsMedia": "string", "url": "string",
             "time": "time", "wikibase-item": "wikibase-entityid"}
    return {"mainsnak": {"snaktype": "value", "datavalue": {"value": value,
                                                            "type": kinds[datatype]},
                         "datatype": datatype},
            "type": "statement", "rank": rank}


def time_value(day, precision=11):
    """"2026-05-01" → a Wikidata time value to the day."""
    return {"time": f"+{day}T00:00:00Z", "timezone": 0, "before": 0, "after": 0,
            "precision": precision, "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}


def course(course_id, name, start, end, image=""):
    """A course as WikiLearn's API answers (the fields CapX reads, and a few others)."""
    return {"id": course_id, "course_id": course_id, "name": name, "number": "WMF01",
            "org": "WikimediaFoundation", "short_description": f"About {name}.",
            "start": start, "end": end, "start_display": "May 1, 2026",
            "start_type": "timestamp", "pacing": "instructor", "hidden": False,
            "media": {"banner_image": {"uri": "/asset-v1:banner.png"},
                      "course_image": {"uri": "/asset-v1:course.png"},
                      "course_video": {"uri": None},
                      "image": {"raw": image, "small": image, "large": image}}}


@pytest.fixture
def event_sources(httpserver, settings):
    settings.METAWIKI_API_URL = httpserver.url_for(METAWIKI)
    settings.WIKIDATA_API_URL = httpserver.url_for(WIKIDATA)
    settings.WIKILEARN_URL = httpserver.url_for(WIKILEARN)
    settings.CAPX_HTTP_TIMEOUT = 2
    settings.CAPX_HTTP_RETRIES = 1
    settings.CAPX_HTTP_BACKOFF = 0
    settings.CAPX_HTTP_RETRY_AFTER_MAX = 0.05
    return FakeEventSources(httpserver)
