"""manage.py seed_demo --profiles N: fills the database with N made-up Wikimedians, for
demos, screenshots and the Explore benchmark (tests/perf/bench_explore.py), and made-up
organizations managed by some of them (--organizations, one for every 50 profiles unless
told), with their capacities, territories, main projects and events.

They are drawn the way real profiles look: names from the Faker locale of where they come
from, who speak that place's languages (often English too) and live there, a few popular
capacities and a long tail of rare ones (mostly children and grandchildren of the
directory, some roots), Available always within Known, Wanted outside Known, some with no
capacities at all (they get no Explore card), a bio for about half, one in ten visible to
signed-in Wikimedians only, saved at some point of the last two years.

Everything goes in with bulk inserts, chunk by chunk (each chunk in one transaction); the
database makes the chunk's Explore cards as the rows arrive (explore/cards.py), then the
badges are awarded (profiles.badges.award). 100,000 profiles take about three minutes on two
cores.

Demo users are recognizable by their username, which starts with "Demo ", together with a
password field of DEMO_PASSWORD (an unusable password: nobody can sign in with it, and a
real account never has it); demo organizations by their slug, which starts with "demo-" (no
shipped affiliate's does). --clear deletes exactly those, with all that is theirs.
Faker is a development dependency (requirements-dev.txt)."""
import random
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from capacities.models import Capacity
from capx.progress import in_chunks
from explore.models import Card, SavedProfile
from events.models import Event
from organizations.models import Organization, OrganizationType, Project
from profiles import badges
from profiles.models import (Avatar, Language, Profile, ProfileLanguage, Proficiency, Territory,
                             UserBadge, WikimediaProject)

DEMO_PREFIX = "Demo "
DEMO_SLUG_PREFIX = "demo-"
PROFILES_PER_ORGANIZATION = 50
DEFAULT_ORGANIZATIONS_AT_MOST = 2000  # the movement has a few hundred: more is no likelier
EVENT_NAMES = ["{topic} edit-a-thon", "Wiki Loves {topic}", "{topic} photo walk",
               "Workshop: {capacity}", "Online meetup on {capacity}", "{topic} translation sprint"]
TIME_ZONES = ["UTC", "America/Sao_Paulo", "Europe/Berlin", "Africa/Lagos", "Asia/Kolkata",
              "America/Mexico_City", "Asia/Jakarta"]
ORGANIZATION_NAMES = ["Wikimedians of {place}", "Wikimedia {place} User Group",
                      "{place} Wiki Community", "Open Knowledge {place}",
                      "{topic} Wikimedians of {place}", "Wiki Loves {topic} {place}"]
DEMO_PASSWORD = "!capx-demo"  # starts with "!": Django's mark of an unusable password
CHUNK = 5000

