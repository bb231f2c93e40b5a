from messaging.models import Message
from tests.factories import UserFactory


def test_staff_read_the_log_and_cannot_write_it(staff, django_assert_max_num_queries):
    for number in range(5):
        Message.objects.create(sender=UserFactory(), recipient=f"Recipient {number}",
                               method="email", status="error", error="Blocked.")
    with django_assert_max_num_queries(8):
        page = staff.get("/admin/messaging/message/")
    assert page.status_code == 200 and "Recipient 4" in page.content.decode()
    assert staff.get("/admin/messaging/message/add/").status_code == 403
    entry = Message.objects.first()
    assert staff.post(f"/admin/messaging/message/{entry.pk}/change/",
                      {"recipient": "Someone else"}).status_code == 403
    entry.refresh_from_db()
    assert entry.recipient != "Someone else"
