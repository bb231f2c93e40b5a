from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy as _

validate_qid = RegexValidator(r"^Q[1-9][0-9]*$", _("Enter an item id such as Q123."))
validate_color = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Enter a colour such as #0078D4."))
validate_icon = RegexValidator(r"^[a-z0-9-]+\.svg$", _("Enter a file name such as communication.svg."))


class Capacity(models.Model):
    """One entry of the Capacity Directory: a tree of at most three levels
    (root → child → grandchild). Descendants take their root's colour and icon."""

    MAX_LEVELS = 3

    slug = models.SlugField(_("slug"), max_length=120, unique=True,
                            help_text=_("Stable identifier used in links; do not change it."))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True,
                               related_name="children", on_delete=models.PROTECT)
    order = models.PositiveIntegerField(_("order"), default=0,
                                        help_text=_("Position among its siblings."))
    # Derived from the parent on save: 0 for a root, 1 for a child, 2 for a grandchild.
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    root = models.ForeignKey("self", null=True, blank=True, related_name="+",
                             editable=False, on_delete=models.CASCADE)
    color = models.CharField(_("colour"), max_length=7, blank=True, validators=[validate_color],
                             help_text=_("Roots only: descendants take their root's colour."))
    icon = models.CharField(_("icon"), max_length=80, blank=True, validators=[validate_icon],
                            help_text=_("Roots only: file name in static/img/capacities/."))
    metabase_qid = models.CharField(_("Metabase QID"), max_length=20, blank=True,
                                    validators=[validate_qid])
    wikidata_qid = models.CharField(_("Wikidata QID"), max_length=20, blank=True,
                                    validators=[validate_qid])

    class Meta:
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["wikidata_qid"], condition=~models.Q(wikidata_qid=""),
                                    name="capacity_unique_wikidata_qid"),
            models.UniqueConstraint(fields=["metabase_qid"], condition=~models.Q(metabase_qid=""),
                                    name="capacity_unique_metabase_qid"),
        ]

    def __str__(self):
        return self.name

    # --- the tree rules ---------------------------------------------------------------
    def subtree_height(self):
        """Levels below this capacity: 0 for a leaf, at most 2."""
        if self.pk is None:
            return 0
        if Capacity.objects.filter(parent__parent=self).exists():
            return 2
        return 1 if self.children.exists() else 0

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        ancestor, depth = self.parent, 1
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A capacity cannot be placed inside itself.")})
            ancestor, depth = ancestor.parent, depth + 1
        if depth + self.subtree_height() > self.MAX_LEVELS:
            raise ValidationError({"parent": _(
                "The Capacity Directory has at most three levels (root, child, grandchild); "
                "placing this capacity here would make it deeper."
            )})

    def save(self, *args, **kwargs):
        self.clean()  # the depth rule holds for every save, not only admin forms
        parent = self.parent
        self.level = parent.level + 1 if parent else 0
        self.root_id = (parent.root_id or parent.pk) if parent else None
        super().save(*args, **kwargs)
        # A capacity that moved takes its descendants' level and root along.
        for child in self.children.all():
            if child.level != self.level + 1 or child.root_id != (self.root_id or self.pk):
                child.save()

    # --- derived --------------------------------------------------------------------
    def theme(self):
        """(colour, icon) of this capacity's root."""
        source = self.root if self.root_id else self
        return source.color, source.icon

    def get_absolute_url(self):
        """Its page. Kept on the instance: the tree's capacities are shared by every page a
        process serves (capacities.tree.load_tree), and the address of each never changes."""
        if self.__dict__.get("_url_slug") != self.slug:
            self.__dict__["_url"] = reverse("capacities:detail", args=[self.slug])
            self.__dict__["_url_slug"] = self.slug
        return self.__dict__["_url"]

    @property
    def theme_slug(self):
        """The CSS theme (colour and icon) this capacity takes: its root's."""
        return self.root.slug if self.root_id else self.slug

    def shows_english(self, field, language=None):
        """True when `field` ("name", "description") has no text in the current language
        but has one in English, which the page then shows (modeltranslation's fallback)."""
        language = (language or get_language() or "en").replace("-", "_")
        return language != "en" and not getattr(self, f"{field}_{language}", None) \
            and bool(getattr(self, f"{field}_en", ""))

    def translation_missing(self, language=None):
        """True when the name or description falls back to English in the current
        language, so the page asks for help translating it."""
        return self.shows_english("name", language) or self.shows_english("description", language)

    @property
    def metabase_url(self):
        return settings.METABASE_ITEM_URL.format(qid=self.metabase_qid) if self.metabase_qid else ""

    @property
    def contribute_url(self):
        """Where to translate it: its Metabase item, or Metabase itself."""
        return self.metabase_url or settings.METABASE_URL

    @property
    def wikidata_url(self):
        return settings.WIKIDATA_ITEM_URL.format(qid=self.wikidata_qid) if self.wikidata_qid else ""

    @property
    def lineage_ids(self):
        """Ids of this capacity and of every capacity containing it: with three levels at
        most, its parent and its root are all its ancestors (no query)."""
        return {pk for pk in (self.pk, self.parent_id, self.root_id) if pk}

    def path(self):
        """Ancestors from the root down to this capacity."""
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


class CapacitySuggestion(models.Model):
    """'Can't find a capacity? Suggest a new one!': reviewed by staff in the admin."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=1000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.CASCADE, related_name="capacity_suggestions")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.NEW)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("capacity suggestion")
        verbose_name_plural = _("capacity suggestions")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