# Where the made-up Wikimedians come from: (Faker locale, relative share, home countries,
# languages: the first is their native one, the others are often spoken too). Roughly the
# weight of each community among active Wikimedians; English as a second language is added
# separately. Codes missing from the database are skipped.
ORIGINS = [
    ("en_US", 13, ["US"], ["en"]),
    ("en_GB", 4, ["GB", "IE"], ["en"]),
    ("en_NZ", 1, ["AU", "NZ"], ["en"]),
    ("fr_CA", 1, ["CA"], ["fr", "en"]),
    ("de_DE", 7, ["DE", "AT", "CH"], ["de"]),
    ("fr_FR", 5, ["FR", "BE", "CH"], ["fr"]),
    ("fr_FR", 2, ["CM", "CI", "SN", "CD", "BJ"], ["fr"]),
    ("es_ES", 4, ["ES"], ["es", "ca", "eu", "gl"]),
    ("es_MX", 3, ["MX"], ["es"]),
    ("es_AR", 2, ["AR", "UY"], ["es"]),
    ("es_CO", 2, ["CO", "VE", "PE"], ["es"]),
    ("es_CL", 1, ["CL", "BO"], ["es"]),
    ("pt_BR", 7, ["BR"], ["pt-br"]),
    ("pt_PT", 1, ["PT", "AO", "MZ"], ["pt"]),
    ("it_IT", 3, ["IT"], ["it"]),
    ("nl_NL", 2, ["NL", "BE"], ["nl"]),
    ("sv_SE", 1, ["SE"], ["sv"]),
    ("da_DK", 1, ["DK"], ["da"]),
    ("fi_FI", 1, ["FI"], ["fi", "sv"]),
    ("pl_PL", 2, ["PL"], ["pl"]),
    ("cs_CZ", 1, ["CZ"], ["cs"]),
    ("hu_HU", 1, ["HU"], ["hu"]),
    ("ro_RO", 1, ["RO", "MD"], ["ro"]),
    ("el_GR", 1, ["GR", "CY"], ["el"]),
    ("ru_RU", 4, ["RU", "BY", "KZ"], ["ru"]),
    ("uk_UA", 2, ["UA"], ["uk", "ru"]),
    ("tr_TR", 2, ["TR"], ["tr"]),
    ("ar_AA", 3, ["EG", "SA", "MA", "DZ", "JO", "IQ", "TN", "LB"], ["ar", "arz", "fr"]),
    ("fa_IR", 2, ["IR"], ["fa", "azb"]),
    ("he_IL", 1, ["IL"], ["he"]),
    ("hi_IN", 4, ["IN"], ["hi", "mr", "pa"]),
    ("ta_IN", 1, ["IN", "LK"], ["ta"]),
    ("gu_IN", 1, ["IN"], ["gu", "hi"]),
    ("bn_BD", 2, ["BD", "IN"], ["bn"]),
    ("ne_NP", 1, ["NP"], ["ne"]),
    ("en_PK", 1, ["PK"], ["ur"]),
    ("ja_JP", 3, ["JP"], ["ja"]),
    ("zh_CN", 2, ["CN", "SG"], ["zh"]),
    ("zh_TW", 1, ["TW", "HK"], ["zh"]),
    ("ko_KR", 1, ["KR"], ["ko"]),
    ("id_ID", 2, ["ID", "MY"], ["id", "ms"]),
    ("vi_VN", 1, ["VN"], ["vi"]),
    ("th_TH", 1, ["TH"], ["th"]),
    ("en_PH", 1, ["PH"], ["tl", "ceb"]),
    ("en_NG", 3, ["NG"], ["en", "yo", "ig", "ha"]),
    ("yo_NG", 1, ["NG"], ["yo"]),
    ("ig_NG", 1, ["NG"], ["ig"]),
    ("ha_NG", 1, ["NG", "NE"], ["ha"]),
    ("tw_GH", 2, ["GH"], ["tw", "ak", "dag"]),
    ("en_KE", 2, ["KE", "UG"], ["sw"]),
    ("sw", 1, ["TZ"], ["sw"]),
    ("zu_ZA", 1, ["ZA"], ["zu", "xh"]),
    ("en_US", 1, ["ET"], ["am"]),
]
SECOND_LANGUAGE = [Proficiency.BASIC, Proficiency.INTERMEDIATE, Proficiency.ADVANCED,
                   Proficiency.PROFESSIONAL]
PROJECTS = {"wiki": 60, "commonswiki": 25, "wikidatawiki": 25, "wiktionarywiki": 6,
            "wikisourcewiki": 5, "wikibookswiki": 3, "wikiversitywiki": 3, "wikiquotewiki": 2,
            "wikivoyagewiki": 2, "metawiki": 4, "mediawiki": 3, "wikispecieswiki": 1,
            "wikinewswiki": 1, "wikifunctionswiki": 1, "incubatorwiki": 1, "wikimaniawiki": 1}
ROLES = ["Wikipedian", "Wikidata editor", "Commons photographer", "Librarian and Wikimedian",
         "Teacher bringing Wikipedia to the classroom", "Software developer", "Translator",
         "Community organizer", "Student", "Researcher", "GLAM professional", "Journalist",
         "Retired engineer", "Archivist", "Wiktionary contributor", "Medical doctor",
         "Designer", "Historian", "Volunteer", "Program officer at a Wikimedia affiliate"]
