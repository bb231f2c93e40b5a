import logging
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from capacities.picker import came_back_from_picker, without_removed
from capacities.tree import load_tree
from capx.fragments import cached_fragment, mark_chosen
from capx.navigation import as_key, safe_next, with_query
from capx.wikimedia.http import WikimediaError, WikimediaUnreachable
from events import ics
from events.forms import EventFilterForm, EventForm, FeaturedForm
from events.models import Event, time_zone_names
from events.prefill import read_event, system_of
from organizations.access import manages
from organizations.models import MAX_SHOWN, Organization
from profiles.filter_options import territory_options
from profiles.validators import validate_web_url

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
MAX_EXPORTED = 1000  # events in one calendar file


# --- The Events page -----------------------------------------------------------------------

@require_safe
def event_list(request):
    tree = load_tree(request)
    form = EventFilterForm(request.GET, tree)
    filters = form.filters()
    if form.ignored:
        messages.warning(request, _("Some filters were not recognized and were left out: "
                                    "%(values)s") % {"values": ", ".join(form.ignored[:5])})
    events = Event.objects.matching(filters, tree, timezone.now()).select_related("organization")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    attach_capacities(page.object_list, tree)
    items = filters.query_items()
    path = request.path
    in_use = chosen(filters)
    return render(request, "events/list.html", {
        "form": form, "filters": filters, "page": page, "tree": tree,
        "chosen": in_use,
        "upcoming_url": with_query(path, [item for item in items if item[0] != "when"]),
        "past_url": with_query(path, [("when", "past")] + [i for i in items if i[0] != "when"]),
        "previous_url": with_query(path, items + page_item(page.previous_page_number()))
        if page.has_previous() else None,
        "next_url": with_query(path, items + page_item(page.next_page_number()))
        if page.has_next() else None,
        "calendar_url": with_query(reverse("events:calendar"), items),
        "territory_options": mark_chosen(territory_options(request), in_use["territory"]),
        "organization_options": mark_chosen(organization_options(request),
                                            in_use["organization"]),
    })


def organization_options(request):
    """The organization filter's options: the listed organizations with events, rendered
    once per language and set of them (the ids are read each time: one small query)."""
    ids = list(Organization.objects.listed()
               .filter(pk__in=Event.objects.values("organization_id"))  # each one once
               .values_list("pk", flat=True))
    return cached_fragment(request, "event-organizations", ["organizations"],
                           lambda: render_to_string("events/_organization_options.html", {
                               "organizations": Organization.objects.filter(pk__in=ids)}),
                           members=ids)


def chosen(filters):
    return {"capacity": [node.slug for node in filters.capacities],
            "territory": [territory.slug for territory in filters.territories],
            "location": filters.locations,
            "organization": [organization.slug for organization in filters.organizations]}


def page_item(number):
    return [("page", number)] if number > 1 else []


def attach_capacities(events, tree):
    """Each event's capacities as `shown_capacities`: the tree's nodes (which know their
    root's colour without a query), in directory order; one query for the whole page."""
    events = list(events)
    pairs = Event.capacities.through.objects.filter(
        event_id__in=[event.pk for event in events]).values_list("event_id", "capacity_id")
    ids = {}
    for event_id, capacity_id in pairs:
        ids.setdefault(event_id, []).append(capacity_id)
    for event in events:
        event.shown_capacities = tree.in_order(ids.get(event.pk, []))


# --- iCalendar ------------------------------------------------------------------------------

@require_safe
def calendar(request):
    """The Events page's events (same filters, every page of them) as one calendar."""
    tree = load_tree(request)
    filters = EventFilterForm(request.GET, tree).filters()
    events = list(Event.objects.matching(filters, tree, timezone.now())
                  .select_related("organization")[:MAX_EXPORTED])
    return calendar_response(events, tree, request, "capx-events.ics")


@require_safe
def event_calendar(request, pk):
    event = get_object_or_404(Event.objects.shown().select_related("organization"), pk=pk)
    return calendar_response([event], load_tree(request), request, f"event-{event.pk}.ics")


def calendar_response(events, tree, request, filename):
    attach_capacities(events, tree)
    text = ics.calendar(events, request.get_host().split(":")[0], _("CapX events"))
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- An organization's events, for its managers ---------------------------------------------

def managed_organization(request, slug):
    """The organization, if the person asking manages it; anyone else (staff too) is
    refused: events speak for the organization."""
    organization = get_object_or_404(Organization, slug=slug)
    if not manages(request, organization):
        raise PermissionDenied
    return organization


