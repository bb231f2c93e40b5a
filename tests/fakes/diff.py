"""A fake Diff (diff.wikimedia.org, WordPress) on a local HTTP server, answering its REST API
(v2) in WordPress's shapes: /wp-json/wp/v2/tags?slug=... and /wp-json/wp/v2/posts?tags=...,
newest first, honouring per_page, _embed (featured media) and _fields as WordPress does.
The `fake_diff` fixture points DIFF_API_URL at it."""
import itertools
import json
import re
from datetime import datetime, timedelta

import pytest
from werkzeug import Response

BASE = "/wp-json/wp/v2"
SITE = "https://diff.wikimedia.org"


class FakeDiff:
    """Tags and posts as a WordPress site holds them. `failures["tags"]` / `failures["posts"]`
    (a function request → Response, or None to answer as usual) make an endpoint fail."""

    def __init__(self, httpserver):
        self.tags = {}  # slug → tag id
        self.posts = []  # WordPress post objects, with their "tags" ids
        self.requests = []  # (endpoint, query arguments) of every call
        self.failures = {}
        self.ids = itertools.count(100)
        httpserver.expect_request(f"{BASE}/tags").respond_with_handler(self.tags_endpoint)
        httpserver.expect_request(f"{BASE}/posts").respond_with_handler(self.posts_endpoint)

    def add_tag(self, slug):
        self.tags[slug] = next(self.ids)
        return self.tags[slug]

    def add_post(self, title, tags, date_gmt, excerpt="<p>An excerpt.</p>\n", link=None,
                 image=None, jetpack_image=None, protected=False):
        """`title` and `excerpt` are HTML, as WordPress renders them; `tags` are slugs (new
        ones are created); `image` the featured media's source_url, `jetpack_image` Jetpack's
        jetpack_featured_media_url. Returns the post object, to change it later."""
        post_id = next(self.ids)
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or str(post_id)
        published = datetime.fromisoformat(date_gmt)
        media = None
        if image:
            media = {"id": next(self.ids), "date": date_gmt, "slug": f"{slug}-image",
                     "type": "attachment", "link": f"{SITE}/{slug}/{slug}-image/",
                     "title": {"rendered": "An image"}, "author": 1,
                     "caption": {"rendered": "<p>A caption</p>\n"}, "alt_text": "",
                     "media_type": "image", "mime_type": "image/jpeg",
                     "media_details": {"width": 1200, "height": 800, "sizes": {}},
                     "source_url": image}
        post = {
            "id": post_id,
            "date": (published + timedelta(hours=-3)).isoformat(),  # the site's local time
            "date_gmt": date_gmt,
            "guid": {"rendered": f"{SITE}/?p={post_id}"},
            "modified": date_gmt, "modified_gmt": date_gmt,
            "slug": slug, "status": "publish", "type": "post",
            "link": link or f"{SITE}/{published:%Y/%m/%d}/{slug}/",
            "title": {"rendered": title},
            "content": {"rendered": f"<p>The whole post.</p>\n{excerpt}", "protected": protected},
            "excerpt": {"rendered": excerpt, "protected": protected},
            "author": 1,
            "featured_media": media["id"] if media else 0,
            "comment_status": "open", "sticky": False, "format": "standard", "meta": [],
            "categories": [1],
            "tags": [self.tags.get(tag) or self.add_tag(tag) for tag in tags],
            "jetpack_featured_media_url": jetpack_image or "",
            "_links": {"self": [{"href": f"{SITE}{BASE}/posts/{post_id}"}]},
            "_media": media,  # not served as such: embedded when asked for
        }
        if media:
            post["_links"]["wp:featuredmedia"] = [
                {"embeddable": True, "href": f"{SITE}{BASE}/media/{media['id']}"}]
        self.posts.append(post)
        return post

    def requested(self, endpoint):
        return [args for name, args in self.requests if name == endpoint]

    # GET /tags?slug=a,b: the tags with those slugs (WordPress splits on commas and spaces).
    def tags_endpoint(self, request):
        self.requests.append(("tags", request.args.to_dict()))
        failure = self.failures.get("tags")
        answer = failure(request) if failure else None
        if answer is not None:
            return answer
        slugs = [slug for slug in re.split(r"[\s,]+", request.args.get("slug", "")) if slug]
        found = [{"id": self.tags[slug], "count": self.count(self.tags[slug]),
                  "description": "", "link": f"{SITE}/tag/{slug}/",
                  "name": slug.replace("-", " ").title(), "slug": slug,
                  "taxonomy": "post_tag", "meta": [],
                  "_links": {"self": [{"href": f"{SITE}{BASE}/tags/{self.tags[slug]}"}]}}
                 for slug in slugs if slug in self.tags]
        return wordpress_list(request, found)

    # GET /posts?tags=1,2&per_page=10&_embed=wp:featuredmedia: newest first.
    def posts_endpoint(self, request):
        self.requests.append(("posts", request.args.to_dict()))
        failure = self.failures.get("posts")
        answer = failure(request) if failure else None
        if answer is not None:
            return answer
        wanted = {int(tag) for tag in re.split(r"[\s,]+", request.args.get("tags", "")) if tag}
        per_page = int(request.args.get("per_page", 10))
        chosen = sorted((post for post in self.posts if wanted & set(post["tags"])),
                        key=lambda post: post["date_gmt"], reverse=True)[:per_page]
        embed = request.args.get("_embed")
        served = []
        for post in chosen:
            media = post["_media"]
            post = {key: value for key, value in post.items() if key != "_media"}
            if embed is not None and media and (embed in ("", "1", "true")
                                                or "wp:featuredmedia" in embed.split(",")):
                post["_embedded"] = {"wp:featuredmedia": [media]}
            served.append(post)
        return wordpress_list(request, served)

    def count(self, tag_id):
        return sum(tag_id in post["tags"] for post in self.posts)


def wordpress_list(request, objects):
    """A collection answer: only the `_fields` asked for (top-level names), with WordPress's
    paging headers."""
    fields = request.args.get("_fields")
    if fields:
        names = {name.split(".")[0] for name in fields.split(",")}
        objects = [{key: value for key, value in obj.items() if key in names}
                   for obj in objects]
    return Response(json.dumps(objects), content_type="application/json; charset=UTF-8",
                    headers={"X-WP-Total": str(len(objects)), "X-WP-TotalPages": "1"})


@pytest.fixture
def fake_diff(httpserver, settings):
    settings.DIFF_API_URL = httpserver.url_for(BASE)
    settings.CAPX_HTTP_TIMEOUT = 5
    settings.CAPX_HTTP_RETRIES = 2
    settings.CAPX_HTTP_BACKOFF = 0
    settings.CAPX_HTTP_RETRY_AFTER_MAX = 0.05
    return FakeDiff(httpserver)