TOPICS = ["women in science", "local history", "biodiversity", "music", "football",
          "medicine", "literature", "architecture", "indigenous languages", "climate change",
          "film", "mathematics", "folk culture", "public art", "railways", "astronomy",
          "human rights", "cuisine", "geography", "open data"]
BIO_PARTS = [
    "I organize edit-a-thons about {topic}.",
    "Mostly editing articles about {topic}.",
    "Happy to help newcomers with {capacity}.",
    "Trying to learn more about {wanted}.",
    "Interested in {topic} and {topic2}.",
    "Active since {year}.",
    "I upload photos of {topic} to Commons.",
    "Coordinating a campaign on {topic} this year.",
]


class Command(BaseCommand):
    help = ("Fills the database with N made-up Wikimedians (usernames starting with "
            f"{DEMO_PREFIX!r}) for demos and benchmarks.")

    def add_arguments(self, parser):
        parser.add_argument("--profiles", type=int, required=True,
                            help="How many demo profiles to add (0 with --clear: only clear).")
        parser.add_argument("--organizations", type=int, default=None,
                            help="How many demo organizations to add, each managed by demo "
                                 "users of this run, or of earlier ones without --profiles "
                                 f"(default: one for every {PROFILES_PER_ORGANIZATION} profiles, "
                                 f"at most {DEFAULT_ORGANIZATIONS_AT_MOST}).")
        parser.add_argument("--seed", type=int, default=None,
                            help="Random seed, for the same people again on an empty database.")
        parser.add_argument("--clear", action="store_true",
                            help="First delete every demo user made before, with all that "
                                 "is theirs.")

    def handle(self, profiles, organizations, seed, clear, **options):
        if profiles < 0:
            raise CommandError("--profiles must be 0 or more.")
        if organizations is None:
            organizations = min(profiles // PROFILES_PER_ORGANIZATION, DEFAULT_ORGANIZATIONS_AT_MOST)
        if organizations < 0:
            raise CommandError("--organizations must be 0 or more.")
        if organizations and not profiles and not demo_users().exists():
            raise CommandError("Demo organizations are managed by demo users: add --profiles.")
        try:
            import faker  # noqa: F401
        except ImportError:
            raise CommandError("seed_demo needs Faker: pip install -r requirements-dev.txt")
        started = time.monotonic()
        if clear:
            self.stdout.write(f"Deleted {clear_demo_organizations()} demo organizations and "
                              f"{clear_demo_users()} demo users.")
        if profiles or organizations:
            seed = seed if seed is not None else random.randrange(1_000_000)
            self.stdout.write(f"Adding {profiles} demo profiles and {organizations} demo "
                              f"organizations (--seed {seed})…")
            Seeder(seed).run(profiles, organizations)
            analyze()
        self.stdout.write(self.style.SUCCESS(
            f"Done in {time.monotonic() - started:.1f} s: {demo_users().count()} demo users, "
            f"{demo_organizations().count()} demo organizations, "
            f"{Card.objects.count()} Explore cards in all."))


def demo_users():
    return get_user_model().objects.filter(username__startswith=DEMO_PREFIX,
                                           password=DEMO_PASSWORD)


def demo_organizations():
    return Organization.objects.filter(slug__startswith=DEMO_SLUG_PREFIX)


def clear_demo_organizations():
    """Deletes the demo organizations (their cards, projects, events and saved entries go
    along)."""
    return demo_organizations().delete()[1].get(Organization._meta.label, 0)


def clear_demo_users():
    """Deletes the demo users chunk by chunk (Django's cascade takes their profiles, cards,
    language rows, badges and saved profiles along)."""
    ids = list(demo_users().order_by("pk").values_list("pk", flat=True))
    for chunk in in_chunks(ids, CHUNK, "users", desc="Clearing"):
        with transaction.atomic():
            # Rows pointing at the chunk's profiles go first, in bulk, so the cascade
            # below does not have to collect them one model instance at a time. The
            # capacity lists lead: without them the database drops the cards, and the
            # deletions after that have no card left to rewrite.
            profiles = Profile.objects.filter(user_id__in=chunk)
            for relation in ("known", "available", "wanted", "territories", "affiliations",
                             "projects"):
                getattr(Profile, relation).through.objects.filter(profile__in=profiles).delete()
            ProfileLanguage.objects.filter(profile__in=profiles).delete()
            SavedProfile.objects.filter(profile__in=profiles).delete()
            UserBadge.objects.filter(user_id__in=chunk).delete()
            get_user_model().objects.filter(pk__in=chunk).delete()
    return len(ids)


def analyze():
    """Fresh planner statistics for the tables that just grew, and their visibility maps
    (index-only scans) unless in a transaction (the tests), where VACUUM cannot run."""
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    models = [get_user_model(), Profile, ProfileLanguage, Card, UserBadge, Organization, Project,
              Event, Event.capacities.through,
              *(getattr(Profile, name).through for name in
                ("known", "available", "wanted", "territories", "affiliations", "projects")),
              *(getattr(Organization, name).through for name in
                ("known", "available", "wanted", "territories", "managers"))]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f'{command} "{model._meta.db_table}"')


