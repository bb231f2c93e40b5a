"""/statistics counts in a fixed number of queries whatever the data, and keeps what it
counted in the cache for CAPX_STATISTICS_SECONDS."""
import itertools

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from messaging.models import Message
from tests.events.factories import EventFactory, days_from_now
from tests.factories import OrganizationFactory, ProfileFactory
from tests.stats.seen import statistics

# The tables it reads (one query), Wikimedians, months, organizations, capacity counts,
# messages, events, regions (one query for all three of their numbers), the data versions
# and, when this process has not built it yet, the capacity tree.
QUERIES = 10

CAPACITIES = ["budgeting", "leadership", "media", "feedback", "interview", "public-speaking"]
TERRITORIES = [["BR"], ["PT", "ES"], ["IN"], ["latin-america-caribbean", "AR"], ["KE"], []]
LANGUAGES = [{"pt-br": 6}, {"en": 5, "es": 3}, {"hi": 6}, {}]


def queries_of_a_first_visit(client):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/statistics").status_code == 200
    return len(queries)


def test_the_count_does_not_grow_with_the_data(client, django_assert_max_num_queries):
    ProfileFactory(known=["media"], wanted=["budgeting"], territories=["BR"], languages={"pt-br": 6})
    client.get("/statistics")  # the capacity tree, built once per process and data version
    one = queries_of_a_first_visit(client)

    cycle = itertools.cycle(CAPACITIES)
    for n in range(60):
        known = [next(cycle), next(cycle)]
        profile = ProfileFactory(known=known, available=known[:1], wanted=[next(cycle)],
                                 territories=TERRITORIES[n % len(TERRITORIES)],
                                 languages=LANGUAGES[n % len(LANGUAGES)])
        if n % 10 == 0:
            organization = OrganizationFactory(managers=[profile.user], known=known,
                                               territories=["BR"])
            EventFactory(organization=organization)
            EventFactory(organization=organization, start=days_from_now(-20))
            Message.objects.create(sender=profile.user, recipient="Ana", method="email",
                                   status="sent")
    many = queries_of_a_first_visit(client)

    assert many == one <= QUERIES
    cache.clear()
    with django_assert_max_num_queries(QUERIES):
        seen = statistics(client)
    assert seen.figures["Wikimedians"] == "61"


def test_a_second_visit_counts_nothing(client, user, django_assert_num_queries):
    ProfileFactory(wanted=["media"])
    client.get("/statistics")
    with django_assert_num_queries(0):
        client.get("/statistics?map=languages")
    member = Client()
    member.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        member.get("/statistics")
    assert len(queries) <= 3  # the session, the user, the organizations they manage (menu)
    assert not any("profiles_profile" in query["sql"] or "explore_" in query["sql"]
                   for query in queries.captured_queries)


def test_a_new_profile_shows_once_the_counts_expire(client, settings):
    ProfileFactory()
    assert statistics(client).figures["Wikimedian"] == "1"
    ProfileFactory()
    assert statistics(client).figures["Wikimedian"] == "1"  # counted a moment ago
    cache.clear()  # what CAPX_STATISTICS_SECONDS later does
    assert statistics(client).figures["Wikimedians"] == "2"

    settings.CAPX_STATISTICS_SECONDS = 0  # never kept
    ProfileFactory()
    assert statistics(client).figures["Wikimedians"] == "3"
    ProfileFactory()
    assert statistics(client).figures["Wikimedians"] == "4"


def test_each_language_has_its_own_page_but_the_counts_are_counted_once(client, django_assert_max_num_queries):
    ProfileFactory(territories=["EG"])
    english = statistics(client)
    assert "Middle East & North Africa" in english.regions
    client.cookies["capx_language"] = "ar"
    with django_assert_max_num_queries(2):  # the data versions and maybe the tree: no counting
        arabic = statistics(client)
    assert "الشرق الأوسط وشمال أفريقيا" in arabic.regions
    assert arabic.regions["الشرق الأوسط وشمال أفريقيا"]["n"] == "1"
