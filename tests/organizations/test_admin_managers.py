"""An organization's managers edit it in the Django admin, as staff do: they sign in with
Meta-Wiki, reach /admin and see only their own organizations, their main projects and
documents; never another organization, users, managers or any other model."""
from datetime import datetime, timezone

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client

from capacities.models import Capacity
from organizations.models import DiffPost, Document, Organization, OrganizationType, Project
from profiles.models import Territory, User
from tests.admin_form import change_in_admin, delete_in_admin
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory

COMMONS_LOGO = "https://commons.wikimedia.org/wiki/File:Atlantis_logo.svg"


@pytest.fixture
def ana():
    return UserFactory(username="Ana Manager")


@pytest.fixture
def atlantis(ana):
    org = OrganizationFactory(name="Wikimedians of Atlantis", slug="atlantis", managers=[ana],
                              known=["communication"])
    Project.objects.create(organization=org, name="Atlantis Photo Walk")
    Document.objects.create(organization=org,
                            url="https://commons.wikimedia.org/wiki/File:Atlantis_plan.pdf")
    return org


@pytest.fixture
def lemuria():
    org = OrganizationFactory(name="Wikimedians of Lemuria", slug="lemuria", acronym="WLE",
                              managers=[UserFactory(username="Ivo")])
    Project.objects.create(organization=org, name="Lemuria Edit-a-thon")
    Document.objects.create(organization=org,
                            url="https://commons.wikimedia.org/wiki/File:Lemuria_report.pdf")
    return org


@pytest.fixture
def manager(ana, atlantis, lemuria):
    """Ana's browser: she manages Atlantis (Ivo manages Lemuria); she is not staff."""
    client = Client()
    client.force_login(ana)
    return client


def change_url(obj, action="change"):
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/{action}/"


# --- What a manager sees ----------------------------------------------------------------

def test_a_manager_enters_the_admin_and_sees_only_her_organizations_models(manager):
    page = manager.get("/admin/")
    assert page.status_code == 200
    for url in ["/admin/organizations/organization/", "/admin/organizations/project/",
                "/admin/organizations/document/"]:
        assert f'href="{url}"' in page.text
    for url in ["/admin/profiles/user/", "/admin/profiles/profile/",
                "/admin/organizations/organizationtype/", "/admin/capacities/capacity/",
                "/admin/profiles/territory/", "/admin/social_django/usersocialauth/",
                "/admin/auth/group/"]:
        assert url not in page.text
    assert 'href="/admin/organizations/organization/add/"' not in page.text


def test_the_list_shows_only_the_organizations_she_manages(manager):
    page = manager.get("/admin/organizations/organization/")
    assert page.status_code == 200
    assert "Wikimedians of Atlantis" in page.text
    assert "Lemuria" not in page.text and "Amical Wikimedia" not in page.text
    assert 'value="delete_selected"' not in page.text  # no deleting organizations
    page = manager.get("/admin/organizations/organization/", {"q": "Lemuria"})
    assert "Wikimedians of Lemuria" not in page.text and "0 organizations" in page.text


def test_her_organization_form_has_no_managers_and_a_fixed_slug(manager, atlantis):
    page = manager.get(change_url(atlantis))
    assert page.status_code == 200
    assert 'name="name_en"' in page.text and 'name="name_pt_br"' in page.text
    assert 'name="known"' in page.text and 'name="projects-0-name"' in page.text
    assert 'name="managers"' not in page.text and "Ana Manager</option>" not in page.text
    assert 'name="slug"' not in page.text and 'name="type"' not in page.text
    assert "atlantis" in page.text  # the slug is shown, not editable


