"""Every page of the feed holds exactly what a plain newest-first query puts there, however
it is read (deep pages are read from the other end: explore.feed.FeedPaginator)."""
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
