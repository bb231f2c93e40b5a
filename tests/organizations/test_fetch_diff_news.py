"""manage.py fetch_diff_news against a local HTTP server that answers like Diff's WordPress
REST API (tests/fakes/diff.py)."""
import socket
from datetime import datetime, timezone
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from werkzeug import Response

from organizations.models import DiffPost
from tests.factories import OrganizationFactory
from tests.fakes.diff import fake_diff  # noqa: F401  (the fake Diff, a fixture)

SITE = "https://diff.wikimedia.org"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("fetch_diff_news", *args, stdout=out, stderr=err)
    return out.getvalue()


def news(organization):
    return [(post.title, post.link, post.published, post.excerpt, post.image)
            for post in organization.news.all()]


def utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def stored_news(organization, *titles):
    """News a previous run stored: one post per title, the first the newest."""
    for day, title in enumerate(titles, start=1):
        DiffPost.objects.create(organization=organization, title=title,
                                link=f"{SITE}/2023/01/{day:02}/old-{day}/",
                                published=utc(f"2023-01-{31 - day:02}T10:00:00"))
    return news(organization)


def closed_port_url():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/wp-json/wp/v2"


# --- fetching -------------------------------------------------------------------------------

def test_posts_of_the_tags_are_stored_as_plain_text_newest_first(fake_diff):
    brasil = OrganizationFactory(name="Wikimedia Brasil", slug="wikimedia-brasil",
                                 diff_tags=["Wikimedia Brasil"])
    fake_diff.add_post("Wiki Loves Monuments&#8217; winners &amp; <em>more</em>",
                       ["wikimedia-brasil"], "2024-05-01T12:00:00",
                       link=f"{SITE}/2024/05/01/wlm-winners/",
                       excerpt="<p>The <strong>results</strong> are&nbsp;in &#8230; "
                               "<a href=\"https://diff.wikimedia.org/x\">Read more</a></p>\n",
                       jetpack_image="https://diff.wikimedia.org/wp-content/uploads/wlm.jpg",
                       image="https://diff.wikimedia.org/wp-content/uploads/wlm-full.jpg")
    fake_diff.add_post("An older post", ["wikimedia-brasil"], "2023-11-30T23:59:00",
                       excerpt="<p>First line.</p>\n<p>Second&#8211;line &lt;code&gt;</p>\n",
                       image="https://diff.wikimedia.org/wp-content/uploads/older.png")
    fake_diff.add_post("The newest, no image", ["wikimedia-brasil", "education"],
                       "2024-06-15T08:30:00")
    fake_diff.add_post("Someone else's post", ["wikimedia-deutschland"], "2024-07-01T00:00:00")

    out = run()

    assert news(brasil) == [
        ("The newest, no image", f"{SITE}/2024/06/15/the-newest-no-image/",
         utc("2024-06-15T08:30:00"), "An excerpt.", ""),
        ("Wiki Loves Monuments’ winners & more", f"{SITE}/2024/05/01/wlm-winners/",
         utc("2024-05-01T12:00:00"), "The results are in … Read more",
         "https://diff.wikimedia.org/wp-content/uploads/wlm.jpg"),  # Jetpack's first
        ("An older post", f"{SITE}/2023/11/30/an-older-post/", utc("2023-11-30T23:59:00"),
         "First line. Second–line <code>",
         "https://diff.wikimedia.org/wp-content/uploads/older.png"),  # the embedded media's
    ]
    assert "Wikimedia Brasil [wikimedia-brasil]: 3 posts (3 new, 0 changed, 0 removed)." in out
    assert "Diff news fetched for 1 organization." in out
    assert [args["slug"] for args in fake_diff.requested("tags")] == ["wikimedia-brasil"]
    posts_asked = fake_diff.requested("posts")
    assert [(args["tags"], args["per_page"]) for args in posts_asked] == [
        (str(fake_diff.tags["wikimedia-brasil"]), "10")]


def test_the_ten_newest_are_kept_and_a_second_run_changes_nothing(fake_diff):
    organization = OrganizationFactory(name="Wikimedia Italia", slug="wikimedia-italia",
                                       diff_tags=["wikimedia-italia", "Wiki Loves Earth"])
    posts = [fake_diff.add_post(f"Post {day}", ["wikimedia-italia" if day % 2 else
                                                "wiki-loves-earth"],
                                f"2024-03-{day:02}T09:00:00") for day in range(1, 13)]

    first = run()
    stored = list(organization.news.values_list("pk", "title"))
    second = run()

    assert [title for _, title in stored] == [f"Post {day}" for day in range(12, 2, -1)]
    assert "Wikimedia Italia [wikimedia-italia]: 10 posts (10 new, 0 changed, 0 removed)." \
        in first
    assert list(organization.news.values_list("pk", "title")) == stored  # the same rows
    assert "Wikimedia Italia [wikimedia-italia]: up to date (10 posts)." in second

    posts[11]["title"]["rendered"] = "Post 12, corrected"
    fake_diff.add_post("Post 13", ["wiki-loves-earth"], "2024-03-13T09:00:00")
    third = run()

    assert list(organization.news.values_list("title", flat=True)) == [
        "Post 13", "Post 12, corrected"] + [f"Post {day}" for day in range(11, 3, -1)]
    assert "Wikimedia Italia [wikimedia-italia]: 10 posts (1 new, 1 changed, 1 removed)." \
        in third


