"""What a Wikimedian waits for, measured over HTTP (run by hand, never by the test suite).

    DEBUG=1 .venv/bin/python manage.py seed_demo --profiles 100000 --seed 42 --clear
    .venv/bin/python tests/perf/bench_http.py

It starts gunicorn with 2 workers and DEBUG off on the database the settings name (the
embedded one, or DATABASE_URL), signs a demo viewer in (made on first run: wants and shares
capacities, has saved 20 profiles), and for each page makes 3 untimed then --requests timed
requests over one keep-alive connection: median and 95th percentile in ms, the SQL queries
the server ran (X-CapX-Queries, sent only when CAPX_COUNT_QUERIES is set, as here), and the
bytes of the page as sent with and without gzip. A trivial view (/robots.txt: no query, a
few bytes) is timed in the same run and every figure is also given as a ratio to it: this
machine is shared and noisy, so the ratios hold from run to run where absolute times do not.
Then /feed's throughput with --clients concurrent clients for --seconds.
"""
import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SERVER_ENV = {
    "DEBUG": "0", "SECRET_KEY": "bench-only", "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0", "CAPX_PLAIN_STATIC": "1",
    "LOG_LEVEL": "WARNING", "CAPX_COUNT_QUERIES": "1",
}
os.environ.update({key: value for key, value in SERVER_ENV.items() if key not in os.environ})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capx.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from capacities.models import Capacity  # noqa: E402
from explore.management.commands.seed_demo import DEMO_PASSWORD, demo_users  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from explore.models import Card, SavedProfile  # noqa: E402
from organizations.models import Organization  # noqa: E402
from profiles.models import Language, Profile, ProfileLanguage, Territory, User  # noqa: E402

VIEWER = "Demo Benchmark Viewer"  # a demo user: seed_demo --clear takes it away too


def viewer():
    """The signed-in Wikimedian of the benchmark, made the first time (as bench_explore.py)."""
    user, _created = User.objects.get_or_create(username=VIEWER, defaults={"password": DEMO_PASSWORD})
    profile, _created = Profile.objects.get_or_create(user=user)
    if not profile.wanted.exists():
        slugs = {"known": ["budgeting", "press-release", "outreach"],
                 "available": ["budgeting", "press-release"],
                 "wanted": ["communication", "wikidata", "survey"]}
        for relation, wanted in slugs.items():
            getattr(profile, relation).set(Capacity.objects.filter(slug__in=wanted))
        english = Language.objects.filter(code="en").first()
        if english:
            ProfileLanguage.objects.get_or_create(profile=profile, language=english)
        profile.territories.set(Territory.objects.filter(code="BR"))
    if SavedProfile.objects.filter(owner=user).count() < 20:
        ids = list(demo_users().exclude(pk=user.pk).order_by("pk")
                   .values_list("profile__pk", flat=True)[:5000])
        random.Random(1).shuffle(ids)
        SavedProfile.objects.bulk_create([SavedProfile(owner=user, profile_id=pk) for pk in ids[:20]],
                                         ignore_conflicts=True)
    return user


def session_cookie(user):
    """A signed-in session, as the login would leave it."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {settings.SESSION_COOKIE_NAME: session.session_key}


def url_exists(name):
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port):
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "capx.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": database_url()}, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/robots.txt", timeout=2).ok:
                return process
        except requests.ConnectionError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def database_url():
    """The database this process uses, for gunicorn (the embedded one has no URL of its own)."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    db = settings.DATABASES["default"]
    host = quote(db["HOST"] or db.get("OPTIONS", {}).get("host", ""), safe="")  # a socket's dir
    return f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{host}/{db['NAME']}"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(http, url, count):
    """(median ms, p95 ms, queries, bytes plain, bytes gzip) of GET url."""
    for _ in range(3):
        http.get(url)
    times, queries = [], []
    for _ in range(count):
        started = time.perf_counter()
        answer = http.get(url, headers={"Accept-Encoding": "gzip"}, stream=True)
        sent = answer.raw.read(decode_content=False)  # the bytes as they came over the wire
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, (url, answer.status_code)
        queries.append(answer.headers.get("X-CapX-Queries", "?"))
    plain = len(http.get(url, headers={"Accept-Encoding": "identity"}).content)
    # The queries of most requests: a worker's first one also renders the cached pieces.
    steady = max(set(queries), key=queries.count)
    return statistics.median(times), percentile(times, 0.95), steady, plain, len(sent)


