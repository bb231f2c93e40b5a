"""Pieces of pages that depend only on the language and on reference data, rendered once and
then served from the cache (the feed's filter lists, the Capacity Directory's tree).

The cache key carries the page's language and the versions of the data the piece is made
of (capx.models.DataVersion, raised by the database on every write), so a change of that
data gives a new key at once in every process: nothing to invalidate, and nothing stale
even with several app processes that each keep their own in-memory cache (CACHE_URL can
name a shared one instead)."""
import hashlib

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from capx.models import DataVersion

TIMEOUT = 24 * 3600  # an old version's entries just age out


def data_versions(request):
    """The versions of every kind of reference data, read once per request (one query)."""
    if not hasattr(request, "_capx_data_versions"):
        request._capx_data_versions = dict(DataVersion.objects.values_list("topic", "version"))
    return request._capx_data_versions


def cached_fragment(request, name, topics, render, members=None):
    """The HTML that `render()` makes, cached per language and per version of `topics`
    (`request` None: the versions are read for this call alone) and, given `members` (the
    ids of the rows it lists, read by the caller each time), per set of them."""
    versions = data_versions(request) if request is not None else dict(
        DataVersion.objects.filter(topic__in=topics).values_list("topic", "version"))
    if any(topic not in versions for topic in topics):
        return render()  # an emptied table (a test's flush): no version, no cache
    key = ":".join([name, get_language() or "en",
                    *(f"{topic}{versions[topic]}" for topic in topics)])
    if members is not None:
        key += ":" + hashlib.blake2b(repr(sorted(members)).encode(), digest_size=8).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return html


def mark_chosen(options_html, chosen):
    """Cached <option>s with the chosen values marked selected: the only part of a long
    list that depends on the request (the feed's filters, the profile editor's selects)."""
    for value in chosen or ():
        if value in (None, ""):
            continue
        tag = f'<option value="{escape(value)}"'
        options_html = options_html.replace(tag + ">", tag + " selected>").replace(
            tag + " data-", tag + " selected data-")
    return mark_safe(options_html)
