"""Explore stays true after every change, whatever path makes it: the profile editor, the
directory, the Django admin of every model that feeds the cards, the management commands,
the Meta-Wiki login, deactivation and deletion. Each test makes its change the way that path
does and then looks as a person would: the feed, the keyword search, the matches on /home and
the counts on a capacity's page. Nothing here rebuilds cards by hand."""
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from capacities.models import Capacity
from explore.models import SavedProfile
from organizations.models import Organization
from profiles.models import Language, Profile, Territory, User
from tests.admin_form import change_in_admin, delete_in_admin
from tests.explore.seen import counts, feed, matches, people
from tests.factories import ProfileFactory
from tests.profiles.edit_form import form_data


@pytest.fixture
def ana():
    return ProfileFactory(username="Ana", known=["press-release"], available=["press-release"],
                          territories=["BR"], languages={"pt-br": 6}, bio="Journalist in Recife")


@pytest.fixture
def maria(user):
    """The signed-in viewer: wants Communication (Ana shares Press release, inside it)."""
    return ProfileFactory(user=user, known=["survey"], available=["survey"],
                          wanted=["communication"])


def visitor():
    return Client()


def signed_in_as(user):
    client = Client()
    client.force_login(user)
    return client


# --- the site's own forms --------------------------------------------------------------------

def test_the_profile_editor(ana, maria, user):
    ana_client = signed_in_as(ana.user)
    ana_client.post("/profile/edit", form_data(
        ana, known=["press-release", "media"], available=["press-release", "media"],
        bio="Photographer in Olinda"))

    assert people(visitor(), capacity="media") == {"Ana"}
    assert people(visitor(), q="olinda") == {"Ana"}
    assert people(visitor(), q="recife") == set()
    assert counts(visitor(), "media") == (1, 1, 0)
    assert matches(signed_in_as(user))[0] == ["Ana"]


def test_add_to_wanted_from_the_directory(ana, maria, user):
    signed_in_as(ana.user).post("/capacity/survey/add", {"list": "wanted"})

    assert ("Ana", "learner") in feed(visitor(), capacity="survey", exchange="learner")
    assert counts(visitor(), "survey") == (1, 1, 1)
    assert matches(signed_in_as(user)) == (["Ana"], ["Ana"])  # she wants what Maria shares


# --- the Django admin ------------------------------------------------------------------------

def test_renaming_a_user_in_the_admin(staff, ana, maria, user):
    assert change_in_admin(staff, ana.user, username="Ana Paula").status_code == 302

    assert people(visitor(), q="paula") == {"Ana Paula"}
    assert "Ana" not in people(visitor())
    assert matches(signed_in_as(user))[0] == ["Ana Paula"]
    assert visitor().get("/profile/Ana Paula").status_code == 200


def test_deactivating_a_user_hides_them_everywhere_until_reactivated(staff, ana, maria, user):
    SavedProfile.objects.create(owner=user, profile=ana)
    maria_client = signed_in_as(user)

    change_in_admin(staff, ana.user, is_active=False)

    assert "Ana" not in people(visitor()) | people(maria_client)
    assert people(visitor(), q="recife") == set()
    assert matches(maria_client)[0] == []
    assert counts(visitor(), "press-release") == (0, 0, 0)
    assert visitor().get("/profile/Ana").status_code == 404
    assert maria_client.get("/profile/Ana").status_code == 404
    assert visitor().get("/profile/Ana/qr.svg").status_code == 404
    assert "Ana" not in maria_client.get("/feed/saved").content.decode()
    assert maria_client.post(f"/feed/saved/{ana.pk}", {"saved": "1"}).status_code == 404

    change_in_admin(staff, User.objects.get(pk=ana.user_id), is_active="on")

    assert "Ana" in people(visitor())
    assert people(visitor(), q="recife") == {"Ana"}
    assert matches(maria_client)[0] == ["Ana"]
    assert counts(visitor(), "press-release") == (1, 1, 0)
    assert visitor().get("/profile/Ana").status_code == 200
    assert "Ana" in maria_client.get("/feed/saved").content.decode()


