"""Bug reports: the form, its screenshot checked by what its bytes are, the Submissions tab
(the author's own, nobody else's), the daily limit, and staff triage in the admin."""
import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bugreports.models import BugReport
from tests.factories import UserFactory


def text(page):
    return html.unescape(page.content.decode())


def png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#851d6a").save(buffer, "PNG")
    return buffer.getvalue()


def report(client, **fields):
    data = {"title": "The feed forgets my filter", "kind": "error",
            "description": "I chose Brazil, opened a profile, came back: the filter was gone.",
            **fields}
    return client.post("/report_bug", {key: value for key, value in data.items() if value is not None})


def test_the_form_needs_a_login(client):
    assert client.get("/report_bug")["Location"] == "/login?next=/report_bug"


def test_the_form_has_the_guides_labels(signed_in):
    page = text(signed_in.get("/report_bug"))
    for label in ("Title", "Description", "Type", "Error", "New feature", "Improvement",
                  "Test case", "Submit bug report", "Cancel report", "Submissions"):
        assert label in page
    assert re.search(r'<a class="button" href="/">Cancel report</a>', page)


def test_a_report_is_filed_with_its_screenshot(signed_in, user):
    answer = report(signed_in, screenshot_file=SimpleUploadedFile("shot.png", png()))
    assert answer.status_code == 302 and answer["Location"] == "/report_bug/submissions"
    filed = BugReport.objects.get()
    assert (filed.author, filed.title, filed.kind, filed.status, filed.screenshot_type) == (
        user, "The feed forgets my filter", "error", "submitted", "image/png")
    assert bytes(filed.screenshot) == png()
    shot = signed_in.get(f"/report_bug/{filed.pk}/screenshot")
    assert shot["Content-Type"] == "image/png" and shot.content == png()
    assert shot["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name, content, error", [
    ("notes.png", b"just some text, renamed", "This file is not an image CapX can take"),
    ("cut.png", png()[:60], "This file is not an image CapX can take"),
    ("page.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "This file is not an image CapX can take"),
])
def test_a_screenshot_that_is_not_a_whole_image_is_refused(signed_in, name, content, error):
    page = report(signed_in, screenshot_file=SimpleUploadedFile(name, content, "image/png"))
    assert page.status_code == 200 and error in text(page)
    assert "The feed forgets my filter" in text(page)  # nothing typed is lost
    assert not BugReport.objects.exists()


def test_a_screenshot_over_the_limit_is_refused(signed_in, settings):
    settings.CAPX_BUG_SCREENSHOT_MAX_BYTES = 100
    page = report(signed_in, screenshot_file=SimpleUploadedFile("big.png", png((300, 300))))
    assert "the most it can be is 100" in text(page) and not BugReport.objects.exists()


@pytest.mark.parametrize("fields, field, error", [
    ({"title": ""}, "title", "This field is required."),
    ({"title": "x" * 151}, "title", "at most 150 characters"),
    ({"description": ""}, "description", "This field is required."),
    ({"description": "y" * 5001}, "description", "at most 5000 characters"),
    ({"kind": "rant"}, "kind", "Select a valid choice."),
])
def test_each_field_is_checked_next_to_it_and_nothing_is_lost(signed_in, fields, field, error):
    page = report(signed_in, **fields)
    errors = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', text(page), re.S)
    assert errors and error in errors.group(1)
    assert "I chose Brazil" in text(page) or field == "description"
    assert not BugReport.objects.exists()


def test_the_daily_limit_refuses_and_keeps_the_report(signed_in, settings):
    settings.CAPX_BUG_REPORTS_PER_DAY = 2
    report(signed_in)
    report(signed_in, title="Second")
    page = report(signed_in, title="Third")
    assert "You have sent 2 reports in the last 24 hours" in text(page)
    assert 'value="Third"' in page.content.decode()
    assert BugReport.objects.count() == 2


def test_submissions_show_your_own_reports_and_nobody_elses(signed_in, user, client):
    report(signed_in, screenshot_file=SimpleUploadedFile("shot.png", png()))
    filed = BugReport.objects.get()
    page = text(signed_in.get("/report_bug/submissions"))
    assert "The feed forgets my filter" in page and "Submitted" in page
    assert "I chose Brazil" in page and "<dd>Error</dd>" in page
    assert f'href="/report_bug/{filed.pk}/screenshot"' in page

    client.force_login(UserFactory(username="João Souza"))
    other = text(client.get("/report_bug/submissions"))
    assert "The feed forgets my filter" not in other and "You have not sent any reports yet." in other
    assert client.get(f"/report_bug/{filed.pk}/screenshot").status_code == 404


def test_an_author_cannot_change_or_withdraw_a_report(signed_in):
    report(signed_in)
    filed = BugReport.objects.get()
    for path in (f"/report_bug/{filed.pk}", f"/report_bug/{filed.pk}/delete",
                 f"/admin/bugreports/bugreport/{filed.pk}/change/"):
        answer = signed_in.post(path, {"title": "Changed"})
        assert answer.status_code in (302, 403, 404, 405)
    filed.refresh_from_db()
    assert filed.title == "The feed forgets my filter"


def test_staff_set_the_status_and_the_author_sees_it_with_its_date(signed_in, staff):
    report(signed_in)
    filed = BugReport.objects.get()
    changelist = text(staff.get("/admin/bugreports/bugreport/", {"status__exact": "submitted"}))
    assert "The feed forgets my filter" in changelist
    assert "The feed forgets my filter" in text(staff.get("/admin/bugreports/bugreport/",
                                                          {"q": "Brazil"}))
    assert "The feed forgets my filter" not in text(staff.get("/admin/bugreports/bugreport/",
                                                              {"kind__exact": "feature"}))
    before = filed.updated_at
    answer = staff.post(f"/admin/bugreports/bugreport/{filed.pk}/change/",
                        {"status": "in_progress", "title": "Renamed by staff"})
    assert answer.status_code == 302
    filed.refresh_from_db()
    assert (filed.status, filed.title) == ("in_progress", "The feed forgets my filter")
    assert filed.updated_at > before
    page = text(signed_in.get("/report_bug/submissions"))
    assert "In progress" in page


def test_the_submissions_take_the_same_queries_however_many(signed_in, user,
                                                            django_assert_max_num_queries):
    for number in range(25):
        BugReport.objects.create(author=user, title=f"Report {number}", description="d",
                                 kind="error")
    with django_assert_max_num_queries(6):
        page = signed_in.get("/report_bug/submissions")
    assert text(page).count('<li class="log-list__entry') == 20


def test_every_post_needs_the_csrf_token(user):
    from django.test import Client
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert report(browser).status_code == 403 and not BugReport.objects.exists()


def test_the_help_texts_are_in_the_reader_s_language(signed_in):
    """They hold the limits, filled in per request: worked out once at start-up, they were in
    whatever language was active then."""
    signed_in.cookies["capx_language"] = "pt-br"
    page = signed_in.get("/report_bug").content.decode()
    assert "Um breve resumo, com até 150 caracteres." in page
    assert "A short summary" not in page
