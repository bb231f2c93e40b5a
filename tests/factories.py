"""Factories for the tests: people and profiles built the way a Wikimedian would fill them,
naming shipped reference data (capacities by slug, territories and languages by code).
They write rows as any other path does; the database makes the Explore cards from them."""
import factory

from capacities.models import Capacity
from organizations.models import Organization, OrganizationType
from profiles.models import Language, Profile, ProfileLanguage, Territory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "profiles.User"
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"Wikimedian {n}")


class PartyFactory(factory.django.DjangoModelFactory):
    """What a user's profile and an organization both have: capacity lists by slug (Known
    first, so what is Available is known when the database checks), territories by ISO code
    or region slug."""

    class Meta:
        abstract = True

    @factory.post_generation
    def known(self, create, slugs):
        _set_capacities(self.known, slugs)

    @factory.post_generation
    def available(self, create, slugs):
        _set_capacities(self.available, slugs)

    @factory.post_generation
    def wanted(self, create, slugs):
        _set_capacities(self.wanted, slugs)

    @factory.post_generation
    def territories(self, create, keys):
        _add_territories(self.territories, keys)


class ProfileFactory(PartyFactory):
    """ProfileFactory(username="Ana", known=["communication"], available=[...],
    wanted=[...], languages={"pt-br": 6}, territories=["BR"]) — capacities by slug,
    languages by code with a proficiency, territories by ISO code or region slug."""

    class Meta:
        model = Profile
        django_get_or_create = ["user"]
        skip_postgeneration_save = True  # the hooks only add related rows

    class Params:
        username = factory.Sequence(lambda n: f"Wikimedian {n}")

    user = factory.SubFactory(UserFactory, username=factory.SelfAttribute("..username"))

    @factory.post_generation
    def languages(self, create, codes):
        for position, (code, proficiency) in enumerate((codes or {}).items()):
            ProfileLanguage.objects.create(profile=self, language=Language.objects.get(code=code),
                                           proficiency=proficiency, order=position)


class OrganizationFactory(PartyFactory):
    """OrganizationFactory(name="Wikimedia Brasil", managers=[user], known=["communication"],
    available=[...], wanted=[...], territories=["BR"], type="C") — a new organization as staff
    would add it in the admin; `managers` are users (a profile shows only with one)."""

    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Wikimedia Organization {n}")
    slug = factory.Sequence(lambda n: f"wikimedia-organization-{n}")
    type = factory.LazyFunction(lambda: OrganizationType.objects.filter(code="U").first())

    @factory.post_generation
    def managers(self, create, users):
        if users:
            self.managers.set(users)


def _set_capacities(relation, slugs):
    if slugs:
        relation.set(Capacity.objects.filter(slug__in=slugs))


def _add_territories(relation, keys):
    for key in keys or ():
        relation.add(Territory.objects.get(code=key) if len(key) == 2
                     else Territory.objects.get(slug=key))
