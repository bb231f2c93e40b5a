"""Capacity names and descriptions from Metabase, with Wikidata as the fallback.

A sync runs in three steps:
1. fetch: every capacity item on Metabase, then from Wikidata the labels and descriptions
   Metabase lacks in our UI languages. Network only; a failure raises WikimediaError.
2. plan: match our capacities to Metabase items (by Metabase QID, then Wikidata QID, then
   path: the parent's item or name with the capacity's own name, then name alone when only
   one capacity and one item have it; what stays ambiguous is reported, never guessed) and
   work out the new value of every field. A QID already set (by an earlier sync, or pinned
   by staff in the admin) is never changed. For each language: Metabase's text, else
   Wikidata's, else ours (nothing we have is ever blanked out).
3. apply: write the plan in one transaction (a dry run stops after step 2).
"""
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from capacities.models import Capacity
from capx.wikimedia import metabase, wikidata

QID_FIELDS = ("metabase_qid", "wikidata_qid")
TEXT_FIELDS = {"name": "labels", "description": "descriptions"}  # our field → Wikibase term


# --- 1. fetch ------------------------------------------------------------------------------

@dataclass
class Remote:
    items: dict  # Metabase QID → metabase.MetabaseItem
    wikidata: dict  # Wikidata QID → wikidata.WikidataTerms


class NoProgress:
    """Stands in for a tqdm bar when nobody watches."""
    total = 0

    def update(self, n=1):
        pass

    def set_description(self, text):
        pass

    def refresh(self):
        pass


def ui_languages():
    """Our UI language codes ("en", "pt-br", ...): every one has name_*/description_* columns."""
    return list(AVAILABLE_LANGUAGES)


def wikibase_code(language):
    return language.lower()  # Wikibase spells them like Django: "pt-br"


def fetch_remote(languages, progress=None):
    progress = progress or NoProgress()
    progress.set_description("Metabase")
    items = metabase.fetch_capacity_items()
    progress.update(1)

    qids = qids_needing_wikidata(items.values(), languages)
    progress.total = 1 + len(wikidata.batches(qids))
    progress.set_description("Wikidata")
    progress.refresh()
    terms = wikidata.fetch_terms(qids, [wikibase_code(code) for code in languages],
                                 on_batch=lambda: progress.update(1))
    return Remote(items=items, wikidata=terms)


def qids_needing_wikidata(items, languages):
    """Wikidata QIDs of the items that lack a label or a description in one of `languages`."""
    return {item.wikidata_qid for item in items
            if item.wikidata_qid and not has_every_term(item, languages)}


def has_every_term(item, languages):
    return all(wikibase_code(code) in item.labels and wikibase_code(code) in item.descriptions
               for code in languages)


# --- 2. plan -------------------------------------------------------------------------------

@dataclass
class Match:
    capacity: Capacity
    item: metabase.MetabaseItem
    by: str  # "Metabase QID", "Wikidata QID", "path" or "English name"


@dataclass
class Ambiguity:
    """A capacity that several Metabase items could be, or whose one candidate other
    capacities could be too: staff settle it by pinning its Metabase QID in the admin."""
    capacity: Capacity
    items: list


@dataclass
class Matching:
    matches: list = field(default_factory=list)
    ambiguous: list = field(default_factory=list)
    unmatched_capacities: list = field(default_factory=list)
    unmatched_items: list = field(default_factory=list)


@dataclass
class CapacityUpdate:
    capacity: Capacity
    changes: dict  # field name → (old value, new value)


@dataclass
class Plan:
    matching: Matching
    updates: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # things skipped, with the reason

    @property
    def changed_fields(self):
        return sum(len(update.changes) for update in self.updates)


def make_plan(capacities, remote, languages):
    matching = match_capacities(capacities, list(remote.items.values()))
    plan = Plan(matching=matching, notes=remote_data_notes(remote))
    for match in matching.matches:
        wanted = wanted_values(match.capacity, match.item, remote.wikidata, languages,
                               plan.notes)
        changes = changes_to(match.capacity, wanted, plan.notes)
        if changes:
            plan.updates.append(CapacityUpdate(capacity=match.capacity, changes=changes))
    for qid_field in QID_FIELDS:
        drop_duplicate_qids(capacities, plan, qid_field)
    return plan


