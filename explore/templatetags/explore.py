"""What other apps' pages show of Explore: {% load explore %}{% your_matches profile %}."""
from django import template
from django.urls import reverse

from capacities.tree import load_tree
from capx.fragments import mark_chosen
from explore.feed import feed_url, show_cards
from explore.forms import MAX_VALUES
from explore.matches import matches_for
from explore.models import Card

register = template.Library()


@register.inclusion_tag("explore/_matches.html", takes_context=True)
def your_matches(context, profile):
    """The matches block of `profile` (None: no profile yet) for the signed-in viewer: the
    people who share what it wants and who want what it shares, and the same searches on
    the feed."""
    viewer = context["request"].user
    matches = {"sharers": [], "learners": [], "has_wanted": False, "has_available": False}
    if profile is not None:
        tree = load_tree(context["request"])
        sharers, learners = matches_for(profile, tree)
        show_cards(sharers + learners, tree, viewer, details=False)  # small cards
        wanted, available = list(profile.wanted.all()), list(profile.available.all())
        path = reverse("explore:feed")
        matches = {
            "sharers": sharers, "learners": learners,
            "has_wanted": bool(wanted), "has_available": bool(available),
            "sharers_url": feed_url(path, [("exchange", Card.Kind.SHARER.value)]
                                    + [("capacity", c.slug) for c in wanted[:MAX_VALUES]]),
            "learners_url": feed_url(path, [("exchange", Card.Kind.LEARNER.value)]
                                     + [("capacity", c.slug) for c in available[:MAX_VALUES]]),
        }
    return {"matches": matches, "user": viewer, "request": context["request"]}


@register.filter
def with_chosen(options_html, chosen):
    """The cached <option>s of a filter (explore/_*_options.html), the chosen ones selected."""
    return mark_chosen(options_html, chosen)
