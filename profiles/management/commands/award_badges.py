from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from tqdm import tqdm

from profiles import badges

CHUNK = 5000


class Command(BaseCommand):
    help = "Recomputes every user's badges: gives those they earn, takes those they no longer earn."

    def handle(self, **options):
        ids = list(get_user_model().objects.order_by("pk").values_list("pk", flat=True))
        given = taken = 0
        with tqdm(total=len(ids), unit="users", disable=None) as bar:
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start:start + CHUNK]
                users = get_user_model().objects.filter(pk__range=(chunk[0], chunk[-1]))
                chunk_given, chunk_taken = badges.award(users)
                given, taken = given + chunk_given, taken + chunk_taken
                bar.update(len(chunk))
        self.stdout.write(self.style.SUCCESS(
            f"{len(ids)} users checked: {given} badges given, {taken} taken away."))
