"""What a person sees of Explore, read from the HTML of the pages (never from template
context): the cards of the feed, the matches on /home, the counts on a capacity's page."""
import re
from html import unescape
from html.parser import HTMLParser


class CardReader(HTMLParser):
    """(username, kind) of each card (explore/card_html.py), in page order."""

    def __init__(self):
        super().__init__()
        self.cards, self.kind, self.in_name = [], None, False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        kinds = [c.removeprefix("feed-card--") for c in classes
                 if c.startswith("feed-card--") and c != "feed-card--small"]
        if tag == "article" and "feed-card" in classes:
            self.kind = kinds[0] if kinds else None
        elif "feed-card__name" in classes:
            self.in_name, self.name = True, ""

    def handle_endtag(self, tag):
        if self.in_name and re.fullmatch(r"h\d", tag):
            self.cards.append((self.name.strip(), self.kind))
            self.in_name = False

    def handle_data(self, data):
        if self.in_name:
            self.name += data


def cards(html):
    reader = CardReader()
    reader.feed(html)
    return reader.cards


def feed(client, **query):
    """The cards of /feed with these filters: [(username, kind), ...], newest first."""
    page = client.get("/feed", query)
    assert page.status_code == 200
    return cards(page.content.decode())


def people(client, **query):
    """The usernames on /feed with these filters."""
    return {name for name, _kind in feed(client, **query)}


def matches(client):
    """The usernames in the two lists of /home's matches: (who shares what I want, who
    wants what I share)."""
    html = client.get("/home").content.decode()
    sharers, _, learners = html.partition('id="matches-learners-title"')
    return ([name for name, _kind in cards(sharers)], [name for name, _kind in cards(learners)])


def counts(client, slug):
    """How many know, share and want the capacity, as its page says."""
    text = unescape(client.get(f"/capacity/{slug}").content.decode())
    return tuple(int(re.search(pattern, text)[1]) for pattern in
                 (r"(\d+) Wikimedians? knows? it", r"(\d+) shares? it", r"(\d+) wants? to learn it"))
