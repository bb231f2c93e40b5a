"""The badges Let's Connect gives (its /user-badges/), copied for the profile page. They are
refreshed after each registration through CapX and for every participant by
`manage.py award_badges`; a failed refresh leaves the copies as they were."""
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from capx.wikimedia import letsconnect as service
from capx.wikimedia.http import WikimediaError
from letsconnect.models import LetsConnectBadge
from profiles.badges import LETS_CONNECT_PARTICIPANTS

# What the copies hold at most (letsconnect/models.py): a longer name is cut, a longer
# address left out, rather than the refresh failing.
NAME_MAX = LetsConnectBadge._meta.get_field("name").max_length
URL_MAX = LetsConnectBadge._meta.get_field("url").max_length
CODE_MAX = LetsConnectBadge._meta.get_field("verification_code").max_length


def refresh_badges(user):
    """The user's Let's Connect badges as Let's Connect lists them now. Returns False when
    it could not be asked (the badges shown stay as they were)."""
    try:
        found = service.badges(user.username)
    except WikimediaError:
        return False
    with transaction.atomic():
        LetsConnectBadge.objects.filter(user=user).exclude(
            verification_code__in=[badge.verification_code for badge in found]).delete()
        for badge in found:
            if len(badge.verification_code) > CODE_MAX or len(badge.url) > URL_MAX:
                continue  # no page CapX could link to
            LetsConnectBadge.objects.update_or_create(
                user=user, verification_code=badge.verification_code, defaults={
                    "name": badge.name[:NAME_MAX], "url": badge.url,
                    "picture": badge.picture if len(badge.picture) <= URL_MAX else "",
                    "description": badge.description, "awarded_at": badge.awarded_at})
    return True


def refresh_participants():
    """Refreshes the badges of every user Let's Connect may know: registered or integrated
    through CapX, or holding a badge already. Returns (refreshed, failed)."""
    users = get_user_model().objects.filter(
        LETS_CONNECT_PARTICIPANTS | Q(letsconnect_badges__isnull=False)).distinct().order_by("pk")
    refreshed = failed = 0
    for user in users.iterator():
        if refresh_badges(user):
            refreshed += 1
        else:
            failed += 1
    return refreshed, failed
