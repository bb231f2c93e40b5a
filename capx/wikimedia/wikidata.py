"""Wikidata through its Action API: labels and descriptions of capacities (wbgetentities),
a Wikimedian's own item and photograph (CirrusSearch, then wbgetentities), and an event's
item (fetch_item: its label, dates, place, image and website).

wbgetentities takes at most 50 ids per call, so ids are sent in batches of 50. An answer is
{"entities": {"Q42": {"labels": {"en": {"language": "en", "value": "..."}}, "descriptions":
{...}}, "Q999": {"id": "Q999", "missing": ""}}} or, when the API refuses the request,
{"error": {"code": ..., "info": ...}}.

Settings: WIKIDATA_API_URL.
"""
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone as dt_timezone
from urllib.parse import quote

from django.conf import settings

from capx.wikimedia.http import WikimediaError, check_refusal, get_json

BATCH_SIZE = 50  # wbgetentities' limit for clients without the apihighlimits right
WHAT = "Wikidata's API (wbgetentities)"


@dataclass
class WikidataTerms:
    qid: str
    missing: bool = False
    labels: dict = field(default_factory=dict)  # language code (lower case) → text
    descriptions: dict = field(default_factory=dict)


def batches(ids, size=BATCH_SIZE):
    ids = list(ids)
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def fetch_terms(qids, languages, on_batch=None):
    """Labels and descriptions in `languages` for every QID, by QID. `on_batch()` is called
    after each answered batch. Raises WikimediaError."""
    terms = {}
    all_batches = batches(sorted(set(qids), key=lambda qid: int(qid[1:])))
    for number, batch in enumerate(all_batches, start=1):
        what = f"{WHAT}, batch {number} of {len(all_batches)}"
        data = get_json(
            settings.WIKIDATA_API_URL,
            params={
                "action": "wbgetentities",
                "ids": "|".join(batch),
                "props": "labels|descriptions",
                "languages": "|".join(languages),
                "format": "json",
                "formatversion": "2",
            },
            what=what,
        )
        terms.update(parse_entities(data, batch, what))
        if on_batch:
            on_batch()
    return terms


def parse_entities(data, requested, what=WHAT):
    check_refusal(data, what)
    entities = data.get("entities")
    if not isinstance(entities, dict):
        raise shape_error(what, '"entities" is missing')
    terms = {}
    for qid in requested:
        entity = entities.get(qid)
        if entity is None:
            raise shape_error(what, f"{qid} is not in the answer")
        if not isinstance(entity, dict):
            raise shape_error(what, f"{qid} is not an object")
        if "missing" in entity:
            terms[qid] = WikidataTerms(qid=qid, missing=True)
            continue
        terms[qid] = WikidataTerms(
            qid=qid,
            labels=term_values(entity, "labels", qid, what),
            descriptions=term_values(entity, "descriptions", qid, what),
        )
    return terms


def term_values(entity, kind, qid, what):
    """{"en": {"language": "en", "value": "x"}} → {"en": "x"}. An entity without terms of a
    kind may say so with an empty object or (older formats) an empty array."""
    values = entity.get(kind, {})
    if values == []:
        return {}
    if not isinstance(values, dict):
        raise shape_error(what, f'"{kind}" of {qid} is not an object')
    texts = {}
    for language, value in values.items():
        if not isinstance(value, dict) or not isinstance(value.get("value"), str):
            raise shape_error(what, f'"{kind}.{language}" of {qid} has no text')
        text = clean_text(value["value"])
        # A language fallback entry ("for-language") is another language's text: skip it.
        if text and "for-language" not in value:
            texts[language.lower()] = text
    return texts


