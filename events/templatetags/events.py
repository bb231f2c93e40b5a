"""What other pages show of events: {% load events %}{% featured_events organization %} (an
organization's profile), and the pieces of the event cards."""
from django import template
from django.urls import NoReverseMatch

from capacities.tree import load_tree
from events.models import Event
from events.views import attach_capacities

register = template.Library()


@register.simple_tag
def organization_url(organization):
    """The organization's profile, or "" while the organization pages are not there."""
    try:
        return organization.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.inclusion_tag("events/_featured.html", takes_context=True)
def featured_events(context, organization, level=3):
    """The events `organization` features (at most MAX_SHOWN), as the Events page's cards;
    `level`: the heading level of their names. Two queries."""
    request = context.get("request")
    tree = load_tree(request)
    events = list(Event.objects.filter(organization=organization, featured=True)
                  .select_related("organization").order_by("start", "pk"))
    attach_capacities(events, tree)
    return {"events": events, "level": level, "request": request}
