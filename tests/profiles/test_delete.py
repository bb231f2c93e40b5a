from django.apps import apps
from django.contrib.auth import get_user_model
from social_django.models import UserSocialAuth

from capacities.models import CapacitySuggestion
from profiles.models import Badge, UserBadge
from tests.factories import ProfileFactory


def tables_referring_to_users():
    """Every (model, field name) in CapX whose rows belong to a user: found here, so a table
    added by a later feature is checked without anyone remembering to add it."""
    User = get_user_model()
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is User:
                found.append((model, field.name))
    return found


def test_deleting_needs_a_confirmation(signed_in):
    page = signed_in.get("/profile/delete")
    assert page.status_code == 200 and "cannot be recovered" in page.text


def test_deleting_erases_everything_about_the_user_and_logs_out(signed_in, user):
    profile = ProfileFactory(user=user, bio="bio", known=["media"], available=["media"],
                             wanted=["survey"], languages={"pt-br": 6}, territories=["BR"])
    UserBadge.objects.create(user=user, badge=Badge.objects.first(), displayed=True)
    UserSocialAuth.objects.create(user=user, provider="mediawiki", uid="4242",
                                  extra_data={"access_token": {"oauth_token": "t"}})
    CapacitySuggestion.objects.create(author=user, title="t", description="d")
    other = ProfileFactory(username="Someone Else", known=["media"])
    assert len(tables_referring_to_users()) >= 5

    page = signed_in.post("/profile/delete", follow=True)

    assert "everything CapX held about you were erased" in page.text
    assert not page.wsgi_request.user.is_authenticated
    for model, field in tables_referring_to_users():
        assert not model._default_manager.filter(**{field: user.pk}).exists(), (model, field)
    assert not type(profile).objects.filter(pk=profile.pk).exists()
    assert type(profile)._meta.get_field("known").remote_field.through.objects.filter(
        profile_id=profile.pk).count() == 0
    assert other.known.count() == 1  # nobody else's data is touched


def test_someone_else_cannot_delete_or_edit_your_profile(client, user):
    maria = ProfileFactory(user=user, bio="Mine")
    bob = ProfileFactory(username="Bob")
    client.force_login(bob.user)
    client.post("/profile/delete")
    maria.refresh_from_db()
    assert maria.bio == "Mine" and get_user_model().objects.filter(pk=user.pk).exists()
