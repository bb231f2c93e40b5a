from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from explore.management.commands.seed_demo import DEMO_PREFIX, demo_organizations, demo_users
from events.models import Event
from explore.models import Card
from organizations.models import Organization
from profiles.models import Profile, ProfileLanguage, User, UserBadge

PROFILES = 50


def seed(*args, **options):
    call_command("seed_demo", *args, stdout=StringIO(), **options)


def test_seeds_realistic_profiles_with_their_cards_and_badges(user):
    seed(profiles=PROFILES, seed=7)
    profiles = (Profile.objects.filter(user__in=demo_users())
                .prefetch_related("known", "available", "wanted", "territories"))
    assert len(profiles) == PROFILES
    assert all(p.user.username.startswith(DEMO_PREFIX) for p in profiles)
    assert User.objects.filter(pk=user.pk).exists()  # real people are left alone
    for profile in profiles:
        known, available, wanted = ({c.pk for c in getattr(profile, name).all()}
                                    for name in ("known", "available", "wanted"))
        assert available <= known  # Available within Known
        assert not wanted & known
        lists = {Card.Kind.PROFICIENT: known, Card.Kind.SHARER: available,
                 Card.Kind.LEARNER: wanted}
        assert set(profile.cards.values_list("kind", flat=True)) == \
            {kind for kind, ids in lists.items() if ids}  # a card for each list not empty
        assert len(profile.territories.all()) <= 2
    languages = ProfileLanguage.objects.filter(profile__in=profiles).values("profile") \
        .annotate(n=Count("id")).values_list("n", flat=True)
    assert len(languages) == PROFILES and all(1 <= n <= 3 for n in languages)
    assert any(not p.known.exists() and not p.wanted.exists() for p in profiles)  # no card
    assert UserBadge.objects.filter(user__in=demo_users(), badge__rule="learner").count() \
        == Profile.objects.filter(user__in=demo_users(), wanted__isnull=False).distinct().count()


def test_the_same_seed_gives_the_same_people():
    seed(profiles=10, seed=3)
    first = sorted(demo_users().values_list("username", flat=True))
    seed("--clear", profiles=10, seed=3)
    assert sorted(demo_users().values_list("username", flat=True)) == first


def test_clear_removes_only_the_demo_users_and_all_that_is_theirs(user):
    seed(profiles=20, seed=1)
    seed("--clear", profiles=0)
    assert not demo_users().exists()
    assert not Profile.objects.filter(user__username__startswith=DEMO_PREFIX).exists()
    assert not Card.objects.exists()
    assert list(User.objects.values_list("username", flat=True)) == [user.username]


def test_refresh_cards_rebuilds_them_all():
    seed(profiles=10, organizations=3, seed=5)
    fields = ("profile_id", "organization_id", "kind", "covers", "territories")
    before = sorted(Card.objects.values_list(*fields), key=str)
    assert Card.objects.filter(organization__isnull=False).exists()
    Card.objects.all().delete()
    call_command("refresh_cards", stdout=StringIO())
    assert sorted(Card.objects.values_list(*fields), key=str) == before


def test_seeds_organizations_managed_by_demo_users_and_clears_them():
    seed(profiles=100, seed=2)  # one organization for every 50 profiles
    organizations = list(demo_organizations().prefetch_related("managers", "known", "available",
                                                                "projects", "territories"))
    assert len(organizations) == 2 and Organization.objects.listed().count() == 2
    for organization in organizations:
        assert organization.managers.all() and all(m.username.startswith(DEMO_PREFIX)
                                                   for m in organization.managers.all())
        assert {c.pk for c in organization.available.all()} <= {c.pk for c in organization.known.all()}
        assert organization.territories.all() and len(organization.projects.all()) <= 4
        assert organization.cards.filter(kind="proficient").exists()
    events = Event.objects.filter(organization__in=organizations)
    assert events.exists() and all(e.end > e.start and e.creator.username.startswith(DEMO_PREFIX)
                                   for e in events)
    assert Event.objects.shown().count() == events.count()  # their organizations are listed
    seed("--clear", profiles=0)
    assert not demo_organizations().exists() and not Card.objects.exists()
    assert Organization.objects.count() == 187  # the shipped affiliates (and Let's Connect) stay


def test_organizations_can_be_added_to_earlier_demo_users():
    seed(profiles=5, organizations=0, seed=4)
    seed(profiles=0, organizations=3, seed=4)
    assert demo_organizations().count() == 3
    assert all(o.managers.filter(username__startswith=DEMO_PREFIX).exists()
               for o in demo_organizations())
