"""The Explore benchmark, run by hand (pytest never collects it: not a test_*.py file).

    DEBUG=1 .venv/bin/python manage.py seed_demo --profiles 100000 --seed 42 --clear
    .venv/bin/python tests/perf/bench_explore.py --requests 30

It times the pages in-process with Django's test client (server time: middleware, view,
database and template, no network) under production settings (DEBUG off), signed in as a
demo viewer who wants and shares capacities and has saved 20 profiles (made on first run),
and prints for each page the median and 95th-percentile time and the number of SQL queries.
A second table shows that the query count stays the same on page 1 and page 50, with 5 or
100 cards a page, and for small and large result sets; last, the matches block's spread over
random demo profiles. --gc-freeze shows the times without full garbage collections.

Targets: under 100 ms median and 250 ms p95 on the 2-core development machine.
"""
import argparse
import gc
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# Production settings (DEBUG off: cached templates, no query log), except for static files
# without the collectstatic manifest and no HTTPS redirect for the test client.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capx.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("CAPX_PLAIN_STATIC", "1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from capacities.tree import load_tree  # noqa: E402
from explore import views  # noqa: E402
from explore.feed import show_cards  # noqa: E402
from explore.management.commands.seed_demo import DEMO_PASSWORD, demo_users  # noqa: E402
from explore.matches import matches_for  # noqa: E402
from explore.models import Card, SavedProfile  # noqa: E402
from profiles.models import Language, Profile, ProfileLanguage, Territory, User  # noqa: E402

VIEWER = "Demo Benchmark Viewer"  # a demo user: seed_demo --clear takes it away too
TARGET_MEDIAN, TARGET_P95 = 100, 250


def viewer():
    """The signed-in Wikimedian of the benchmark, made the first time."""
    user, _created = User.objects.get_or_create(username=VIEWER,
                                                defaults={"password": DEMO_PASSWORD})
    profile, _created = Profile.objects.get_or_create(user=user)
    if not profile.wanted.exists():
        tree = load_tree()
        profile.known.set([tree.get(slug) for slug in ("budgeting", "press-release", "outreach")
                           if tree.get(slug)])
        profile.available.set([tree.get(slug) for slug in ("budgeting", "press-release")
                               if tree.get(slug)])
        profile.wanted.set([tree.get(slug) for slug in ("communication", "wikidata", "survey")
                            if tree.get(slug)])
        english = Language.objects.filter(code="en").first()
        if english:
            ProfileLanguage.objects.get_or_create(profile=profile, language=english)
        profile.territories.set(Territory.objects.filter(code="BR"))
    saved = SavedProfile.objects.filter(owner=user).count()
    if saved < 20:
        ids = list(demo_users().exclude(pk=user.pk).order_by("pk")
                   .values_list("profile__pk", flat=True)[:5000])
        random.Random(1).shuffle(ids)
        SavedProfile.objects.bulk_create([SavedProfile(owner=user, profile_id=pk)
                                          for pk in ids[:20 - saved]], ignore_conflicts=True)
    return user, profile


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(call, requests, warmup=3):
    """(median ms, p95 ms, queries of the last call) of `call`."""
    for _ in range(warmup):
        call()
    times = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 0.95), len(queries)


