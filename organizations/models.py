from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from capx.wikimedia import commons
from profiles.validators import (validate_commons_file_url, validate_metawiki_url,
                                 validate_web_url)

MAX_SHOWN = 4  # main projects, documents and featured events an organization shows


class OrganizationType(models.Model):
    """Kinds of Wikimedia affiliates: chapter, user group, thematic organization…"""

    code = models.CharField(_("code"), max_length=8, unique=True,
                            help_text=_("Stable identifier, such as C for chapters."))
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("organization type")
        verbose_name_plural = _("organization types")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organizations(models.QuerySet):
    def listed(self):
        """The organizations with a profile: those with at least one active manager (the guide:
        with no one linked as admin, the profile is no longer displayed)."""
        inactive = get_user_model().objects.filter(is_active=False).values("pk")  # a few
        managed = (Organization.managers.through.objects.filter(organization=models.OuterRef("pk"))
                   .exclude(user_id__in=inactive))
        return self.filter(models.Exists(managed))  # no join: no repeated rows to make distinct


class Organization(models.Model):
    """A Wikimedia organization: what a Wikimedian can say they are affiliated with, and its
    own profile in the exchange, with Known / Available / Wanted capacities like a user's.
    One record for both, never two lists. The shipped ones are the Wikimedia affiliates
    (organizations/data/affiliates.json); a profile shows once staff give it a manager."""

    name = models.CharField(_("name"), max_length=200, db_index=True,
                            help_text=_("The name in English (required) and in the other "
                                        "languages of CapX, where it differs."))
    local_name = models.CharField(
        _("local name"), max_length=200, blank=True,
        help_text=_("The name in the organization's own language, when it differs from the "
                    "English one. Shown beside it, and found by the search."))
    aliases = ArrayField(models.CharField(max_length=200), verbose_name=_("other names"),
                         default=list, blank=True,
                         help_text=_("Other names people know it by, separated by commas "
                                     "(e.g. Wikimedia Brasil). Found by the search."))
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    type = models.ForeignKey(OrganizationType, verbose_name=_("type"), null=True, blank=True,
                             related_name="organizations", on_delete=models.PROTECT)
    slug = models.SlugField(_("slug"), max_length=200, unique=True,
                            help_text=_("Stable identifier used in links; do not change it."))
    territories = models.ManyToManyField("profiles.Territory", verbose_name=_("Territory"),
                                         blank=True, related_name="organizations")
    logo = models.URLField(_("Logo"), max_length=500, blank=True,
                           validators=[validate_commons_file_url],
                           help_text=_("A file on Wikimedia Commons, an .svg if you have one."))
    report = models.URLField(_("Report of activities"), max_length=500, blank=True,
                             validators=[validate_metawiki_url],
                             help_text=_("A page on Meta-Wiki, such as "
                                         "https://meta.wikimedia.org/wiki/Wikimedia_Brasil/Reports."))
    known = models.ManyToManyField("capacities.Capacity", verbose_name=_("Known capacities"),
                                   blank=True, related_name="known_by_organizations")
    available = models.ManyToManyField("capacities.Capacity",
                                       verbose_name=_("Available capacities"), blank=True,
                                       related_name="available_by_organizations")
    wanted = models.ManyToManyField("capacities.Capacity", verbose_name=_("Wanted capacities"),
                                    blank=True, related_name="wanted_by_organizations")
    diff_tags = ArrayField(models.CharField(max_length=100), verbose_name=_("Diff tags"),
                           default=list, blank=True, validators=[MaxLengthValidator(10)],
                           help_text=_("The tags of the organization's posts on Diff "
                                       "(diff.wikimedia.org), one per field."))
    meta_page = models.URLField(_("Meta-Wiki page"), max_length=500, blank=True,
                                validators=[validate_metawiki_url])
    email = models.EmailField(_("Email"), blank=True)
    website = models.URLField(_("Website"), max_length=500, blank=True,
                              validators=[validate_web_url])
    # Set by staff in the admin only (the guide: added manually by the CapX team).
    managers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("managers"),
                                      blank=True, related_name="managed_organizations")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last update"), auto_now=True, db_index=True)

    objects = Organizations.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name, with the local one beside it when there is one."""
        return f"{self.name} — {self.local_name}" if self.local_name else self.name

    def get_absolute_url(self):
        return reverse("organizations:detail", args=[self.slug])

    @property
    def image_url(self):
        """The picture shown for the organization on cards and lists: its logo, or none."""
        return commons.image_url(self.logo, 128)

    def managed_by(self, user):
        return user.is_authenticated and user.is_active and (
            self.managers.filter(pk=user.pk).exists())


class Project(models.Model):
    """One of an organization's main projects (at most MAX_SHOWN)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="projects")
    name = models.CharField(_("Project name"), max_length=200)
    image = models.URLField(_("Image"), max_length=500, blank=True,
                            validators=[validate_commons_file_url])
    link = models.URLField(_("Link"), max_length=500, blank=True, validators=[validate_web_url])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("main project")
        verbose_name_plural = _("main projects")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class Document(models.Model):
    """A document of an organization on Wikimedia Commons (at most MAX_SHOWN)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="documents")
    url = models.URLField(_("Document"), max_length=500, validators=[validate_commons_file_url])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.url.rsplit("/", 1)[-1].removeprefix("File:")


class DiffPost(models.Model):
    """A post of the Diff blog about an organization, stored by `manage.py fetch_diff_news`
    (pages never call Diff), shown newest first."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="news")
    title = models.CharField(_("Title"), max_length=500)
    link = models.URLField(_("Link"), max_length=500)
    published = models.DateTimeField(_("Published"))
    excerpt = models.TextField(_("Excerpt"), blank=True)
    image = models.URLField(_("Image"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Diff post")
        verbose_name_plural = _("Diff posts")
        ordering = ["-published", "-pk"]
        constraints = [models.UniqueConstraint(fields=["organization", "link"],
                                               name="diff_post_once")]

    def __str__(self):
        return self.title