@contextmanager
def own_timestamps():
    """bulk_create would stamp every profile with now (auto_now): let the seed set them."""
    fields = [Profile._meta.get_field("created_at"), Profile._meta.get_field("updated_at")]
    saved = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Seeder:
    def __init__(self, seed):
        from faker import Faker

        self.rng = random.Random(seed)
        self.now = timezone.now()
        languages = dict(Language.objects.values_list("code", "pk"))
        countries = {t.code: t for t in Territory.objects.filter(kind=Territory.Kind.COUNTRY)}
        self.origins = []
        for locale, share, homes, spoken in ORIGINS:
            homes = [countries[code] for code in homes if code in countries]
            spoken = [languages[code] for code in spoken if code in languages]
            if homes and spoken:
                self.origins.append((locale, share, homes, spoken))
        self.fakers = {}
        for index, locale in enumerate(sorted({origin[0] for origin in self.origins})):
            self.fakers[locale] = Faker(locale)
            self.fakers[locale].seed_instance(seed * 1000 + index)
        self.english = languages.get("en")
        self.all_languages = sorted(languages.values())
        self.all_countries = sorted(countries.values(), key=lambda t: t.pk)

        capacities = list(Capacity.objects.order_by("pk"))
        if not capacities:
            raise CommandError("The Capacity Directory is empty: run manage.py migrate first.")
        self.capacities = {c.pk: c for c in capacities}
        # Popularity: a few capacities are much more common than the rest (a Zipf-like
        # curve over a shuffled directory), roots less often picked than their children.
        order = capacities[:]
        self.rng.shuffle(order)
        self.capacity_ids = [c.pk for c in order]
        self.capacity_weights = [(0.3 if c.level == 0 else 1.0) / (rank + 1) ** 0.9
                                 for rank, c in enumerate(order)]
        organizations = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
        self.rng.shuffle(organizations)
        self.organizations = organizations
        self.organization_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(organizations))]
        self.projects = dict(WikimediaProject.objects.values_list("code", "pk"))
        self.avatars = list(Avatar.objects.order_by("pk").values_list("pk", flat=True))
        self.usernames = set(get_user_model().objects.filter(username__startswith=DEMO_PREFIX)
                             .values_list("username", flat=True))

    # --- one person -------------------------------------------------------------------
    def person(self):
        rng = self.rng
        locale, _share, homes, spoken = rng.choices(self.origins,
                                                    weights=[o[1] for o in self.origins])[0]
        fake = self.fakers[locale]
        first, last = fake.first_name(), fake.last_name()
        updated = self.now - timedelta(days=730 * rng.random() ** 1.4, seconds=rng.randrange(86400))
        created = updated - timedelta(days=rng.randrange(0, 900))
        has_capacities = rng.random() < 0.88
        known = self.draw_capacities(rng.choices(range(9), [4, 10, 14, 16, 15, 12, 10, 9, 7])[0]
                                     if has_capacities and rng.random() < 0.9 else 0)
        available = [pk for pk in known if rng.random() < 0.5] if rng.random() < 0.8 else []
        wanted = (self.draw_capacities(rng.choices(range(6), [22, 20, 20, 16, 12, 10])[0],
                                       exclude=set(known)) if has_capacities else [])
        if has_capacities and not known and not wanted:
            wanted = self.draw_capacities(1)
        home = rng.choice(homes)
        return {
            "username": self.username(first, last),
            "created": created, "updated": updated,
            "registered": datetime(2003, 1, 1, tzinfo=dt_timezone.utc)
            + timedelta(days=rng.randrange(0, max(1, (created - datetime(
                2003, 1, 1, tzinfo=dt_timezone.utc)).days))),
            "known": known, "available": available, "wanted": wanted,
            "languages": self.draw_languages(spoken),
            "territories": self.draw_territories(home),
            "affiliations": self.draw_affiliations(),
            "projects": self.draw_projects(),
            "bio": self.bio(fake, known, wanted) if rng.random() < 0.5 else "",
            "public": rng.random() >= 0.1,
            "avatar": rng.choice(self.avatars) if self.avatars and rng.random() < 0.4 else None,
        }

    def username(self, first, last):
        rng = self.rng
        style = rng.random()
        if style < 0.45:
            name = f"{first} {last}"
        elif style < 0.6:
            name = f"{first}{last}"
        elif style < 0.72:
            name = f"{first}{rng.randrange(1, 2000)}"
        elif style < 0.82:
            name = f"{last} {first[:1]}."
        elif style < 0.9:
            name = f"{first} {last[:1]}"
        else:
            name = f"{first}.{last}".lower()
        name = " ".join(name.replace("_", " ").split())
        name = DEMO_PREFIX + name[:1].upper() + name[1:]
        candidate, n = name[:80], 1
        while candidate in self.usernames:
            n += 1
            candidate = f"{name[:74]} {n}"
        self.usernames.add(candidate)
        return candidate

    def draw_capacities(self, count, exclude=()):
        chosen = []
        while len(chosen) < count:
            pk = self.rng.choices(self.capacity_ids, self.capacity_weights)[0]
            if pk not in chosen and pk not in exclude:
                chosen.append(pk)
        return chosen

    def draw_languages(self, spoken):
        """(language id, proficiency) pairs, 1 to 3, the native language first."""
        rng = self.rng
        chosen = [(spoken[0], Proficiency.NATIVE)]
        for language in spoken[1:]:
            if rng.random() < 0.3:
                chosen.append((language, rng.choice([Proficiency.ADVANCED, Proficiency.NATIVE])))
        if self.english and rng.random() < 0.55:
            chosen.append((self.english, rng.choice(SECOND_LANGUAGE)))
        if rng.random() < 0.08:
            chosen.append((rng.choice(self.all_languages), rng.choice(SECOND_LANGUAGE[:2])))
        unique = list({language: (language, level) for language, level in chosen}.values())
        return unique[:3]

    def draw_territories(self, home):
        rng = self.rng
        roll = rng.random()
        if roll < 0.12:
            return []
        if roll < 0.2:
            return [home.region_id]  # some only name their region
        chosen = [home.pk]
        roll = rng.random()
        if roll < 0.08:
            chosen.append(home.region_id)
        elif roll < 0.15:
            chosen.append(rng.choice(self.all_countries).pk)  # lives abroad, or works for two
        return list(dict.fromkeys(chosen))

    def draw_affiliations(self):
        if not self.organizations:
            return []
        count = self.rng.choices([0, 1, 2], [65, 28, 7])[0]
        chosen = set()
        while len(chosen) < count:
            chosen.add(self.rng.choices(self.organizations, self.organization_weights)[0])
        return sorted(chosen)

    def draw_projects(self):
        codes = [code for code in PROJECTS if code in self.projects]
        count = self.rng.choices([0, 1, 2, 3], [30, 35, 25, 10])[0]
        chosen = set()
        while len(chosen) < min(count, len(codes)):
            chosen.add(self.rng.choices(codes, [PROJECTS[code] for code in codes])[0])
        return [self.projects[code] for code in sorted(chosen)]

    def bio(self, fake, known, wanted):
        rng = self.rng
        try:
            city = fake.city()
        except AttributeError:
            city = ""
        opening = f"{rng.choice(ROLES)} from {city}." if city else f"{rng.choice(ROLES)}."
        parts = rng.sample(BIO_PARTS, rng.randrange(1, 3))
        topic, topic2 = rng.sample(TOPICS, 2)
        values = {
            "topic": topic, "topic2": topic2, "year": rng.randrange(2004, 2025),
            "capacity": self.capacities[known[0]].name_en.lower() if known else topic,
            "wanted": self.capacities[wanted[0]].name_en.lower() if wanted else topic2,
        }
        bio = " ".join([opening, *(part.format(**values) for part in parts)])
        return bio[:Profile.BIO_MAX_LENGTH]

    # --- one organization ------------------------------------------------------------
    def organization(self, managers):
        rng = self.rng
        home = rng.choice(self.all_countries)
        name = rng.choice(ORGANIZATION_NAMES).format(place=home.name_en,
                                                     topic=rng.choice(TOPICS).title())
        name, slug = self.organization_name(DEMO_PREFIX + name)
        known = self.draw_capacities(rng.randrange(3, 10))
        return {
            "name": name, "slug": slug,
            "acronym": "".join(word[0] for word in name.split()[1:] if word[0].isupper())[:8],
            "type": rng.choices(["U", "C", "T"], [80, 15, 5])[0],
            "updated": self.now - timedelta(days=365 * rng.random(), seconds=rng.randrange(86400)),
            "territories": list(dict.fromkeys([home.pk] + ([home.region_id] if rng.random() < 0.3 else []))),
            "known": known, "available": [pk for pk in known if rng.random() < 0.6],
            "wanted": self.draw_capacities(rng.randrange(0, 5), exclude=set(known)),
            "managers": rng.sample(managers, min(len(managers), rng.choice([1, 1, 2, 3]))),
            "events": [self.event(known) for _ in range(rng.choice([0, 1, 2, 3]))],
            "projects": [f"{topic.title()} {kind}" for topic, kind in zip(
                rng.sample(TOPICS, 4), rng.sample(["edit-a-thon", "photo walk", "campaign",
                                                   "workshop series", "contest"], 4))
                         ][:rng.choice([0, 1, 2, 3, 4])],
        }

    def event(self, known):
        rng = self.rng
        capacities = rng.sample(known, min(len(known), rng.randrange(1, 4)))
        start = (self.now + timedelta(days=rng.randrange(-120, 180), hours=rng.randrange(24))
                 ).replace(minute=0, second=0, microsecond=0)
        name = rng.choice(EVENT_NAMES).format(topic=rng.choice(TOPICS).title(),
                                              capacity=self.capacities[capacities[0]].name_en)
        return {"name": DEMO_PREFIX + name, "start": start,
                "end": start + timedelta(hours=rng.choice([2, 3, 8, 48])),
                "location_type": rng.choice(list(Event.Location.values)),
                "time_zone": rng.choice(TIME_ZONES), "capacities": capacities,
                "featured": rng.random() < 0.5}

    def organization_name(self, name):
        """A name and a slug that no organization has yet."""
        candidate, n = name[:190], 1
        while True:
            slug = DEMO_SLUG_PREFIX + slugify(candidate.removeprefix(DEMO_PREFIX))
            if candidate not in self.organization_names and slug not in self.organization_slugs:
                break
            n += 1
            candidate = f"{name[:185]} {n}"
        self.organization_names.add(candidate)
        self.organization_slugs.add(slug)
        return candidate, slug

    # --- in bulk ----------------------------------------------------------------------
    def run(self, total, organizations=0):
        managers = []
        for chunk in in_chunks(range(total), CHUNK, "profiles", desc="Seeding"):
            users = self.insert([self.person() for _ in chunk])
            managers += self.rng.sample(users, min(len(users), organizations * 2))
        if organizations and not managers:  # earlier runs' demo users manage them
            users = list(demo_users().order_by("pk").values_list("pk", flat=True))
            managers = self.rng.sample(users, min(len(users), organizations * 2))
        self.organization_names = set(Organization.objects.values_list("name", flat=True))
        self.organization_slugs = set(Organization.objects.values_list("slug", flat=True))
        for chunk in in_chunks(range(organizations), CHUNK, "organizations", desc="Seeding"):
            self.insert_organizations([self.organization(managers) for _ in chunk])

    @transaction.atomic
    def insert(self, people):
        User = get_user_model()
        users = User.objects.bulk_create([
            User(username=p["username"], password=DEMO_PASSWORD, date_joined=p["created"],
                 wiki_registered_at=p["registered"]) for p in people])
        with own_timestamps():
            profiles = Profile.objects.bulk_create([
                Profile(user=user, bio=p["bio"], bio_language_id=self.english if p["bio"] else None,
                        avatar_id=p["avatar"], created_at=p["created"], updated_at=p["updated"],
                        visibility=(Profile.Visibility.PUBLIC if p["public"]
                                    else Profile.Visibility.SIGNED_IN))
                for user, p in zip(users, people)])
        # Languages, places and affiliations before the capacity lists: the database makes a
        # card when its first capacity arrives (explore/cards.py), so each card is written
        # once, with everything else already there.
        ProfileLanguage.objects.bulk_create([
            ProfileLanguage(profile_id=profile.pk, language_id=language, proficiency=level,
                            order=position)
            for profile, p in zip(profiles, people)
            for position, (language, level) in enumerate(p["languages"])], batch_size=10000)
        link(Profile, "profile_id", profiles, people,
             {"territories": "territory_id", "affiliations": "organization_id",
              "projects": "wikimediaproject_id", "known": "capacity_id",
              "available": "capacity_id", "wanted": "capacity_id"})
        badges.award(User.objects.filter(pk__in=[user.pk for user in users]))
        return [user.pk for user in users]

    @transaction.atomic
    def insert_organizations(self, items):
        types = dict(OrganizationType.objects.values_list("code", "pk"))
        field = Organization._meta.get_field("updated_at")
        field.auto_now = False  # the seed says when each was last updated
        try:
            organizations = Organization.objects.bulk_create([
                Organization(name=item["name"], name_en=item["name"], slug=item["slug"],
                             acronym=item["acronym"], type_id=types.get(item["type"]),
                             updated_at=item["updated"]) for item in items])
        finally:
            field.auto_now = True
        Project.objects.bulk_create([
            Project(organization=organization, name=name, order=position)
            for organization, item in zip(organizations, items)
            for position, name in enumerate(item["projects"])])
        events = Event.objects.bulk_create([
            Event(organization=organization, creator_id=item["managers"][0], name=event["name"],
                  url=f"https://example.org/{item['slug']}/event-{position + 1}",
                  start=event["start"], end=event["end"], location_type=event["location_type"],
                  time_zone=event["time_zone"], featured=event["featured"])
            for organization, item in zip(organizations, items)
            for position, event in enumerate(item["events"])])
        plans = [event for item in items for event in item["events"]]
        Event.capacities.through.objects.bulk_create([
            Event.capacities.through(event_id=event.pk, capacity_id=pk)
            for event, plan in zip(events, plans) for pk in plan["capacities"]])
        # Territories and managers before the capacity lists, as for people (see insert).
        link(Organization, "organization_id", organizations, items,
             {"territories": "territory_id", "managers": "user_id", "known": "capacity_id",
              "available": "capacity_id", "wanted": "capacity_id"})


def link(model, owner_column, owners, drawn, relations):
    """The many-to-many rows of freshly inserted `owners`, in bulk, in the order of
    `relations` ({relation: column of the other side}), from each one's drawn ids."""
    for relation, column in relations.items():
        through = getattr(model, relation).through
        through.objects.bulk_create([
            through(**{owner_column: owner.pk, column: pk})
            for owner, item in zip(owners, drawn) for pk in item[relation]], batch_size=CHUNK * 10)
