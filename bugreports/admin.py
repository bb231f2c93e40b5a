from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from bugreports.models import BugReport


@admin.register(BugReport)
class BugReportAdmin(admin.ModelAdmin):
    """Triage: staff read a report and set its status; saving dates it, which its author
    sees under Submissions. What the author wrote is theirs: shown, not editable."""

    list_display = ("title", "author", "kind", "status", "created_at", "updated_at")
    list_filter = ("status", "kind", "created_at")
    search_fields = ("title", "description", "author__username")
    list_select_related = ("author",)
    date_hierarchy = "created_at"
    fields = ("status", "title", "author", "kind", "description", "screenshot_link",
              "created_at", "updated_at")
    readonly_fields = ("title", "author", "kind", "description", "screenshot_link",
                       "created_at", "updated_at")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("screenshot")

    def has_add_permission(self, request):
        return False  # reports come from their authors, at /report_bug

    @admin.display(description=_("screenshot"))
    def screenshot_link(self, report):
        if not report.screenshot_type:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("bugreports:screenshot", args=[report.pk]),
                           _("Open the screenshot"))
