import pytest
from django.core.management import CommandError, call_command


def test_make_staff_opens_the_admin_to_a_wikimedian(client, user):
    client.force_login(user)
    assert client.get("/admin/", follow=True).redirect_chain  # not staff: sent away
    call_command("make_staff", "Maria Silva")
    assert client.get("/admin/").status_code == 200
    call_command("make_staff", "Maria Silva", "--remove")
    user.refresh_from_db()
    assert not user.is_staff and not user.is_superuser


def test_make_staff_names_an_unknown_user():
    with pytest.raises(CommandError, match='No CapX user "Nobody"'):
        call_command("make_staff", "Nobody")


def test_a_signed_in_wikimedian_who_is_not_staff_is_told_so(signed_in):
    page = signed_in.get("/admin/login/?next=/admin/")
    assert "not authorized to access this page" in page.text
