"""What other apps' pages show of Explore: {% load explore %}{% your_matches profile %}, and
the cards of the feed and the matches ({% feed_card card %})."""
from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from capacities.tree import load_tree
from capx.fragments import mark_chosen
from capx.navigation import with_query
from explore.card_html import card_html
from explore.feed import show_cards
from explore.forms import MAX_VALUES
from explore.matches import matches_for, wanted_and_available
from explore.models import Card
from organizations.models import Organization

register = template.Library()


@register.inclusion_tag("explore/_matches.html", takes_context=True)
def your_matches(context, profile):
    """The matches block of `profile` (None: no profile yet) for the signed-in viewer: the
    users and organizations who share what it wants and who want what it shares, and the
    same searches on the feed. `profile` may be an organization its managers look at."""
    viewer = context["request"].user
    is_organization = isinstance(profile, Organization)
    matches = {"sharers": [], "learners": [], "has_wanted": False, "has_available": False,
               "title": _("Your organization's matches") if is_organization else _("Your matches"),
               "edit_url": reverse("organizations:edit", args=[profile.slug]) if is_organization
               else reverse("profiles:edit"),
               "edit_label": _("Edit organization profile") if is_organization
               else _("Edit user profile")}
    if profile is not None:
        tree = load_tree(context["request"])
        wanted, available = wanted_and_available(profile, tree)
        sharers, learners = matches_for(profile, tree, lists=(wanted, available))
        show_cards(sharers + learners, tree, viewer, details=False)  # small cards
        path = reverse("explore:feed")
        matches.update({
            "sharers": sharers, "learners": learners,
            "has_wanted": bool(wanted), "has_available": bool(available),
            "sharers_url": with_query(path, [("exchange", Card.Kind.SHARER.value)]
                                    + [("capacity", c.slug) for c in wanted[:MAX_VALUES]]),
            "learners_url": with_query(path, [("exchange", Card.Kind.LEARNER.value)]
                                     + [("capacity", c.slug) for c in available[:MAX_VALUES]]),
        })
    return {"matches": matches, "request": context["request"]}


@register.simple_tag(takes_context=True)
def feed_card(context, card, level=3, small=False):
    """{% feed_card card level=3 %}: one card of the feed or of the matches
    (explore/card_html.py)."""
    return card_html(card, context["request"], level, small)


@register.filter
def with_chosen(options_html, chosen):
    """The cached <option>s of a filter (explore/_*_options.html), the chosen ones selected."""
    return mark_chosen(options_html, chosen)
