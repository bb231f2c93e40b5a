"""Capacity names and descriptions marked with their language and direction, site-wide.

A capacity without a translation in the page's language shows its English text; on an
Arabic page that English text must be marked as such (lang="en", and isolated with <bdi> or
dir="auto"), or its punctuation lands at the wrong end (".reporting to funders")."""
from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def falls_back(capacity, field):
    language = (get_language() or "en").replace("-", "_")
    return language != "en" and not getattr(capacity, f"{field}_{language}", None) \
        and bool(getattr(capacity, f"{field}_en", ""))


@register.filter
def term(capacity, field="name"):
    """<bdi>name</bdi>, with lang="en" when the page's language has no translation."""
    text = getattr(capacity, field) or ""
    if falls_back(capacity, field):
        return format_html('<bdi lang="en">{}</bdi>', text)
    return format_html("<bdi>{}</bdi>", text)


@register.filter
def term_lang(capacity, field="description"):
    """' lang="en"' for a block (a description paragraph) showing the English fallback."""
    return format_html(' lang="{}"', "en") if falls_back(capacity, field) else ""
