import pytest


@pytest.fixture(autouse=True)
def _database(db):
    """Every test may use the (real PostgreSQL) test database."""


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="Maria Silva")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client