def test_a_tag_diff_does_not_have_is_reported_and_the_others_are_still_fetched(fake_diff):
    fake_diff.add_post("Our news", ["wikimedia-brasil"], "2024-05-01T12:00:00")
    mixed = OrganizationFactory(name="Wikimedia Brasil", slug="wikimedia-brasil",
                                diff_tags=["Wikimedia Brasil", "Brasil typo"])
    lost = OrganizationFactory(name="Wikimedia Narnia", slug="wikimedia-narnia",
                               diff_tags=["narnia"])
    kept = stored_news(lost, "Narnia's old news")

    out = run()

    assert [post[0] for post in news(mixed)] == ["Our news"]
    assert news(lost) == kept
    assert ('Wikimedia Brasil [wikimedia-brasil]: 1 post (1 new, 0 changed, 0 removed); '
            'tag not on Diff: "Brasil typo".') in out
    assert 'Wikimedia Narnia [wikimedia-narnia]: tag not on Diff: "narnia"; its 1 stored ' \
           'post kept.' in out
    assert "Diff news fetched for 2 organizations." in out


def test_tags_are_asked_for_by_their_wordpress_slug_and_each_only_once(fake_diff):
    for slug in ("wiki-loves-earth", "sao-paulo", "wikimedia-brasil", "ويكي"):
        fake_diff.add_tag(slug)
    OrganizationFactory(name="A", diff_tags=["https://diff.wikimedia.org/tag/wiki-loves-earth/",
                                             "São Paulo", "Wikimedia Brasil", "wikimedia-brasil"])
    OrganizationFactory(name="B", diff_tags=["Wiki Loves Earth", "%D9%88%D9%8A%D9%83%D9%8A"])

    out = run()

    assert [args["slug"] for args in fake_diff.requested("tags")] == [
        "wiki-loves-earth", "sao-paulo", "wikimedia-brasil", "ويكي"]
    assert "not on Diff" not in out


def test_organizations_without_diff_tags_lose_their_news_and_are_not_asked_about(fake_diff):
    quiet = OrganizationFactory(name="Quiet Group", slug="quiet-group", diff_tags=[])
    stored_news(quiet, "Old", "Older")
    OrganizationFactory(name="Never tagged", diff_tags=[])

    out = run()

    assert news(quiet) == []
    assert "Quiet Group [quiet-group]: no Diff tags, 2 stored posts removed." in out
    assert "Never tagged" not in out
    assert fake_diff.requests == []


def test_one_organization_can_be_fetched_alone(fake_diff):
    fake_diff.add_post("Brasil", ["wikimedia-brasil"], "2024-05-01T12:00:00")
    fake_diff.add_post("Italia", ["wikimedia-italia"], "2024-05-01T12:00:00")
    brasil = OrganizationFactory(name="Wikimedia Brasil", slug="wikimedia-brasil",
                                 diff_tags=["wikimedia-brasil"])
    italia = OrganizationFactory(name="Wikimedia Italia", diff_tags=["wikimedia-italia"])

    out = run("--organization", "wikimedia-brasil")

    assert [post[0] for post in news(brasil)] == ["Brasil"] and news(italia) == []
    assert "Wikimedia Italia" not in out
    with pytest.raises(CommandError, match='No organization has the slug "wikimedia-nowhere"'):
        run("--organization", "wikimedia-nowhere")


# --- failures: stored news stay -------------------------------------------------------------

def organizations_with_news(fake_diff):
    """Two organizations with news a previous run stored, and new posts on Diff."""
    fake_diff.add_post("New for Brasil", ["wikimedia-brasil"], "2024-05-01T12:00:00")
    fake_diff.add_post("New for Italia", ["wikimedia-italia"], "2024-05-01T12:00:00")
    brasil = OrganizationFactory(name="Wikimedia Brasil", slug="wikimedia-brasil",
                                 diff_tags=["wikimedia-brasil"])
    italia = OrganizationFactory(name="Wikimedia Italia", slug="wikimedia-italia",
                                 diff_tags=["wikimedia-italia"])
    return {brasil: stored_news(brasil, "Brasil 1", "Brasil 2"),
            italia: stored_news(italia, "Italia 1")}


def json_answer(body, status=200):
    return lambda request: Response(body, status=status, content_type="application/json")


