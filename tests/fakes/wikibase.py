"""A fake Metabase (SPARQL endpoint) and Wikidata (wbgetentities) on a local HTTP server,
answering in the real systems' shapes: the `fake` and `directory_on_metabase` fixtures of
the capacity sync's tests and of the tests that sync and then look at Explore."""
import json

import pytest
from werkzeug import Response

from capacities.models import Capacity

ENTITY = "https://metabase.wikibase.cloud/entity/"
SPARQL_JSON = "application/sparql-results+json"


class FakeWikimedia:
    """Capacity items on Metabase and terms on Wikidata, served in the real systems' shapes.
    `metabase_failure` / `wikidata_failure` (a function request → Response) make a step fail;
    the Wikidata one only from its `wikidata_failure_batch`-th request on."""

    def __init__(self, httpserver):
        self.items = []  # Metabase items as dicts: qid, wikidata, parent, labels, descriptions
        self.terms = {}  # Wikidata QID → {"labels": {...}, "descriptions": {...}}
        self.wikidata_requests = []  # the query arguments of every wbgetentities call
        self.metabase_requests = []
        self.metabase_failure = None
        self.wikidata_failure = None
        self.wikidata_failure_batch = 1
        httpserver.expect_request("/query/sparql").respond_with_handler(self.sparql)
        httpserver.expect_request("/w/api.php").respond_with_handler(self.api)

    def add_item(self, qid, wikidata=None, labels=None, descriptions=None, parent=None,
                 capacity=None):
        """`parent`: the QID of the capacity item it is under (P4). `capacity`: the slug of
        the capacity the test means it for (bookkeeping, never served)."""
        self.items.append({"qid": qid, "wikidata": wikidata, "labels": labels or {},
                           "descriptions": descriptions or {}, "parent": parent,
                           "capacity": capacity})

    def item_named(self, name):
        return next(item for item in self.items if item["labels"].get("en") == name)

    def item_for(self, slug):
        return next(item for item in self.items if item["capacity"] == slug)

    # Metabase: SPARQL 1.1 JSON results, one row per label or description.
    def sparql(self, request):
        self.metabase_requests.append(request.args.to_dict())
        if self.metabase_failure:
            return self.metabase_failure(request)
        return Response(json.dumps(sparql_answer(self.items)), content_type=SPARQL_JSON)

    # Wikidata: action=wbgetentities&ids=Q1|Q2&props=labels|descriptions&languages=...
    def api(self, request):
        self.wikidata_requests.append(request.args.to_dict())
        if self.wikidata_failure and len(self.wikidata_requests) >= self.wikidata_failure_batch:
            return self.wikidata_failure(request)
        ids = request.args["ids"].split("|")
        languages = request.args["languages"].split("|")
        return Response(json.dumps(wbgetentities_answer(ids, languages, self.terms)),
                        content_type="application/json; charset=utf-8")

    @property
    def wikidata_batches(self):
        return [request["ids"].split("|") for request in self.wikidata_requests]


def sparql_answer(items):
    rows = []
    for item in items:
        row = {"item": {"type": "uri", "value": ENTITY + item["qid"]}}
        if item["wikidata"]:
            row["wikidata"] = {"type": "literal", "value": item["wikidata"]}
        if item.get("parent"):
            row["parent"] = {"type": "uri", "value": ENTITY + item["parent"]}
        terms = [("label", language, text) for language, text in item["labels"].items()]
        terms += [("description", language, text)
                  for language, text in item["descriptions"].items()]
        for var, language, text in terms:
            rows.append({**row, var: {"xml:lang": language, "type": "literal", "value": text}})
        if not terms:
            rows.append(row)
    return {"head": {"vars": ["item", "wikidata", "parent", "label", "description"]},
            "results": {"bindings": rows}}


def wbgetentities_answer(ids, languages, terms):
    entities = {}
    for qid in ids:
        if qid not in terms:
            entities[qid] = {"id": qid, "missing": ""}
            continue
        entities[qid] = {"type": "item", "id": qid}
        for kind in ("labels", "descriptions"):
            entities[qid][kind] = {
                language: {"language": language, "value": text}
                for language, text in terms[qid].get(kind, {}).items() if language in languages
            }
    return {"entities": entities, "success": 1}


@pytest.fixture
def fake(httpserver, settings):
    settings.METABASE_SPARQL_URL = httpserver.url_for("/query/sparql")
    settings.WIKIDATA_API_URL = httpserver.url_for("/w/api.php")
    settings.CAPX_HTTP_TIMEOUT = 5
    settings.CAPX_HTTP_RETRIES = 2
    settings.CAPX_HTTP_BACKOFF = 0
    settings.CAPX_HTTP_RETRY_AFTER_MAX = 0.05
    return FakeWikimedia(httpserver)


@pytest.fixture
def directory_on_metabase(fake):
    """Metabase has an item for every capacity but Theory of Change, under the item of its
    parent (P4), so the names the tree repeats are all there: Partnership, Facilitation and
    DEI under two parents each, Team-Building/Team-building and Wikimedia Tools/tools that
    differ only in case, and "Financial  management" spelt differently. Metabase also holds
    Leadership twice (the second under no capacity) and has an item for a capacity we do not
    have. Metabase has English and Portuguese, Wikidata Arabic; Wikidata lacks Leadership's
    item."""
    number = 0

    def add(name, parent=None, capacity=None):
        nonlocal number
        number += 1
        fake.add_item(f"Q{1000 + number}", wikidata=f"Q{5000 + number}", parent=parent,
                      capacity=capacity, labels={"en": name, "pt-br": f"{name} (pt-br)"},
                      descriptions={"en": f"About {name}.", "pt-br": f"Sobre {name}."})
        fake.terms[f"Q{5000 + number}"] = {
            "labels": {"ar": f"{name} (ar)", "pt-br": "never used: Metabase has it"},
            "descriptions": {"ar": f"عن {name}"},
        }
        return f"Q{1000 + number}"

    item_of = {}  # capacity pk → its item; parents come first
    for capacity in Capacity.objects.order_by("level", "pk"):
        if capacity.name_en != "Theory of Change":
            item_of[capacity.pk] = add(capacity.name_en, parent=item_of.get(capacity.parent_id),
                                       capacity=capacity.slug)
    add("Leadership")
    add("Underwater Basket Weaving")

    budgeting = fake.item_for("budgeting")
    budgeting["labels"] = {"en": "Budgeting", "pt-br": "Orçamento"}
    budgeting["descriptions"] = {"en": "Planning how money is spent."}
    fake.terms[budgeting["wikidata"]] = {
        "labels": {"pt-br": "Orçamento (Wikidata)", "ar": "الميزانية"},
        "descriptions": {"pt-br": "plano financeiro", "en": "financial plan"},
    }
    fake.item_for("financial-management")["labels"]["en"] = "Financial  management"
    del fake.terms[fake.item_for("leadership")["wikidata"]]  # Wikidata: "missing"
    return fake
