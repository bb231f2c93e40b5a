"""Capacity names and descriptions marked with their language and direction, site-wide.

A capacity without a translation in the page's language shows its English text; on an
Arabic page that English text must be marked as such (lang="en", and isolated with <bdi> or
dir="auto"), or its punctuation lands at the wrong end (".reporting to funders")."""
from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def term(capacity, field="name"):
    """<bdi>name</bdi>, with lang="en" when the page's language has no translation."""
    text = getattr(capacity, field) or ""
    if capacity.shows_english(field):
        return format_html('<bdi lang="en">{}</bdi>', text)
    return format_html("<bdi>{}</bdi>", text)


@register.filter
def term_lang(capacity, field="description"):
    """' lang="en"' for a block (a description paragraph) showing the English fallback."""
    return format_html(' lang="{}"', "en") if capacity.shows_english(field) else ""
