from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

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
        with tqdm(total=len(ids), unit="profiles", disable=None) as bar:
            for start in range(0, len(ids), CHUNK):
                with transaction.atomic():
                    cards.refresh(ids[start:start + CHUNK])
                bar.update(len(ids[start:start + CHUNK]))
        self.stdout.write(self.style.SUCCESS(f"Cards rebuilt for {len(ids)} profiles."))