def match_capacities(capacities, items):
    """Pairs capacities with Metabase items. Names repeat in the tree (Partnership under
    Event and under GLAM), differ only in case (Team-Building, Team-building) and repeat on
    Metabase, so a name alone decides only when it is unique. A capacity holding a QID that
    Metabase does not know is left alone: that QID is never replaced."""
    matching = Matching()
    by_pk = {capacity.pk: capacity for capacity in capacities}
    all_items = {item.qid: item for item in items}
    free_items = dict(all_items)
    item_of = {}  # capacity pk → the Metabase QID it has now, for its children's paths
    ambiguous = {}  # capacity pk → candidate items

    def pair(capacity, item, by):
        matching.matches.append(Match(capacity=capacity, item=item, by=by))
        item_of[capacity.pk] = item.qid
        del free_items[item.qid]

    for capacity in capacities:
        if capacity.metabase_qid in free_items:
            pair(capacity, free_items[capacity.metabase_qid], "Metabase QID")
    by_wikidata_qid = unique_index(free_items.values(), lambda item: item.wikidata_qid)
    for capacity in capacities:
        item = by_wikidata_qid.get(capacity.wikidata_qid)
        if capacity.wikidata_qid and not capacity.metabase_qid and item:
            pair(capacity, item, "Wikidata QID")

    def on_path(capacity, item):
        """Is `item` under the item of the capacity's parent (a root's: under none)?"""
        parent = by_pk.get(capacity.parent_id)
        if parent is None:
            return not item.parent_qids
        parent_qid = item_of.get(parent.pk) or parent.metabase_qid
        if parent_qid:
            return parent_qid in item.parent_qids
        return any(comparable_name(all_items[qid].english_label) == comparable_name(parent.name_en)
                   for qid in item.parent_qids if qid in all_items)

    unpinned = [c for c in capacities if not (c.metabase_qid or c.wikidata_qid)]
    # By path, roots first: a parent matched a moment ago lends its QID to its children.
    for level in range(Capacity.MAX_LEVELS):
        items_by_name = by_label(free_items.values())
        claims = defaultdict(list)  # Metabase QID → capacities whose only fit it is
        for capacity in (c for c in unpinned if c.level == level):
            fits = [item for item in items_by_name.get(comparable_name(capacity.name_en), [])
                    if on_path(capacity, item)]
            if len(fits) == 1:
                claims[fits[0].qid].append(capacity)
            elif fits:
                ambiguous[capacity.pk] = fits
        for qid, claimants in claims.items():
            if len(claimants) == 1:
                pair(claimants[0], free_items[qid], "path")
            else:
                ambiguous.update((capacity.pk, [free_items[qid]]) for capacity in claimants)

    # By name alone, when exactly one capacity and one item are left with it.
    left = [c for c in unpinned if c.pk not in item_of]
    items_by_name = by_label(free_items.values())
    for name, named in group_by(left, lambda c: comparable_name(c.name_en)).items():
        candidates = items_by_name.get(name, [])
        if len(named) == len(candidates) == 1 and named[0].pk not in ambiguous:
            pair(named[0], candidates[0], "English name")
        elif candidates:
            for capacity in named:
                ambiguous.setdefault(capacity.pk, candidates)

    for capacity in capacities:
        candidates = [item for item in ambiguous.get(capacity.pk, []) if item.qid in free_items]
        if candidates:
            matching.ambiguous.append(Ambiguity(capacity=capacity, items=candidates))
        elif capacity.pk not in item_of:
            matching.unmatched_capacities.append(capacity)
    candidates = {item.qid for ambiguity in matching.ambiguous for item in ambiguity.items}
    matching.unmatched_items = [item for item in free_items.values()
                                if item.qid not in candidates]
    return matching


def comparable_name(name):
    return unicodedata.normalize("NFC", " ".join((name or "").split())).casefold()


def by_label(items):
    return group_by(items, lambda item: comparable_name(item.english_label))


def group_by(things, key):
    groups = defaultdict(list)
    for thing in things:
        value = key(thing)
        if value:
            groups[value].append(thing)
    return groups


def unique_index(things, key):
    """key → thing, for the keys exactly one thing has."""
    return {value: group[0] for value, group in group_by(things, key).items()
            if len(group) == 1}


