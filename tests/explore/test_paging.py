"""Every page of the feed holds exactly what a plain newest-first query puts there, however
it is read (deep pages are read from the other end: explore.feed.FeedPaginator)."""
import re

import pytest

from explore.models import Card
from tests.explore.seen import cards
from tests.factories import ProfileFactory


@pytest.mark.parametrize("query", [{}, {"capacity": "communication"}, {"q": "person"}])
def test_every_page_matches_a_plain_query(client, monkeypatch, query):
    monkeypatch.setattr("explore.views.PAGE_SIZE", 4)
    for number in range(13):
        ProfileFactory(username=f"Person {number:02}", known=["media"], available=["media"],
                       wanted=["survey"] if number % 3 else [])
    plain = Card.objects.filter(kind__in=["sharer", "learner"]).order_by("-activity", "-id")
    if "capacity" in query:
        plain = plain.filter(kind="sharer")  # Media is inside Communication, Survey is not
    expected = [(card.profile.user.username, card.kind) for card in plain.select_related("profile__user")]
    shown = []
    for number in range(1, -(-len(expected) // 4) + 1):
        shown += cards(client.get("/feed", {**query, "page": number}).content.decode())
    assert shown == expected and len(expected) > 8


def test_results_counted_only_up_to_a_bound_still_reach_every_card(client, monkeypatch):
    """Filters no kept total counts are counted up to COUNTED_UP_TO: the feed says "more
    than" and numbers the pages those fill without a last one; a page past them counts all
    the cards, so every card is still reached and a page past the end shows the last one."""
    monkeypatch.setattr("explore.views.PAGE_SIZE", 4)
    monkeypatch.setattr("explore.feed.COUNTED_UP_TO", 9)
    for number in range(13):
        ProfileFactory(username=f"Person {number:02}", known=["media"], available=["media"],
                       languages={"en": 3})
    query = {"capacity": "media", "language": "en"}  # two filters: no kept total
    plain = Card.objects.filter(kind="sharer").order_by("-activity", "-id")
    expected = [card.profile.user.username for card in plain.select_related("profile__user")]
    pages = [client.get("/feed", {**query, "page": number}).content.decode()
             for number in range(1, 5)]
    assert [name for page in pages for name, _kind in cards(page)] == expected
    assert len(expected) == 13
    for page in pages[:2]:
        assert "More than 9 results" in page and 'rel="next"' in page
        assert re.search(r"Page [12]\s*</p>", page)
    assert "13 results" in pages[2] and "Page 3 of 4" in pages[2]
    assert "Page 4 of 4" in pages[3] and 'rel="next"' not in pages[3]
    beyond = client.get("/feed", {**query, "page": 9}).content.decode()
    assert [name for name, _kind in cards(beyond)] == expected[12:]
