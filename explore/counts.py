"""What explore tells other apps about the cards: how many active Wikimedians know, share
and want a capacity (kept by the database with the cards: explore.models.CapacityCount)."""
from explore.models import CapacityCount, Card

LISTS = {Card.Kind.PROFICIENT: "known", Card.Kind.SHARER: "available", Card.Kind.LEARNER: "wanted"}


def capacity_counts(capacity):
    """{"known": n, "available": n, "wanted": n}: the capacity's own, not what is inside it."""
    counts = dict.fromkeys(LISTS.values(), 0)
    for kind, n in CapacityCount.objects.filter(capacity_id=capacity.pk).values_list("kind", "n"):
        counts[LISTS[kind]] = n
    return counts