def managed_event(request, pk):
    event = get_object_or_404(Event.objects.select_related("organization"), pk=pk)
    if not manages(request, event.organization):
        raise PermissionDenied
    return event


@login_required
@transaction.atomic
def manage(request, slug):
    """The organization's events, and which of them its profile features (up to
    MAX_SHOWN): ticked boxes, saved together."""
    organization = managed_organization(request, slug)
    events = list(organization.events.order_by("-start", "-pk"))
    if request.method == "POST":
        form = FeaturedForm(request.POST, organization=organization)
        if form.is_valid():
            form.save()
            messages.success(request, _("The featured events were saved."))
            return redirect("events:manage", organization.slug)
        for error in form.errors.get("featured", []):
            messages.error(request, error)
        ticked = {as_key(pk) for pk in request.POST.getlist("featured")} - {None}
    else:
        form = FeaturedForm(organization=organization)
        ticked = {event.pk for event in events if event.featured}
    now = timezone.now()
    return render(request, "events/manage.html", {
        "organization": organization, "form": form, "ticked": ticked, "max_shown": MAX_SHOWN,
        "upcoming": [event for event in reversed(events) if event.end >= now],
        "past": [event for event in events if event.end < now],
    })


@login_required
@transaction.atomic
def create(request, slug):
    organization = managed_organization(request, slug)
    return editor(request, Event(organization=organization, creator=request.user))


@login_required
@transaction.atomic
def edit(request, pk):
    return editor(request, managed_event(request, pk))


def editor(request, event):
    """One form for a new event and a saved one. Search (name="prefill") fills it in from
    the event's URL and shows it again, unsaved; the capacity picker without JavaScript
    comes back the same way."""
    if request.method != "POST":
        form = EventForm(instance=event)
    elif came_back_from_picker(request):
        messages.info(request, _("Your capacity selection is in the form below. Save the "
                                 "event to keep it."))
        form = EventForm.for_review(without_removed(request.POST), instance=event)
    elif "prefill" in request.POST:
        form = prefilled(request, event)
    else:
        form = EventForm(request.POST, instance=event)
        if form.is_valid():
            form.save()
            messages.success(request, _("The event “%(name)s” was saved.")
                             % {"name": form.instance.name})
            # Back where it was opened (the organization editor's dialog), else its events.
            return redirect(safe_next(request, default=reverse(
                "events:manage", args=[event.organization.slug])))
        messages.error(request, _("The event was not saved: please correct the fields marked "
                                  "below."))
    return render(request, "events/edit.html", {
        "form": form, "event": event, "organization": event.organization,
        "next": safe_next(request, default=""),
    })


def prefilled(request, event):
    """The form with what the page at the typed URL says about the event (the manager
    reviews it, then saves); what was typed stays when nothing can be read."""
    data = request.POST.copy()
    try:
        url = EventForm.base_fields["url"].clean(data.get("url", ""))
        validate_web_url(url)
    except ValidationError as error:
        return EventForm.for_review(data, instance=event, errors={"url": error})
    data["url"] = url
    name = data.get("time_zone")
    zone = zoneinfo.ZoneInfo(name if name in time_zone_names() else "UTC")
    try:
        found = read_event(url, zone)
    except WikimediaError as error:
        logger.warning("Reading the event at %s failed: %s", url, error)
        message = (_("%(system)s could not be reached, so nothing was filled in. The form "
                     "keeps what you typed: try again later, or fill it in by hand.")
                   if isinstance(error, WikimediaUnreachable) else
                   _("%(system)s answered with an error, so nothing was filled in. The form "
                     "keeps what you typed: try again later, or fill it in by hand."))
        messages.error(request, message % {"system": system_of(url)})
        return EventForm.for_review(data, instance=event)
    if not (found.system and found.found and found.values):
        messages.warning(request, _("Nothing could be read from this address: fill in the "
                                    "event by hand."))
        return EventForm.for_review(data, instance=event)
    for field, value in found.values.items():
        data[field] = value
    messages.success(request, _("Filled in from %(system)s: check every field, then save "
                                "the event.") % {"system": found.system})
    for note in found.notes:
        messages.info(request, note)
    return EventForm.for_review(data, instance=event)


@login_required
@transaction.atomic
def delete(request, pk):
    event = managed_event(request, pk)
    if request.method == "POST":
        event.delete()
        messages.success(request, _("The event “%(name)s” was deleted.") % {"name": event.name})
        return redirect("events:manage", event.organization.slug)
    return render(request, "events/delete.html", {"event": event,
                                                  "organization": event.organization})
