"""The capacity filter of /feed: it opens from the search bar too (the guide's "Filter by
capacity (search bar)"), and without JavaScript the picker page takes the whole filter form
there and back (capacities/picker.py), so the search words and other filters stay."""
import re

from profiles.models import Territory
from tests.capacities.picker_round_trip import read_form, through_picker
from tests.factories import ProfileFactory


def test_the_search_bar_opens_the_capacity_filter(client):
    html = client.get("/feed", {"capacity": ["media", "budgeting"]}).text
    bar = html[html.index('<div class="feed-search">'):html.index('<section class="feed-filters"')]
    button = re.search(r'<button type="submit" class="button feed-search__capacities"[^>]*>(.*?)</button>', bar, re.S)
    assert 'formaction="/capacity/picker/capacity"' in button.group(0)
    assert 'name="next" value="/feed"' in button.group(0) and 'data-opens-picker="capacity"' in button.group(0)
    assert "<span>Capacities</span>" in button.group(1) and "(2)" in button.group(1)
    # Enter in the search box still searches: the search button comes first.
    assert bar.index("feed-search__submit") < bar.index("feed-search__capacities")


def test_the_round_trip_keeps_the_search_words_and_every_filter(client):
    ProfileFactory(username="Ana Lima", known=["media", "budgeting"],
                   available=["media", "budgeting"], territories=["BR"], languages={"pt-br": 6})
    filters = {"q": "ana lima", "capacity": ["media"], "exchange": ["sharer"], "proficient": "on",
               "territory": ["latin-america-caribbean", Territory.objects.get(code="BR").slug],
               "language": ["pt-br"]}
    picker, back = through_picker(client, "get", "capacity", filters, "/feed", tick=["budgeting"])
    form = read_form(picker.text, "capacity-picker-page")
    assert (form.method, form.action) == ("get", "/feed")

    shown = sorted(read_form(back.text, "feed-form").fields)
    expected = {**filters, "capacity": ["media", "budgeting"]}
    assert shown == sorted((name, value) for name, values in expected.items()
                           for value in (values if isinstance(values, list) else [values]))
    in_use = re.findall(r'<bdi class="feed-active__label">([^<]*)</bdi>', back.text)
    assert {"ana", "lima", "Media", "Budgeting", "Sharers", "Brazil"} <= set(in_use)
    # her Sharer card and, with Proficient ticked, the one of what she knows
    assert re.findall(r'class="feed-card__name"[^>]*><bdi>([^<]*)</bdi>', back.text) == ["Ana Lima"] * 2
