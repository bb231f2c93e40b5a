from urllib.parse import urlencode

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default="/home"):
    """The ?next= / next= target if it is a path on this site ("/feed?q=x"), else the
    default: no open redirects, and never a bare word that redirect() would take for the
    name of a URL pattern ("home", "foo")."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


LOG_PAGE_SIZE = 20  # entries a page of a person's log shows (capx/log_page.html)


def as_key(text):
    """`text` as a row id if it is one (plain ASCII digits, fewer than 20), else None: "²"
    is a digit to Python's int(), and no id has 5,000 digits."""
    text = str(text)
    return int(text) if text.isascii() and text.isdigit() and len(text) < 20 else None


def with_query(path, items):
    """`path` with these (key, value) query items (a page's filters kept in its links)."""
    return path + (f"?{urlencode(items)}" if items else "")


def tabs(request, *items):
    """The tabs of a page made of a few views (Messages: Write and Sent), for
    capx/_tabs.html: (label, URL name) each, the current view's marked."""
    return [{"label": label, "url": reverse(name),
             "current": request.resolver_match.view_name == name} for label, name in items]
