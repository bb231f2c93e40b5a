from django.core.management.base import BaseCommand
from django.db import transaction

from capx.progress import in_chunks
from explore import cards
from profiles.models import Profile

CHUNK = 2000


class Command(BaseCommand):
    help = ("Rebuilds every Explore card from its profile. Cards also hold what they take "
            "from the Capacity Directory and the territories (capacity names for the keyword "
            "search, the capacities containing theirs, the regions of their countries): run "
            "this after those change, for example after moving a capacity to another parent.")

    def handle(self, **options):
        ids = list(Profile.objects.order_by("pk").values_list("pk", flat=True))
        for chunk in in_chunks(ids, CHUNK, "profiles"):
            with transaction.atomic():
                cards.refresh(chunk)
        self.stdout.write(self.style.SUCCESS(f"Cards rebuilt for {len(ids)} profiles."))
