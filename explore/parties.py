"""The two kinds of party in the exchange as the feed's cards, the matches and the saved list
show them: a user (their Profile) or an organization. One shape for both, so that a template
never asks which one it has, and one save flag (SavedProfile names one or the other)."""
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.urls import reverse

from capx.templatetags.images import PROFILE_PLACEHOLDER
from explore.models import SavedProfile
from organizations.models import Organization
from profiles.models import Profile, ProfileLanguage


@dataclass
class Shown:
    """What a card or a saved item shows of its party."""

    party: object  # the Profile or the Organization
    name: str
    url: str
    image_url: str
    save_url: str  # the flag's form posts here (saved=1 or 0)
    save_key: str  # every flag of the same party on a page has this key (static/js/feed.js)
    own: bool  # the viewer's own profile: nothing to save
    is_organization: bool
    placeholder: str  # the static image shown without one (capx/templatetags/images.py)
    languages: list = field(default_factory=list)  # ProfileLanguage rows (users only)
    territories: list = field(default_factory=list)


def shown(party, viewer, details=True):
    if isinstance(party, Organization):
        return Shown(party=party, name=party.display_name, url=party.get_absolute_url(),
                     image_url=party.image_url,
                     save_url=reverse("explore:set_saved_organization", args=[party.pk]),
                     save_key=save_key(organization_id=party.pk), own=False, is_organization=True,
                     placeholder="img/organization-placeholder.svg",
                     territories=list(party.territories.all()) if details else [])
    username = party.user.username
    return Shown(party=party, name=username, url=reverse("profiles:show", args=[username]),
                 image_url=party.image_url, save_url=reverse("explore:set_saved", args=[party.pk]),
                 save_key=save_key(profile_id=party.pk), own=party.user_id == viewer.pk,
                 is_organization=False,
                 placeholder=PROFILE_PLACEHOLDER,
                 languages=list(party.languages.all()) if details else [],
                 territories=list(party.territories.all()) if details else [])


def load_parties(profile_ids, organization_ids, details=True):
    """({profile id: Profile}, {organization id: Organization}) with what `shown` reads, in a
    fixed number of queries (none for a kind that is not asked for)."""
    profiles = Profile.objects.select_related("user", "avatar")
    organizations = Organization.objects.all()
    if details:
        profiles = profiles.prefetch_related(
            Prefetch("languages", queryset=ProfileLanguage.objects.select_related("language")),
            "territories")
        organizations = organizations.prefetch_related("territories")
    return profiles.in_bulk(set(profile_ids)), organizations.in_bulk(set(organization_ids))


def saved_keys(viewer, profile_ids, organization_ids):
    """The save keys (Shown.save_key) of those parties that `viewer` saved: one query."""
    if not viewer.is_authenticated or not (profile_ids or organization_ids):
        return set()
    rows = SavedProfile.objects.filter(owner=viewer).filter(
        Q(profile_id__in=list(profile_ids)) | Q(organization_id__in=list(organization_ids)))
    return {save_key(profile, organization)
            for profile, organization in rows.values_list("profile_id", "organization_id")}


def save_key(profile_id=None, organization_id=None):
    return f"organization-{organization_id}" if organization_id else str(profile_id)
