"""Only the LC team sees the receiver's data in the admin: not other staff, not superusers."""
import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.test import Client

from letsconnect_receiver.access import LC_TEAM, in_lc_team
from letsconnect_receiver.models import Badge, Nonce, Participant

pytestmark = pytest.mark.django_db(databases=["default", "letsconnect"])

PARTICIPANTS = "/admin/letsconnect_receiver/participant/"


@pytest.fixture
def maria():
    return Participant.objects.create(username="Maria Silva", email="maria@example.org",
                                      role="Board member of an affiliate/user group")


def browser(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lc_member(django_user_model):
    """A member of the LC team, not staff: the group alone lets them in."""
    user = django_user_model.objects.create_user(username="Lia Team")
    user.groups.add(Group.objects.get_or_create(name=LC_TEAM)[0])
    return browser(user)


@pytest.fixture
def superuser(django_user_model):
    Group.objects.get_or_create(name=LC_TEAM)
    return browser(django_user_model.objects.create_superuser("Root Admin"))


def test_an_lc_team_member_sees_and_edits_the_participants(lc_member, maria):
    index = lc_member.get("/admin/")
    assert index.status_code == 200
    assert b"/admin/letsconnect_receiver/participant/" in index.content
    apps = {app["app_label"] for app in index.context["app_list"]}
    assert apps == {"letsconnect_receiver"}  # and nothing of CapX's

    listing = lc_member.get(PARTICIPANTS)
    assert listing.status_code == 200 and b"maria@example.org" in listing.content
    assert lc_member.get(f"{PARTICIPANTS}?q=Maria").status_code == 200
    assert lc_member.get("/admin/letsconnect_receiver/").status_code == 200

    change = f"{PARTICIPANTS}{maria.pk}/change/"
    assert lc_member.get(change).status_code == 200
    answer = lc_member.post(change, {
        "username": "Maria Silva", "full_name": "", "email": "maria.silva@example.org",
        "role": maria.role, "area": "", "gender": "", "age": "",
        "username_org": "", "reconciled_affiliation": "", "reconciled_territory": "",
        "reconciled_languages": "", "reconciled_projects": "", "reconciled_want_to_learn": "",
        "reconciled_want_to_share": ""})
    assert answer.status_code == 302, answer.content
    maria.refresh_from_db()
    assert maria.email == "maria.silva@example.org"
    assert not LogEntry.objects.exists()  # no copy of LC's data in CapX's database

    assert lc_member.get(f"{PARTICIPANTS}{maria.pk}/delete/").status_code == 200
    assert lc_member.post(f"{PARTICIPANTS}{maria.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Participant.objects.exists() and not LogEntry.objects.exists()


def test_an_lc_team_member_sees_badges_and_nonces(lc_member):
    Badge.objects.create(username="Maria Silva", name="Sharer",
                         picture="https://upload.wikimedia.org/sharer.png")
    Nonce.objects.create(value="1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b")
    assert b"Sharer" in lc_member.get("/admin/letsconnect_receiver/badge/").content
    assert lc_member.get("/admin/letsconnect_receiver/badge/add/").status_code == 200
    nonces = lc_member.get("/admin/letsconnect_receiver/nonce/")
    assert b"1b4e28ba" in nonces.content
    assert lc_member.get("/admin/letsconnect_receiver/nonce/add/").status_code == 403
    assert lc_member.get(PARTICIPANTS + "add/").status_code == 403  # they register themselves


def test_a_superuser_outside_the_group_sees_nothing_of_it(superuser, maria):
    index = superuser.get("/admin/")
    assert index.status_code == 200
    assert b"letsconnect_receiver" not in index.content
    assert "letsconnect_receiver" not in {app["app_label"] for app in index.context["app_list"]}
    for url in [PARTICIPANTS, f"{PARTICIPANTS}{maria.pk}/change/",
                f"{PARTICIPANTS}{maria.pk}/delete/", f"{PARTICIPANTS}{maria.pk}/history/",
                f"{PARTICIPANTS}add/", "/admin/letsconnect_receiver/badge/",
                "/admin/letsconnect_receiver/nonce/"]:
        assert superuser.get(url).status_code == 403, url
    assert superuser.get("/admin/letsconnect_receiver/").status_code == 404
    assert superuser.post(f"{PARTICIPANTS}{maria.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Participant.objects.filter(pk=maria.pk).exists()


def test_staff_with_every_permission_but_outside_the_group_are_refused(django_user_model, maria):
    user = django_user_model.objects.create_user(username="Staff Member", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="letsconnect_receiver"))
    staff = browser(user)
    assert staff.get(PARTICIPANTS).status_code == 403
    assert b"letsconnect_receiver" not in staff.get("/admin/").content


def test_other_signed_in_people_are_not_let_in(signed_in, maria):
    assert signed_in.get(PARTICIPANTS).status_code in {302, 403}
    assert signed_in.get("/admin/").status_code == 302  # to the login


def test_an_inactive_member_is_not_in_the_team(django_user_model):
    user = django_user_model.objects.create_user(username="Gone Member", is_active=False)
    user.groups.add(Group.objects.get_or_create(name=LC_TEAM)[0])
    assert not in_lc_team(user)
    user.is_active = True
    user._capx_in_lc_team = None
    assert in_lc_team(user)


def test_view_on_site_leads_only_the_lc_team_to_a_badge(superuser, lc_member, django_user_model):
    """The admin's "View on site" (/admin/r/<content type>/<id>/) shows where a row's page
    is: for a badge, its verification code. Only the LC team, who see badges in the admin,
    follow it; a superuser, staff and an organization's manager, who are let into the admin
    but not into the LC team's data, are told there is no such row."""
    from django.contrib.contenttypes.models import ContentType

    from tests.factories import OrganizationFactory

    badge = Badge.objects.create(username="Maria Silva", name="Sharer",
                                 picture="https://upload.wikimedia.org/sharer.png")
    url = f"/admin/r/{ContentType.objects.get_for_model(Badge).pk}/{badge.pk}/"
    answer = lc_member.get(url)
    assert answer.status_code == 302 and badge.verification_code in answer["Location"]
    manager = django_user_model.objects.create_user(username="Carla Manager")
    OrganizationFactory(managers=[manager])
    staff = django_user_model.objects.create_user(username="Staff Member", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="letsconnect_receiver"))
    for outsider in [superuser, browser(staff), browser(manager)]:
        answer = outsider.get(url)
        assert answer.status_code == 404 and badge.verification_code not in answer.text
