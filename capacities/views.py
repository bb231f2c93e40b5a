from urllib.parse import parse_qsl, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext as _
from django.templatetags.static import static

from capacities.forms import SuggestionForm
from capacities.models import Capacity
from capacities.tree import load_tree

MAX_QUERY_LENGTH = 100


def directory(request):
    """/capacity: the root cards; ?open=<slug> expands a branch, ?info=<slug> opens a
    capacity's panel, ?q= searches. Everything is a link, so it all works without JS."""
    tree = load_tree()
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    opened = tree.get(request.GET.get("open", ""))
    info = tree.get(request.GET.get("info", ""))
    expanded = {node.slug for node in (opened.path() if opened else [])}
    if info:  # an open panel shows where it sits
        expanded |= {node.slug for node in info.path()[:-1]}
    return render(request, "capacities/directory.html", {
        "tree": tree,
        "query": query,
        "hits": tree.search(query, get_language()) if query else None,
        "expanded": expanded,
        "info": info,
    })


def detail(request, slug):
    tree = load_tree()
    capacity = tree.get(slug)
    if capacity is None:
        raise Http404(_("There is no capacity “%(slug)s” in the directory.") % {"slug": slug})
    return render(request, "capacities/detail.html", {"capacity": capacity})


@login_required
def suggest(request):
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.author = request.user
        form.save()
        messages.success(request, _("Thank you! The CapX team will review your suggestion."))
        return redirect("capacities:directory")
    return render(request, "capacities/suggest.html", {"form": form})


def picker(request):
    """The capacity picker without JavaScript: checkboxes grouped by the tree. The form
    goes back (GET) to the page it came from, with its other parameters kept."""
    field = request.GET.get("field", "capacity")
    if not field.isidentifier():
        field = "capacity"
    back = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    parts = urlsplit(back)
    kept = [(key, value) for key, value in parse_qsl(parts.query) if key != field]
    tree = load_tree()
    return render(request, "capacities/picker.html", {
        "tree": tree,
        "field": field,
        "action": parts.path or "/",
        "back": back,
        "kept": kept,
        "selected": set(request.GET.getlist("selected")),
    })


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