def wanted_values(capacity, item, wikidata_terms, languages, notes):
    """What Metabase (then Wikidata) says each field should be; fields neither knows are left
    out, so our value stays. A QID is only ever added: one already set may be staff's pin,
    and a Wikidata QID that Wikidata does not have is not attached (its note says so)."""
    wanted = {} if capacity.metabase_qid else {"metabase_qid": item.qid}
    fallback = wikidata_terms.get(item.wikidata_qid)
    if item.wikidata_qid and not (fallback and fallback.missing):
        if not capacity.wikidata_qid:
            wanted["wikidata_qid"] = item.wikidata_qid
        elif capacity.wikidata_qid != item.wikidata_qid:
            notes.append(f"{describe_capacity(capacity)}: keeps Wikidata "
                         f"{capacity.wikidata_qid}; Metabase item {item.qid} names "
                         f"{item.wikidata_qid}.")
    for our_field, term in TEXT_FIELDS.items():
        for code in languages:
            text = (getattr(item, term).get(wikibase_code(code))
                    or (getattr(fallback, term).get(wikibase_code(code)) if fallback else ""))
            if text:
                wanted[build_localized_fieldname(our_field, code)] = text
    return wanted


def changes_to(capacity, wanted, notes):
    changes = {}
    for name, new in wanted.items():
        old = getattr(capacity, name) or ""
        if new == old:
            continue
        max_length = Capacity._meta.get_field(name).max_length
        if max_length and len(new) > max_length:
            notes.append(f"{describe_capacity(capacity)}: {name} not changed, Metabase/Wikidata "
                         f"text is longer than {max_length} characters.")
            continue
        changes[name] = (old, new)
    return changes


def drop_duplicate_qids(capacities, plan, qid_field):
    """A QID belongs to one capacity at most (a database constraint): a change that would
    give a QID to a second capacity is dropped and reported."""
    updates = {update.capacity.pk: update for update in plan.updates}

    def planned_value(capacity):
        change = updates[capacity.pk].changes.get(qid_field) if capacity.pk in updates else None
        return change[1] if change else getattr(capacity, qid_field)

    dropped = True
    while dropped:  # dropping a change can uncover another clash with the old value
        dropped = False
        holders = group_by(capacities, planned_value)
        for qid, group in holders.items():
            if len(group) < 2:
                continue
            for capacity in group:
                update = updates.get(capacity.pk)
                if update and qid_field in update.changes:
                    del update.changes[qid_field]
                    dropped = True
                    others = ", ".join(describe_capacity(c) for c in group if c is not capacity)
                    plan.notes.append(f"{describe_capacity(capacity)}: {qid_field} {qid} not "
                                      f"attached, {others} would have it too.")
    plan.updates = [update for update in plan.updates if update.changes]


def remote_data_notes(remote):
    notes = []
    for item in remote.items.values():
        if len(item.wikidata_qids) > 1:
            notes.append(f"Metabase item {item.qid} gives several Wikidata QIDs "
                         f"({', '.join(sorted(item.wikidata_qids))}): none is used.")
        for value in sorted(item.bad_wikidata_values):
            notes.append(f"Metabase item {item.qid} gives {value!r} as its Wikidata QID: "
                         f"not a QID, ignored.")
        terms = remote.wikidata.get(item.wikidata_qid)
        if terms and terms.missing:
            notes.append(f"Metabase item {item.qid} names Wikidata {item.wikidata_qid}, "
                         f"which Wikidata does not have: not attached.")
    return notes


def describe_capacity(capacity):
    return f"{capacity.name_en or capacity.slug} ({capacity.slug})"


# --- 3. apply ------------------------------------------------------------------------------

def apply_plan(plan):
    """Write every change. Call inside a transaction. QIDs are only ever added, each to one
    capacity (drop_duplicate_qids), so the uniqueness constraints hold after every
    statement."""
    for update in plan.updates:
        Capacity.objects.filter(pk=update.capacity.pk).update(
            **{name: new for name, (old, new) in update.changes.items()})


def sync(*, dry_run=False, progress=None):
    """Fetch, plan and (unless dry_run) apply; returns the plan. Raises WikimediaError (from
    fetching, before anything is written) or a DatabaseError (everything rolled back)."""
    languages = ui_languages()
    remote = fetch_remote(languages, progress)
    with transaction.atomic():
        capacities = list(Capacity.objects.select_for_update().order_by("pk"))
        plan = make_plan(capacities, remote, languages)
        if not dry_run:
            apply_plan(plan)
    return plan
