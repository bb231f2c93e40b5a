import re
from urllib.parse import unquote

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from profiles.accounts.models import User, UserManager  # noqa: F401  (AUTH_USER_MODEL)
from profiles.validators import validate_commons_file_url, validate_username


# --- Reference data of user profiles: shipped with CapX (profiles/data/, loaded by data
# migrations through profiles/shipped.py) and edited by staff in the admin. -----------------

validate_country_code = RegexValidator(
    r"^[A-Z]{2}$", _("Enter a two-letter ISO 3166-1 code in capitals, such as BR.")
)
validate_language_code = RegexValidator(
    r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$",
    _("Enter a Wikimedia language code in lower case, such as pt, pt-br or zh-yue."),
)
validate_project_code = RegexValidator(
    r"^[a-z0-9]+$", _("Enter a Wikimedia database name in lower case, such as metawiki.")
)


class Territory(models.Model):
    """One of the eight Wikimedia Foundation regions (2022), or a country inside one of them.
    A filter on a region matches the region and every country in it (see covered())."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        COUNTRY = "country", _("Country")

    slug = models.SlugField(_("slug"), max_length=100, unique=True,
                            help_text=_("Stable identifier used in links; do not change it."))
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.COUNTRY, db_index=True)
    region = models.ForeignKey(
        "self", verbose_name=_("region"), null=True, blank=True, related_name="countries",
        on_delete=models.PROTECT, limit_choices_to={"kind": Kind.REGION},
        help_text=_("Countries only: the region the country belongs to."),
    )
    # Indexed by the unique constraint below (regions have no code).
    code = models.CharField(_("ISO code"), max_length=2, blank=True,
                            validators=[validate_country_code],
                            help_text=_("Countries only: ISO 3166-1 alpha-2 code."))

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["-kind", "name"]  # regions before countries ("region" > "country")
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~models.Q(code=""),
                                    name="territory_unique_code"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_region(self):
        return self.kind == self.Kind.REGION

    def clean(self):
        super().clean()
        if self.is_region:
            if self.region_id:
                raise ValidationError({"region": _("A region is not inside another region.")})
            if self.code:
                raise ValidationError({"code": _("Regions have no ISO code.")})
            return
        if not self.region_id:
            raise ValidationError({"region": _("Choose the region this country belongs to.")})
        if self.region.kind != self.Kind.REGION:
            raise ValidationError({"region": _("A country belongs to a region, not to another country.")})
        if not self.code:
            raise ValidationError({"code": _("Enter the country's ISO code.")})

    def covered(self):
        """The territories a filter on this one matches: a region and its countries, or
        just this country."""
        if self.is_region:
            return Territory.objects.filter(models.Q(pk=self.pk) | models.Q(region=self))
        return Territory.objects.filter(pk=self.pk)


class Language(models.Model):
    """A language a Wikimedian can connect in, by its Wikimedia code (the Wikipedia
    subdomain where there is one: "zh-yue", "be-tarask"; "pt-br" for Brazilian Portuguese)."""

    code = models.CharField(_("code"), max_length=20, unique=True,
                            validators=[validate_language_code])
    name = models.CharField(_("English name"), max_length=100, db_index=True)
    autonym = models.CharField(_("autonym"), max_length=100, blank=True,
                               help_text=_("The language's name in the language itself."))

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The language's name in the reader's language (profiles/language_names.py)."""
        from profiles.language_names import localized_name
        return localized_name(self)

    @property
    def listed_name(self):
        """Its name in the reader's language with its own name beside it, for lists."""
        from profiles.language_names import name_with_autonym
        return name_with_autonym(self)


