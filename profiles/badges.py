"""The rules that award badges. Each rule narrows a queryset of users to those who earned
the badge, so the same rule serves one user (at save time) and everyone (award_badges).
A feature that brings a badge adds its rule here and a Badge row naming it."""
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from profiles.models import Badge, UserBadge


def has_any(relation):
    return Q(**{f"profile__{relation}__isnull": False})


# Registered for Let's Connect through CapX, or an earlier participant who brought their
# Let's Connect data into CapX.
LETS_CONNECT_PARTICIPANTS = (Q(letsconnect_registrations__isnull=False)
                             | Q(letsconnect_integration__isnull=False))

RULES = {
    # Bio, at least one Known and one Wanted capacity, a language and a territory.
    "complete_profile": lambda users: users.exclude(profile__bio="").filter(
        has_any("known")).filter(has_any("wanted")).filter(
        has_any("languages")).filter(has_any("territories")),
    "sharer": lambda users: users.filter(has_any("available")),
    "learner": lambda users: users.filter(has_any("wanted")),
    "lets_connect": lambda users: users.filter(LETS_CONNECT_PARTICIPANTS),  # Where Paths Cross
}


def earners(badge, users):
    """Ids of the users among `users` who earn `badge` now."""
    return set(RULES[badge.rule](users).values_list("pk", flat=True).distinct())


@transaction.atomic
def award(users, badges=None):
    """Gives each of `users` (a queryset) the badges they earn and takes away those they no
    longer earn. Returns (given, taken)."""
    given = taken = 0
    for badge in badges if badges is not None else Badge.objects.filter(rule__in=RULES):
        earned = earners(badge, users)
        held = set(UserBadge.objects.filter(badge=badge, user__in=users)
                   .values_list("user_id", flat=True))
        UserBadge.objects.bulk_create(
            [UserBadge(user_id=pk, badge=badge) for pk in earned - held], batch_size=5000)
        taken += UserBadge.objects.filter(badge=badge, user_id__in=held - earned).delete()[0]
        given += len(earned - held)
    return given, taken


def award_user(user, rule=None):
    """award() for one user: every badge, or only that of `rule` (what just changed)."""
    return award(get_user_model().objects.filter(pk=user.pk),
                 Badge.objects.filter(rule=rule) if rule else None)