def test_her_valid_edit_is_saved_and_managers_and_slug_stay(manager, ana, atlantis):
    intruder = UserFactory(username="Intruder")
    media = Capacity.objects.get(slug="media")
    page = change_in_admin(manager, atlantis, name_en="Wikimedians of New Atlantis",
                           name_pt_br="Wikimedistas da Nova Atlântida", logo=COMMONS_LOGO,
                           known=[atlantis.known.get().pk, media.pk], available=[media.pk],
                           email="hello@atlantis.example", diff_tags="atlantis,photo-walk",
                           **{"projects-0-name": "Atlantis Photo Marathon",
                              "projects-1-name": "Atlantis Hackathon"},
                           managers=[ana.pk, intruder.pk], slug="hijacked",
                           type=OrganizationType.objects.get(code="C").pk)
    assert page.status_code == 302
    atlantis.refresh_from_db()
    assert atlantis.name_en == "Wikimedians of New Atlantis"
    assert atlantis.name_pt_br == "Wikimedistas da Nova Atlântida"
    assert atlantis.logo == COMMONS_LOGO and atlantis.email == "hello@atlantis.example"
    assert list(atlantis.available.all()) == [media]
    assert atlantis.diff_tags == ["atlantis", "photo-walk"]
    assert [p.name for p in atlantis.projects.all()] == ["Atlantis Photo Marathon",
                                                         "Atlantis Hackathon"]
    assert list(atlantis.managers.all()) == [ana]
    assert atlantis.slug == "atlantis" and atlantis.type.code == "U"


def test_she_cannot_add_or_delete_an_organization(manager, atlantis):
    assert manager.get("/admin/organizations/organization/add/").status_code == 403
    answer = manager.post("/admin/organizations/organization/add/",
                          {"name_en": "Wikimedians of Mu", "slug": "mu"})
    assert answer.status_code == 403 and not Organization.objects.filter(slug="mu").exists()
    assert manager.get(change_url(atlantis, "delete")).status_code == 403
    assert manager.post(change_url(atlantis, "delete"), {"post": "yes"}).status_code == 403
    assert Organization.objects.filter(pk=atlantis.pk).exists()


def test_another_organizations_address_is_not_found_and_changes_nothing(manager, lemuria):
    for action in ["change", "history", "delete"]:
        assert manager.get(change_url(lemuria, action)).status_code == 404
    answer = manager.post(change_url(lemuria), {
        "name_en": "Hijacked", "acronym": "HJK", "local_name": "", "aliases": "",
        "logo": "", "report": "", "diff_tags": "", "meta_page": "", "email": "",
        "website": "", **{f"{prefix}-{key}": 0 for prefix in ["projects", "documents", "news"]
                          for key in ["TOTAL_FORMS", "INITIAL_FORMS"]}})
    assert answer.status_code == 404
    assert manager.post(change_url(lemuria, "delete"), {"post": "yes"}).status_code == 404
    lemuria.refresh_from_db()
    assert lemuria.name == "Wikimedians of Lemuria" and lemuria.acronym == "WLE"
    assert manager.get("/admin/organizations/organization/999999/change/").status_code == 404


def test_a_project_of_another_organization_cannot_be_slipped_into_her_form(manager, atlantis,
                                                                            lemuria):
    theirs = lemuria.projects.get()
    change_in_admin(manager, atlantis, **{"projects-0-id": theirs.pk,
                                          "projects-0-name": "Hijacked"})
    theirs.refresh_from_db()
    assert theirs.name == "Lemuria Edit-a-thon" and theirs.organization == lemuria


def test_the_diff_news_are_shown_to_read(manager, atlantis):
    DiffPost.objects.create(organization=atlantis, title="Atlantis photo walk results",
                            link="https://diff.wikimedia.org/2026/01/01/atlantis/",
                            published=datetime(2026, 1, 1, 10, tzinfo=timezone.utc))
    page = manager.get(change_url(atlantis))
    assert "Atlantis photo walk results" in page.text
    assert 'name="news-0-title"' not in page.text


# --- The same validation as the edit page -------------------------------------------------

def test_an_address_that_is_not_on_commons_is_refused(manager, atlantis):
    page = change_in_admin(manager, atlantis, logo="https://example.org/logo.png",
                           acronym="WAT")
    assert page.status_code == 200
    assert "Enter the address of a file on Wikimedia Commons" in page.text
    atlantis.refresh_from_db()
    assert atlantis.logo == "" and atlantis.acronym == ""


