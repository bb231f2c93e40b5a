"""Development and demos: earlier Let's Connect participants, with the reconciled data the
old programme left (what /profile/ answers and "Let's Connect Integration" reads) and badges."""
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from capx.wikimedia.wikidata import spaced
from letsconnect_receiver.models import Badge, Participant
from letsconnect_receiver.router import DATABASE

BADGES = [
    ("Let's Connect Learner", "Took part in a Let's Connect learning clinic.",
     "https://upload.wikimedia.org/wikipedia/commons/8/81/Wikimedia-logo.svg"),
    ("Let's Connect Sharer", "Shared a skill with peers in a Let's Connect session.",
     "https://upload.wikimedia.org/wikipedia/commons/8/81/Wikimedia-logo.svg"),
    ("Let's Connect Connector", "Connected two Wikimedians through Let's Connect.",
     "https://upload.wikimedia.org/wikipedia/commons/8/81/Wikimedia-logo.svg"),
]
# Capacity QIDs when CapX's own directory has none yet (before sync_capacities), and one that
# no capacity has, so that an integration shows what it could not map.
FALLBACK_QIDS = ["Q100", "Q101", "Q102", "Q103"]
UNKNOWN_QID = "Q999999999"


def capacity_qids() -> list[str]:
    try:
        from capacities.models import Capacity
        return [qid for qid in Capacity.objects.exclude(wikidata_qid="")
                .order_by("pk").values_list("wikidata_qid", flat=True)[:6]]
    except Exception:  # noqa: BLE001 - only a seed: CapX's tables may not be there
        return []


class Command(BaseCommand):
    help = ("Adds (or refreshes) earlier Let's Connect participants with reconciled data and "
            "badges, in the receiver's own database, for the usernames given.")

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+", help="Meta-Wiki usernames, with spaces")
        parser.add_argument("--badges", type=int, default=2, choices=range(len(BADGES) + 1),
                            help=f"badges for each (0 to {len(BADGES)}; default 2)")

    def handle(self, usernames, badges, **options):
        qids = capacity_qids() or FALLBACK_QIDS
        now = timezone.now()
        with transaction.atomic(using=DATABASE):
            for number, username in enumerate(usernames):
                username = spaced(username)
                Participant.objects.update_or_create(username=username, defaults={
                    "username_org": username,
                    "reconciled_affiliation": "Wiki Movement Brazil User Group (WMB)",
                    "reconciled_territory": "Brazil",
                    "reconciled_languages": ["Portuguese", "English", "Klingon"],
                    "reconciled_projects": ["Wikipedia", "Wikidata", "Wikisource"],
                    "reconciled_want_to_learn": [*qids[:2], UNKNOWN_QID],
                    "reconciled_want_to_share": qids[2:4],
                    "registered_at": now - timedelta(days=400 + number),
                })
                Badge.objects.filter(username=username).delete()
                for age, (name, description, picture) in enumerate(BADGES[:badges]):
                    Badge.objects.create(username=username, name=name, description=description,
                                         picture=picture,
                                         timestamp=now - timedelta(days=30 * (age + 1)))
                self.stdout.write(f"Let's Connect: {username}, an earlier participant with "
                                  f"{badges} badge(s).")
