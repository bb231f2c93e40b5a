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


def test_landing_offers_a_wikimedia_account_to_newcomers(client, settings):
    page = client.get("/").text
    assert "Share what you know" in page and "Find Wikimedians by capacity" in page
    create = f'href="{settings.MEDIAWIKI_URL}/w/index.php?title=Special:CreateAccount"'
    assert create in page and "Create account" in page


def test_login_page_continues_to_meta_wiki(client):
    page = client.get("/login?next=/home").text
    assert "unified login on Meta-Wiki" in page
    assert 'action="/oauth/login/mediawiki/"' in page
    assert '<input type="hidden" name="next" value="/home">' in page
    assert ">Continue</button>" in page


def test_development_login_is_labelled_and_explains_errors_at_the_field(client):
    assert "exists only on development machines" in client.get("/login").text
    page = client.post("/login/dev", {"username": "Bad|name"}).text
    assert "Development login" in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="id_username_helptext id_username_error"' in page
    assert '<ul class="errorlist" id="id_username_error"><li>A Wikimedia username cannot contain |.' in page


def test_robots_txt_keeps_crawlers_out_of_private_pages(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        answer = client.get("/robots.txt")
    assert answer["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in answer.content.decode()
