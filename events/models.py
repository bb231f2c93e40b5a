import re
import zoneinfo
from datetime import datetime, time, timedelta, timezone as dt_timezone

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from capx.wikimedia import commons
from organizations.models import MAX_SHOWN, Organization
from profiles.models import Territory
from profiles.validators import validate_commons_file_url, validate_web_url

# The years an event can have, in UTC, on every path (the editor, the admin, sync_events):
# 9999-12-31 20:00 UTC is in the year 10000 on Kiritimati's clock, which Python cannot show,
# and every page listing events failed.
FIRST_TIME, LAST_TIME = datetime(1900, 1, 1), datetime(2999, 12, 31, 23, 59)  # no time zone
EVENT_TIMES = [MinValueValidator(FIRST_TIME.replace(tzinfo=dt_timezone.utc)),
               MaxValueValidator(LAST_TIME.replace(tzinfo=dt_timezone.utc))]

OPENSTREETMAP_URL = re.compile(r"^https://www\.openstreetmap\.org/(node|way|relation)/[1-9][0-9]*/?$")


OPENSTREETMAP_MESSAGE = _("Enter the address of a place on OpenStreetMap, such as "
                          "https://www.openstreetmap.org/node/123 (a node, way or relation).")


def validate_openstreetmap_url(value):
    if not OPENSTREETMAP_URL.match(value or ""):
        raise ValidationError(OPENSTREETMAP_MESSAGE, code="invalid")


validate_event_qid = RegexValidator(r"^Q[1-9][0-9]*$", _("Enter a Wikidata item id such as Q123."))


def validate_time_zone(value):
    if value not in time_zone_names():
        raise ValidationError(_("Choose a time zone from the list."), code="invalid")


_zones = []


def time_zone_names():
    """UTC, then every IANA zone the system knows by its place name (Europe/Lisbon), sorted;
    the old aliases (EST5EDT, Etc/GMT+3, US/Eastern) left out, as people pick a city."""
    if not _zones:
        names = {name for name in zoneinfo.available_timezones()
                 if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/",
                                                        "right/"))}
        _zones[:] = ["UTC", *sorted(names)]
    return _zones


class Events(models.QuerySet):
    def shown(self):
        """Events of listed organizations (with an active manager): only those are public."""
        return self.filter(organization__in=Organization.objects.listed())

    def matching(self, filters, tree, now):
        """The shown events that pass `filters` (events.forms.Filters): upcoming ones (not
        ended at `now`) soonest first, or past ones newest first. Several values of one
        filter are alternatives; different filters all apply. A capacity also finds the
        events of the capacities inside it; a region, the organizations in its countries."""
        events = self.shown()
        if filters.capacities:
            ids = {node.pk for chosen in filters.capacities for node in tree.subtree(chosen)}
            events = events.filter(Exists(Event.capacities.through.objects.filter(
                event_id=OuterRef("pk"), capacity_id__in=ids)))
        if filters.territories:
            covered = Territory.objects.filter(
                Q(pk__in=[territory.pk for territory in filters.territories])
                | Q(region_id__in=[territory.pk for territory in filters.territories
                                   if territory.is_region])).values("pk")
            events = events.filter(Exists(Organization.territories.through.objects.filter(
                organization_id=OuterRef("organization_id"), territory_id__in=covered)))
        if filters.locations:
            events = events.filter(location_type__in=filters.locations)
        if filters.organizations:
            events = events.filter(organization__in=filters.organizations)
        if filters.start:  # still going on that day or later (days in UTC, as the page's)
            events = events.filter(end__gte=day_start(filters.start))
        if filters.end:
            events = events.filter(start__lt=day_start(filters.end + timedelta(days=1)))
        if filters.past:
            return events.filter(end__lt=now).order_by("-start", "-pk")
        return events.filter(end__gte=now).order_by("start", "pk")


