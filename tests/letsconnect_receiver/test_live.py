"""The receiver over real HTTP (a live server), as CapX's client reaches it. Only the
`letsconnect` database is named, so that the flush after this transactional test leaves
CapX's database (and its shipped reference data) alone."""
import pytest
import requests

from letsconnect_receiver.models import Participant
from tests.letsconnect_receiver.conftest import claims, sign

pytestmark = pytest.mark.django_db(transaction=True, databases=["letsconnect"])


def test_a_registration_over_http(live_server, capx_key):
    base = f"{live_server.url}/letsconnect"
    assert requests.get(f"{base}/exists/", params={"username": "Maria Silva"},
                        timeout=10).json() == {"exists": False}
    answer = requests.post(f"{base}/endpoint/", json={"token": sign(capx_key[0], claims())},
                           timeout=10)
    assert answer.status_code == 200, answer.text
    assert Participant.objects.get().confirmation == answer.json()["confirmation"]
    assert requests.get(f"{base}/exists/", params={"username": "Maria Silva"},
                        timeout=10).json() == {"exists": True}
    missing = requests.get(f"{base}/profile/", params={"username": "Nobody"}, timeout=10)
    assert missing.status_code == 404 and missing.headers["Content-Type"].startswith("text/html")