def test_a_report_that_is_not_on_meta_wiki_is_refused(manager, atlantis):
    page = change_in_admin(manager, atlantis, report="https://example.org/report")
    assert "Enter the address of a page on Meta-Wiki" in page.text
    atlantis.refresh_from_db()
    assert atlantis.report == ""


def test_available_outside_known_is_refused_with_the_editors_message(manager, atlantis):
    communication = atlantis.known.get()
    media = Capacity.objects.get(slug="media")
    page = change_in_admin(manager, atlantis, available=[communication.pk, media.pk])
    assert page.status_code == 200
    assert ("You can only share what you know: add Media to your Known capacities or remove "
            "it from Available.") in page.text
    assert not atlantis.available.exists()


def test_a_fifth_main_project_is_refused(manager, atlantis):
    for n in range(2, 5):
        Project.objects.create(organization=atlantis, name=f"Project {n}", order=n)
    page = manager.get(change_url(atlantis))
    assert 'name="projects-3-name"' in page.text and 'name="projects-4-name"' not in page.text
    page = change_in_admin(manager, atlantis, **{
        "projects-TOTAL_FORMS": 5, "projects-4-name": "Project 5", "projects-4-order": 5,
        "projects-4-link": "", "projects-4-image": ""})
    assert page.status_code == 200
    assert "A profile shows up to 4 main projects: remove one before you add another." in page.text
    assert atlantis.projects.count() == 4


def test_a_fifth_document_is_refused_on_its_own_add_page(manager, atlantis):
    for n in range(2, 5):
        Document.objects.create(organization=atlantis,
                                url=f"https://commons.wikimedia.org/wiki/File:Plan_{n}.pdf")
    page = manager.post("/admin/organizations/document/add/", {
        "organization": atlantis.pk, "url": "https://commons.wikimedia.org/wiki/File:Plan_5.pdf",
        "order": 5})
    assert page.status_code == 200
    assert "A profile shows up to 4 documents: remove one before you add another." in page.text
    assert atlantis.documents.count() == 4


# --- Main projects and documents, each on its own ----------------------------------------

PARTS = {
    "project": {"name": "Atlantis Wiki Loves Monuments", "image": "", "link": "", "order": 2},
    "document": {"url": "https://commons.wikimedia.org/wiki/File:Atlantis_bylaws.pdf",
                 "order": 2},
}


def part_of(organization, model_name):
    return (organization.projects if model_name == "project" else organization.documents).get()


@pytest.mark.parametrize("model_name", PARTS)
def test_she_lists_only_her_organizations_projects_and_documents(manager, model_name):
    page = manager.get(f"/admin/organizations/{model_name}/")
    assert page.status_code == 200
    assert "Atlantis" in page.text and "Lemuria" not in page.text


@pytest.mark.parametrize("model_name", PARTS)
def test_she_adds_one_to_her_organization_only(manager, atlantis, lemuria, model_name):
    page = manager.get(f"/admin/organizations/{model_name}/add/")
    assert page.status_code == 200
    assert f'<option value="{atlantis.pk}" selected>' in page.text
    assert f'value="{lemuria.pk}"' not in page.text
    answer = manager.post(f"/admin/organizations/{model_name}/add/",
                          {"organization": lemuria.pk, **PARTS[model_name]})
    assert answer.status_code == 200 and "Select a valid choice" in answer.text
    assert (lemuria.projects if model_name == "project" else lemuria.documents).count() == 1
    answer = manager.post(f"/admin/organizations/{model_name}/add/",
                          {"organization": atlantis.pk, **PARTS[model_name]})
    assert answer.status_code == 302
    assert (atlantis.projects if model_name == "project" else atlantis.documents).count() == 2


