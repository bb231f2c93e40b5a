import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from capacities.sync import sync
from capx.wikimedia.http import WikimediaError

SHOWN_TEXT = 70  # characters of a changed value shown by --dry-run


class Command(BaseCommand):
    help = (
        "Updates the capacities' names and descriptions in every UI language from Metabase, "
        "with Wikidata for what Metabase lacks. Matches capacities by the QIDs they have "
        "(never changed), else by path (parent and name), else by a unique English name, "
        "attaching the QIDs; what stays ambiguous is reported per capacity, not guessed. "
        "A failure changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="show what would change and write nothing")

    def handle(self, *args, dry_run, verbosity, **options):
        # tqdm redraws with "\r": give it the raw stream, not Django's line-ending wrapper.
        stream = getattr(self.stderr, "_out", sys.stderr)
        try:
            with tqdm(total=1, unit="request", file=stream, disable=verbosity == 0) as bar:
                plan = sync(dry_run=dry_run, progress=bar)
        except WikimediaError as error:
            raise CommandError(f"Capacity sync failed, nothing was changed. {error}") from None
        except DatabaseError as error:
            raise CommandError(
                f"Capacity sync failed while saving, nothing was changed. {error}"
            ) from None

        if dry_run or verbosity >= 2:
            self.show_changes(plan, dry_run)
        if verbosity >= 1:
            self.show_summary(plan, dry_run)

    def show_changes(self, plan, dry_run):
        if dry_run:
            self.stdout.write("Dry run: nothing was written. These changes would be made:"
                              if plan.updates else "Dry run: nothing would change.")
        for update in plan.updates:
            self.stdout.write(f"{capacity_label(update.capacity)}")
            for name, (old, new) in update.changes.items():
                self.stdout.write(f"  {name}: {shorten(old)} → {shorten(new)}")

    def show_summary(self, plan, dry_run):
        matching = plan.matching
        ways = {}
        for match in matching.matches:
            ways[match.by] = ways.get(match.by, 0) + 1
        how = ", ".join(f"{count} by {way}" for way, count in ways.items())
        self.stdout.write(f"Matched: {len(matching.matches)}" + (f" ({how})" if how else ""))
        verb = "Would update" if dry_run else "Updated"
        self.stdout.write(f"{verb}: {len(plan.updates)} capacities "
                          f"({plan.changed_fields} fields)")

        self.write_list("Unmatched here (no Metabase item)", matching.unmatched_capacities,
                        capacity_label)
        self.write_list("Unmatched on Metabase (no capacity here)", matching.unmatched_items,
                        item_label)
        self.write_list("Ambiguous (not attached; pin the Metabase QID in the admin)",
                        matching.ambiguous, ambiguity_label)
        self.write_list("Skipped", plan.notes, str)
        if not dry_run:
            self.stdout.write(self.style.SUCCESS("Capacity sync done."))

    def write_list(self, title, things, label):
        self.stdout.write(f"{title}: {len(things)}")
        for thing in things:
            self.stdout.write(f"  - {label(thing)}")


def capacity_label(capacity):
    qids = ", ".join(qid for qid in (capacity.metabase_qid, capacity.wikidata_qid) if qid)
    return f"{capacity.name_en} [{capacity.slug}]" + (f" ({qids})" if qids else "")


def item_label(item):
    return f'{item.qid} "{item.english_label}" {item.url}'


def ambiguity_label(ambiguity):
    capacity = ambiguity.capacity
    under = f"under {capacity.parent.name_en}" if capacity.parent_id else "a root"
    candidates = ", ".join(item_label(item) for item in ambiguity.items)
    return f"{capacity_label(capacity)}, {under}: could be {candidates}"


def shorten(text):
    text = text or ""
    return repr(text if len(text) <= SHOWN_TEXT else text[:SHOWN_TEXT - 1] + "…")