class WikimediaProject(models.Model):
    """A Wikimedia project a Wikimedian can say they are interested in."""

    code = models.CharField(_("code"), max_length=40, unique=True,
                            validators=[validate_project_code],
                            help_text=_("Its database name, such as wikidatawiki."))
    name = models.CharField(_("name"), max_length=100)
    image_url = models.URLField(_("logo"), max_length=500, blank=True,
                                validators=[validate_commons_file_url],
                                help_text=_("Address of its logo on Wikimedia Commons."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("Wikimedia project")
        verbose_name_plural = _("Wikimedia projects")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


AVATAR_DIR = "img/avatars/"  # in static/: the avatars that ship with CapX


def validate_avatar_file(value):
    """A plain file name (no folders, so nothing outside the avatars folder) of a file that
    is really in static/img/avatars/: a typo would show a broken image on every profile."""
    if not re.fullmatch(r"[\w-]+\.(?:svg|png|webp)", value) or not finders.find(AVATAR_DIR + value):
        raise ValidationError(
            _("Enter the name of a file in static/img/avatars/, such as avatar-01.svg."),
            code="invalid",
        )


class Avatar(models.Model):
    """An image a Wikimedian can choose for their profile: a file shipped with CapX in
    static/img/avatars/ (shown with no network, like the 21 shipped ones), or a file on
    Wikimedia Commons that staff add. Exactly one of the two."""

    file = models.CharField(_("file"), max_length=100, blank=True,
                            validators=[validate_avatar_file],
                            help_text=_("Name of a file in static/img/avatars/, such as "
                                        "avatar-01.svg. Leave it empty for an image on Commons."))
    image_url = models.URLField(_("image on Commons"), max_length=500, blank=True,
                                validators=[validate_commons_file_url],
                                help_text=_("Address of the file on Wikimedia Commons, when no "
                                            "file of CapX is named."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("avatar")
        verbose_name_plural = _("avatars")
        ordering = ["order", "id"]
        constraints = [
            # Exactly one of the two: an empty file name XOR an empty address.
            models.CheckConstraint(condition=Q(file="") ^ Q(image_url=""),
                                   name="avatar_file_or_commons",
                                   violation_error_message=_(
                                       "Fill in one of the two: the file of CapX or the "
                                       "image on Commons.")),
            # Once each, among the avatars that use the field (many leave it empty).
            models.UniqueConstraint(fields=["file"], condition=~Q(file=""),
                                    name="avatar_file_once",
                                    violation_error_message=_("This file is already an avatar.")),
            models.UniqueConstraint(fields=["image_url"], condition=~Q(image_url=""),
                                    name="avatar_image_url_once",
                                    violation_error_message=_("This image is already an avatar.")),
        ]

    def __str__(self):
        return self.file or unquote(self.image_url.rsplit("/", 1)[-1]).replace("_", " ")

    @property
    def url(self):
        return static(AVATAR_DIR + self.file) if self.file else self.image_url


# --- The user profile ---------------------------------------------------------------------

class Proficiency(models.IntegerChoices):
    NOT_PROFICIENT = 0, _("Not proficient")
    BASIC = 1, _("Basic")
    INTERMEDIATE = 2, _("Intermediate")
    ADVANCED = 3, _("Advanced")
    ALMOST_NATIVE = 4, _("Almost native")
    PROFESSIONAL = 5, _("Professional proficiency")
    NATIVE = 6, _("Native")


class Profiles(models.QuerySet):
    def shown(self):
        """The profiles anyone may be shown: those of active users. A deactivated user's
        profile is hidden everywhere (their cards are gone too) until they are active again."""
        return self.filter(user__is_active=True)


class Profile(models.Model):
    """What a Wikimedian tells others: what they know, share and want to learn, and how to
    find them. One per user, created the first time it is needed."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        SIGNED_IN = "signed_in", _("Signed-in Wikimedians only")

    BIO_MAX_LENGTH = 500

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    avatar = models.ForeignKey(Avatar, verbose_name=_("avatar"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    show_wikidata_photo = models.BooleanField(
        _("Display my Wikidata item photograph on profile"), default=False)
    show_wikidata_item = models.BooleanField(_("Display my Wikidata item on profile"),
                                             default=False)
    # Found on Wikidata at save time (property P4174, Wikimedia username), never on a view,
    # and only again once the username differs from the one the item was found for.
    wikidata_qid = models.CharField(max_length=20, blank=True)
    wikidata_photo = models.URLField(max_length=500, blank=True)
    wikidata_username = models.CharField(max_length=255, blank=True)
    bio = models.TextField(_("Mini bio"), max_length=BIO_MAX_LENGTH, blank=True)
    bio_language = models.ForeignKey(Language, verbose_name=_("Language of the mini bio"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    alt_account = models.CharField(_("Alternative Wikimedia account"), max_length=255,
                                   blank=True, validators=[validate_username])
    known = models.ManyToManyField("capacities.Capacity", verbose_name=_("Known capacities"),
                                   blank=True, related_name="known_by")
    available = models.ManyToManyField("capacities.Capacity",
                                       verbose_name=_("Available capacities"), blank=True,
                                       related_name="available_by")
    wanted = models.ManyToManyField("capacities.Capacity", verbose_name=_("Wanted capacities"),
                                    blank=True, related_name="wanted_by")
    affiliations = models.ManyToManyField("organizations.Organization",
                                          verbose_name=_("Affiliation"), blank=True,
                                          related_name="affiliated_profiles")
    territories = models.ManyToManyField(Territory, verbose_name=_("Territory"), blank=True,
                                         related_name="profiles")
    projects = models.ManyToManyField(WikimediaProject, verbose_name=_("Wikimedia projects"),
                                      blank=True, related_name="profiles")
    visibility = models.CharField(_("Who can see my profile"), max_length=10,
                                  choices=Visibility.choices, default=Visibility.PUBLIC)
    # Bumped by every save: a form carrying an older number was opened before another save.
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = Profiles.as_manager()

    class Meta:
        verbose_name = _("user profile")
        verbose_name_plural = _("user profiles")

    def __str__(self):
        return self.user.username

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC

    def visible_to(self, viewer):
        return self.is_public or viewer.is_authenticated

    @property
    def image_url(self):
        """The picture shown for this profile: the Wikidata photo when chosen and found,
        else the avatar, else none."""
        if self.show_wikidata_photo and self.wikidata_photo:
            return self.wikidata_photo
        return self.avatar.url if self.avatar_id else ""


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey(Language, verbose_name=_("language"), on_delete=models.CASCADE,
                                 related_name="speakers")
    proficiency = models.PositiveSmallIntegerField(_("proficiency"), choices=Proficiency.choices,
                                                   default=Proficiency.ADVANCED)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        # Checked at commit: reordering or swapping rows passes through states where two
        # rows briefly name the same language (the form refuses real duplicates).
        constraints = [models.UniqueConstraint(fields=["profile", "language"],
                                               name="profile_language_once",
                                               deferrable=models.Deferrable.DEFERRED)]


class Badge(models.Model):
    """A badge Wikimedians earn by a rule of profiles/badges.py; staff edit its texts."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"))
    image = models.CharField(_("image"), max_length=100,
                             help_text=_("File name in static/img/badges/."))
    rule = models.CharField(_("rule"), max_length=40, unique=True,
                            help_text=_("The rule in profiles/badges.py that awards it."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class UserBadge(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="badges")
    badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="holders")
    displayed = models.BooleanField(_("shown on the profile"), default=False)
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["badge__order", "badge_id"]
        constraints = [models.UniqueConstraint(fields=["user", "badge"], name="badge_once")]