def test_the_organization_search_of_the_project_form_finds_only_hers(manager, staff):
    def found(client, term):
        answer = client.get("/admin/autocomplete/", {
            "app_label": "organizations", "model_name": "project", "field_name": "organization",
            "term": term})
        assert answer.status_code == 200
        return [result["text"] for result in answer.json()["results"]]

    assert found(manager, "Wikimedians") == ["Wikimedians of Atlantis"]
    assert found(manager, "Lemuria") == []
    assert found(staff, "Lemuria") == ["Wikimedians of Lemuria"]


@pytest.mark.parametrize("model_name", PARTS)
def test_she_changes_and_deletes_her_own(manager, atlantis, model_name):
    mine = part_of(atlantis, model_name)
    before = atlantis.updated_at
    assert change_in_admin(manager, mine, order=3).status_code == 302
    mine.refresh_from_db()
    assert mine.order == 3
    atlantis.refresh_from_db()
    assert atlantis.updated_at > before  # the profile changed (an open editor is told)
    before = atlantis.updated_at
    assert delete_in_admin(manager, mine).status_code == 302
    assert not type(mine).objects.filter(pk=mine.pk).exists()
    atlantis.refresh_from_db()
    assert atlantis.updated_at > before


@pytest.mark.parametrize("model_name", PARTS)
def test_another_organizations_project_or_document_is_not_found(manager, lemuria, atlantis,
                                                                model_name):
    theirs = part_of(lemuria, model_name)
    for action in ["change", "history", "delete"]:
        assert manager.get(change_url(theirs, action)).status_code == 404
    answer = manager.post(change_url(theirs), {"organization": atlantis.pk,
                                               **PARTS[model_name]})
    assert answer.status_code == 404
    assert manager.post(change_url(theirs, "delete"), {"post": "yes"}).status_code == 404
    manager.post(f"/admin/organizations/{model_name}/", {
        "action": "delete_selected", "_selected_action": [theirs.pk], "post": "yes"})
    theirs.refresh_from_db()
    assert theirs.organization == lemuria and theirs.order == 0


# --- Everything else is closed to managers -----------------------------------------------

def closed_admins():
    return [model for model, model_admin in admin.site._registry.items()
            if not getattr(model_admin, "open_to_managers", False)]


def test_every_other_models_list_and_add_page_is_forbidden(manager):
    closed = closed_admins()
    assert {User, Territory, OrganizationType, Capacity, Group} <= set(closed)
    for model in closed:
        meta = model._meta
        for url in [f"/admin/{meta.app_label}/{meta.model_name}/",
                    f"/admin/{meta.app_label}/{meta.model_name}/add/"]:
            assert manager.get(url).status_code == 403, url


@pytest.mark.parametrize("app_label", ["profiles", "capacities", "auth", "social_django"])
def test_other_apps_indexes_are_not_found(manager, app_label):
    assert manager.get(f"/admin/{app_label}/").status_code == 404


def test_users_profiles_and_reference_data_cannot_be_opened_or_changed(manager, ana):
    ivo = User.objects.get(username="Ivo")
    profile = ProfileFactory(username="Bia")
    brazil = Territory.objects.get(code="BR")
    for obj in [ana, ivo, profile, brazil, OrganizationType.objects.get(code="C"),
                Capacity.objects.get(slug="media")]:
        for action in ["change", "delete", "history"]:
            assert manager.get(change_url(obj, action)).status_code == 403, (obj, action)
    answer = manager.post(change_url(ana), {"username": "Ana Manager", "is_active": "on",
                                            "is_staff": "on", "is_superuser": "on"})
    assert answer.status_code == 403
    assert manager.post(change_url(ivo, "delete"), {"post": "yes"}).status_code == 403
    assert manager.post(change_url(brazil), {"name_en": "Hijacked"}).status_code == 403
    ana.refresh_from_db()
    brazil.refresh_from_db()
    assert not ana.is_staff and not ana.is_superuser and User.objects.filter(pk=ivo.pk).exists()
    assert brazil.name_en == "Brazil"


