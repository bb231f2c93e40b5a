from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.validators import validate_username


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, username, password=None, **extra):
        # Login sends "email" along; CapX stores no email, so it is dropped here.
        extra.pop("email", None)
        user = self.model(username=username, **extra)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, username, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(username, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A Wikimedian. Signs in through Meta-Wiki; CapX keeps no email and, for them, no usable
    password (staff made with createsuperuser are the only exception)."""

    username = models.CharField(
        _("username"), max_length=255, unique=True, validators=[validate_username]
    )
    # Meta-Wiki's central user id ("sub" of the identify JWT): stable across renames.
    mediawiki_id = models.CharField(max_length=32, unique=True, null=True, blank=True)
    # The account's registration date on the wiki: the "wiki birthday".
    wiki_registered_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(_("interface language"), max_length=16, blank=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # The few deactivated accounts, so "not one of them" is a look at a tiny index
        # (Organization.objects.listed) instead of a scan of every user.
        indexes = [models.Index(fields=["id"], condition=models.Q(is_active=False),
                                name="user_inactive")]

    def __str__(self):
        return self.username
