"""The load test: many people at once against gunicorn on 100,000 seeded profiles (run by hand,
never by the test suite; loopback only, bounded in time).

    DEBUG=1 .venv/bin/python manage.py seed_demo --profiles 100000 --seed 42 --clear
    .venv/bin/python tests/perf/load.py                  # --users 50 --seconds 60 --wait 1 3

(or on another database: .venv/bin/python -m capx.embedded_db start, then
DATABASE_URL=postgres://postgres:@%2Fwork%2Fmain%2Fvar%2Fpg/capx100k before the command).

It starts gunicorn (2 workers, DEBUG off) on the database the settings name (the embedded one,
or DATABASE_URL), as tests/perf/bench_http.py does, and a stand-in of Meta-Wiki's Action API
on 127.0.0.1 (tests/fakes/metawiki.py: it checks every OAuth signature); every other outside
system points at a closed loopback port. It makes dedicated accounts ("CapX Load 01", ...;
one per user, so no two people edit one profile), each signed in as bench_http.py signs its
viewer in, with a Meta-Wiki access token issued by the stand-in and stored encrypted as a
login stores it. Then Locust (tests/perf/load_mix.py, in a process of its own) runs --users
people for --seconds, each waiting --wait seconds (at random between the two) between pages:
3 in 4 visitors (the landing page, the feed, filtered by capacity, territory, keyword and
page, the directories of capacities and organizations, an organization, events, statistics,
someone's profile), 1 in 4 signed in (/home, the feed, profiles, the editor opened and saved,
bug reports filed, messages sent through the stand-in), and a probe of /healthz twice a
second, whose times are the scale of the others (this machine is shared and noisy: ratios
hold better from run to run than absolute times; the CPU seconds printed say who used the
two cores meanwhile: gunicorn, its PostgreSQL backends, Locust, or something else).

It prints requests per second, and per page the requests, errors, median and 95th percentile,
against the targets (no error, p95 under 300 ms); then it checks that nothing was lost or
half-written: each bug report and message the server confirmed is stored exactly once (and
the stand-in got each message once), each profile's version went up by its saves and holds
what the last one sent, no Available capacity is outside Known, the load profiles' Explore
cards are what the database would rebuild from them, and the card counters match the cards.
Last, it deletes what the run made and checks every table has as many rows as before.
"""
import argparse
import importlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cryptography.fernet import Fernet  # noqa: E402

from tests.fakes.metawiki import CONSUMER_KEY, CONSUMER_SECRET, FakeMetaWiki  # noqa: E402

WIKI = FakeMetaWiki()  # its loopback port is taken now; it serves from main()
NOWHERE = "http://127.0.0.1:9"  # nothing listens there: any other outside call fails at once
os.environ.update({
    "MEDIAWIKI_URL": WIKI.base_url, "METAWIKI_API_URL": WIKI.api_url,
    "MEDIAWIKI_OAUTH_KEY": CONSUMER_KEY, "MEDIAWIKI_OAUTH_SECRET": CONSUMER_SECRET,
    "WIKIDATA_API_URL": f"{NOWHERE}/w/api.php", "METABASE_SPARQL_URL": f"{NOWHERE}/sparql",
    "WIKILEARN_URL": NOWHERE, "DIFF_API_URL": NOWHERE, "LETSCONNECT_URL": "",
    # Limits that would stop the load users half-way, lifted for the run.
    "CAPX_MESSAGES_PER_HOUR": "1000000", "CAPX_BUG_REPORTS_PER_DAY": "1000000",
})
os.environ.setdefault("CAPX_COUNT_QUERIES", "0")  # production's middleware, not the benchmark's
os.environ.setdefault("CAPX_TOKEN_KEYS", Fernet.generate_key().decode())  # DEBUG off needs one

# bench_http sets DEBUG off and the rest of the server's environment, then Django up.
from tests.perf.bench_http import (free_port, percentile, session_cookie,  # noqa: E402
                                   start_gunicorn, url_exists)

from django.contrib.sessions.models import Session  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from social_django.models import UserSocialAuth  # noqa: E402

