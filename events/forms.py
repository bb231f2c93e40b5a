import zoneinfo

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Value, When
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, ngettext

from capacities.forms import CapacitiesField
from events.models import FIRST_TIME, LAST_TIME, OPENSTREETMAP_MESSAGE, Event, time_zone_names
from organizations.models import MAX_SHOWN, Organization
from profiles.models import Territory
from profiles.validators import COMMONS_FILE_MESSAGE, WEB_URL_MESSAGE

DATETIME_INPUT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as the organizer's clock shows it, without a time zone: the form's
    time zone field says which one it is."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT)
    input_formats = [DATETIME_INPUT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
    # Years no event has: in UTC, 9999-12-31 23:00 in Honolulu is in the year 10000, which
    # Python cannot read back, and every page listing events failed.
    default_validators = [MinValueValidator(FIRST_TIME), MaxValueValidator(LAST_TIME)]

    def to_python(self, value):
        # Django makes it aware in the current time zone (UTC); take its clock back.
        moment = super().to_python(value)
        return timezone.make_naive(moment) if moment else moment


def time_zone_choices():
    """UTC first, then the zones grouped by continent, each by its place ("Sao Paulo")."""
    groups = {}
    for name in time_zone_names()[1:]:
        area, _slash, place = name.partition("/")
        groups.setdefault(area, []).append((name, place.replace("_", " ").replace("/", " / ")))
    return [("UTC", "UTC"), *groups.items()]


# A URL field gives every "invalid" error its own words ("Enter a valid URL."), the model's
# validators' too: these say what each address must be.
INVALID_URL = {"url": WEB_URL_MESSAGE, "openstreetmap": OPENSTREETMAP_MESSAGE,
               "image": COMMONS_FILE_MESSAGE}


def https_urls(db_field, **kwargs):
    """A link typed without a scheme is taken to be https:// (Django's URLField)."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
        kwargs["error_messages"] = {"invalid": INVALID_URL[db_field.name]}
    return db_field.formfield(**kwargs)


class EventForm(forms.ModelForm):
    start = LocalDateTimeField(label=_("Start"))
    end = LocalDateTimeField(label=_("End"))
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices, initial="UTC",
                                  help_text=_("The start and end are times in this zone. "
                                              "Pages show them with it."))
    capacities = CapacitiesField(label=_("Capacities"))

    class Meta:
        model = Event
        fields = ["url", "name", "description", "start", "end", "time_zone", "location_type",
                  "place", "openstreetmap", "wikidata_qid", "image", "capacities"]
        formfield_callback = https_urls
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
            "location_type": forms.RadioSelect,
        }
        help_texts = {
            "url": _("Where people find out more: the View event button links here. "
                     "Search fills in the form from a Meta-Wiki page, a Wikidata item or a "
                     "WikiLearn course."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event, given = self.instance, kwargs.get("initial") or {}
        if event.pk and not self.is_bound:  # the saved times, on the organizer's clock
            for name, moment in (("start", event.local_start), ("end", event.local_end)):
                if name not in given:
                    self.initial[name] = moment.replace(tzinfo=None)

    @classmethod
    def for_review(cls, data, instance=None, errors=None):
        """The form showing `data` (what was typed, maybe filled in by Search) without
        checking it: the manager reviews it, then saves. `errors`: field → message, shown
        next to those fields only."""
        initial = {name: field.widget.value_from_datadict(data, {}, name)
                   for name, field in cls.base_fields.items()}
        form = cls(instance=instance, initial=initial)
        form._errors, form.cleaned_data = ErrorDict(), {}
        for name, message in (errors or {}).items():
            form.add_error(name, message)
        return form

    def clean(self):
        data = super().clean()
        zone = zoneinfo.ZoneInfo(data.get("time_zone") or "UTC")
        for name in ("start", "end"):  # the clock in that zone → a moment (stored in UTC)
            if data.get(name):
                data[name] = data[name].replace(tzinfo=zone)
        return data


class FeaturedForm(forms.Form):
    """The events an organization features on its profile: at most MAX_SHOWN."""

    featured = forms.ModelMultipleChoiceField(Event.objects.none(), required=False,
                                              widget=forms.CheckboxSelectMultiple,
                                              label=_("Featured on the profile"))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["featured"].queryset = organization.events.all()

    def clean_featured(self):
        chosen = self.cleaned_data["featured"]
        if len(chosen) > MAX_SHOWN:
            raise forms.ValidationError(ngettext(
                "You can feature at most %(max)d event on the profile: you chose %(count)d. "
                "Untick some.",
                "You can feature at most %(max)d events on the profile: you chose %(count)d. "
                "Untick some.", MAX_SHOWN) % {"max": MAX_SHOWN, "count": len(chosen)},
                code="too_many_featured")
        return chosen

    def save(self):
        """One UPDATE: the chosen ones featured, the others not, so two managers saving at
        once still leave at most MAX_SHOWN."""
        ids = [event.pk for event in self.cleaned_data["featured"]]
        self.organization.events.update(featured=Case(When(pk__in=ids, then=Value(True)),
                                                      default=Value(False)))


# --- The Events page's filters -----------------------------------------------------------

MAX_VALUES = 30  # per filter: more than anyone picks by hand
# The days a filter can name: no event is outside them, and the calendar's last day has no
# day after it (the filter's "to" takes events up to the end of its day).
FILTER_DAYS = [MinValueValidator(FIRST_TIME.date()), MaxValueValidator(LAST_TIME.date())]


class SlugsField(forms.Field):
    """Every value a GET parameter was given (?capacity=a&capacity=b), trimmed, without
    repeats or empty ones."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        values = value if isinstance(value, (list, tuple)) else [value] if value else []
        cleaned = [str(v).strip()[:100] for v in values if str(v).strip()]
        return list(dict.fromkeys(cleaned))[:MAX_VALUES]


class EventFilterForm(forms.Form):
    """The Events page's filters, all in the query string so a filtered list is a link to
    share (and the calendar export takes the same). A value that names nothing is left out
    (in `ignored`); a date that is not one is an error next to its field."""

    UPCOMING, PAST = "upcoming", "past"

    when = forms.ChoiceField(required=False, label=_("When"),
                             choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))])
    capacity = SlugsField(label=_("Capacities"))
    territory = SlugsField(label=_("Territory"))
    location = forms.MultipleChoiceField(required=False, choices=Event.Location.choices,
                                         widget=forms.CheckboxSelectMultiple,
                                         label=_("Type of location"))
    organization = SlugsField(label=_("Organization"))

    def __init__(self, data, tree):
        super().__init__(data)
        self.tree = tree
        self.ignored = []
        # "from" and "to" are the parameters' names, and "from" is a Python keyword.
        self.fields["from"] = forms.DateField(required=False, label=_("From"),
                                              widget=forms.DateInput(attrs={"type": "date"}),
                                              validators=FILTER_DAYS)
        self.fields["to"] = forms.DateField(required=False, label=_("To"),
                                            widget=forms.DateInput(attrs={"type": "date"}),
                                            validators=FILTER_DAYS)
        self.order_fields(["when", "capacity", "territory", "location", "organization",
                           "from", "to"])

    def filters(self):
        """The filters in effect, resolved: what an invalid field says is left out."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        return Filters(
            past=data["when"] == self.PAST,
            capacities=self.known(data["capacity"] or [], self.tree.get),
            territories=self.resolve(data["territory"], Territory.objects.all()),
            locations=data["location"] or [],
            organizations=self.resolve(data["organization"], Organization.objects.all()),
            start=data["from"], end=data["to"],
        )

    def known(self, values, lookup):
        found = []
        for value in values:
            item = lookup(value)
            if item is None:
                self.ignored.append(value)
            elif item not in found:
                found.append(item)
        return found

    def resolve(self, slugs, queryset):
        if not slugs:
            return []
        by_slug = {item.slug: item for item in queryset.filter(slug__in=slugs)}
        return self.known(slugs, by_slug.get)


class Filters:
    def __init__(self, past=False, capacities=(), territories=(), locations=(),
                 organizations=(), start=None, end=None):
        self.past, self.capacities, self.territories = past, list(capacities), list(territories)
        self.locations, self.organizations = list(locations), list(organizations)
        self.start, self.end = start, end

    def query_items(self):
        """The filters as (parameter, value) pairs, as the query string names them."""
        items = [("when", "past")] if self.past else []
        items += [("capacity", node.slug) for node in self.capacities]
        items += [("territory", territory.slug) for territory in self.territories]
        items += [("location", kind) for kind in self.locations]
        items += [("organization", organization.slug) for organization in self.organizations]
        items += [("from", self.start.isoformat())] if self.start else []
        items += [("to", self.end.isoformat())] if self.end else []
        return items

    def __bool__(self):
        return any((self.capacities, self.territories, self.locations, self.organizations,
                    self.start, self.end))
