from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 150
DESCRIPTION_MAX = 5000


class BugReport(models.Model):
    """A report to the CapX team. Its author sees it (and its status) under Submissions and
    cannot change it; staff triage it in the admin."""

    class Kind(models.TextChoices):
        ERROR = "error", _("Error")
        FEATURE = "feature", _("New feature")
        IMPROVEMENT = "improvement", _("Improvement")
        TEST_CASE = "test_case", _("Test case")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        WONT_DO = "wont_do", _("Won't do")

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="bug_reports", verbose_name=_("author"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.SUBMITTED)
    # In the database, not on a disk: every app process serves it (DESIGN.md, Running).
    screenshot = models.BinaryField(_("screenshot"), null=True, blank=True, editable=False)
    screenshot_type = models.CharField(max_length=20, blank=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("bug report")
        verbose_name_plural = _("bug reports")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["author", "-created_at", "-id"], name="bugreport_author_newest"),
            models.Index(fields=["status", "-created_at"], name="bugreport_status_newest"),
            models.Index(fields=["kind", "-created_at"], name="bugreport_kind_newest"),
        ]

    def __str__(self):
        return self.title
