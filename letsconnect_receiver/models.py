"""The receiver's store (database alias `letsconnect`, see router.py). Registration data is
sensitive: it never lands in CapX's own database, which keeps only a log of who registered."""
import secrets
import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

USERNAME_MAX = 255  # MediaWiki's own limit on a username
FULL_NAME_MAX = 200
GENDER_MAX = 100  # a "Not listed" text
AREA_MAX_LENGTH = 500  # the whole "topic, topic" string


def new_confirmation() -> str:
    return uuid.uuid4().hex


def new_verification_code() -> str:
    return secrets.token_hex(8)


def _names(max_length=200):
    return ArrayField(models.CharField(max_length=max_length), null=True, blank=True)


class Participant(models.Model):
    """One registered Wikimedian, by Meta-Wiki username. Registered through /endpoint/, or an
    earlier participant imported from the old programme, whose reconciled_* data /profile/
    answers (null for those who registered here)."""

    username = models.CharField(max_length=USERNAME_MAX, unique=True,
                                help_text="The Meta-Wiki username, with spaces.")
    full_name = models.CharField(max_length=FULL_NAME_MAX, blank=True)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=200, blank=True)
    area = models.CharField(max_length=AREA_MAX_LENGTH, blank=True,
                            help_text='Up to two topics joined with ", ".')
    gender = models.CharField(max_length=GENDER_MAX, blank=True)
    age = models.CharField(max_length=20, blank=True)
    confirmation = models.CharField(max_length=64, blank=True, default=new_confirmation,
                                    help_text="The id given for the latest registration or update.")
    registered_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # Earlier participants' data, reconciled from the old programme (null when not known).
    username_org = models.CharField(max_length=USERNAME_MAX, null=True, blank=True)
    reconciled_affiliation = models.CharField(max_length=300, null=True, blank=True)
    reconciled_territory = models.CharField(max_length=200, null=True, blank=True)
    reconciled_languages = _names()
    reconciled_projects = _names()
    reconciled_want_to_learn = _names(max_length=20)  # capacity QIDs
    reconciled_want_to_share = _names(max_length=20)

    class Meta:
        ordering = ["username"]

    def __str__(self):
        return self.username

    def profile_data(self) -> dict:
        """What GET /profile/ answers."""
        return {
            "username": self.username,
            "username_org": self.username_org,
            "reconciled_affiliation": self.reconciled_affiliation,
            "reconciled_territory": self.reconciled_territory,
            "reconciled_languages": self.reconciled_languages,
            "reconciled_projects": self.reconciled_projects,
            "reconciled_want_to_learn": self.reconciled_want_to_learn,
            "reconciled_want_to_share": self.reconciled_want_to_share,
        }


class Nonce(models.Model):
    """A registration token's nonce, once accepted: the same token (or another with its nonce)
    is refused afterwards."""

    value = models.CharField(max_length=36, unique=True)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self):
        return self.value


class Badge(models.Model):
    """A badge Let's Connect gave a Wikimedian, with its public page at /badge/<code>/."""

    username = models.CharField(max_length=USERNAME_MAX, db_index=True)
    name = models.CharField(max_length=200)
    picture = models.URLField(max_length=500, help_text="The badge's image (a URL).")
    description = models.TextField(blank=True)
    timestamp = models.DateTimeField(default=timezone.now)
    verification_code = models.CharField(max_length=64, unique=True, default=new_verification_code)

    class Meta:
        ordering = ["-timestamp", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.username})"

    def get_absolute_url(self):
        from django.urls import reverse
        return reverse("letsconnect_receiver:badge", args=[self.verification_code])

    def data(self) -> dict:
        """One entry of GET /user-badges/."""
        return {
            "name": self.name,
            "picture": self.picture,
            "description": self.description,
            "timestamp": self.timestamp.isoformat(),
            "verification_code": self.verification_code,
        }
