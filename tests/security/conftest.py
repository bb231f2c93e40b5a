"""What the security tests share: production's error pages, and the fixtures of the
messaging and Let's Connect tests they reuse."""
import pytest

from tests.fakes.letsconnect import key_pair, lc  # noqa: F401  (fixtures)
from tests.messaging.conftest import maria, wiki  # noqa: F401  (fixtures)


@pytest.fixture
def production(settings):
    """Error pages as production shows them (with DEBUG on Django shows its own)."""
    settings.DEBUG = False
