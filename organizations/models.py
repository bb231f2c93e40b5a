from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class Organization(models.Model):
    """A Wikimedia organization: what a Wikimedian can say they are affiliated with, and
    (in a later step) the organization's own profile. One record for both, never two lists.
    The shipped ones are the Wikimedia affiliates (organizations/data/affiliates.json)."""

    name = models.CharField(_("name"), max_length=200, db_index=True,
                            help_text=_("The name in English."))
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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The English name, with the local one beside it when there is one."""
        return f"{self.name} — {self.local_name}" if self.local_name else self.name
