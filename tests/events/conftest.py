import pytest
from django.test import Client

from organizations.models import Organization
from tests.factories import OrganizationFactory, UserFactory
from tests.fakes.event_sources import event_sources  # noqa: F401  (a fixture)


@pytest.fixture
def organization(user):
    """Wikimedia Brasil, managed by Maria Silva (the `user` the `signed_in` client is)."""
    return OrganizationFactory(name="Wikimedia Brasil", slug="wikimedia-brasil", managers=[user],
                               territories=["BR"])


@pytest.fixture
def other_manager():
    """A client signed in as the manager of another organization (the shipped Wikimedia
    Portugal, now with a manager)."""
    ana = UserFactory(username="Ana Outra")
    Organization.objects.get(slug="wikimedia-portugal").managers.add(ana)
    client = Client()
    client.force_login(ana)
    return client