FAILURES = {
    "malformed JSON": (json_answer('[{"id": 1, "link": "https://diff.wikimedia.org/a'),
                       "sent an answer that is not valid JSON"),
    "500s": (json_answer('{"code": "internal_server_error"}', status=500),
             "answered HTTP 500 INTERNAL SERVER ERROR"),
    "an HTML page": (lambda request: Response("<html><body>Maintenance</body></html>",
                                              content_type="text/html"),
                     "not valid JSON"),
    "an object for a list": (json_answer('{"posts": []}'),
                             "JSON of an unexpected shape: expected an array, got an object"),
}
POST_GARBAGE = {
    "a post without a link": ('[{"id": 7, "title": {"rendered": "x"}, '
                              '"date_gmt": "2024-01-01T00:00:00"}]', "post 1 (id 7) has no link"),
    "a post with a bad date": ('[{"id": 7, "link": "https://diff.wikimedia.org/p/", '
                               '"title": {"rendered": "x"}, "date_gmt": "yesterday"}]',
                               "post 1 (id 7) has no date (\"date_gmt\": 'yesterday')"),
    "a title that is not rendered HTML": ('[{"id": 7, "link": "https://diff.wikimedia.org/p/",'
                                          ' "title": "x", "date_gmt": "2024-01-01T00:00:00"}]',
                                          'post 1 (id 7) has no "title.rendered"'),
}


@pytest.mark.parametrize("endpoint", ["tags", "posts"])
@pytest.mark.parametrize("failure", FAILURES)
def test_a_bad_answer_keeps_every_stored_post_and_exits_non_zero(fake_diff, endpoint, failure):
    before = organizations_with_news(fake_diff)
    handler, _ = FAILURES[failure]
    fake_diff.failures[endpoint] = handler

    with pytest.raises(CommandError) as error:
        run()

    assert {organization: news(organization) for organization in before} == before
    assert error.value.returncode != 0
    text = str(error.value)
    assert text == ("The news of 2 of 2 organizations could not be fetched from Diff; their "
                    "stored news were kept: Wikimedia Brasil [wikimedia-brasil], "
                    "Wikimedia Italia [wikimedia-italia].")


@pytest.mark.parametrize("failure", FAILURES)
def test_each_failed_organization_is_told_why(fake_diff, failure):
    organizations_with_news(fake_diff)
    handler, message = FAILURES[failure]
    fake_diff.failures["posts"] = handler
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("fetch_diff_news", stdout=out, stderr=StringIO())

    line = next(line for line in out.getvalue().splitlines()
                if line.startswith("Wikimedia Brasil [wikimedia-brasil]: "))
    assert line.startswith("Wikimedia Brasil [wikimedia-brasil]: not fetched, its stored news "
                           "were kept. Diff's WordPress API ")
    assert message in line
    assert "/wp-json/wp/v2/posts" in line


@pytest.mark.parametrize("garbage", POST_GARBAGE)
def test_a_post_of_an_unexpected_shape_keeps_the_stored_news(fake_diff, garbage):
    before = organizations_with_news(fake_diff)
    body, message = POST_GARBAGE[garbage]
    fake_diff.failures["posts"] = json_answer(body)
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("fetch_diff_news", stdout=out, stderr=StringIO())

    assert {organization: news(organization) for organization in before} == before
    assert (f"Wikimedia Brasil [wikimedia-brasil]: not fetched, its stored news were kept. "
            f"Diff's WordPress API sent an answer of an unexpected shape: {message}.") \
        in out.getvalue()


def test_one_organizations_failure_does_not_stop_the_others(fake_diff):
    before = organizations_with_news(fake_diff)
    brasil, italia = before
    brasil_tag = str(fake_diff.tags["wikimedia-brasil"])
    fake_diff.failures["posts"] = lambda request: (
        Response("oops", status=502) if request.args["tags"] == brasil_tag else None)
    out = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("fetch_diff_news", stdout=out, stderr=StringIO())

    assert news(brasil) == before[brasil]
    assert [post[0] for post in news(italia)] == ["New for Italia"]
    assert "Wikimedia Brasil [wikimedia-brasil]: not fetched, its stored news were kept. " \
           "Diff's WordPress API answered HTTP 502 BAD GATEWAY" in out.getvalue()
    assert "Wikimedia Italia [wikimedia-italia]: 1 post (1 new, 0 changed, 1 removed)." \
        in out.getvalue()
    assert str(error.value) == (
        "The news of 1 of 2 organizations could not be fetched from Diff; their stored news "
        "were kept: Wikimedia Brasil [wikimedia-brasil].")


def test_diff_down_stops_the_command_and_keeps_every_stored_post(fake_diff, settings):
    before = organizations_with_news(fake_diff)
    settings.DIFF_API_URL = closed_port_url()

    with pytest.raises(CommandError) as error:
        run()

    assert {organization: news(organization) for organization in before} == before
    assert error.value.returncode != 0
    text = str(error.value)
    assert text.startswith("Diff could not be reached, so the news of 2 organizations were "
                           "not fetched and their stored news were kept. Could not connect to "
                           "Diff's WordPress API (http://127.0.0.1:")
    assert "/wp-json/wp/v2/tags)" in text


def test_diff_too_slow_to_answer_is_unreachable_too(fake_diff, settings, slow_answer):
    before = organizations_with_news(fake_diff)
    settings.CAPX_HTTP_TIMEOUT = 0.5
    fake_diff.failures["posts"] = slow_answer

    with pytest.raises(CommandError) as error:
        run()

    assert {organization: news(organization) for organization in before} == before
    assert ("Diff could not be reached, so the news of 2 organizations were not fetched and "
            "their stored news were kept. Diff's WordPress API did not answer within 0.5 "
            "seconds") in str(error.value)
