"""{% load organization_pages %}: showing what an organization's managers link to on
Wikimedia Commons (logos, project images, documents)."""
from urllib.parse import unquote

from django import template

register = template.Library()

COMMONS_PAGE = "https://commons.wikimedia.org/wiki/File:"
COMMONS_PATHS = ("https://commons.wikimedia.org/wiki/Special:FilePath/",
                 "https://commons.wikimedia.org/wiki/Special:Redirect/file/")


@register.filter
def commons_image(url, width):
    """An address an <img> can show, `width` pixels wide, for a Commons file address as the
    editor accepts it (profiles.validators.COMMONS_FILE_URL): its File: page is a web page,
    so it becomes the file's Special:FilePath (a redirect to a thumbnail). An original on
    upload.wikimedia.org is shown as it is."""
    if not url:
        return ""
    if url.startswith(COMMONS_PAGE):
        url = COMMONS_PATHS[0] + url.removeprefix(COMMONS_PAGE)
    if url.startswith(COMMONS_PATHS):
        return f"{url}?width={int(width)}"  # validated addresses have no query string
    return url


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