def test_permissions_granted_to_her_account_do_not_open_other_models(manager, ana):
    editors = Group.objects.create(name="User editors")
    editors.permissions.set(Permission.objects.filter(content_type__app_label="profiles"))
    ana.groups.add(editors)
    assert manager.get("/admin/profiles/user/").status_code == 403
    assert manager.get(change_url(ana)).status_code == 403
    assert "/admin/profiles/user/" not in manager.get("/admin/").text


def test_users_cannot_be_looked_up_through_the_managers_autocomplete(manager, ana, staff):
    viewers = Group.objects.create(name="User viewers")
    viewers.permissions.set(Permission.objects.filter(codename="view_user"))
    ana.groups.add(viewers)
    query = {"app_label": "organizations", "model_name": "organization",
             "field_name": "managers", "term": "Iv"}
    assert manager.get("/admin/autocomplete/", query).status_code == 403
    answer = staff.get("/admin/autocomplete/", query)
    assert answer.status_code == 200 and "Ivo" in answer.text


def test_view_on_site_tells_nothing_about_rows_she_cannot_see(manager, lemuria, ana):
    from django.contrib.contenttypes.models import ContentType
    for obj in [lemuria, ProfileFactory(username="Bia"), ana]:
        content_type = ContentType.objects.get_for_model(obj)
        assert manager.get(f"/admin/r/{content_type.pk}/{obj.pk}/").status_code == 404


# --- People who manage nothing, and staff --------------------------------------------------

def test_a_wikimedian_who_manages_nothing_is_still_told_she_may_not_enter(signed_in, atlantis):
    for url in ["/admin/", "/admin/organizations/organization/", change_url(atlantis)]:
        answer = signed_in.get(url)
        assert answer.status_code == 302 and answer.url.startswith("/admin/login/")
    assert "not authorized to access this page" in signed_in.get("/admin/", follow=True).text


def test_a_deactivated_manager_is_sent_to_sign_in(manager, ana, atlantis):
    User.objects.filter(pk=ana.pk).update(is_active=False)
    answer = manager.get(change_url(atlantis))
    assert answer.status_code == 302 and answer.url.startswith("/admin/login/")


def test_a_visitor_is_sent_to_the_capx_login(client, atlantis):
    answer = client.get(change_url(atlantis), follow=True)
    assert answer.redirect_chain[-1][0].startswith("/login?next=")


def test_staff_still_see_everything_and_set_the_managers(staff, ana, atlantis, lemuria):
    page = staff.get("/admin/")
    assert 'href="/admin/profiles/user/"' in page.text
    page = staff.get("/admin/organizations/organization/", {"q": "Wikimedians of"})
    assert "Atlantis" in page.text and "Lemuria" in page.text
    page = staff.get(change_url(lemuria))
    assert 'name="managers"' in page.text and 'name="slug"' in page.text
    assert change_in_admin(staff, lemuria, managers=[ana.pk], slug="lemuria-ug").status_code == 302
    lemuria.refresh_from_db()
    assert list(lemuria.managers.all()) == [ana] and lemuria.slug == "lemuria-ug"
    page = staff.get("/admin/organizations/project/")
    assert "Lemuria Edit-a-thon" in page.text and "Atlantis Photo Walk" in page.text
    assert staff.get(change_url(lemuria.projects.get())).status_code == 200
    assert delete_in_admin(staff, atlantis).status_code == 302
    assert not Organization.objects.filter(pk=atlantis.pk).exists()


def test_staff_get_the_same_validation(staff, atlantis):
    media = Capacity.objects.get(slug="media")
    page = change_in_admin(staff, atlantis, available=[media.pk],
                           website="ftp://atlantis.example")
    assert "You can only share what you know: add Media" in page.text
    assert "Enter a web address starting with https://" in page.text
    assert not atlantis.available.exists()


def test_a_managers_pages_cost_a_few_queries(manager, atlantis, django_assert_max_num_queries):
    with django_assert_max_num_queries(11):
        assert manager.get("/admin/organizations/organization/").status_code == 200
