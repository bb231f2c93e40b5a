def test_landing_invites_to_join(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "Join the exchange!" in page.text


def test_home_needs_login_and_comes_back(client):
    page = client.get("/home")
    assert page.status_code == 302
    assert page["Location"] == "/login?next=/home"


def test_home_greets_the_signed_in_user(signed_in):
    page = signed_in.get("/home")
    assert "Maria Silva" in page.text
