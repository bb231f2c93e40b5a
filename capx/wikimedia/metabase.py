"""Metabase (metabase.wikibase.cloud): the Wikibase where the capacities are described.

One SPARQL query fetches every capacity item (`wbt:P5 wb:Q34531`) with its Wikidata QID
(`wbt:P67/wbt:P1`), the capacity item it is under (`wbt:P4`, see PARENT_PROPERTY) and its
labels and descriptions in every language. The answer is the standard SPARQL 1.1 JSON
results format: {"head": {"vars": [...]}, "results": {"bindings": [{var: {"type": ...,
"value": ..., "xml:lang": ...}}, ...]}}, one row per label or description, each repeating
the item's "wikidata" and "parent" terms.

Settings: METABASE_SPARQL_URL (the endpoint), METABASE_ITEM_URL (item pages, for links).
"""
import re
from dataclasses import dataclass, field

from django.conf import settings

from capx.wikimedia.http import WikimediaError, get_json
from capx.wikimedia.wikidata import clean_text

# IRIs inside Metabase's RDF (not endpoints: they are the same wherever the data is served).
ENTITY_PREFIX = "https://metabase.wikibase.cloud/entity/"
DIRECT_PROPERTY_PREFIX = "https://metabase.wikibase.cloud/prop/direct/"
CAPACITY_CLASS = "Q34531"  # items with P5 (instance of) this are capacities
# The capacity item a capacity item is under: Metabase's "subclass of" (its Modelling page
# lists the document types with `wdt:P4*`), counted only when it points at another capacity.
# Not confirmed for capacities (the production capx-backend keeps its tree in its own
# database and never asks Metabase for it): if Metabase links them otherwise, change it
# here. An item without the link is still matched by its name when that is unique.
PARENT_PROPERTY = "P4"

CAPACITIES_QUERY = f"""\
PREFIX wb: <{ENTITY_PREFIX}>
PREFIX wbt: <{DIRECT_PROPERTY_PREFIX}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
SELECT ?item ?wikidata ?parent ?label ?description WHERE {{
  ?item wbt:P5 wb:{CAPACITY_CLASS} .
  OPTIONAL {{ ?item wbt:P67/wbt:P1 ?wikidata . }}
  OPTIONAL {{ ?item wbt:{PARENT_PROPERTY} ?parent . ?parent wbt:P5 wb:{CAPACITY_CLASS} . }}
  OPTIONAL {{
    {{ ?item rdfs:label ?label . }} UNION {{ ?item schema:description ?description . }}
  }}
}}
"""

WHAT = "Metabase's SPARQL endpoint"
QID = re.compile(r"^Q[1-9][0-9]*$")
ITEM_IRI = re.compile(r"^" + re.escape(ENTITY_PREFIX) + r"(Q[1-9][0-9]*)$")
WIKIDATA_QID_IN_VALUE = re.compile(r"(?:^|/)(Q[1-9][0-9]*)$")


@dataclass
class MetabaseItem:
    qid: str
    wikidata_qids: set = field(default_factory=set)  # normally one; more is a data problem
    parent_qids: set = field(default_factory=set)  # capacity items it is under: normally 0 or 1
    bad_wikidata_values: set = field(default_factory=set)  # P67/P1 values that are no QID
    labels: dict = field(default_factory=dict)  # language code (lower case) → text
    descriptions: dict = field(default_factory=dict)

    @property
    def wikidata_qid(self):
        """The Wikidata QID if Metabase gives exactly one, else ''."""
        return next(iter(self.wikidata_qids)) if len(self.wikidata_qids) == 1 else ""

    @property
    def english_label(self):
        return self.labels.get("en", "")

    @property
    def url(self):
        return item_url(self.qid)


def item_url(qid):
    """The page of a Metabase item, e.g. https://metabase.wikibase.cloud/wiki/Item:Q123."""
    return settings.METABASE_ITEM_URL.format(qid=qid)


def fetch_capacity_items():
    """Every capacity item on Metabase, by its Metabase QID. Raises WikimediaError."""
    data = get_json(
        settings.METABASE_SPARQL_URL,
        params={"query": CAPACITIES_QUERY, "format": "json"},
        headers={"Accept": "application/sparql-results+json"},
        what=WHAT,
    )
    return parse_capacity_items(data)


def parse_capacity_items(data):
    items = {}
    for number, row in enumerate(sparql_bindings(data, required_vars={"item"}), start=1):
        qid = item_qid(row, number, "item")
        item = items.setdefault(qid, MetabaseItem(qid=qid))
        add_wikidata_qid(item, term(row, "wikidata", number))
        if term(row, "parent", number):
            item.parent_qids.add(item_qid(row, number, "parent"))
        add_text(item.labels, term(row, "label", number))
        add_text(item.descriptions, term(row, "description", number))
    return dict(sorted(items.items(), key=lambda pair: int(pair[0][1:])))


def sparql_bindings(data, required_vars):
    """The rows of a SPARQL JSON answer, after checking its shape."""
    head, results = data.get("head"), data.get("results")
    if not isinstance(head, dict) or not isinstance(head.get("vars"), list):
        raise shape_error('"head.vars" is missing')
    missing = required_vars - set(head["vars"])
    if missing:
        raise shape_error(f'"head.vars" lacks {", ".join(sorted(missing))}')
    if not isinstance(results, dict) or not isinstance(results.get("bindings"), list):
        raise shape_error('"results.bindings" is missing')
    for number, row in enumerate(results["bindings"], start=1):
        if not isinstance(row, dict):
            raise shape_error(f"row {number} is not an object")
    return results["bindings"]


def term(row, name, number):
    """One RDF term of a row, {"type", "value", "xml:lang"?}, or None if unbound."""
    value = row.get(name)
    if value is None:
        return None
    if (not isinstance(value, dict) or not isinstance(value.get("value"), str)
            or value.get("type") not in {"uri", "literal", "bnode", "typed-literal"}):
        raise shape_error(f'row {number}: "{name}" is not an RDF term')
    return value


def item_qid(row, number, name):
    """The QID of the Metabase item that the row's `name` term is."""
    item = term(row, name, number)
    match = ITEM_IRI.match(item["value"]) if item and item["type"] == "uri" else None
    if not match:
        found = item["value"] if item else "nothing"
        raise shape_error(f'row {number}: "{name}" is not a Metabase item ({found})')
    return match.group(1)


def add_wikidata_qid(item, value):
    if value is None:
        return
    text = value["value"].strip()
    match = WIKIDATA_QID_IN_VALUE.search(text.upper() if value["type"] != "uri" else text)
    if match:
        item.wikidata_qids.add(match.group(1))
    else:
        item.bad_wikidata_values.add(text)


def add_text(texts, value):
    """Keep a label or description by its language; text without a language is not a term."""
    if value is None or value["type"] != "literal":
        return
    language = value.get("xml:lang")
    text = clean_text(value["value"])
    if isinstance(language, str) and language and text:
        texts[language.lower()] = text


def shape_error(detail):
    return WikimediaError(f"{WHAT} sent an answer of an unexpected shape: {detail}.")
