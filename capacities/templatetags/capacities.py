from urllib.parse import urlencode

from django import template
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import ngettext

from capacities.tree import Tree, load_tree
from capx.fragments import cached_fragment

register = template.Library()


@register.simple_tag
def explore_url(capacity):
    """The Explore feed filtered by this capacity (or by a slug: the scripts' "__SLUG__");
    until the feed exists, its own page."""
    slug = getattr(capacity, "slug", capacity)
    try:
        return f"{reverse('explore:feed')}?{urlencode({'capacity': slug})}"
    except NoReverseMatch:
        return reverse("capacities:detail", args=[slug])


@register.simple_tag
def directory_url(**params):
    """/capacity with the given GET parameters (empty ones left out)."""
    query = urlencode({key: value for key, value in params.items() if value})
    return reverse("capacities:directory") + (f"?{query}" if query else "")


@register.filter
def breadcrumb(capacity):
    """Root › Child › Grandchild."""
    return " › ".join(node.name for node in capacity.path())


def picker_data(tree):
    nodes = tree.as_picker_data()
    return {
        "capacities": nodes,
        # The confirm button's label for every possible count, so languages with several
        # plural forms (Arabic has six) read right without a plural rule in JS.
        "confirmLabels": [
            ngettext("Select capacity (%(count)s)", "Select capacity (%(count)s)", count)
            % {"count": count} for count in range(len(nodes) + 1)],
    }


@register.simple_tag(takes_context=True)
def capacity_picker(context, field, selected=None):
    """What templates/capacities/_picker.html shows for one field: the chosen capacities,
    each with the no-JS link that removes it, and where "Add capacities" sends the form
    without JS (capacities/picker.py). The first picker of a page also gets the tree for the
    dialog (`data`: HTML rendered once per language and directory version), so a page with
    three pickers embeds it once and loads the tree with one query."""
    page = context.render_context.dicts[0].setdefault("capacities.picker", {})
    if "tree" not in page:  # the view's tree when it has one: no second query
        tree = context.get("tree")
        page["tree"] = tree if isinstance(tree, Tree) else load_tree(context.get("request"))
    tree = page["tree"]
    chosen = tree.pick(selected)
    slugs = [node.slug for node in chosen]

    request = context.get("request")
    path = request.path if request else ""
    kept = [(key, value) for key, values in (request.GET.lists() if request else [])
            if key != field for value in values]

    def remove_url(slug):
        # An empty value still says "this field was picked", when the last one goes.
        remaining = [(field, other) for other in slugs if other != slug] or [(field, "")]
        query = urlencode(kept + remaining)
        return path + (f"?{query}" if query else "")

    data = None
    if not page.get("embedded"):
        page["embedded"] = True
        data = cached_fragment(request, "capacity-picker", ["capacities"],
                               lambda: render_to_string("capacities/_picker_data.html",
                                                        {"data": picker_data(tree)}))
    return {
        "field": field,
        "chosen": [(node, remove_url(node.slug)) for node in chosen],
        "action": reverse("capacities:picker", args=[field]),
        "back": path or "/",  # the form brings its fields along: no query string needed
        "data": data,
    }