def test_a_deactivated_user_cannot_use_the_development_login(ana):
    User.objects.filter(pk=ana.user_id).update(is_active=False)
    page = visitor().post("/login/dev", {"username": "Ana"})
    assert page.status_code == 400 and "This account has been deactivated." in page.content.decode()


def test_editing_a_profile_in_the_admin(staff, ana, maria, user):
    answer = change_in_admin(staff, ana, bio="Editor in Manaus", visibility="signed_in",
                             known=[Capacity.objects.get(slug="media").pk],
                             available=[Capacity.objects.get(slug="media").pk])
    assert answer.status_code == 302

    assert people(visitor()) == {"Maria Silva"}  # Ana is for signed-in Wikimedians now
    assert people(signed_in_as(user), q="manaus") == {"Ana"}
    assert people(signed_in_as(user), capacity="media") == {"Ana"}
    assert people(signed_in_as(user), capacity="press-release") == set()
    assert counts(visitor(), "media") == (1, 1, 0)


def test_the_admin_refuses_available_outside_known_and_stores_nothing(staff, ana):
    media = Capacity.objects.get(slug="media")
    answer = change_in_admin(staff, ana, available=[media.pk], bio="Changed")
    text = answer.content.decode()
    assert answer.status_code == 200
    assert "You can only share what you know: add Media to your Known capacities" in text
    ana.refresh_from_db()
    assert ana.bio == "Journalist in Recife"
    assert people(visitor(), capacity="media") == set()


def test_renaming_a_capacity_in_the_admin(staff, ana):
    press = Capacity.objects.get(slug="press-release")
    assert change_in_admin(staff, press, name_en="Press statement").status_code == 302

    assert people(visitor(), q="statement") == {"Ana"}
    assert people(visitor(), q="release") == set()
    assert "Press statement" in visitor().get("/feed").content.decode()


def test_moving_a_capacity_in_the_admin(staff, ana, maria, user):
    press = Capacity.objects.get(slug="press-release")
    evaluation = Capacity.objects.get(slug="learning-evaluation")
    assert change_in_admin(staff, press, parent=evaluation.pk).status_code == 302

    assert people(visitor(), capacity="communication") == {"Maria Silva"}  # her wish only
    assert people(visitor(), capacity="learning-evaluation") == {"Ana", "Maria Silva"}
    assert matches(signed_in_as(user))[0] == []  # Maria wants Communication


def test_deleting_a_capacity_in_the_admin(staff, ana):
    noa = ProfileFactory(username="Noa", known=["survey"], available=["survey"])
    delete_in_admin(staff, Capacity.objects.get(slug="survey"))

    assert "Noa" not in people(visitor())
    assert not noa.cards.exists()
    assert people(visitor(), capacity="learning-evaluation") == set()
    assert "Ana" in people(visitor())


def test_moving_a_country_to_another_region_in_the_admin(staff, ana):
    brazil = Territory.objects.get(code="BR")
    europe = Territory.objects.get(slug="central-eastern-europe-central-asia")
    assert change_in_admin(staff, brazil, region=europe.pk).status_code == 302

    assert people(visitor(), territory="latin-america-caribbean") == set()
    assert people(visitor(), territory="central-eastern-europe-central-asia") == {"Ana"}
    assert people(visitor(), territory="brazil") == {"Ana"}


def test_renaming_and_deleting_a_language_in_the_admin(staff, ana):
    portuguese = Language.objects.get(code="pt-br")
    assert change_in_admin(staff, portuguese, name="Brazilian Portuguese").status_code == 302
    assert "Brazilian Portuguese" in visitor().get("/feed").content.decode()
    assert people(visitor(), language="pt-br") == {"Ana"}

    delete_in_admin(staff, portuguese)
    page = visitor().get("/feed", {"language": "pt-br"}).content.decode()
    assert "were not recognized and were left out" in page
    assert "Brazilian Portuguese" not in visitor().get("/feed").content.decode()
    assert not ana.languages.exists()


