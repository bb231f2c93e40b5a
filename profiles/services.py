"""What profile pages do beyond a plain form: create the profile on first use, fetch a
profile with everything its page shows in a fixed number of queries, save with stale-form
detection and the Wikidata lookup, erase a user."""
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from capx.wikimedia import wikidata
from capx.wikimedia.http import WikimediaError, WikimediaUnreachable
from profiles import badges
from profiles.models import Profile, ProfileLanguage, UserBadge
from profiles.validators import validate_commons_file_url

logger = logging.getLogger(__name__)


def own_profile(user):
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def profile_for_page(username):
    """The profile of `username` with all it shows, or None. Always the same few queries."""
    capacities = ("known", "available", "wanted")
    return (
        Profile.objects.select_related("user", "avatar", "bio_language")
        .prefetch_related(
            *(Prefetch(name, queryset=_capacities()) for name in capacities),
            Prefetch("languages", queryset=ProfileLanguage.objects.select_related("language")),
            "affiliations", "territories", "projects",
            Prefetch("user__badges", to_attr="shown_badges",
                     queryset=UserBadge.objects.filter(displayed=True).select_related("badge")),
            "user__letsconnect_badges",
        )
        .shown().filter(user__username=username).first()
    )


def _capacities():
    from capacities.models import Capacity
    return Capacity.objects.select_related("root")


class StaleForm(Exception):
    """The profile was saved elsewhere (another tab) after this form was opened."""


def save_profile(form, languages, user):
    """Saves the edit form and its language rows; refuses a form opened before the last
    save. Returns the messages about Wikidata (a lookup that found nothing or failed never
    stops the rest from saving)."""
    profile = form.instance
    if profile.version != form.cleaned_data["version"]:
        raise StaleForm  # known already: spare Wikidata the call
    notes = lookup_wikidata(profile, form.cleaned_data, user.username)
    with transaction.atomic():
        claimed = Profile.objects.filter(pk=profile.pk, version=form.cleaned_data["version"])
        if not claimed.update(version=form.cleaned_data["version"] + 1):
            raise StaleForm
        profile.version = form.cleaned_data["version"] + 1
        form.save()
        languages.save()
        # Rows in the order the form lists them, a language added last at the bottom.
        kept = [row.instance for row in languages.forms
                if row.instance.pk and row not in languages.deleted_forms]
        for position, row in enumerate(kept):
            if row.order != position:
                row.order = position
                row.save(update_fields=["order"])
        UserBadge.objects.filter(user=user).update(displayed=False)
        badges.award_user(user)
        UserBadge.objects.filter(user=user, badge__in=form.cleaned_data["displayed_badges"]) \
            .update(displayed=True)
    return notes


def lookup_wikidata(profile, data, username):
    """At save time only: find the user's Wikidata item (P4174) and its photo (P18) when a
    display checkbox is on. The save waits on it, so Wikidata is asked only while no item
    is known or after a rename, with a short timeout. Returns (level, message) notes for
    the user."""
    if not (data.get("show_wikidata_item") or data.get("show_wikidata_photo")):
        return []
    if not (profile.wikidata_qid and profile.wikidata_username == username):
        failed = find_wikidata_item(profile, username)
        if failed:
            return [failed]
    if data.get("show_wikidata_photo") and not profile.wikidata_photo:
        return [(messages.INFO, _(
            "Your Wikidata item %(qid)s has no photograph (property P18) yet.")
            % {"qid": profile.wikidata_qid})]
    return []


def find_wikidata_item(profile, username):
    """Sets the profile's item and photo from Wikidata; returns a note if there is none or
    Wikidata gave no usable answer (what the profile had is then kept)."""
    try:
        item = wikidata.find_user_item(username, timeout=settings.CAPX_WIKIDATA_LOOKUP_TIMEOUT)
    except WikimediaUnreachable:
        return (messages.WARNING, _(
            "Wikidata could not be reached, so your Wikidata item and photograph were not "
            "updated. Everything else was saved; try saving again later."))
    except WikimediaError as error:  # it answered, but not usably: worth a look by staff
        logger.warning("Wikidata lookup for %s failed: %s", username, error)
        return (messages.WARNING, _(
            "Wikidata answered with an error, so your Wikidata item and photograph were not "
            "updated. Everything else was saved; try saving again later."))
    if item is None:
        profile.wikidata_qid = profile.wikidata_photo = profile.wikidata_username = ""
        return (messages.WARNING, _(
            "No Wikidata item has your username (%(username)s) as its Wikimedia username "
            "(property P4174), so there is nothing to display yet. Everything else was saved.")
            % {"username": username})
    photo = item.photo_url
    try:  # a file name too long for the column once URL-quoted is not shown
        validate_commons_file_url(photo)
        MaxLengthValidator(Profile._meta.get_field("wikidata_photo").max_length)(photo)
    except ValidationError:
        photo = ""
    profile.wikidata_qid, profile.wikidata_photo = item.qid, photo
    profile.wikidata_username = username
    return None


@transaction.atomic
def erase_user(user):
    """Everything CapX holds about the user goes: the user row takes every row that refers to
    it along (profile, its capacities and languages, badges, saved profiles, social-auth)."""
    get_user_model().objects.filter(pk=user.pk).delete()


def add_capacity(user, capacity, which):
    """Adds a capacity to the user's Known or Wanted list (never Available: that one must
    stay within Known, so it is only edited on the profile form)."""
    assert which in ("known", "wanted")
    profile = own_profile(user)
    with transaction.atomic():
        getattr(profile, which).add(capacity)
        Profile.objects.filter(pk=profile.pk).update(version=F("version") + 1,
                                                    updated_at=timezone.now())
        badges.award_user(user)
