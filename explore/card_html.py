"""One card of the Explore feed, also the small card of the matches, as HTML.

Written in Python rather than as a template: twenty cards through Django's template engine
were a third of a feed page's time (a lookup per variable, a node per tag); this writes the
same markup in about a third of that. Every text goes through escaping (format_html), translated
texts included.

card: a Card filled by explore.feed.show_cards (.shown: its user or organization as
explore.parties.Shown, .shown_capacities, .saved); level: the heading level of the name;
small: the short card of the matches ("You both can help each other", "In common: …" from
the card's .mutual and .overlap; no languages or territories). The flag is a plain POST form
(static/js/feed.js sends it in place and keeps every card of the same profile on the page
in step); the strings for the script come in data- attributes."""
from urllib.parse import quote

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from capacities.templatetags.terms import term
from capx.templatetags.images import fallback_image

PROFILE_ICON = mark_safe(
    '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">'
    '<g fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="9" r="3.5"/>'
    '<path d="M5.5 18.5c1.4-2.6 3.8-4 6.5-4s5.1 1.4 6.5 4" stroke-linecap="round"/></g></svg>')
FLAG_ICON = mark_safe(
    '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">'
    '<path class="feed-card__flag-shape" fill="none" d="M6 21V4h11l-2 4 2 4H6" '
    'stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>'
    '</svg>')


def card_html(card, request, level=3, small=False):
    party = card.shown
    return format_html(
        '<article class="feed-card feed-card--{}{}" aria-labelledby="card-{}-name">'
        '{}{}<div class="feed-card__actions">{}{}</div></article>',
        card.kind, " feed-card--small" if small else "", card.pk,
        head(card, party, level), exchange(card) if small else details(card, party),
        format_html('<a class="feed-card__action" href="{}">{}'
                    '<span class="visually-hidden">{}</span></a>',
                    party.url, PROFILE_ICON, named(_("View profile of %(name)s"), party)),
        flag(card, party, request))


def head(card, party, level):
    organization = format_html(" · {}", _("Organization")) if party.is_organization else ""
    return format_html(
        '<div class="feed-card__head">{}<div class="feed-card__who">'
        '<p class="feed-card__kind">{}{}</p>'
        '<h{} class="feed-card__name" id="card-{}-name"><bdi>{}</bdi></h{}></div></div>',
        fallback_image(party.image_url, 64, classes="feed-card__image", lazy=True,
                       placeholder=party.placeholder),
        card.get_kind_display(), organization, level, card.pk, party.name, level)


def exchange(card):
    """The small card's lines: whether the match is mutual, and the capacities in common."""
    mutual = format_html('<p class="feed-card__mutual">{}</p>',
                         _("You both can help each other")) if card.mutual else ""
    common = format_html(
        '<p class="feed-card__common"><span class="feed-card__label">{}</span> {}</p>',
        _("In common:"), format_html_join(", ", '<a href="{}">{}</a>', (
            (capacity.get_absolute_url(), term(capacity)) for capacity in card.overlap))
    ) if card.overlap else ""
    return format_html("{}{}", mutual, common)


def details(card, party):
    """The whole card's capacities, languages and territories."""
    return format_html("{}{}", capacities(card), facts(party))


def capacities(card):
    if not card.shown_capacities:
        return ""
    return format_html(
        '<p class="feed-card__label" id="card-{}-capacities">{}</p>'
        '<ul class="feed-card__capacities" aria-labelledby="card-{}-capacities">{}</ul>',
        card.pk, capacities_label(card.kind), card.pk,
        format_html_join("", '<li class="capacity-chip feed-chip theme-{}">'
                         '<span class="capacity-chip__icon" aria-hidden="true"></span>'
                         '<a href="{}">{}</a></li>',
                         ((capacity.theme_slug, capacity.get_absolute_url(), term(capacity))
                          for capacity in card.shown_capacities)))


def capacities_label(kind):
    if kind == "sharer":
        return _("Available capacities")
    if kind == "learner":
        return _("Wanted capacities")
    return _("Known capacities")


def facts(party):
    languages = [row.language.display_name for row in party.languages]
    territories = [territory.name for territory in party.territories]
    if not languages and not territories:
        return ""
    return format_html('<dl class="feed-card__facts">{}{}</dl>',
                       fact(_("Languages"), languages), fact(_("Territory"), territories))


def fact(label, values):
    if not values:
        return ""
    comma = mark_safe('<span class="visually-hidden">, </span>')
    return format_html("<dt>{}</dt><dd>{}</dd>", label, format_html_join(
        comma, '<span class="feed-card__fact">{}</span>', ((value,) for value in values)))


def flag(card, party, request):
    """Save or unsave the party (a form), a link to log in first, or nothing on one's own."""
    if party.own:
        return ""
    here = request.get_full_path()
    if not request.user.is_authenticated:
        return format_html(
            '<a class="feed-card__action feed-card__flag" href="{}?next={}" title="{}">{}'
            '<span class="visually-hidden">{}</span></a>',
            reverse("login"), quote(here, safe="/"), _("Log in to save profiles"), FLAG_ICON,
            named(_("Log in to save the profile of %(name)s"), party))
    save, remove = _("Save profile"), _("Remove from saved profiles")
    return format_html(
        '<form class="feed-card__save" method="post" action="{}" data-save-profile="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="saved" value="{}">'
        '<input type="hidden" name="next" value="{}">'
        '<button type="submit" class="feed-card__action feed-card__flag" aria-pressed="{}" '
        'title="{}" data-title-save="{}" data-title-remove="{}" data-saved="{}" data-removed="{}">'
        '{}<span class="visually-hidden">{}</span></button></form>',
        party.save_url, party.save_key, get_token(request), "0" if card.saved else "1", here,
        "true" if card.saved else "false", remove if card.saved else save, save, remove,
        named(_("%(name)s was saved to your list."), party),
        named(_("%(name)s was removed from your list."), party),
        FLAG_ICON, named(_("Save profile of %(name)s"), party))


def named(text, party):
    """A translated text with the party's name in it (escaped once, by format_html)."""
    return text % {"name": party.name}