def test_renaming_and_deleting_an_organization_in_the_admin(staff, ana):
    organization = Organization.objects.get(slug=Organization.objects.order_by("pk")[0].slug)
    ana.affiliations.add(organization)
    assert people(visitor(), affiliation=organization.slug) == {"Ana"}

    change_in_admin(staff, organization, name_en="Wikimedians of Recife")
    page = visitor().get("/feed", {"affiliation": organization.slug}).content.decode()
    assert "Wikimedians of Recife" in page and people(visitor(), affiliation=organization.slug) == {"Ana"}

    delete_in_admin(staff, organization)
    assert "were not recognized" in visitor().get(
        "/feed", {"affiliation": organization.slug}).content.decode()
    assert people(visitor()) == {"Ana"}


def test_any_write_even_a_bulk_update_keeps_the_cards_right(ana):
    Profile.objects.filter(pk=ana.pk).update(bio="Mentor in Belém")
    assert people(visitor(), q="belem") == {"Ana"}
    Capacity.objects.filter(slug="press-release").update(
        parent=Capacity.objects.get(slug="social-skills"))
    assert people(visitor(), capacity="social-skills") == {"Ana"}


# --- management commands ---------------------------------------------------------------------

def test_sync_capacities_renames_reach_the_search(directory_on_metabase, ana):
    ivo = ProfileFactory(username="Ivo", known=["budgeting"], available=["budgeting"])
    call_command("sync_capacities", stdout=StringIO(), stderr=StringIO())

    portuguese = visitor()
    portuguese.cookies["capx_language"] = "pt-br"
    assert people(portuguese, q="orcamento") == {"Ivo"}
    assert "Orçamento" in portuguese.get("/feed", {"q": "orcamento"}).content.decode()
    assert ivo.cards.exists()


def test_a_sync_that_fails_while_writing_changes_nothing(directory_on_metabase, ana):
    """A database error half-way through the sync's writes (here a trigger that refuses the
    second capacity update) rolls every earlier write back: names, QIDs and what Explore
    finds."""
    before = list(Capacity.objects.order_by("pk").values())
    with connection.cursor() as cursor:
        cursor.execute("""
            CREATE FUNCTION test_fail_second_write() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM set_config('test.writes',
                    (coalesce(nullif(current_setting('test.writes', true), ''), '0')::int + 1)::text,
                    true);
                IF current_setting('test.writes')::int >= 2 THEN
                    RAISE EXCEPTION 'disk full';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_fail_second_write BEFORE UPDATE ON capacities_capacity
                FOR EACH ROW EXECUTE FUNCTION test_fail_second_write();
        """)
    with pytest.raises(CommandError, match="nothing was changed.*disk full"):
        call_command("sync_capacities", stdout=StringIO(), stderr=StringIO())

    assert list(Capacity.objects.order_by("pk").values()) == before
    assert people(visitor(), q="press") == {"Ana"}


def test_seed_demo_people_are_on_the_feed_and_found():
    call_command("seed_demo", profiles=30, seed=4, stdout=StringIO())
    shown = people(visitor())
    assert shown and all(name.startswith("Demo ") for name in shown)
    someone = sorted(shown)[0]
    assert someone in people(visitor(), q=someone.split()[1])


def test_award_badges_leaves_the_feed_as_it_was(ana, maria):
    before = feed(visitor())
    call_command("award_badges", stdout=StringIO(), stderr=StringIO())
    assert feed(visitor()) == before
    assert ana.user.badges.filter(badge__rule="sharer").exists()


# --- deletion --------------------------------------------------------------------------------

def test_deleting_your_profile_takes_it_out_of_explore(ana, maria, user):
    signed_in_as(ana.user).post("/profile/delete")

    assert people(visitor()) == {"Maria Silva"}
    assert counts(visitor(), "press-release") == (0, 0, 0)
    assert matches(signed_in_as(user))[0] == []


def test_deleting_a_user_in_the_admin(staff, ana):
    assert delete_in_admin(staff, ana.user).status_code == 302
    assert people(visitor()) == set()
    assert counts(visitor(), "press-release") == (0, 0, 0)