def client_for(user=None):
    """A test client on an allowed host, signed in as `user` if given."""
    host = next((h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")),
                "testserver")
    client = Client(SERVER_NAME=host)
    if user is not None:
        client.force_login(user)
    return client


def get(client, url):
    def call():
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
        return response
    return call


def matches_block(profile):
    """What the home page does for its matches block: the tree, the matches, their cards."""
    def call():
        profile_now = Profile.objects.prefetch_related("wanted", "available").get(pk=profile.pk)
        tree = load_tree()
        sharers, learners = matches_for(profile_now, tree)
        show_cards(sharers + learners, tree, profile.user)
        return sharers, learners
    return call


def biggest_root():
    """The root capacity whose subtree appears on the most cards: the largest filter."""
    tree = load_tree()
    best, best_count = None, -1
    for root in tree.roots:
        count = Card.objects.filter(capacities__overlap=[n.pk for n in tree.subtree(root)]).count()
        if count > best_count:
            best, best_count = root, count
    return best.slug


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--capacity", help="root capacity slug (default: the most used)")
    parser.add_argument("--territory", default="latin-america-caribbean")
    parser.add_argument("--language", default="es")
    parser.add_argument("--q", default="translation")
    parser.add_argument("--gc-freeze", action="store_true",
                        help="gc.freeze() after the warm-up, as a server can do after start-up: "
                             "the slowest requests are otherwise those that run a full "
                             "garbage collection")
    args = parser.parse_args()
    assert not settings.DEBUG, "run the benchmark with DEBUG off"

    user, profile = viewer()
    client = client_for(user)
    capacity = args.capacity or biggest_root()
    print(f"{demo_users().count()} demo users, {Profile.objects.count()} profiles, "
          f"{Card.objects.count()} cards; {args.requests} timed requests per page "
          f"(after 3 untimed), signed in as {VIEWER!r}"
          f"{', gc frozen' if args.gc_freeze else ''}.\n")

    pages = [
        ("/feed", get(client, "/feed")),
        ("/feed (visitor, not signed in)", get(client_for(), "/feed")),
        (f"/feed?capacity={capacity}", get(client, f"/feed?capacity={capacity}")),
        (f"/feed?territory={args.territory}&language={args.language}",
         get(client, f"/feed?territory={args.territory}&language={args.language}")),
        ("/feed?territory=south-asia&language=pt-br (a rare pair)",
         get(client, "/feed?territory=south-asia&language=pt-br")),
        (f"/feed?q={args.q}", get(client, f"/feed?q={args.q}")),
        ("/feed/saved", get(client, "/feed/saved")),
        ("matches block (matches_for + show_cards)", matches_block(profile)),
        ("/home", get(client, "/home")),
    ]
    if args.gc_freeze:
        for _name, call in pages:
            call()
        gc.collect()
        gc.freeze()
    width = max(len(name) for name, _call in pages)
    print(f"{'page':<{width}}  {'median ms':>9}  {'p95 ms':>7}  {'queries':>7}")
    failed = []
    for name, call in pages:
        median, p95, queries = measure(call, args.requests)
        flag = "" if median < TARGET_MEDIAN and p95 < TARGET_P95 else "  <- over target"
        if flag:
            failed.append(name)
        print(f"{name:<{width}}  {median:>9.1f}  {p95:>7.1f}  {queries:>7}{flag}")

    print("\nQuery count against page number, page size and result size:")
    checks = [
        ("/feed page 1", "/feed"),
        ("/feed page 50", "/feed?page=50"),
        (f"/feed?capacity={capacity} page 50", f"/feed?capacity={capacity}&page=50"),
        ("/feed?q=zzzzzz (no result)", "/feed?q=zzzzzz"),
        (f"/feed?q={args.q} page 3", f"/feed?q={args.q}&page=3"),
    ]
    for name, url in checks:
        with CaptureQueriesContext(connection) as queries:
            get(client, url)()
        print(f"  {name:<45} {len(queries):>3} queries")
    for size in (5, 100):
        views.PAGE_SIZE, original = size, views.PAGE_SIZE
        try:
            with CaptureQueriesContext(connection) as queries:
                get(client, "/feed")()
        finally:
            views.PAGE_SIZE = original
        print(f"  {f'/feed with {size} cards a page':<45} {len(queries):>3} queries")
    matches_spread(args.requests * 2)
    print("\nAll pages within target." if not failed else f"\nOver target: {', '.join(failed)}")


def matches_spread(count):
    """The matches block (matches_for + show_cards) for random demo profiles with Wanted or
    Available capacities: the benchmark viewer is one case, this is the spread."""
    tree = load_tree()
    ids = list(Profile.objects.filter(user__in=demo_users())
               .filter(Q(wanted__isnull=False) | Q(available__isnull=False))
               .order_by("pk").values_list("pk", flat=True).distinct()[:20000])
    random.Random(2).shuffle(ids)
    times = []
    for pk in ids[:count]:
        profile = Profile.objects.prefetch_related("wanted", "available").select_related(
            "user").get(pk=pk)
        started = time.perf_counter()
        sharers, learners = matches_for(profile, tree)
        show_cards(sharers + learners, tree, profile.user)
        times.append((time.perf_counter() - started) * 1000)
    print(f"\nMatches block for {len(times)} random demo profiles: median "
          f"{statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms, "
          f"slowest {max(times):.1f} ms.")


if __name__ == "__main__":
    main()
