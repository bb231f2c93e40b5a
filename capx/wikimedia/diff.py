"""Diff (diff.wikimedia.org), the Wikimedia movement's blog: an organization's news are the
latest posts carrying its tags. Diff runs WordPress; its REST API (v2) is read in two steps:

- `GET /tags?slug=<slug>` answers a list of tags, [{"id": 123, "slug": "wikimedia-brasil",
  "name": "Wikimedia Brasil", ...}], empty when Diff has no tag of that slug;
- `GET /posts?tags=1,2&per_page=10&orderby=date&order=desc&_embed=wp:featuredmedia` answers
  a list of posts, newest first: [{"id", "date_gmt": "2024-05-01T12:00:00" (UTC, no offset),
  "link", "title": {"rendered": HTML}, "excerpt": {"rendered": HTML, "protected": bool},
  "jetpack_featured_media_url": "" or a URL (Jetpack, when installed), "_embedded":
  {"wp:featuredmedia": [{"source_url": ...}]} (a featured image; an {"code": ...} error
  object in its place when WordPress cannot show it)}].

Titles and excerpts are HTML; they are returned as plain text (tags stripped, entities
unescaped, one space between words). Dates are aware datetimes in UTC. An answer of another
shape raises WikimediaError saying what is wrong with it.

Settings: DIFF_API_URL (the API's base, ".../wp-json/wp/v2").
"""
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from html.parser import HTMLParser
from urllib.parse import unquote

from django.conf import settings

from capx.wikimedia.http import WikimediaError, get_json
from capx.wikimedia.wikidata import clean_text

WHAT = "Diff's WordPress API"
MAX_POSTS = 100  # WordPress's largest per_page
MAX_TITLE = 500  # DiffPost.title
MAX_URL = 500  # DiffPost.link and DiffPost.image
MAX_EXCERPT = 1000  # WordPress's own excerpts are about 55 words; longer is cut
POST_FIELDS = "id,date_gmt,link,title,excerpt,jetpack_featured_media_url,_links,_embedded"


@dataclass(frozen=True)
class DiffTag:
    text: str  # as the organization wrote it
    slug: str  # as WordPress spells it
    id: int | None  # None: Diff has no such tag


@dataclass(frozen=True)
class DiffPost:
    title: str
    link: str
    published: datetime  # aware, UTC
    excerpt: str
    image: str  # the featured image's URL, or ""


def api_url(endpoint):
    return f"{settings.DIFF_API_URL.rstrip('/')}/{endpoint}"


# --- tags -----------------------------------------------------------------------------------

def find_tags(texts, known=None):
    """The Diff tag of each text an organization gave (a tag's name, slug or address), in
    their order, without repeating a slug. `known` ({slug: id or None}, filled here) saves
    asking twice for a tag several organizations use. Raises WikimediaError."""
    known = {} if known is None else known
    tags, seen = [], set()
    for text in texts:
        slug = tag_slug(text)
        if slug in seen:
            continue
        seen.add(slug)
        if slug not in known:
            known[slug] = tag_id(slug) if slug else None
        tags.append(DiffTag(text=text, slug=slug, id=known[slug]))
    return tags


def tag_id(slug):
    """The id of the tag with this slug, or None. One tag per request: WordPress splits a
    list of slugs on commas and spaces, and answers without saying which slug found what."""
    url = api_url("tags")
    data = get_json(url, params={"slug": slug, "_fields": "id,slug,name"}, what=WHAT,
                    expect=list)
    for number, tag in enumerate(data, start=1):
        if not isinstance(tag, dict) or not is_id(tag.get("id")):
            raise shape_error(f'tag {number} of "{slug}" has no id')
    return data[0]["id"] if data else None


# WordPress's remove_accents() for the letters NFKD does not take apart.
LATIN_LETTERS = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th",
                 "ð": "d", "ħ": "h", "ı": "i"}


