"""/statistics: what it counts, read from the page as a visitor sees it."""
import re
from datetime import timedelta

from django.utils import timezone

from events.models import Event
from messaging.models import Message
from profiles.models import Profile
from stats.figures import month_starts
from tests.events.factories import EventFactory, days_from_now
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory
from tests.stats.seen import column, statistics


def test_the_figures_count_what_capx_shows(client):
    ana = ProfileFactory(username="Ana", known=["media"], available=["media"], wanted=["budgeting"])
    ProfileFactory(username="Ivo", wanted=["budgeting", "leadership"])
    ProfileFactory(username="Gone", user__is_active=False, known=["feedback"], wanted=["interview"])
    listed = OrganizationFactory(managers=[ana.user], known=["public-speaking"])
    OrganizationFactory(known=["story-telling"])  # no manager: not listed, no cards
    for status in ("sent", "sent", "error"):
        Message.objects.create(sender=ana.user, recipient="Ivo", method="email", status=status)
    EventFactory(organization=listed)  # next week
    EventFactory(organization=listed, start=days_from_now(-30))
    EventFactory(organization=OrganizationFactory())  # of an organization nobody manages

    seen = statistics(client)

    assert seen.figures == {
        "Wikimedians": "2",
        "organization": "1",
        # media, budgeting, leadership and the listed organization's public-speaking
        "capacities in use": "4",
        "messages sent": "2",
        "events 1 upcoming": "2",
    }


def test_an_empty_capx_still_has_its_page(client):
    seen = statistics(client)
    assert seen.figures["Wikimedians"] == "0"
    assert seen.figures["messages sent"] == "0"
    assert "No capacity is wanted yet." in seen.html
    assert "No capacity is available yet." in seen.html
    assert {region["n"] for region in seen.regions.values()} == {"0"}
    assert len(seen.months) == 12


def test_a_missing_table_leaves_its_figure_out(client, monkeypatch):
    """A database whose migrations have not reached messaging, events or explore yet."""
    from django.db import connection
    real = connection.introspection.table_names
    monkeypatch.setattr(connection.introspection, "table_names", lambda *args, **kwargs: [
        name for name in real(*args, **kwargs)
        if name not in ("messaging_message", "events_event", "explore_card",
                        "explore_capacitycount")])
    ProfileFactory(known=["media"], territories=["BR"])

    seen = statistics(client, map="capacities")

    assert seen.figures == {"Wikimedian": "1", "organizations": "0"}
    assert 'id="stats-capacities-title"' not in seen.html
    assert "?map=capacities#map" not in seen.html  # the map cannot be shaded by capacities
    assert seen.regions["Latin America & Caribbean"]["title"] == "Latin America & Caribbean: 1 Wikimedian"


def test_the_most_wanted_and_available_and_the_biggest_gaps(client):
    for _ in range(3):
        ProfileFactory(wanted=["budgeting"])
    ProfileFactory(known=["media", "feedback"], available=["media", "feedback"], wanted=["leadership"])
    ProfileFactory(known=["media"], available=["media"], wanted=["leadership"])
    ProfileFactory(wanted=["media", "interview"])
    ProfileFactory(wanted=["feedback"])

    seen = statistics(client)

    assert seen.tables["Most wanted"][1:] == [
        ["Budgeting", "3", ""], ["Leadership", "2", ""],
        # one each, in the directory's order
        ["Feedback", "1", ""], ["Interview", "1", ""], ["Media", "1", ""]]
    assert seen.tables["Most available"][1:] == [["Media", "2", ""], ["Feedback", "1", ""]]
    assert seen.tables["Where trainings are needed"] == [
        ["Capacity", "Wanted by", "Available from", "Difference"],
        ["Budgeting", "3", "0", "3", ""],
        ["Leadership", "2", "0", "2", ""],
        ["Interview", "1", "0", "1", ""],
    ]  # Feedback (1 − 1) and Media (1 − 2) are not missing anywhere
    assert '<a href="/capacity/budgeting"><bdi>Budgeting</bdi></a>' in seen.html
    # Bars are as long as their number against the longest (SVG lengths, never localized)
    assert 'class="stats-bar__fill" x="0" y="0" width="66.7" height="10"' in seen.html


def test_the_top_lists_stop_at_ten(client):
    slugs = ["budgeting", "leadership", "media", "feedback", "interview", "public-speaking",
             "story-telling", "recruitment", "documentation", "reporting", "evaluation",
             "assessment"]
    for many, slug in enumerate(slugs, start=1):
        for _ in range(many):
            ProfileFactory(wanted=[slug])
    rows = statistics(client).tables["Most wanted"][1:]
    assert [row[1] for row in rows] == ["12", "11", "10", "9", "8", "7", "6", "5", "4", "3"]


def test_a_profile_counts_once_in_a_region_it_names_itself_or_through_its_countries(client):
    ProfileFactory(territories=["BR", "AR"], languages={"pt-br": 6, "es": 4},
                   known=["media"], wanted=["budgeting"])
    ProfileFactory(territories=["latin-america-caribbean", "PT"], languages={"pt-br": 6, "en": 3},
                   wanted=["leadership"])
    ProfileFactory(territories=["US"])
    ProfileFactory(territories=["BR"], user__is_active=False, languages={"fr": 6}, known=["feedback"])
    ProfileFactory()  # says nowhere

    seen = statistics(client)

    by_region = seen.tables["Wikimedians by region"]
    assert by_region[1:4] == [["Latin America & Caribbean", "2", ""],
                              ["North America", "1", ""], ["Northern & Western Europe", "1", ""]]
    assert {row[1] for row in by_region[4:]} == {"0"}
    assert "1 Wikimedian has not said where they are." in seen.html
    details = seen.tables["The regions in detail"]
    assert details[0] == ["Region", "Wikimedians", "Languages", "Capacities"]
    latin_america = next(row for row in details if row[0] == "Latin America & Caribbean")
    assert latin_america == ["Latin America & Caribbean", "2", "3", "3"]  # pt-br, es, en;
    # media, budgeting, leadership (not the hidden profile's French or feedback)
    europe = next(row for row in details if row[0] == "Northern & Western Europe")
    assert europe == ["Northern & Western Europe", "1", "2", "1"]
    assert next(row for row in details if row[0] == "North America") == ["North America", "1", "0", "0"]