def test_the_running_card_counts_always_equal_a_real_count(staff, ana, maria, user):
    """The unfiltered feed reads its count from totals the database keeps (CardCount)."""
    from explore.models import Card, CardCount

    def real(kinds, public_only):
        cards = Card.objects.filter(kind__in=kinds)
        return cards.filter(public=True).count() if public_only else cards.count()

    def agree():
        for kinds in (["sharer", "learner"], ["sharer", "learner", "proficient"], ["learner"]):
            for public_only in (True, False):
                assert CardCount.total(kinds, public_only) == real(kinds, public_only)

    agree()
    call_command("seed_demo", profiles=25, seed=2, stdout=StringIO())
    agree()
    change_in_admin(staff, ana, visibility="signed_in")
    agree()
    change_in_admin(staff, ana.user, is_active=False)
    agree()
    signed_in_as(user).post("/profile/delete")
    agree()
    call_command("seed_demo", "--clear", profiles=0, stdout=StringIO())
    agree()
    page = visitor().get("/feed").content.decode()
    assert f"{real(['sharer', 'learner'], True)} result" in page


def test_the_capacity_counts_always_equal_a_real_count(staff, ana, maria, user):
    """A capacity's page reads counts the database keeps with the cards (CapacityCount)."""
    from explore.counts import capacity_counts

    def real(slug):
        capacity = Capacity.objects.get(slug=slug)
        return {which: getattr(Profile, which).through.objects.filter(
            capacity=capacity, profile__user__is_active=True).count()
            for which in ("known", "available", "wanted")}

    def agree():
        for capacity in Capacity.objects.filter(
                slug__in=["press-release", "survey", "communication", "media", "budgeting"]):
            assert capacity_counts(capacity) == real(capacity.slug), capacity.slug

    agree()
    call_command("seed_demo", profiles=25, seed=3, stdout=StringIO())
    agree()
    change_in_admin(staff, ana, known=[Capacity.objects.get(slug="media").pk], available=[])
    agree()
    change_in_admin(staff, maria.user, is_active=False)
    agree()
    delete_in_admin(staff, Capacity.objects.get(slug="survey"))
    assert capacity_counts(Capacity(pk=0)) == {"known": 0, "available": 0, "wanted": 0}
    agree()
    call_command("seed_demo", "--clear", profiles=0, stdout=StringIO())
    agree()


def test_the_feed_s_kept_counts_equal_a_real_count_for_every_single_filter(staff, ana, maria, user):
    """A feed filtered by one value reads its count from totals the database keeps with the
    cards (FacetCount); they must be what counting gives, through every kind of change."""
    from explore.feed import kept_count, select_cards
    from explore.forms import FeedFilterForm
    from capacities.tree import load_tree
    from django.contrib.auth.models import AnonymousUser

    queries = [{"capacity": "communication"}, {"capacity": "press-release"},
               {"capacity": "learning-evaluation", "proficient": "on"},
               {"territory": "latin-america-caribbean"}, {"territory": "brazil"},
               {"language": "pt-br"}, {"language": "en", "exchange": "learner"},
               {"affiliation": Organization.objects.order_by("pk")[0].slug}]

    def agree():
        tree = load_tree()
        for query in queries:
            for viewer in (AnonymousUser(), user):
                filters = FeedFilterForm(query, tree).filters()
                kept = kept_count(filters, viewer)
                assert kept is not None
                plain = select_cards(filters, viewer, tree)
                plain.counted = None  # count it for real
                assert kept == plain.count(), query

    Organization.objects.order_by("pk")[0].affiliated_profiles.add(ana)
    agree()
    call_command("seed_demo", profiles=30, seed=6, stdout=StringIO())
    agree()
    change_in_admin(staff, ana, visibility="signed_in")
    change_in_admin(staff, Territory.objects.get(code="BR"),
                    region=Territory.objects.get(slug="north-america").pk)
    change_in_admin(staff, Capacity.objects.get(slug="press-release"),
                    parent=Capacity.objects.get(slug="learning-evaluation").pk)
    agree()
    change_in_admin(staff, maria.user, is_active=False)
    call_command("seed_demo", "--clear", profiles=0, stdout=StringIO())
    agree()
