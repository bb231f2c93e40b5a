"""Sent: the sender's own log, newest first, with View/Hide details."""
import re
from datetime import timedelta

from django.utils import timezone

from messaging.models import Message
from tests.factories import UserFactory
from tests.messaging.conftest import text


def log(sender, recipient, method="email", status="sent", error="", minutes_ago=0):
    entry = Message.objects.create(sender=sender, recipient=recipient, method=method,
                                   status=status, error=error)
    Message.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return entry


def test_sent_lists_your_messages_newest_first_with_their_details(signed_in, user):
    log(user, "Ana Lima", minutes_ago=30)
    log(user, "João Souza", method="talkpage", status="error",
        error="Meta-Wiki says your account is blocked from doing this.", minutes_ago=5)
    page = signed_in.get("/message/sent")
    recipients = re.findall(r'class="log-list__to"><bdi>To <bdi>([^<]+)</bdi></bdi>', text(page))
    assert recipients == ["João Souza", "Ana Lima"]
    statuses = re.findall(r'class="log-list__status">([^<]+)<', text(page))
    assert statuses == ["Error", "Sent"]
    assert text(page).count("<li class=\"log-list__entry") == 2 and "View" in text(page) and "Hide" in text(page)
    assert "<dd>Talkpage</dd>" in text(page) and "<dd>Email</dd>" in text(page)
    assert "Meta-Wiki says your account is blocked from doing this." in text(page)
    assert 'href="/message">Send a new message</a>' in page.content.decode()


def test_another_user_sees_none_of_your_messages(client, user):
    log(user, "Ana Lima")
    someone = UserFactory(username="João Souza")
    client.force_login(someone)
    page = client.get("/message/sent")
    assert "Ana Lima" not in text(page)
    assert "You have not sent any messages yet." in text(page)


def test_the_sent_tab_takes_the_same_queries_however_long_the_log(signed_in, user,
                                                                  django_assert_max_num_queries):
    for number in range(30):
        log(user, f"Recipient {number}")
    with django_assert_max_num_queries(6):
        page = signed_in.get("/message/sent")
    assert text(page).count("<li class=\"log-list__entry") == 20 and "Page 1 of 2" in text(page)
    assert "Recipient 29" in text(signed_in.get("/message/sent", {"page": 1}))
    assert "Recipient 0<" in text(signed_in.get("/message/sent", {"page": 2}))


def test_sent_needs_a_login(client):
    assert client.get("/message/sent")["Location"] == "/login?next=/message/sent"
