import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.db.models import Q
from tqdm import tqdm

from capx.progress import in_chunks
from capx.wikimedia import diff
from capx.wikimedia.http import WikimediaError, WikimediaUnreachable
from organizations.models import DiffPost, Organization

KEPT = 10  # the newest posts kept per organization
FIELDS = ("title", "published", "excerpt", "image")


class Command(BaseCommand):
    help = (
        f"Fetches each organization's news from Diff (diff.wikimedia.org, DIFF_API_URL): the "
        f"{KEPT} newest posts carrying any of its Diff tags, stored with their title, link, "
        f"date, excerpt and image for its profile (pages never call Diff). Posts no longer "
        f"among the {KEPT} newest are removed, and so are the news of an organization without "
        f"Diff tags. Each organization is fetched and saved on its own: when its fetch fails, "
        f"its stored news stay as they were and the others are still fetched; when Diff cannot "
        f"be reached the command stops. Exits non-zero when any fetch failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organization", metavar="SLUG",
                            help="fetch the news of this organization only")

    def handle(self, *args, organization, verbosity, **options):
        self.verbosity = verbosity
        organizations = Organization.objects.order_by("name", "pk")
        if organization:
            organizations = list(organizations.filter(slug=organization))
            if not organizations:
                raise CommandError(f'No organization has the slug "{organization}".')
        else:
            organizations = list(
                organizations.filter(~Q(diff_tags=[]) | Q(news__isnull=False)).distinct())

        known_tags = {}  # slug → Diff tag id (or None), asked once for all organizations
        failed, unreachable, done = [], None, 0
        chunks = in_chunks(organizations, 1, "organizations", desc="Diff")
        for (organization,) in chunks:
            try:
                self.say(f"{label(organization)}: {self.fetch(organization, known_tags)}")
            except WikimediaUnreachable as error:
                unreachable = error
                break
            except WikimediaError as error:
                failed.append(organization)
                self.say(f"{label(organization)}: not fetched, its stored news were kept. "
                         f"{error}")
            except DatabaseError as error:
                failed.append(organization)
                self.say(f"{label(organization)}: could not be saved, its stored news were "
                         f"kept. {error}")
            done += 1
        chunks.close()

        if unreachable:
            left = len(organizations) - done
            raise CommandError(
                f"Diff could not be reached, so the news of {left} "
                f"{plural(left, 'organization')} were not fetched and their stored news were "
                f"kept. {unreachable}")
        if failed:
            raise CommandError(
                f"The news of {len(failed)} of {len(organizations)} "
                f"{plural(len(organizations), 'organization')} could not be fetched from Diff; "
                f"their stored news were kept: {', '.join(label(o) for o in failed)}.")
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(
                f"Diff news fetched for {len(organizations)} "
                f"{plural(len(organizations), 'organization')}."))

    def fetch(self, organization, known_tags):
        """Fetches and stores one organization's news; says what happened."""
        if not organization.diff_tags:
            with transaction.atomic():
                removed, _ = organization.news.all().delete()
            return f"no Diff tags, {removed} stored {plural(removed, 'post')} removed."

        tags = diff.find_tags(organization.diff_tags, known=known_tags)
        missing = [tag.text for tag in tags if tag.id is None]
        not_on_diff = (f"{plural(len(missing), 'tag')} not on Diff: "
                       + ", ".join(f'"{text}"' for text in missing)) if missing else ""
        ids = [tag.id for tag in tags if tag.id is not None]
        if not ids:
            kept = organization.news.count()
            return f"{not_on_diff}; its {kept} stored {plural(kept, 'post')} kept."

        posts = diff.posts(ids, limit=KEPT)
        with transaction.atomic():
            # One fetch at a time stores an organization's news.
            Organization.objects.select_for_update().filter(pk=organization.pk).first()
            new, changed, removed = store(organization, posts)
        if new or changed or removed:
            what = (f"{len(posts)} {plural(len(posts), 'post')} ({new} new, {changed} changed, "
                    f"{removed} removed)")
        else:
            what = f"up to date ({len(posts)} {plural(len(posts), 'post')})"
        return f"{what}; {not_on_diff}." if missing else f"{what}."

    def say(self, line):
        """A line on stdout, with the progress bar (stderr, on a terminal) out of its way."""
        if self.verbosity >= 1:
            with tqdm.external_write_mode(file=sys.stdout):
                self.stdout.write(line)


def store(organization, posts):
    """Makes the organization's stored news exactly `posts`, matched by link: returns how many
    were new, changed and removed."""
    stored = {post.link: post for post in organization.news.all()}
    new = changed = 0
    for post in posts:
        values = {field: getattr(post, field) for field in FIELDS}
        existing = stored.get(post.link)
        if existing is None:
            DiffPost.objects.create(organization=organization, link=post.link, **values)
            new += 1
        elif any(getattr(existing, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(existing, field, value)
            existing.save(update_fields=FIELDS)
            changed += 1
    removed, _ = organization.news.exclude(link__in=[post.link for post in posts]).delete()
    return new, changed, removed


def label(organization):
    return f"{organization.name} [{organization.slug}]"


def plural(count, word):
    return word if count == 1 else f"{word}s"
