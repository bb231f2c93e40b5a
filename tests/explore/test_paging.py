"""Every page of the feed holds exactly what a plain newest-first query puts there, however
it is read (deep pages are read from the other end: explore.feed.FeedPaginator)."""
import re

import pytest

from capacities.models import Capacity
from explore.models import Card
from profiles.models import Language, Territory
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


@pytest.mark.parametrize("read", ["index", "table"])
@pytest.mark.parametrize("query", [
    {"territory": "latin-america-caribbean", "language": "pt-br"},
    {"capacity": "communication", "territory": "BR", "language": ["pt-br", "en"]},
    {"capacity": ["media", "survey"], "language": "en", "party": "user"}])
def test_combined_filters_count_and_show_what_a_plain_query_finds(client, monkeypatch, query, read):
    """Counted through the one index of the filters or by reading the table
    (explore.feed.through_the_table, which the data size decides): the same cards as
    asking for all of them at once."""
    monkeypatch.setattr("explore.feed.INDEX_ENTRIES_PER_ROW", 0 if read == "table" else 10**9)
    for number, (place, language, capacity) in enumerate([
            ("BR", "pt-br", "media"), ("BR", "en", "survey"), ("AR", "pt-br", "media"),
            ("PT", "pt-br", "media"), ("BR", "pt-br", "budgeting"), ("US", "en", "media")]):
        ProfileFactory(username=f"Person {number}", known=[capacity], available=[capacity],
                       territories=[place], languages={language: 3})
    if "territory" in query and len(query["territory"]) == 2:
        query = {**query, "territory": Territory.objects.get(code=query["territory"]).slug}
    page = client.get("/feed", query).content.decode()
    shown = [name for name, _kind in cards(page)]
    plain = Card.objects.filter(kind__in=["sharer", "learner"])
    if "capacity" in query:
        slugs = query["capacity"] if isinstance(query["capacity"], list) else [query["capacity"]]
        plain = plain.filter(covers__overlap=list(
            Capacity.objects.filter(slug__in=slugs).values_list("pk", flat=True)))
    if "territory" in query:
        place = Territory.objects.get(slug=query["territory"])
        plain = plain.filter(territories__overlap=[place.pk])
    codes = query["language"] if isinstance(query["language"], list) else [query["language"]]
    plain = plain.filter(languages__overlap=list(
        Language.objects.filter(code__in=codes).values_list("pk", flat=True)))
    expected = [card.profile.user.username for card in plain.order_by("-activity", "-id")
                .select_related("profile__user")]
    assert shown == expected and expected
    assert f"{len(expected)} result" in page
