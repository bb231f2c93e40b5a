"""What CapX itself keeps about Let's Connect: only logs and public badges. The registration
data (name, email, role, topics, gender, age) goes to Let's Connect's own store and never
into CapX's database."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Registration(models.Model):
    """One registration or update sent to Let's Connect: who, its confirmation, when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="letsconnect_registrations")
    confirmation = models.CharField(_("confirmation"), max_length=100)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("Let's Connect registration")
        verbose_name_plural = _("Let's Connect registrations")
        ordering = ["-created_at", "-id"]


class Integration(models.Model):
    """The user saved their profile after pulling their earlier Let's Connect data into it:
    the editor no longer offers "Let's Connect Integration"."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="letsconnect_integration")
    integrated_at = models.DateTimeField(_("date"), auto_now_add=True)


class LetsConnectBadge(models.Model):
    """A badge Let's Connect gave the user (its /user-badges/), shown on their profile with a
    link to its public page; refreshed by award_badges and after each registration."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="letsconnect_badges")
    name = models.CharField(_("name"), max_length=200)
    picture = models.URLField(_("picture"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    awarded_at = models.DateTimeField(_("date"))
    verification_code = models.CharField(_("verification code"), max_length=100)
    url = models.URLField(_("page"), max_length=500)

    class Meta:
        ordering = ["-awarded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "verification_code"],
                                               name="letsconnect_badge_once")]