class Event(models.Model):
    """An event an organization holds, created by one of its managers and shown on the
    Events page. Times are stored in UTC; `time_zone` is the one the organizer gave them
    in, in which pages show them."""

    class Location(models.TextChoices):
        VIRTUAL = "virtual", _("Virtual")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    url = models.URLField(_("Event URL"), max_length=500, validators=[validate_web_url],
                          help_text=_("Where people find out more: the View event button "
                                      "links here."))
    name = models.CharField(_("Event name"), max_length=200)
    description = models.TextField(_("Description"), max_length=2000, blank=True)
    location_type = models.CharField(_("Type of location"), max_length=10,
                                     choices=Location.choices, default=Location.VIRTUAL,
                                     db_index=True)
    place = models.CharField(_("Place"), max_length=200, blank=True,
                             help_text=_("Where it happens, such as a city or a venue."))
    openstreetmap = models.URLField(
        _("OpenStreetMap link"), max_length=500, blank=True,
        validators=[validate_openstreetmap_url],
        help_text=_("The place on OpenStreetMap, such as https://www.openstreetmap.org/node/123."))
    wikidata_qid = models.CharField(_("Wikidata item"), max_length=20, blank=True,
                                    validators=[validate_event_qid],
                                    help_text=_("The event's item on Wikidata, such as Q123."))
    image = models.URLField(_("Image"), max_length=500, blank=True,
                            validators=[validate_commons_file_url],
                            help_text=_("A file on Wikimedia Commons."))
    start = models.DateTimeField(_("Start"), validators=EVENT_TIMES)
    end = models.DateTimeField(_("End"), validators=EVENT_TIMES)
    time_zone = models.CharField(_("Time zone"), max_length=64, default="UTC",
                                 validators=[validate_time_zone])
    capacities = models.ManyToManyField("capacities.Capacity", verbose_name=_("Capacities"),
                                        blank=True, related_name="events")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"),
                                     on_delete=models.CASCADE, related_name="events")
    creator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="created_events")
    featured = models.BooleanField(_("featured"), default=False,
                                   help_text=_("Shown on the organization's profile (at most "
                                               "4 per organization)."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last update"), auto_now=True)

    objects = Events.as_manager()

    @property
    def image_url(self):
        """The picture of its card: its Commons file shown as the file (not its page)."""
        return commons.image_url(self.image, 192)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "pk"]
        indexes = [
            # Upcoming (end ≥ now) soonest first, and past ones newest first.
            models.Index(fields=["end", "start"], name="event_end_start"),
            models.Index(fields=["start"], name="event_start"),
            models.Index(fields=["organization", "featured"], name="event_org_featured"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")),
                                   name="event_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """An event's page is its own site: CapX links there (View event)."""
        return self.url

    def get_calendar_url(self):
        return reverse("events:event_calendar", args=[self.pk])

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        if self.featured and self.organization_id:
            others = Event.objects.filter(organization_id=self.organization_id, featured=True)
            if self.pk:
                others = others.exclude(pk=self.pk)
            if others.count() >= MAX_SHOWN:
                raise ValidationError(
                    _("An organization can feature at most %(max)d events on its profile.")
                    % {"max": MAX_SHOWN}, code="too_many_featured")

    # --- shown in the event's own time zone ------------------------------------------------
    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return dt_timezone.utc

    @property
    def local_start(self):
        return self.start.astimezone(self.zone)

    @property
    def local_end(self):
        return self.end.astimezone(self.zone)

    @property
    def zone_label(self):
        """"America/Sao_Paulo (UTC−03:00)": the zone by its place, and its offset at the
        start (summer time included)."""
        return zone_label(self.time_zone, self.local_start)

    @property
    def same_day(self):
        return self.local_start.date() == self.local_end.date()


def day_start(day):
    return datetime.combine(day, time(0), tzinfo=dt_timezone.utc)


def zone_label(name, moment):
    offset = moment.utcoffset()
    if name == "UTC" or offset is None:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{name} (UTC{sign}{hours:02d}:{minutes:02d})"