from bugreports.models import BugReport  # noqa: E402
from capacities.models import Capacity  # noqa: E402
from explore import cards  # noqa: E402
from explore.management.commands.seed_demo import TOPICS, demo_users  # noqa: E402
from explore.models import Card, CardCount  # noqa: E402
from messaging.models import Message  # noqa: E402
from messaging.sending import SUBJECT_PREFIX  # noqa: E402
from organizations.models import Organization  # noqa: E402
from profiles.accounts import tokens  # noqa: E402
from profiles.models import Language, Profile, ProfileLanguage, Territory, User  # noqa: E402

LOAD_PREFIX = "CapX Load "  # the dedicated accounts: deleted at the end (and at the start)
TARGET_P95 = 300  # ms
KNOWN, AVAILABLE, WANTED = ["budgeting", "press-release", "outreach"], \
    ["budgeting", "press-release"], ["communication", "wikidata", "survey"]
# The pages in the order of the table: anyone's first, then the signed-in ones.
ORDER = ["/healthz", "/", "/feed", "/feed?capacity=", "/feed?territory=", "/feed?q=",
         "/feed?page=", "/capacity", "/capacity/<slug>", "/organizations",
         "/organization/<slug>", "/events", "/statistics", "/profile/<name>", "/home",
         "/feed (signed in)", "/profile/edit", "/profile/edit POST", "/profile (own)",
         "/report_bug", "/report_bug POST", "/report_bug/submissions", "/message",
         "/message POST review", "/message POST send", "/message?sent=<id>"]
