from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from capx.progress import in_chunks
from letsconnect import badges as letsconnect_badges
from capx.wikimedia import letsconnect
from profiles import badges

CHUNK = 5000


class Command(BaseCommand):
    help = ("Recomputes every user's badges: gives those they earn, takes those they no longer "
            "earn; then refreshes the badges Let's Connect gave its participants.")

    def handle(self, **options):
        ids = list(get_user_model().objects.order_by("pk").values_list("pk", flat=True))
        given = taken = 0
        for chunk in in_chunks(ids, CHUNK, "users"):
            users = get_user_model().objects.filter(pk__range=(chunk[0], chunk[-1]))
            chunk_given, chunk_taken = badges.award(users)
            given, taken = given + chunk_given, taken + chunk_taken
        self.stdout.write(self.style.SUCCESS(
            f"{len(ids)} users checked: {given} badges given, {taken} taken away."))
        if letsconnect.is_configured():
            refreshed, failed = letsconnect_badges.refresh_participants()
            self.stdout.write(f"Let's Connect badges: {refreshed} participants refreshed"
                              + (f", {failed} could not be asked (kept as they were)." if failed
                                 else "."))
