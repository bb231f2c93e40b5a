"""Wikidata: labels and descriptions through the Action API's wbgetentities.

wbgetentities takes at most 50 ids per call, so ids are sent in batches of 50. An answer is
{"entities": {"Q42": {"labels": {"en": {"language": "en", "value": "..."}}, "descriptions":
{...}}, "Q999": {"id": "Q999", "missing": ""}}} or, when the API refuses the request,
{"error": {"code": ..., "info": ...}}.

Settings: WIKIDATA_API_URL.
"""
from dataclasses import dataclass, field

from django.conf import settings

from capx.wikimedia.http import WikimediaError, get_json

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
    if "error" in data:
        error = data["error"] if isinstance(data["error"], dict) else {}
        code = error.get("code", "unknown")
        info = error.get("info", "no details")
        raise WikimediaError(f"{what} refused the request: {code}: {info}.")
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
        text = " ".join(value["value"].split())
        # A language fallback entry ("for-language") is another language's text: skip it.
        if text and "for-language" not in value:
            texts[language.lower()] = text
    return texts


def shape_error(what, detail):
    return WikimediaError(f"{what} sent an answer of an unexpected shape: {detail}.")
