"""Maria signs up to Let's Connect from her profile editor, through the confirmation dialog,
then updates her registration: CapX's client signs each one and the receiver (on the live
server, its own database) stores it; CapX keeps only the log."""
import re

import pytest
from cryptography.hazmat.primitives import serialization
from playwright.sync_api import expect

from letsconnect.models import Registration
from letsconnect_receiver.models import Participant
from profiles.models import UserBadge
from tests.fakes.letsconnect import pem_of

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "letsconnect"])
ROLE = "Board member of an affiliate/user group"


@pytest.fixture
def receiver(live_server, settings, tmp_path, key_pair):
    """LETSCONNECT_URL at the receiver of the live server, with a key pair of the test's."""
    settings.LETSCONNECT_URL = f"{live_server.url}/letsconnect"
    (tmp_path / "private.pem").write_bytes(pem_of(key_pair))
    (tmp_path / "public.pem").write_bytes(key_pair.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    settings.LETSCONNECT_PRIVATE_KEY_FILE = str(tmp_path / "private.pem")
    settings.LETSCONNECT_PUBLIC_KEY_FILE = str(tmp_path / "public.pem")


def fill_and_send(page, email, role, topics=(), age=None, update=False):
    section = page.locator("#letsconnect")
    section.locator(".letsconnect-form > summary").click()
    section.get_by_label("Contact email").fill(email)
    section.get_by_label("What's your main role").select_option(role)
    for topic in topics:
        section.get_by_label(topic, exact=True).check()
    if age:
        if update:  # an update shows each other field behind its own Edit button
            expect(section.get_by_label(age, exact=True)).to_be_hidden()
            section.locator("summary", has_text="Age range").click()
        section.get_by_label(age, exact=True).check()
    section.get_by_role("button", name="Sign in/Update").click()
    dialog = page.get_by_role("dialog", name="Send these answers to Let's Connect?")
    expect(dialog.get_by_text("only the Let's Connect team can read")).to_be_visible()
    expect(dialog.get_by_text(email)).to_be_visible()
    dialog.get_by_role("button", name="Confirm/ Send").click()
    expect(page.get_by_text("they will be sent when you save your profile")).to_be_visible()
    page.get_by_role("button", name="Save profile").last.click()
    expect(page.get_by_text("Your Let's Connect registration was sent")).to_be_visible()


def test_sign_up_then_update_through_the_dialog(page, sign_in, receiver, shipped_capacities,
                                                shipped_profile_data):
    sign_in("Maria Silva")
    page.goto("/profile/edit")
    expect(page.locator("#letsconnect .letsconnect-form > summary")).to_have_text(
        "Sign-up to Let's Connect")
    fill_and_send(page, "maria@example.org", ROLE, topics=["Education", "Governance"],
                  age="35-44")
    participant = Participant.objects.get(username="Maria Silva")
    assert (participant.email, participant.role, participant.area, participant.age) == (
        "maria@example.org", ROLE, "Education, Governance", "35-44")
    assert Registration.objects.get().confirmation == participant.confirmation
    assert UserBadge.objects.filter(user__username="Maria Silva", badge__slug="lets-connect").exists()

    page.goto("/profile/edit")
    expect(page.locator("#letsconnect .letsconnect-form > summary")).to_have_text(
        "Update my registration data")
    fill_and_send(page, "maria.silva@example.org", ROLE, age="45-54", update=True)
    participant = Participant.objects.get(username="Maria Silva")
    assert (participant.email, participant.area, participant.age) == (
        "maria.silva@example.org", "", "45-54")
    assert Registration.objects.count() == 2
    expect(page).to_have_url(re.compile(r"/profile$"))
