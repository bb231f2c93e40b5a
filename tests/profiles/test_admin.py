"""Staff edit the reference data of profiles in the admin."""
import pytest

from profiles.models import Territory


@pytest.mark.parametrize("model", ["territory", "language", "wikimediaproject", "avatar"])
def test_each_changelist_renders_in_a_few_queries(staff, model, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = staff.get(f"/admin/profiles/{model}/")
    assert page.status_code == 200


def test_territories_filter_by_region_and_search_in_every_language(staff):
    page = staff.get("/admin/profiles/territory/", {"region": "latin-america-caribbean"})
    assert "Brazil" in page.text and "Portugal" not in page.text
    page = staff.get("/admin/profiles/territory/", {"q": "البرازيل"})
    assert "Brazil" in page.text and "Argentina" not in page.text


def test_a_territory_edit_form_shows_each_translation(staff):
    brazil = Territory.objects.get(code="BR")
    page = staff.get(f"/admin/profiles/territory/{brazil.pk}/change/")
    assert page.status_code == 200
    assert 'name="name_pt_br"' in page.text and 'value="Brasil"' in page.text


def test_languages_are_searched_by_autonym(staff):
    page = staff.get("/admin/profiles/language/", {"q": "português"})
    assert "Brazilian Portuguese" in page.text and "Spanish" not in page.text


def test_the_avatar_list_previews_the_shipped_files(staff):
    page = staff.get("/admin/profiles/avatar/").text
    assert page.count('src="/static/img/avatars/avatar-') == 21
    assert "/static/js/image-fallback.js" in page  # an avatar on Commons out of reach too


def test_the_admin_never_shows_a_logins_oauth_token(staff, user):
    from social_django.models import UserSocialAuth
    login = UserSocialAuth.objects.create(user=user, provider="mediawiki", uid="4242", extra_data={
        "access_token": {"oauth_token": "token-key-1234", "oauth_token_secret": "secret-5678"}})
    pages = [staff.get("/admin/social_django/usersocialauth/"),
             staff.get(f"/admin/social_django/usersocialauth/{login.pk}/change/")]
    assert [page.status_code for page in pages] == [200, 200]
    assert "Maria Silva" in pages[0].content.decode()
    for page in pages:
        assert "secret-5678" not in page.content.decode()
        assert "token-key-1234" not in page.content.decode()
    assert staff.post(f"/admin/social_django/usersocialauth/{login.pk}/change/",
                      {"extra_data": "{}"}).status_code == 403
    login.refresh_from_db()
    assert login.extra_data["access_token"]["oauth_token_secret"] == "secret-5678"
