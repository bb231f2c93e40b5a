"""{% load images %}{% fallback_image url 64 classes="feed-card__image" lazy=True %}: the one
way CapX shows a picture that may live on another host (a Wikidata photo, an avatar staff
put on Commons, later organization logos), so a missing or unreachable one looks the same
everywhere: the placeholder, never a broken image or alt text clipped in a circle."""
import functools

from django import template
from django.forms.utils import flatatt
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

PROFILE_PLACEHOLDER = "img/profile-placeholder.svg"


@functools.lru_cache(maxsize=32)
def static_url(path):
    """A static file's address (its hashed name, read once per process from the manifest)."""
    return static(path)


@register.simple_tag
def fallback_image(url, size, alt="", classes="", lazy=False, placeholder=PROFILE_PLACEHOLDER):
    """An <img> of `url`, square of `size` pixels. With no url the server puts the
    placeholder (a static file) there itself; when the url cannot load, static/js/
    image-fallback.js swaps in the data-fallback address. `alt` is empty by default: a
    picture next to a name is decorative."""
    fallback = static_url(placeholder)
    return format_html("<img{}>", flatatt({
        "class": classes or None, "src": url or fallback, "alt": alt, "width": size,
        "height": size, "loading": "lazy" if lazy else None, "data-fallback": fallback,
    }))