def tag_slug(text):
    """The slug WordPress gives a tag named `text` (sanitize_title): lower case, accents off
    Latin letters, spaces and dots as hyphens, other punctuation dropped; letters of other
    scripts stay. A tag's address (…/tag/<slug>/) or a percent-encoded slug gives its slug."""
    text = text.strip()
    if "/tag/" in text:
        text = text.split("/tag/", 1)[1].split("/", 1)[0]
    text = unquote(text).lower()
    slug = []
    for char in text:
        char = LATIN_LETTERS.get(char, char)
        if not char.isascii():
            char = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or char
        for letter in char:
            if letter.isspace() or letter == "." or unicodedata.category(letter) == "Pd":
                slug.append("-")
            elif letter.isascii():
                slug.append(letter if letter.isalnum() or letter == "_" else "")
            elif unicodedata.category(letter)[0] not in "PSZC":  # letters, marks, numbers
                slug.append(letter)
    return re.sub(r"-{2,}", "-", "".join(slug)).strip("-")


# --- posts ----------------------------------------------------------------------------------

def posts(ids, limit=10):
    """The `limit` newest posts carrying any of the tags `ids`, newest first. Raises
    WikimediaError."""
    ids = sorted(set(ids))
    if not ids:
        return []
    url = api_url("posts")
    data = get_json(
        url,
        params={
            "tags": ",".join(str(tag) for tag in ids),
            "per_page": min(limit, MAX_POSTS),
            "orderby": "date",
            "order": "desc",
            "_embed": "wp:featuredmedia",
            "_fields": POST_FIELDS,
        },
        what=WHAT,
        expect=list,
    )
    found = {}  # by link: a post listed twice is one post
    for number, post in enumerate(data, start=1):
        post = parse_post(post, number)
        found.setdefault(post.link, post)
    return sorted(found.values(), key=lambda post: post.published, reverse=True)[:limit]


def parse_post(post, number):
    if not isinstance(post, dict):
        raise shape_error(f"post {number} is not an object")
    name = f"post {number}" + (f" (id {post['id']})" if is_id(post.get("id")) else "")

    link = post.get("link")
    if not is_web_url(link):
        raise shape_error(f"{name} has no link")
    if len(link) > MAX_URL:
        raise shape_error(f"{name} has a link longer than {MAX_URL} characters")

    title = rendered(post, "title", name)
    if title is None:
        raise shape_error(f'{name} has no "title.rendered"')
    excerpt = rendered(post, "excerpt", name) or ""
    if isinstance(post.get("excerpt"), dict) and post["excerpt"].get("protected") is True:
        excerpt = ""  # a password-protected post: WordPress says only that it is protected

    return DiffPost(
        title=shorten(title, MAX_TITLE),
        link=link,
        published=published(post.get("date_gmt"), name),
        excerpt=shorten(excerpt, MAX_EXCERPT),
        image=featured_image(post),
    )


def rendered(post, field, name):
    """The plain text of a {"rendered": HTML} field, or None when the field is absent."""
    value = post.get(field)
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("rendered"), str):
        raise shape_error(f'{name} has no "{field}.rendered"')
    return plain_text(value["rendered"])


def published(value, name):
    """WordPress's date_gmt, "2024-05-01T12:00:00" (UTC without an offset), as aware UTC."""
    try:
        date = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise shape_error(f'{name} has no date ("date_gmt": {value!r})') from None
    if date.tzinfo is None:
        return date.replace(tzinfo=timezone.utc)
    return date.astimezone(timezone.utc)


def featured_image(post):
    """Jetpack's featured image URL, else the embedded featured media's; "" when there is
    none (or WordPress sent an error object in its place)."""
    jetpack = post.get("jetpack_featured_media_url")
    if is_web_url(jetpack) and len(jetpack) <= MAX_URL:
        return jetpack
    embedded = post.get("_embedded")
    media = embedded.get("wp:featuredmedia") if isinstance(embedded, dict) else None
    if isinstance(media, list) and media and isinstance(media[0], dict):
        source = media[0].get("source_url")
        if is_web_url(source) and len(source) <= MAX_URL:
            return source
    return ""


# --- HTML to text ---------------------------------------------------------------------------

BLOCKS = {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
          "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
          "hr", "li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
HIDDEN = {"script", "style", "template"}


class TextOf(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)  # entities become characters
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def plain_text(html):
    """'<p>Wiki Loves&nbsp;Earth&#8217;s <b>winners</b></p>' → 'Wiki Loves Earth’s winners'."""
    parser = TextOf()
    parser.feed(html)
    parser.close()
    return clean_text("".join(parser.parts))


def shorten(text, limit):
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def is_id(value):
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def is_web_url(value):
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def shape_error(detail):
    return WikimediaError(f"{WHAT} sent an answer of an unexpected shape: {detail}.")