def test_the_map_is_shaded_by_wikimedians_languages_or_capacities(client):
    ProfileFactory(territories=["BR"], languages={"pt-br": 6})
    ProfileFactory(territories=["BR"], languages={"pt-br": 6}, wanted=["media"])
    ProfileFactory(territories=["IN"], languages={"hi": 6, "en": 4, "ta": 2},
                   known=["media", "budgeting"])

    people = statistics(client).regions
    assert len(people) == 8
    assert people["Latin America & Caribbean"]["n"] == "2"
    assert people["Latin America & Caribbean"]["shade"] == 4  # the most
    assert people["South Asia"]["shade"] == 2
    assert people["North America"]["shade"] == 0
    assert people["South Asia"]["title"] == "South Asia: 1 Wikimedian"

    languages = statistics(client, map="languages")
    assert languages.regions["South Asia"]["title"] == "South Asia: 3 languages"
    assert languages.regions["South Asia"]["shade"] == 4
    assert languages.regions["Latin America & Caribbean"]["shade"] == 2
    assert '<a href="?map=languages#map" aria-current="true">' in languages.html

    capacities = statistics(client, map="capacities")
    assert capacities.regions["South Asia"]["title"] == "South Asia: 2 capacities"
    assert capacities.regions["Latin America & Caribbean"]["title"] == (
        "Latin America & Caribbean: 1 capacity")

    assert statistics(client, map="nonsense").regions == people  # back to Wikimedians


def test_the_map_and_charts_have_text_alternatives(client):
    ProfileFactory(territories=["KE"], wanted=["media"])
    html = statistics(client).html
    assert ('<svg class="stats-map__svg" viewBox="22 16 972 524" role="img" '
            'aria-labelledby="stats-map-caption" aria-describedby="stats-map-desc"') in html
    assert "The Wikimedia regions, shaded by how many Wikimedians each has." in html
    assert "North America: 0 Wikimedians; " in html  # the <desc>, every region with its number
    assert "Sub-Saharan Africa: 1 Wikimedian</desc>" in html
    assert html.count("<title>") == 8 + 1  # a title for each region, and the page's own
    assert "<caption>Most wanted</caption>" in html and "<caption>The regions in detail</caption>" in html
    # every bar is a drawing only: the cell beside it, or a hidden label, says the number
    bars = re.findall(r'<svg class="stats-(?:bar|months__column)[^>]*>', html)
    assert len(bars) == 1 + 1 + 8 + 12 * 2  # wanted, gap, regions, months (columns and rows)
    assert all('aria-hidden="true"' in bar for bar in bars)


def test_new_profiles_per_month_over_the_last_twelve_months(client):
    now = timezone.now()
    starts = month_starts(now)
    ProfileFactory()
    ProfileFactory()
    earlier = ProfileFactory()
    older = ProfileFactory()
    gone = ProfileFactory(user__is_active=False)
    Profile.objects.filter(pk=earlier.pk).update(created_at=timezone.make_aware(
        timezone.datetime(starts[-4].year, starts[-4].month, 15)))
    Profile.objects.filter(pk=older.pk).update(created_at=now - timedelta(days=400))
    Profile.objects.filter(pk=gone.pk).update(created_at=now)

    seen = statistics(client)

    assert len(seen.months) == 12
    counts = [month.rpartition(" ")[2] for month in seen.months]
    assert counts == ["0"] * 8 + ["1", "0", "0", "2"]
    this_month = seen.months[-1]
    assert this_month.startswith(f"{now:%B %Y}: ")  # the full month, for screen readers
    assert "Profiles created in each of the last twelve months: 3 in all." in seen.html


def test_the_page_in_arabic_is_right_to_left_with_arabic_names(client):
    ProfileFactory(territories=["EG"], wanted=["budgeting"])
    for _ in range(2):
        ProfileFactory(wanted=["media"])
    client.cookies["capx_language"] = "ar"

    seen = statistics(client)

    assert '<html lang="ar" dir="rtl"' in seen.html
    assert "الشرق الأوسط وشمال أفريقيا" in seen.regions  # the map names regions in Arabic
    assert 'width="50.0"' in seen.html  # bar lengths stay SVG numbers (not "50,0")
    assert 'href="/capacity/media"' in seen.html


def test_the_footer_links_to_the_statistics(client):
    assert '<a href="/statistics">Statistics</a>' in client.get("/").text


def test_events_of_a_listed_organization_only(client):
    manager = UserFactory()
    listed = OrganizationFactory(managers=[manager])
    EventFactory(organization=listed, start=days_from_now(-3), hours=24 * 7)  # going on now
    EventFactory(organization=listed, start=days_from_now(-10))
    manager.is_active = False
    manager.save()  # its organization is no longer listed, nor its events
    assert Event.objects.count() == 2
    assert statistics(client).figures["events 0 upcoming"] == "0"
    manager.is_active = True
    manager.save()
    from django.core.cache import cache
    cache.clear()
    assert statistics(client).figures["events 1 upcoming"] == "2"
