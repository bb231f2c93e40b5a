"""{% load organization_pages %}: showing what an organization's managers link to on
Wikimedia Commons (logos, project images, documents)."""
from urllib.parse import unquote

from django import template

from capx.wikimedia import commons

register = template.Library()


@register.filter
def commons_image(url, width):
    """{{ url|commons_image:256 }}: capx.wikimedia.commons.image_url."""
    return commons.image_url(url, width)


@register.filter
def file_label(url):
    """A Commons file's name as people read it: "Annual report 2024.pdf"."""
    name = unquote((url or "").rstrip("/").rsplit("/", 1)[-1])
    return name.removeprefix("File:").replace("_", " ")


@register.filter
def wiki_title(url):
    """A wiki page's title from its address: ".../wiki/Wikimedia_Brasil/Reports" →
    "Wikimedia Brasil/Reports"."""
    _, found, title = (url or "").partition("/wiki/")
    return unquote(title).replace("_", " ") if found else url
