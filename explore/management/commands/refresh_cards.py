from django.core.management.base import BaseCommand
from django.db import transaction

from capx.progress import in_chunks
from explore import cards
from organizations.models import Organization
from profiles.models import Profile

CHUNK = 5000


class Command(BaseCommand):
    help = ("Rebuilds every Explore card from its profile or organization. The database keeps the cards right "
            "after every change by itself (explore/cards.py): this is a repair tool, for "
            "example after restoring a dump made without the triggers.")

    def handle(self, **options):
        ids = list(Profile.objects.order_by("pk").values_list("pk", flat=True))
        for chunk in in_chunks(ids, CHUNK, "profiles"):
            with transaction.atomic():
                cards.rebuild(chunk)
        organizations = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
        with transaction.atomic():
            cards.rebuild_organizations(organizations)
        self.stdout.write(self.style.SUCCESS(
            f"Cards rebuilt for {len(ids)} profiles and {len(organizations)} organizations."))
