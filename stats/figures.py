"""What the statistics page counts, in a fixed number of aggregate queries whatever the
number of profiles (a quarter of a second in all at 100,000 profiles), kept in the cache for
settings.CAPX_STATISTICS_SECONDS.

Who is counted is who CapX shows: the profiles of active users (Profile.objects.shown(),
whoever may see them: a count names nobody), the listed organizations, the events of those,
the messages sent. Each figure of another app is counted only when that app is installed
and its tables exist (a database not migrated yet still gets its page, without it).

- Capacities: explore's CapacityCount, kept by the database with the Explore cards, so a
  capacity is "wanted by 12" here exactly when its own page says 12 (users and organizations
  alike, each capacity on its own, not what is inside it).
- Regions: a profile counts once in a region when it lists the region or any country in it.
  Its languages come from the profiles; its capacities (Known or Wanted, Available being
  among the Known) from the users' Explore cards, which carry the regions of their
  countries: one pass over the cards instead of a join of profiles, territories and three
  capacity lists.
"""
import time
from datetime import date, datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from capacities.templatetags.terms import term
from capacities.tree import load_tree
from explore.counts import LISTS
from profiles.models import Profile, ProfileLanguage, Territory
from stats.charts import METRICS, with_bars

KEY = "capx-statistics-1"  # a new number when what is cached changes shape (a shared cache)
NUMBERS_KEY = f"{KEY}:numbers"  # the counts, the same in every language
MONTHS = 12


def numbers():
    """The counts, from the cache or counted now; "until" says when they expire (epoch
    seconds), so that what is made from them can expire with them."""
    seconds = settings.CAPX_STATISTICS_SECONDS
    found = cache.get(NUMBERS_KEY) if seconds > 0 else None
    if found is None:
        found = count(timezone.now())
        found["until"] = time.time() + seconds
        if seconds > 0:
            cache.set(NUMBERS_KEY, found, seconds)
    return found


def count(now):
    """Every figure of the page as plain numbers (ids, not names), in at most 8 queries."""
    tables = set(connection.introspection.table_names())
    shown = Profile.objects.shown()
    found = {
        "wikimedians": shown.count(),
        "months": months(shown, now),
        "organizations": None, "messages": None, "events": None, "capacities": None,
    }
    if installed(tables, "organizations.Organization"):
        organization = apps.get_model("organizations", "Organization")
        found["organizations"] = organization.objects.listed().count()
    if installed(tables, "explore.CapacityCount"):
        capacity_count = apps.get_model("explore", "CapacityCount")
        found["capacities"] = list(capacity_count.objects.filter(n__gt=0)
                                   .values_list("capacity_id", "kind", "n"))
    if installed(tables, "messaging.Message"):
        message = apps.get_model("messaging", "Message")
        found["messages"] = message.objects.filter(status=message.Status.SENT).count()
    if installed(tables, "events.Event", "organizations.Organization"):
        event = apps.get_model("events", "Event")
        found["events"] = event.objects.shown().aggregate(
            total=Count("pk"), upcoming=Count("pk", filter=Q(end__gte=now)))
    found["regions"], found["placed"] = regions(cards=installed(tables, "explore.Card"))
    return found


def installed(tables, *labels):
    """True when each model ("app_label.Model") is installed and has its tables, its
    many-to-many ones included."""
    for label in labels:
        app_label, name = label.split(".")
        if not apps.is_installed(app_label):
            return False
        try:
            model = apps.get_model(app_label, name)
        except LookupError:
            return False
        needed = [model._meta.db_table] + [field.remote_field.through._meta.db_table
                                           for field in model._meta.local_many_to_many]
        if not tables.issuperset(needed):
            return False
    return True


def month_starts(now, count=MONTHS):
    """The first days of the last `count` months, this one last."""
    year, month = now.year, now.month
    starts = []
    for _ in range(count):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def months(shown, now):
    """[(first day of the month, new profiles that month)] for the last twelve months, in
    UTC (the site's time zone), one query."""
    starts = month_starts(now)
    first = timezone.make_aware(datetime(starts[0].year, starts[0].month, 1))
    made = dict(shown.filter(created_at__gte=first)
                .annotate(month=TruncMonth("created_at")).values("month")
                .annotate(n=Count("pk")).values_list("month", "n"))
    made = {moment.date(): n for moment, n in made.items()}
    return [(start, made.get(start, 0)) for start in starts]