AVAILABLE_WITHIN_KNOWN = importlib.import_module("capx.migrations.0002_available_within_known")
FACET_VALUES = importlib.import_module("explore.migrations.0006_facet_counts").VALUES
# Each counter the database keeps with the cards, and what it should say, counted again.
COUNTERS = {
    "explore_cardcount": (["kind", "public"],
                          "SELECT kind, public, count(*) AS n FROM explore_card GROUP BY 1, 2"),
    "explore_capacitycount": (["capacity_id", "kind"],
                              "SELECT held AS capacity_id, kind, count(*) AS n FROM explore_card, "
                              "unnest(capacities) AS held GROUP BY 1, 2"),
    "explore_facetcount": (["facet", "value_id", "kind", "public"],
                           "SELECT facet, value_id, kind, public, count(*) AS n FROM ("
                           + FACET_VALUES.format(rows="explore_card") + ") AS v GROUP BY 1, 2, 3, 4"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50, help="people at once (default 50)")
    parser.add_argument("--seconds", type=int, default=60, help="length of the run (default 60)")
    parser.add_argument("--wait", type=float, nargs=2, default=[1, 3], metavar=("MIN", "MAX"),
                        help="seconds each person waits between pages (default 1 3)")
    parser.add_argument("--spawn-rate", type=float, default=10, help="people started a second")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    print(f"Database {connection.settings_dict['NAME']}: {demo_users().count():,} demo users, "
          f"{Profile.objects.count():,} profiles, "
          f"{Organization.objects.listed().count():,} organizations shown, "
          f"{Card.objects.count():,} cards; gunicorn, 2 workers, DEBUG off.")
    remove_load_accounts()  # what a run that was killed may have left
    rows_before = row_counts()
    made_letsconnect = ensure_letsconnect_database()
    sessions = []
    try:
        accounts = make_accounts(args.users, sessions)
        plan = make_plan(args, accounts)
        result = run(plan)
        print_table(result)
        problems = check(result, accounts)
    finally:
        remove_load_accounts(sessions)
        if made_letsconnect:
            drop_letsconnect_database()
    rows_after = row_counts()
    changed = {table: (rows_before.get(table), rows_after.get(table))
               for table in rows_before.keys() | rows_after.keys()
               if rows_before.get(table) != rows_after.get(table)}
    print("\nCleaned up: the load accounts and all they made are deleted; "
          + ("every table has as many rows as before." if not changed else
             f"tables with other row counts than before: {changed}"))
    problems += bool(changed)
    sys.exit(1 if problems else 0)


# --- Before: the accounts and the plan --------------------------------------------------------

def make_accounts(count, sessions):
    """`count` dedicated Wikimedians: a profile that knows, shares and wants (no Wikidata
    lookup at save), a Meta-Wiki login holding an access token the stand-in issued (stored
    encrypted, as the login stores it), an account on the stand-in, a signed-in session."""
    english = Language.objects.filter(code="en").first()
    toggles = list(Capacity.objects.filter(level__gt=0).exclude(slug__in=KNOWN + WANTED)
                   .order_by("pk").values_list("slug", flat=True))
    names = [f"{LOAD_PREFIX}{number:02d}" for number in range(1, count + 1)]
    accounts = []
    for number, name in enumerate(names):
        user = User.objects.create(username=name, password="!load-test")  # unusable password
        profile, _created = Profile.objects.get_or_create(user=user)
        for relation, slugs in (("known", KNOWN), ("available", AVAILABLE), ("wanted", WANTED)):
            getattr(profile, relation).set(Capacity.objects.filter(slug__in=slugs))
        profile.territories.set(Territory.objects.filter(code="BR"))
        if english:
            ProfileLanguage.objects.create(profile=profile, language=english)
        key, secret = WIKI.issue_access_token(name)
        WIKI.add_account(name)
        UserSocialAuth.objects.create(user=user, provider="mediawiki", uid=f"capx-load-{number}",
                                      extra_data=tokens.seal({tokens.PLAIN: {
                                          "oauth_token": key, "oauth_token_secret": secret}}))
        cookies = session_cookie(user)
        sessions += cookies.values()
        others = [other for other in names if other != name]
        accounts.append({"username": name, "cookies": cookies, "toggle": toggles[number % len(toggles)],
                         "recipients": random.Random(number).sample(others, min(5, len(others))),
                         "version": Profile.objects.get(user=user).version})
    return accounts


def make_plan(args, accounts):
    shown = Profile.objects.shown().filter(visibility=Profile.Visibility.PUBLIC,
                                           user__username__startswith="Demo ")
    public_cards = CardCount.total(["sharer", "learner"], public_only=True)
    return {
        "users": args.users, "seconds": args.seconds, "wait": args.wait,
        "spawn_rate": args.spawn_rate, "seed": args.seed, "accounts": accounts,
        "capacities": list(Capacity.objects.values_list("slug", flat=True)),
        "territories": list(Territory.objects.values_list("slug", flat=True)),
        "words": ["translation", *TOPICS],
        "last_page": max(11, -(-public_cards // 20)),
        "profiles": list(shown.order_by("?").values_list("user__username", flat=True)[:1000]),
        "organizations": [organization.get_absolute_url() for organization
                          in Organization.objects.listed().order_by("?")[:300]],
        "events": reverse("events:list") if url_exists("events:list") else "/events",
        "statistics": reverse("stats:page") if url_exists("stats:page") else "/statistics",
    }


def cpu_seconds(gunicorn):
    """CPU seconds so far of the whole machine (busy), of gunicorn's workers, of the
    PostgreSQL backends serving this database ({pid: seconds}: they come and go) and of this
    process (the Meta-Wiki stand-in's threads: the rest of it waits meanwhile)."""
    machine = Path("/proc/stat").read_text().split("\n")[0].split()[1:]
    busy = sum(int(value) for index, value in enumerate(machine[:8]) if index not in (3, 4))
    workers = Path(f"/proc/{gunicorn}/task/{gunicorn}/children").read_text().split()
    databases = {connection.settings_dict["NAME"], connections["letsconnect"].settings_dict["NAME"]}
    backends = {}
    for entry in Path("/proc").iterdir():
        try:  # a backend's title: "postgres: USER DATABASE [local] idle"
            title = (entry / "cmdline").read_bytes().decode(errors="replace").split()
            if title[:1] == ["postgres:"] and len(title) > 2 and title[2] in databases:
                backends[entry.name] = process_seconds(entry.name)
        except (OSError, IndexError):  # not a process, or gone meanwhile
            continue
    mine = os.times()
    return {"machine": busy / os.sysconf("SC_CLK_TCK"),
            "gunicorn": sum(process_seconds(worker) for worker in workers),
            "postgres": backends, "stand-in": mine.user + mine.system}


def process_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def warm_up(base, plan):
    """Each page a few times first, as on a server that has been up for a while: a worker's
    first request renders the pieces it then keeps (capx/fragments.py)."""
    visitor, member = requests.Session(), requests.Session()
    member.cookies.update(plan["accounts"][0]["cookies"])
    urls = ["/", "/feed", f"/feed?capacity={plan['capacities'][0]}",
            f"/feed?territory={plan['territories'][0]}", "/feed?q=music", "/feed?page=2",
            "/capacity", f"/capacity/{plan['capacities'][0]}", "/organizations",
            plan["organizations"][0], plan["events"], plan["statistics"],
            f"/profile/{plan['profiles'][0]}", "/healthz"]
    for _round in range(4):  # both workers, most likely
        for url in urls:
            visitor.get(base + url, timeout=60)
        for url in ["/home", "/feed", "/profile/edit", "/report_bug", "/message"]:
            member.get(base + url, timeout=60)


def run(plan):
    port = free_port()
    plan["base"] = f"http://127.0.0.1:{port}"
    with WIKI, tempfile.TemporaryDirectory() as scratch:
        plan_file, result_file = Path(scratch, "plan.json"), Path(scratch, "result.json")
        plan_file.write_text(json.dumps(plan))
        server = start_gunicorn(port)
        try:
            warm_up(plan["base"], plan)
            print(f"{plan['users']} people for {plan['seconds']} s, each waiting "
                  f"{plan['wait'][0]:g}-{plan['wait'][1]:g} s between pages, + /healthz twice "
                  f"a second (load average before: {os.getloadavg()[0]:.2f})...", flush=True)
            before = cpu_seconds(server.pid)
            locust = subprocess.Popen([sys.executable, str(Path(__file__).with_name("load_mix.py")),
                                       str(plan_file), str(result_file)], cwd=ROOT)
            _pid, status, usage = os.wait4(locust.pid, 0)  # its CPU time, for the figures
            locust.returncode = os.waitstatus_to_exitcode(status)
            if locust.returncode:
                raise SystemExit(f"Locust failed ({locust.returncode})")
            after = cpu_seconds(server.pid)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(10)
        result = json.loads(result_file.read_text())
    result["cpu"] = {name: after[name] - before[name] for name in before if name != "postgres"}
    result["cpu"]["postgres"] = sum(seconds - before["postgres"].get(pid, 0)
                                    for pid, seconds in after["postgres"].items())
    result["cpu"]["locust"] = usage.ru_utime + usage.ru_stime
    result["wiki"] = [(post["by"], post["sectiontitle"]) for post in WIKI.talk_posts] + \
        [(email["from"], email["subject"]) for email in WIKI.emails]
    return result


# --- The figures ------------------------------------------------------------------------------

def print_table(result):
    times, failures = result["times"], result["failures"]
    pages = [name for name in ORDER if name in times] + sorted(set(times) - set(ORDER))
    total = sum(len(values) for values in times.values())
    errors = sum(sum(reasons.values()) for reasons in failures.values())
    health = times.get("/healthz") or [float("nan")]
    scale = statistics.median(health), percentile(health, 0.95)
    print(f"\n{result['visitors']} visitors + {result['members']} signed in + 1 /healthz probe "
          f"for {result['seconds']:.0f} s (the last {result['stopping']:.1f} s: finishing the "
          f"pages under way): {total:,} requests, {total / result['seconds']:.1f} requests/s, "
          f"{errors} errors.")
    cpu = result["cpu"]
    rest = cpu["machine"] - sum(cpu[name] for name in ("gunicorn", "postgres", "locust", "stand-in"))
    print(f"CPU seconds meanwhile (2 cores: {2 * result['seconds']:.0f} at most): "
          f"{cpu['machine']:.0f} busy; gunicorn's 2 workers {cpu['gunicorn']:.0f}, their "
          f"PostgreSQL backends {cpu['postgres']:.0f}, Locust {cpu['locust']:.0f}, the Meta-Wiki "
          f"stand-in {cpu['stand-in']:.1f}, anything else running {rest:.0f}.\n")
    width = max(len(name) for name in pages)
    print(f"{'page':<{width}}  {'requests':>8} {'errors':>6} {'median':>7} {'p95':>7} "
          f"{'×health':>7} {'×health':>7}  p95 < {TARGET_P95} ms")
    print(f"{'':<{width}}  {'':>8} {'':>6} {'ms':>7} {'ms':>7} {'median':>7} {'p95':>7}")
    slow = []
    for name in pages:
        values = times[name]
        median, p95 = statistics.median(values), percentile(values, 0.95)
        wrong = sum(failures.get(name, {}).values())
        if p95 >= TARGET_P95:
            slow.append(name)
        print(f"{name:<{width}}  {len(values):8,} {wrong:6} {median:7.1f} {p95:7.1f} "
              f"{median / scale[0]:7.1f} {p95 / scale[1]:7.1f}  "
              f"{'yes' if p95 < TARGET_P95 else 'NO'}")
    everything = [value for name in pages if name != "/healthz" for value in times[name]]
    print(f"{'all pages (not /healthz)':<{width}}  {len(everything):8,} "
          f"{errors - sum(failures.get('/healthz', {}).values()):6} "
          f"{statistics.median(everything):7.1f} {percentile(everything, 0.95):7.1f}")
    for name, reasons in sorted(failures.items()):
        for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
            print(f"  error: {name}: {count} × {reason}")
    print(f"\nTargets: zero errors: {'met' if not errors else f'NOT met ({errors})'}; "
          f"p95 under {TARGET_P95} ms on every page: "
          + ("met." if not slow else f"NOT met ({', '.join(slow)})."))


# --- After: nothing lost or half-written ------------------------------------------------------

def check(result, accounts):
    """Prints each check of the stored data; returns the number that failed."""
    print("\nData check:")
    failed = 0

    def report(ok, text):
        nonlocal failed
        failed += not ok
        print(f"  {'ok ' if ok else 'FAILED'} {text}")

    done = result["done"]
    names = [account["username"] for account in accounts]
    uncertain = sum(done.get(name, {}).get("uncertain", 0) for name in names)
    if uncertain:
        print(f"  note: {uncertain} POSTs got no answer: the server may have stored them")

    filed = {name: sorted(done.get(name, {}).get("reports", [])) for name in names}
    stored = {name: [] for name in names}
    for author, title in BugReport.objects.filter(author__username__in=names).values_list(
            "author__username", "title"):
        stored[author].append(title)
    wrong = [name for name in names if sorted(stored[name]) != filed[name]]
    report(not wrong, f"bug reports: {sum(map(len, filed.values()))} confirmed, "
                      f"{sum(map(len, stored.values()))} stored, each exactly once"
                      + (f" — not so for {wrong}" if wrong else ""))

    sent = {name: done.get(name, {}).get("messages", []) for name in names}
    logged = dict.fromkeys(names, 0)
    errors = 0
    for sender, status in Message.objects.filter(sender__username__in=names).values_list(
            "sender__username", "status"):
        logged[sender] += status == Message.Status.SENT
        errors += status != Message.Status.SENT
    wrong = [name for name in names if logged[name] != len(sent[name])]
    report(not wrong and not errors,
           f"messages: {sum(map(len, sent.values()))} confirmed, {sum(logged.values())} logged as "
           f"sent, {errors} logged as errors" + (f" — counts differ for {wrong}" if wrong else ""))
    delivered = sorted(result["wiki"])
    expected = sorted((name, SUBJECT_PREFIX + subject) for name in names
                      for subject, _method in sent[name])
    report(delivered == expected, f"messages: the Meta-Wiki stand-in got {len(delivered)}, "
                                  f"each confirmed one exactly once")

    profiles = {profile.user.username: profile for profile in Profile.objects.filter(
        user__username__in=names).select_related("user").prefetch_related("known", "available")}
    wrong = []
    saves = 0
    for account in accounts:
        name, toggle = account["username"], account["toggle"]
        did = done.get(name, {"saves": 0, "bio": None})
        saves += did["saves"]
        profile = profiles[name]
        known = {capacity.slug for capacity in profile.known.all()}
        available = {capacity.slug for capacity in profile.available.all()}
        with_toggle = did["saves"] % 2 == 1  # each save adds it or takes it away in turn
        expected_known = set(KNOWN) | ({toggle} if with_toggle else set())
        expected_available = set(AVAILABLE) | ({toggle} if with_toggle else set())
        if (profile.version != account["version"] + did["saves"]
                or (did["bio"] is not None and profile.bio != did["bio"])
                or known != expected_known or available != expected_available):
            wrong.append(name)
    report(not wrong, f"profiles: {saves} saves confirmed; each profile's version went up by "
                      f"its saves and holds what its last save sent"
                      + (f" — not so for {wrong}" if wrong else ""))

    outside = available_outside_known()
    report(not outside, f"no Available capacity outside Known (profiles and organizations): "
                        f"{outside} found")

    ids = [profile.pk for profile in profiles.values()]
    with transaction.atomic():
        kept = card_rows(ids)
        cards.rebuild(ids)  # the database's own function, rolled back just after
        rebuilt = card_rows(ids)
        transaction.set_rollback(True)
    report(kept == rebuilt, f"Explore: the {len(kept)} cards of the load profiles are those the "
                            f"database rebuilds from them")
    for table, count in counter_mismatches().items():
        report(not count, f"Explore: {table} matches the cards ({count} rows differ)")
    return failed


def available_outside_known():
    total = 0
    with connection.cursor() as cursor:
        for party, known, available in AVAILABLE_WITHIN_KNOWN.PARTIES:
            cursor.execute(f"SELECT count(*) FROM {available} a WHERE NOT EXISTS (SELECT FROM "
                           f"{known} k WHERE k.{party} = a.{party} AND k.capacity_id = a.capacity_id)")
            total += cursor.fetchone()[0]
    return total


def card_rows(profile_ids):
    fields = ["profile_id", "kind", "public", "capacities", "covers", "territories",
              "languages", "affiliations", "search_text"]
    return sorted(tuple(sorted(value) if isinstance(value, list) else value for value in row)
                  for row in Card.objects.filter(profile_id__in=profile_ids).values_list(*fields))


def counter_mismatches():
    """{counter table: rows that differ from the cards counted again}."""
    found = {}
    with connection.cursor() as cursor:
        for table, (keys, should) in COUNTERS.items():
            cursor.execute(f"WITH should AS ({should}), kept AS (SELECT {', '.join(keys)}, n "
                           f"FROM {table} WHERE n <> 0) SELECT count(*) FROM should FULL JOIN "
                           f"kept USING ({', '.join(keys)}) WHERE should.n IS DISTINCT FROM kept.n")
            found[table] = cursor.fetchone()[0]
    return found


# --- Leaving the database as it was ---------------------------------------------------------

def remove_load_accounts(sessions=()):
    """The load accounts and everything they made (their profiles and cards, bug reports,
    message log, logins) go with them; their sessions too."""
    Session.objects.filter(session_key__in=list(sessions)).delete()
    User.objects.filter(username__startswith=LOAD_PREFIX).delete()


def row_counts():
    """{table: rows} of every table; of the card counters, the rows that count something (a
    count that went up and down again keeps its row, at 0)."""
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT count(*) FROM "{table}"'
                           + (" WHERE n <> 0" if table in COUNTERS else ""))
            counts[table] = cursor.fetchone()[0]
    return counts


def ensure_letsconnect_database():
    """/healthz asks every database, the Let's Connect receiver's too (DATABASE_URL's name +
    "_letsconnect"): made for the run if the server lacks it, then dropped. True if made."""
    letsconnect = connections["letsconnect"]
    with letsconnect._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                       [letsconnect.settings_dict["NAME"]])
        if cursor.fetchone():
            return False
    call_command("create_letsconnect_database")
    return True


def drop_letsconnect_database():
    letsconnect = connections["letsconnect"]
    name = letsconnect.settings_dict["NAME"]
    letsconnect.close()
    with letsconnect._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {letsconnect.ops.quote_name(name)}")
    print(f"Dropped the Let's Connect database {name} made for the run.")


if __name__ == "__main__":
    main()
