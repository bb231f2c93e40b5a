import pytest

from profiles.models import User


def test_dev_login_signs_in_as_any_username_and_comes_back(client):
    page = client.post("/login/dev", {"username": "ana_lima", "next": "/home"})
    assert page.status_code == 302 and page["Location"] == "/home"
    assert client.get("/home").wsgi_request.user.username == "Ana lima"


def test_dev_login_refuses_an_impossible_username_next_to_the_field(client):
    page = client.post("/login/dev", {"username": "Bad[name]"})
    assert page.status_code == 400
    assert "A Wikimedia username cannot contain [ ]." in page.text
    assert User.objects.count() == 0


def test_dev_login_ignores_an_outside_next(client):
    page = client.post("/login/dev", {"username": "Ana", "next": "https://evil.example/"})
    assert page["Location"] == "/home"


def test_dev_login_does_not_exist_when_disabled(client, settings):
    settings.DEV_LOGIN = False
    assert "Development login" not in client.get("/login").text
    assert client.post("/login/dev", {"username": "Ana"}).status_code == 404
    assert User.objects.count() == 0


@pytest.mark.parametrize("target", ["/home", "/admin/"])
def test_pages_that_need_login_send_to_login_and_back(client, target):
    page = client.get(target, follow=True)
    assert page.redirect_chain[-1][0] == f"/login?next={target}"
    login = client.post("/login/dev", {"username": "Staff", "next": target})
    assert login["Location"] == target