def clean_text(text):
    """One space between words, and composed (NFC): a label typed or pasted decomposed
    ("c" + combining cedilla) would otherwise differ, for searches and comparisons, from
    the same word typed composed."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def shape_error(what, detail):
    return WikimediaError(f"{what} sent an answer of an unexpected shape: {detail}.")


# --- A Wikimedian's own item: "Wikimedia username" (P4174) and "image" (P18) ---------------

USERNAME_PROPERTY = "P4174"
IMAGE_PROPERTY = "P18"
SEARCH_LIMIT = 10  # items claiming one username: more than one is already rare
COMMONS_FILE_PATH = "https://commons.wikimedia.org/wiki/Special:FilePath/"
QID = re.compile(r"^Q[1-9][0-9]*$")
SEARCH_WHAT = "Wikidata's API (search)"


@dataclass
class UserItem:
    qid: str
    photo_url: str = ""  # its first image (P18) as a Commons Special:FilePath address, or ""


def find_user_item(username, timeout=None):
    """The item whose Wikimedia username (P4174) is `username`, with its photograph, or None.
    `timeout`: seconds each of the two calls may take (default CAPX_HTTP_TIMEOUT).

    Two calls. CirrusSearch finds candidates (see user_item_query):
    action=query&list=search&srsearch=haswbstatement:"P4174=Maria Silva|..." answers
    {"batchcomplete": true, "query": {"searchinfo": {"totalhits": 1},
     "search": [{"ns": 0, "title": "Q123", "pageid": 456}]}}.
    wbgetentities&props=claims reads them (search matching is looser than equality):
    {"entities": {"Q123": {"type": "item", "id": "Q123", "claims": {
       "P4174": [{"mainsnak": {"snaktype": "value", "property": "P4174",
                  "datavalue": {"value": "Maria Silva", "type": "string"},
                  "datatype": "external-id"}, "type": "statement", "rank": "normal"}],
       "P18": [{"mainsnak": {..., "datavalue": {"value": "Maria Silva.jpg", "type": "string"},
                "datatype": "commonsMedia"}, "rank": "preferred"}]}}}, "success": 1}.
    The first candidate (in search order) whose P4174 equals the username, "_" read as a
    space, wins. Raises WikimediaError."""
    name = spaced(username)
    qids = search_items(user_item_query(name), timeout)
    if not qids:
        return None
    what = f"{WHAT}, claims"
    data = get_json(settings.WIKIDATA_API_URL, params={
        "action": "wbgetentities", "ids": "|".join(qids), "props": "claims",
        "format": "json", "formatversion": "2",
    }, what=what, timeout=timeout)
    check_refusal(data, what)
    entities = data.get("entities")
    if not isinstance(entities, dict):
        raise shape_error(what, '"entities" is missing')
    for qid in qids:
        entity = entities.get(qid)
        if not isinstance(entity, dict):
            raise shape_error(what, f"{qid} is not in the answer")
        if "missing" in entity:  # deleted since the search index saw it
            continue
        claims = entity.get("claims", {})
        if claims == []:  # older formats: an item without statements
            claims = {}
        if not isinstance(claims, dict):
            raise shape_error(what, f'"claims" of {qid} is not an object')
        if name not in map(spaced, string_values(claims, USERNAME_PROPERTY, qid, what)):
            continue
        files = string_values(claims, IMAGE_PROPERTY, qid, what)
        return UserItem(qid=entity.get("id", qid),
                        photo_url=commons_file_url(files[0]) if files else "")
    return None


def user_item_query(name):
    """haswbstatement:"P4174=Maria Silva|P4174=Maria_Silva": items stating the name with
    spaces or with underscores ("|" is "or"; usernames cannot contain "|"). The value is
    quoted for its spaces, a '"' in it escaped. A name ending in "*" makes this a prefix
    search, one more reason to check the values found."""
    forms = dict.fromkeys([name, name.replace(" ", "_")])
    statements = "|".join(f"{USERNAME_PROPERTY}={form}" for form in forms)
    return 'haswbstatement:"%s"' % statements.replace('"', '\\"')


def search_items(query, timeout=None):
    """Item ids (search order) for a CirrusSearch `query` in the item namespace."""
    data = get_json(settings.WIKIDATA_API_URL, params={
        "action": "query", "list": "search", "srsearch": query, "srnamespace": "0",
        "srlimit": str(SEARCH_LIMIT), "srprop": "", "format": "json", "formatversion": "2",
    }, what=SEARCH_WHAT, timeout=timeout)
    check_refusal(data, SEARCH_WHAT)
    hits = data.get("query", {}).get("search") if isinstance(data.get("query"), dict) else None
    if not isinstance(hits, list):
        raise shape_error(SEARCH_WHAT, '"query.search" is missing')
    qids = []
    for hit in hits:
        title = hit.get("title") if isinstance(hit, dict) else None
        if not isinstance(title, str) or not QID.match(title):
            raise shape_error(SEARCH_WHAT, f"a result is not an item: {title!r}")
        qids.append(title)
    return qids


def string_values(claims, prop, qid, what):
    """The string values of `prop`'s statements, preferred rank first; deprecated ones and
    "unknown value"/"no value" statements are left out."""
    statements = claims.get(prop, [])
    if not isinstance(statements, list):
        raise shape_error(what, f'"claims.{prop}" of {qid} is not an array')
    ranked = {"preferred": [], "normal": []}
    for statement in statements:
        snak = statement.get("mainsnak") if isinstance(statement, dict) else None
        if not isinstance(snak, dict):
            raise shape_error(what, f"a {prop} statement of {qid} has no main snak")
        datavalue = snak.get("datavalue")
        value = datavalue.get("value") if isinstance(datavalue, dict) else None
        if statement.get("rank") in ranked and snak.get("snaktype") == "value" \
                and isinstance(value, str):
            ranked[statement["rank"]].append(value)
    return ranked["preferred"] + ranked["normal"]


def spaced(name):
    """A username or file name as MediaWiki compares titles: "_" is a space, one space."""
    return " ".join(name.replace("_", " ").split())


def commons_file_url(file_name):
    """The file's Special:FilePath address (it redirects to the file itself):
    "Maria Silva (2024).jpg" → .../Special:FilePath/Maria_Silva_%282024%29.jpg"""
    return COMMONS_FILE_PATH + quote(spaced(file_name).replace(" ", "_"), safe="")


# --- An event's item: label, dates (P580/P582), place (P276), image (P18), website (P856) --

ITEM_WHAT = "Wikidata's API (an item)"


@dataclass
class Item:
    qid: str
    labels: dict = field(default_factory=dict)  # language code (lower case) → text
    descriptions: dict = field(default_factory=dict)
    claims: dict = field(default_factory=dict)  # property → its statements, as Wikidata sends

    def label(self, languages):
        """The label in the first of `languages` that has one, or ""."""
        return next((self.labels[code] for code in languages if code in self.labels), "")

    def description(self, languages):
        return next((self.descriptions[code] for code in languages if code in self.descriptions), "")

    def values(self, prop):
        """The values of `prop`'s statements (strings, {"time": ...}, {"id": "Q1"} …),
        preferred rank first; deprecated and "unknown"/"no value" statements left out."""
        ranked = {"preferred": [], "normal": []}
        statements = self.claims.get(prop, [])
        for statement in statements if isinstance(statements, list) else ():
            snak = statement.get("mainsnak") if isinstance(statement, dict) else None
            datavalue = snak.get("datavalue") if isinstance(snak, dict) else None
            if isinstance(datavalue, dict) and statement.get("rank") in ranked \
                    and snak.get("snaktype") == "value" and "value" in datavalue:
                ranked[statement["rank"]].append(datavalue["value"])
        return ranked["preferred"] + ranked["normal"]

    def strings(self, prop):
        return [value for value in self.values(prop) if isinstance(value, str)]

    def item_ids(self, prop):
        return [value["id"] for value in self.values(prop)
                if isinstance(value, dict) and isinstance(value.get("id"), str)
                and QID.match(value["id"])]

    def dates(self, prop):
        """Dates of a time property, to the day at least (precision 11; a year or a month
        alone says too little for a calendar). A precision finer than the day gives a UTC
        date-time."""
        found = []
        for value in self.values(prop):
            if not isinstance(value, dict) or not isinstance(value.get("time"), str):
                continue
            match = WIKIBASE_TIME.match(value["time"])
            precision = value.get("precision")
            if not match or not isinstance(precision, int) or precision < 11:
                continue
            try:
                moment = datetime(*map(int, match.groups()), tzinfo=dt_timezone.utc)
            except ValueError:  # "+2026-05-00": the day unknown
                continue
            found.append(moment if precision > 11 else moment.date())
        return found


WIKIBASE_TIME = re.compile(r"^\+(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$")


def fetch_item(qid, languages, props="labels|descriptions|claims", timeout=None):
    """The item `qid` with its labels and descriptions in `languages` and its statements, or
    None when Wikidata has no such item. Raises WikimediaError."""
    data = get_json(settings.WIKIDATA_API_URL, params={
        "action": "wbgetentities", "ids": qid, "props": props,
        "languages": "|".join(languages), "format": "json", "formatversion": "2",
    }, what=ITEM_WHAT, timeout=timeout)
    check_refusal(data, ITEM_WHAT)
    entities = data.get("entities")
    if not isinstance(entities, dict):
        raise shape_error(ITEM_WHAT, '"entities" is missing')
    entity = entities.get(qid)
    if not isinstance(entity, dict):
        raise shape_error(ITEM_WHAT, f"{qid} is not in the answer")
    if "missing" in entity:
        return None
    claims = entity.get("claims", {})
    if not isinstance(claims, dict):  # [] in older formats: no statements
        claims = {}
    return Item(qid=entity.get("id", qid),
                labels=term_values(entity, "labels", qid, ITEM_WHAT),
                descriptions=term_values(entity, "descriptions", qid, ITEM_WHAT),
                claims=claims)
