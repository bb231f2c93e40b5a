"""What other pages show of events: {% load events %}{% featured_events organization %} (an
organization's profile), and the pieces of the event cards."""
from django import template
from django.urls import reverse

from capacities.tree import load_tree
from events.forms import EventForm
from events.models import Event
from organizations.models import MAX_SHOWN
from events.views import attach_capacities

register = template.Library()


@register.inclusion_tag("events/_featured.html", takes_context=True)
def featured_events(context, organization, level=3, manager=False):
    """The "Events" section of `organization`'s profile: the events it features (at most
    MAX_SHOWN), as the Events page's cards; `level`: the heading level of their names;
    `manager`: the viewer manages it (a link to its events, even with none featured yet).
    Two queries."""
    request = context.get("request")
    tree = load_tree(request)
    events = list(Event.objects.filter(organization=organization, featured=True)
                  .select_related("organization").order_by("start", "pk")[:MAX_SHOWN])
    attach_capacities(events, tree)
    return {"events": events, "level": level, "request": request, "manager": manager,
            "organization": organization}


@register.inclusion_tag("events/_new_event_dialog.html", takes_context=True)
def new_event_dialog(context, organization):
    """The organization editor's "Create a new event" dialog: a new event's form, posting
    to the page behind it (events:create), which shows it again with any errors."""
    event = Event(organization=organization)
    return {"form": EventForm(instance=event), "event": event, "organization": organization,
            "request": context.get("request"), "csrf_token": context.get("csrf_token"),
            "action": reverse("events:create", args=[organization.slug]), "in_dialog": True,
            "next": reverse("organizations:edit", args=[organization.slug])}