def throughput(base, cookies, url, clients, seconds):
    """Requests per second of `clients` threads asking `url` for `seconds`."""
    done, errors, stop = [0] * clients, [0] * clients, time.monotonic() + seconds

    def client(number):
        http = requests.Session()
        http.cookies.update(cookies)
        while time.monotonic() < stop:
            try:
                done[number] += http.get(base + url).status_code == 200
            except requests.RequestException:
                errors[number] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds, sum(errors)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args()

    user = viewer()
    cookies = session_cookie(user)
    biggest = max(Capacity.objects.filter(level=0),
                  key=lambda root: Card.objects.filter(covers__overlap=[root.pk]).count()).slug
    cards = Card.objects.filter(kind__in=["sharer", "learner"]).count()
    last_page = max(1, -(-cards // 20))
    someone = demo_users().exclude(username=VIEWER).order_by("pk").values_list("username", flat=True)[0]
    print(f"{demo_users().count()} demo users, {Profile.objects.count()} profiles, "
          f"{Organization.objects.listed().count()} organizations shown, "
          f"{Card.objects.count()} cards; gunicorn, 2 workers, DEBUG off; {args.requests} timed "
          f"requests a page after 3 untimed.\n")
    pages = [
        ("trivial view (/robots.txt)", "/robots.txt", False),
        ("/feed (visitor)", "/feed", False),
        ("/feed (signed in)", "/feed", True),
        (f"/feed?capacity={biggest}", f"/feed?capacity={biggest}", True),
        ("/feed?territory=latin-america-caribbean", "/feed?territory=latin-america-caribbean", True),
        ("/feed?territory=…&language=en&capacity=…",
         f"/feed?territory=latin-america-caribbean&language=en&capacity={biggest}", True),
        ("/feed?q=translation", "/feed?q=translation", True),
        (f"/feed last page (?page={last_page})", f"/feed?page={last_page}", True),
        ("/capacity", "/capacity", True),
        ("/capacity/communication", "/capacity/communication", True),
        ("/profile/<name>", f"/profile/{someone}", True),
        ("/profile/edit", "/profile/edit", True),
        ("/home", "/home", True),
        ("/feed/saved", "/feed/saved", True),
        ("/feed?party=organization", "/feed?party=organization", True),
    ]
    organization = Organization.objects.listed().order_by("pk").first()
    if organization:
        pages += [("/organizations", "/organizations", True),
                  ("/organization/<slug>", organization.get_absolute_url(), True)]
    if "events" in settings.INSTALLED_APPS and url_exists("events:list"):
        pages.append(("/events", reverse("events:list"), True))
    if url_exists("stats:page"):  # counted by the first request, then from the cache
        pages.append(("/statistics", reverse("stats:page"), False))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(port)
    try:
        visitor, member = requests.Session(), requests.Session()
        member.cookies.update(cookies)
        rows = []
        for name, url, signed_in in pages:
            http = member if signed_in else visitor
            rows.append((name, *measure(_Base(http, base), url, args.requests)))
        trivial_median, trivial_p95 = rows[0][1], rows[0][2]
        width = max(len(row[0]) for row in rows)
        print(f"{'page':<{width}}  {'median':>7} {'p95':>7} {'×triv':>6} {'×triv':>6}  "
              f"{'queries':>7} {'bytes':>8} {'gzip':>7}")
        print(f"{'':<{width}}  {'ms':>7} {'ms':>7} {'median':>6} {'p95':>6}")
        for name, median, p95, queries, plain, gzipped in rows:
            print(f"{name:<{width}}  {median:7.1f} {p95:7.1f} {median / trivial_median:6.1f} "
                  f"{p95 / trivial_p95:6.1f}  {queries:>7} {plain:8,} {gzipped:7,}")
        rate, errors = throughput(base, cookies, "/feed", args.clients, args.seconds)
        trivial_rate, _ = throughput(base, {}, "/robots.txt", args.clients, min(args.seconds, 5))
        print(f"\n/feed (signed in) throughput, {args.clients} clients for {args.seconds} s: "
              f"{rate:.1f} requests/s ({errors} errors); trivial view: {trivial_rate:.0f} requests/s "
              f"(ratio {trivial_rate / rate:.0f}×).")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)


class _Base:
    """A requests session bound to the server's address."""

    def __init__(self, http, base):
        self.http, self.base = http, base

    def get(self, url, **kwargs):
        return self.http.get(self.base + url, timeout=60, **kwargs)


if __name__ == "__main__":
    main()
