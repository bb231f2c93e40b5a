import re
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.urls import reverse
from django.utils.translation import get_language, gettext as _, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.templatetags.static import static

from capacities.forms import SuggestionForm
from capacities.models import Capacity
from capacities.picker import RESHOW, carried_fields
from capacities.tree import load_tree
from capx.errors import NotFound
from capx.fragments import cached_fragment
from capx.navigation import safe_next
from explore.counts import capacity_counts
from profiles.services import add_capacity

MAX_QUERY_LENGTH = 100


def own_lists(user):
    """Slugs of the signed-in user's Known and Wanted capacities (two small queries)."""
    if not user.is_authenticated:
        return {"known": set(), "wanted": set()}
    return {which: set(Capacity.objects.filter(**{f"{which}_by__user": user})
                       .values_list("slug", flat=True)) for which in ("known", "wanted")}

@require_safe
def directory(request):
    """/capacity: the root cards; ?open=<slug> expands a branch, ?info=<slug> opens a
    capacity's panel, ?q= searches. Everything is a link, so it all works without JS."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    mine = own_lists(request.user)
    if not (query or request.GET.get("open") or request.GET.get("info")):
        return render(request, "capacities/directory.html", {
            "query": "", "tree_html": cached_tree(request, mine)})
    tree = load_tree(request)
    opened = tree.get(request.GET.get("open", ""))
    info = tree.get(request.GET.get("info", ""))
    expanded = {node.slug for node in (opened.path() if opened else [])}
    if info:  # an open panel shows where it sits
        expanded |= {node.slug for node in info.path()[:-1]}
    return render(request, "capacities/directory.html", {
        "tree": tree,
        "query": query,
        "hits": search(tree, query),
        "expanded": expanded,
        "info": info,
        "mine": mine,
    })


SLOT = re.compile(r"<!--(csrf|known|wanted):([\w-]*)-->")


def cached_tree(request, mine):
    """The directory as it first opens, rendered once per language, data version and
    signed in or not (capx/fragments.py), with the viewer's own parts filled in here: the
    CSRF token and, per capacity, "Add to Known" or "In your Known capacities"."""
    signed_in = request.user.is_authenticated
    html = cached_fragment(request, f"directory-tree-{int(signed_in)}", ["capacities"],
                           lambda: render_to_string("capacities/_tree.html", {
                               "tree": load_tree(request), "expanded": set(), "info": None,
                               "query": "", "slots": True, "user": request.user}))
    if not signed_in:
        return mark_safe(html)
    token = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
                        get_token(request))
    states = {which: (render_to_string("capacities/_in_list.html", {"which": which}),
                      render_to_string("capacities/_add_button.html", {"which": which}))
              for which in ("known", "wanted")}

    def fill(slot):
        which, slug = slot.groups()
        if which == "csrf":
            return token
        done, button = states[which]
        return done if slug in mine[which] else button

    return mark_safe(SLOT.sub(fill, html))

def search(tree, query):
    return tree.search(query, get_language()) if query else None


@require_safe
def search_results(request):
    """The directory's search results alone: what directory.js shows as you type, so the
    typed and the submitted search are one and the same."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if not query:
        return HttpResponse("")
    return render(request, "capacities/_search_results.html",
                  {"query": query, "hits": search(load_tree(request), query)})


@require_safe
def detail(request, slug):
    tree = load_tree(request)
    capacity = tree.get(slug)
    if capacity is None:
        raise NotFound(_("There is no capacity “%(slug)s” in the directory.") % {"slug": slug})
    return render(request, "capacities/detail.html", {
        "capacity": capacity,
        "counts": capacity_counts(capacity),
        "mine": own_lists(request.user),
    })


@login_required
@require_POST
def add_to_profile(request, slug):
    """"Add to Known" / "Add to Wanted" from the directory: straight into the profile."""
    capacity = get_object_or_404(Capacity, slug=slug)
    which = request.POST.get("list")
    if which not in ADDABLE:
        return HttpResponseBadRequest(_("Choose Known or Wanted."))
    add_capacity(request.user, capacity, which)
    messages.success(request, ADDABLE[which] % {"name": capacity.name})
    return redirect(safe_next(request, default=reverse("capacities:detail", args=[slug])))


ADDABLE = {
    "known": gettext_lazy("%(name)s was added to your Known capacities."),
    "wanted": gettext_lazy("%(name)s was added to your Wanted capacities."),
}


@login_required
def suggest(request):
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.author = request.user
        form.save()
        messages.success(request, _("Thank you! The CapX team will review your suggestion."))
        return redirect("capacities:directory")
    return render(request, "capacities/suggest.html", {"form": form})


@require_http_methods(["GET", "POST"])
def picker(request, field):
    """The capacity picker without JavaScript (capacities/picker.py says how the round trip
    goes): a checkbox per capacity, in a form that goes back the way it came, to the page it
    came from, with every other field of that page's form."""
    if not field.isidentifier():
        raise Http404  # only a hand-made address gets here
    posted = request.method == "POST"
    data = request.POST if posted else request.GET
    return render(request, "capacities/picker.html", {
        "tree": load_tree(request),
        "field": field,
        "method": "post" if posted else "get",
        "reshow": RESHOW if posted else "",
        # The path only: the page's own query string would come back twice.
        "action": urlsplit(safe_next(request, default="/")).path or "/",
        "carried": carried_fields(data, field),
        "selected": list(dict.fromkeys(data.getlist(field))),
    })


@require_safe
def theme_css(request):
    """Each root's colour and icon as CSS custom properties: staff may change them in the
    admin, and the Content-Security-Policy allows no inline styles."""
    rules = []
    for root in Capacity.objects.filter(parent=None).only("slug", "color", "icon"):
        rule = f".theme-{root.slug}{{--capacity-color:{root.color or '#555555'};"
        if root.icon:
            rule += f"--capacity-icon:url('{static('img/capacities/' + root.icon)}');"
        rules.append(rule + "}")
    response = HttpResponse("\n".join(rules), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
