from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def explore_url(capacity):
    """The Explore feed filtered by this capacity; until the feed exists, its own page."""
    try:
        return f"{reverse('explore:feed')}?{urlencode({'capacity': capacity.slug})}"
    except NoReverseMatch:
        return reverse("capacities:detail", args=[capacity.slug])


@register.simple_tag
def directory_url(**params):
    """/capacity with the given GET parameters (empty ones left out)."""
    query = urlencode({key: value for key, value in params.items() if value})
    return reverse("capacities:directory") + (f"?{query}" if query else "")


@register.filter
def breadcrumb(capacity):
    """Root › Child › Grandchild."""
    return " › ".join(node.name for node in capacity.path())
