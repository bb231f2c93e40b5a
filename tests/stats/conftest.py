import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _no_statistics_from_another_test():
    """The page keeps its counts in the cache (per process): each test counts its own."""
    cache.clear()
    yield
    cache.clear()
