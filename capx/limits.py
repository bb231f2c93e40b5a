"""Per-person limits on what a signed-in user may make in a while (messages, bug reports)."""
from django.utils import timezone


def reached(rows, most, within):
    """Whether `rows` (a queryset of one person's rows, each with created_at) already holds
    `most` made within `within` (a timedelta) of now."""
    return rows.filter(created_at__gte=timezone.now() - within).count() >= most
