"""The receiver's read side, in the real service's shapes: /exists/, /profile/, /user-badges/
and /badge/<code>/ (trailing slashes and all)."""
import json
from datetime import datetime, timedelta, timezone

import pytest
from django.core.management import call_command

from letsconnect_receiver.models import Badge, Participant
from tests.letsconnect_receiver.conftest import send

pytestmark = pytest.mark.django_db(databases=["default", "letsconnect"])

PROFILE_KEYS = {"username", "username_org", "reconciled_affiliation", "reconciled_territory",
                "reconciled_languages", "reconciled_projects", "reconciled_want_to_learn",
                "reconciled_want_to_share"}


@pytest.fixture
def earlier():
    """An earlier participant, imported from the old programme with reconciled data."""
    return Participant.objects.create(
        username="Ana Lima", username_org="Ana Lima (WMB)",
        reconciled_affiliation="Wiki Movement Brazil User Group (WMB)",
        reconciled_territory="Brazil", reconciled_languages=["Portuguese", "English"],
        reconciled_projects=["Wikipedia", "Wikidata"], reconciled_want_to_learn=["Q100", "Q101"],
        reconciled_want_to_share=["Q102"])


def test_exists(client, earlier):
    assert client.get("/letsconnect/exists/?username=Ana Lima").json() == {"exists": True}
    assert client.get("/letsconnect/exists/?username=Ana_Lima").json() == {"exists": True}
    assert client.get("/letsconnect/exists/?username=Nobody").json() == {"exists": False}
    answer = client.get("/letsconnect/exists/")
    assert answer.status_code == 400 and "username" in answer.json()["error"]


def test_an_earlier_participants_profile(client, earlier):
    answer = client.get("/letsconnect/profile/?username=Ana Lima")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/json"
    assert answer.json() == {
        "username": "Ana Lima", "username_org": "Ana Lima (WMB)",
        "reconciled_affiliation": "Wiki Movement Brazil User Group (WMB)",
        "reconciled_territory": "Brazil", "reconciled_languages": ["Portuguese", "English"],
        "reconciled_projects": ["Wikipedia", "Wikidata"],
        "reconciled_want_to_learn": ["Q100", "Q101"], "reconciled_want_to_share": ["Q102"]}


def test_a_participant_registered_here_has_nulls(client, capx_key):
    assert send(client, capx_key).status_code == 200
    data = client.get("/letsconnect/profile/?username=Maria Silva").json()
    assert set(data) == PROFILE_KEYS and data["username"] == "Maria Silva"
    assert all(data[key] is None for key in PROFILE_KEYS - {"username"})
    # what was registered is not published
    assert "maria@example.org" not in json.dumps(data)


def test_an_unknown_profile_is_a_404_html_page_not_json(client, earlier):
    answer = client.get("/letsconnect/profile/?username=Nobody")
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("text/html")
    with pytest.raises(ValueError):
        json.loads(answer.content)


def test_the_paths_keep_their_trailing_slashes(client, earlier):
    assert client.get("/letsconnect/exists?username=Ana Lima").status_code in {301, 404}
    assert client.get("/letsconnect/profile?username=Ana Lima").status_code in {301, 404}


def test_badges_newest_first(client, earlier):
    now = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
    old = Badge.objects.create(username="Ana Lima", name="Learner", description="Took part.",
                               picture="https://upload.wikimedia.org/learner.png",
                               timestamp=now - timedelta(days=60))
    new = Badge.objects.create(username="Ana Lima", name="Sharer", description="Shared.",
                               picture="https://upload.wikimedia.org/sharer.png", timestamp=now)
    Badge.objects.create(username="Someone Else", name="Learner",
                         picture="https://upload.wikimedia.org/learner.png")
    answer = client.get("/letsconnect/user-badges/?username=Ana Lima")
    assert answer.status_code == 200
    assert answer.json() == [
        {"name": "Sharer", "picture": "https://upload.wikimedia.org/sharer.png",
         "description": "Shared.", "timestamp": "2025-03-01T12:00:00+00:00",
         "verification_code": new.verification_code},
        {"name": "Learner", "picture": "https://upload.wikimedia.org/learner.png",
         "description": "Took part.", "timestamp": "2024-12-31T12:00:00+00:00",
         "verification_code": old.verification_code},
    ]
    assert datetime.fromisoformat(answer.json()[0]["timestamp"]) == now
    assert client.get("/letsconnect/user-badges/?username=Nobody").json() == []


def test_a_badges_public_page(client, earlier):
    badge = Badge.objects.create(username="Ana Lima", name="Sharer <3",
                                 description="Shared a skill.",
                                 picture="https://upload.wikimedia.org/sharer.png")
    answer = client.get(f"/letsconnect/badge/{badge.verification_code}/")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/html")
    page = answer.content.decode()
    assert "Sharer &lt;3" in page and "Ana Lima" in page and "Shared a skill." in page
    assert 'src="https://upload.wikimedia.org/sharer.png"' in page
    assert badge.get_absolute_url() == f"/letsconnect/badge/{badge.verification_code}/"
    assert client.get("/letsconnect/badge/unknown-code/").status_code == 404


def test_the_seed_adds_earlier_participants_with_badges(client):
    call_command("seed_letsconnect", "Maria Silva", "Ana_Lima", "--badges", "3")
    data = client.get("/letsconnect/profile/?username=Ana Lima").json()
    assert data["reconciled_languages"] and data["reconciled_want_to_learn"]
    assert len(client.get("/letsconnect/user-badges/?username=Maria Silva").json()) == 3
    call_command("seed_letsconnect", "Maria Silva", "--badges", "1")  # again: refreshed
    assert len(client.get("/letsconnect/user-badges/?username=Maria Silva").json()) == 1
    assert Participant.objects.count() == 2