def regions(cards=True):
    """([{id, slug, names: {language: name}, wikimedians, languages, capacities}], how many
    shown profiles name at least one territory), in one query. `capacities` is None
    without the Explore cards."""
    profile, user = Profile._meta, get_user_model()._meta
    listed = Profile.territories.through._meta
    spoken = ProfileLanguage._meta
    territory = Territory._meta
    names = {code: territory.get_field(build_localized_fieldname("name", code)).column
             for code in AVAILABLE_LANGUAGES}
    name_columns = "".join(f", region.{column}" for column in names.values())
    held, held_join, held_column = "", "", "NULL"
    if cards:
        card = apps.get_model("explore", "Card")._meta
        # Each (region, capacity) pair once: a user's Known ("proficient") and Wanted
        # ("learner") cards, whose territories already hold the regions of their countries.
        held = f""",
        held AS (
            SELECT region_id, count(*) AS n FROM (
                SELECT DISTINCT region_id, capacity_id
                FROM {card.db_table} AS card, unnest(card.territories) AS region_id,
                     unnest(card.capacities) AS capacity_id
                WHERE card.profile_id IS NOT NULL AND card.kind IN ('proficient', 'learner')
                  AND region_id IN (SELECT id FROM regions)
            ) AS pairs GROUP BY region_id
        )"""
        held_join = "LEFT JOIN held ON held.region_id = region.id"
        held_column = "coalesce(held.n, 0)"
    sql = f"""
        WITH regions AS (SELECT id FROM {territory.db_table} WHERE kind = %s),
        placed AS MATERIALIZED (
            -- each shown profile once in each region it lists, itself or through a country
            SELECT DISTINCT listed.profile_id, coalesce(territory.region_id, territory.id) AS region_id
            FROM {listed.db_table} AS listed
            JOIN {territory.db_table} AS territory ON territory.id = listed.territory_id
            WHERE NOT EXISTS (  -- inactive users are few: leave them out, join nothing else
                SELECT 1 FROM {profile.db_table} AS profile
                JOIN {user.db_table} AS u ON u.id = profile.user_id
                WHERE profile.id = listed.profile_id AND NOT u.is_active)
        ),
        people AS (SELECT region_id, count(*) AS n FROM placed GROUP BY region_id),
        spoken AS (
            SELECT region_id, count(*) AS n FROM (
                SELECT DISTINCT placed.region_id, spoken.language_id
                FROM placed JOIN {spoken.db_table} AS spoken ON spoken.profile_id = placed.profile_id
            ) AS pairs GROUP BY region_id
        ){held}
        SELECT region.id, region.slug{name_columns}, coalesce(people.n, 0),
               coalesce(spoken.n, 0), {held_column},
               (SELECT count(DISTINCT profile_id) FROM placed)
        FROM {territory.db_table} AS region
        LEFT JOIN people ON people.region_id = region.id
        LEFT JOIN spoken ON spoken.region_id = region.id
        {held_join}
        WHERE region.kind = %s
        ORDER BY region.id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [Territory.Kind.REGION, Territory.Kind.REGION])
        rows = cursor.fetchall()
    found, placed = [], 0
    for row in rows:
        pk, slug, *rest = row
        translated = dict(zip(names, rest[:len(names)]))
        wikimedians, languages, capacities, placed = rest[len(names):]
        found.append({"id": pk, "slug": slug, "names": translated, "wikimedians": wikimedians,
                      "languages": languages, "capacities": capacities})
    return found, placed


# --- What the page shows, in the reader's language -----------------------------------------

TOP = 10  # capacities in each list


def for_page(request):
    """The page's figures with their names in the current language, from the cache (one
    entry per language, expiring with the counts it was made from) or made now."""
    seconds = settings.CAPX_STATISTICS_SECONDS
    language = get_language() or settings.LANGUAGE_CODE
    key = f"{KEY}:{language}"
    shown = cache.get(key) if seconds > 0 else None
    if shown is None:
        counted = numbers()
        shown = arrange(counted, load_tree(request), language)
        left = int(counted["until"] - time.time())
        if left > 0:
            cache.set(key, shown, left)
    return shown


def arrange(counted, tree, language):
    """The counts as the page lists them: plain values only (the cache may be shared)."""
    order = {node.pk: position for position, node in enumerate(tree)}
    held = {}
    for pk, kind, n in counted["capacities"] or ():
        if pk in tree.by_pk:
            held.setdefault(pk, dict.fromkeys(LISTS.values(), 0))[LISTS[kind]] = n
    entries = []
    for pk, lists in held.items():
        node = tree.by_pk[pk]
        entries.append({"name": str(term(node)), "url": node.get_absolute_url(),
                        "order": order[pk], "gap": lists["wanted"] - lists["available"],
                        **lists})

    def top(key, *tie):
        chosen = sorted((entry for entry in entries if entry[key] > 0),
                        key=lambda entry: (*(-entry[k] for k in (key, *tie)), entry["order"]))
        return with_bars(chosen[:TOP], key)

    regions = []
    for region in counted["regions"]:
        name = region["names"].get(language) or region["names"].get("en") or region["slug"]
        regions.append({
            "slug": region["slug"], "name": name,
            "name_lang": "" if region["names"].get(language) else "en",
            "url": f"{reverse('explore:feed')}?{urlencode({'territory': region['slug']})}",
            **{metric: region[metric] for metric in METRICS},
        })
    events = counted["events"]
    months = [{**month, "top": round(100 - month["bar"], 1)}  # a column stands on its base
              for month in with_bars([{"month": start, "n": n}
                                      for start, n in counted["months"]], "n")]
    return {
        "figures": {
            "wikimedians": counted["wikimedians"],
            "organizations": counted["organizations"],
            "capacities": None if counted["capacities"] is None else len(held),
            "messages": counted["messages"],
            "events": events and events["total"],
            "upcoming_events": events and events["upcoming"],
        },
        "wanted": top("wanted"),
        "available": top("available"),
        "gaps": top("gap", "wanted"),
        "capacities_counted": counted["capacities"] is not None,
        "regions": sorted(regions, key=lambda region: region["name"]),
        "by_wikimedians": with_bars(sorted(regions, key=lambda r: (-r["wikimedians"], r["name"])),
                                    "wikimedians"),
        "unplaced": max(0, counted["wikimedians"] - counted["placed"]),
        "months": months,
        "months_total": sum(month["n"] for month in months),
    }
