"""Let's Connect's own badges, copied for the profile page: `manage.py award_badges` refreshes
them for every participant CapX knows of; a Let's Connect that cannot be asked leaves them."""
from io import StringIO

from django.core.management import call_command

from letsconnect.models import LetsConnectBadge, Registration
from tests.factories import ProfileFactory


def badge(code, name, when):
    return {"name": name, "picture": "https://upload.wikimedia.org/b.png", "description": name,
            "timestamp": when, "verification_code": code}


def test_award_badges_refreshes_the_participants_badges(lc, settings):
    profile = ProfileFactory(username="Maria Silva")
    Registration.objects.create(user=profile.user, confirmation="LC-1")
    ProfileFactory(username="João Souza")  # not a participant: Let's Connect is not asked
    lc.badges["Maria Silva"] = [badge("new", "Mentor", "2026-11-30T10:00:00Z"),
                                badge("old", "Connector", "2026-01-02T10:00:00Z")]
    out = StringIO()
    call_command("award_badges", stdout=out)
    assert "Let's Connect badges: 1 participants refreshed." in out.getvalue()
    shown = list(LetsConnectBadge.objects.filter(user=profile.user).values_list("name", "url"))
    assert shown == [("Mentor", f"{settings.LETSCONNECT_URL}/badge/new/"),
                     ("Connector", f"{settings.LETSCONNECT_URL}/badge/old/")]

    lc.badges["Maria Silva"] = [badge("new", "Mentor", "2026-11-30T10:00:00Z")]  # one withdrawn
    call_command("award_badges", stdout=StringIO())
    assert list(LetsConnectBadge.objects.values_list("verification_code", flat=True)) == ["new"]

    lc.failures["user-badges"] = lambda request: lc.respond(502, "<h1>Bad gateway</h1>")
    out = StringIO()
    call_command("award_badges", stdout=out)
    assert "1 could not be asked (kept as they were)" in out.getvalue()
    assert list(LetsConnectBadge.objects.values_list("verification_code", flat=True)) == ["new"]
