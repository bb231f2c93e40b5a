"""/report_bug (a new report) and /report_bug/submissions (the author's own reports): the
guide's Bug Reports page. A report cannot be withdrawn or changed by its author; staff set
its status in the admin."""
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from bugreports.forms import BugReportForm
from bugreports.models import BugReport
from capx import limits
from capx.navigation import LOG_PAGE_SIZE, tabs


def report_tabs(request):
    return tabs(request, (_("New report"), "bugreports:report"),
                (_("Submissions"), "bugreports:submissions"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    form = BugReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        limit = over_the_limit(request.user)
        if limit:
            form.add_error(None, limit)
        elif form.is_valid():
            form.save(request.user)
            messages.success(request, _("Thank you: your report was sent to the CapX team. "
                                        "Follow its status here."))
            return redirect("bugreports:submissions")
        if request.FILES.get("screenshot_file") and "screenshot_file" not in form.errors:
            messages.info(request, _("Choose your screenshot again: a browser cannot keep a "
                                     "file in a form that comes back."))
    return render(request, "bugreports/report.html", {"form": form, "tabs": report_tabs(request)})


def over_the_limit(user):
    if not limits.reached(BugReport.objects.filter(author=user),
                          settings.CAPX_BUG_REPORTS_PER_DAY, timedelta(days=1)):
        return None
    return _("You have sent %(count)d reports in the last 24 hours, the most CapX takes from "
             "one person in a day. Your report is kept below: send it later.") % {
        "count": settings.CAPX_BUG_REPORTS_PER_DAY}


@require_safe
@login_required
def submissions(request):
    reports = BugReport.objects.filter(author=request.user).defer("screenshot")
    page = Paginator(reports, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "bugreports/submissions.html", {"page": page,
                                                           "tabs": report_tabs(request)})


@require_safe
@login_required
def screenshot(request, pk):
    """A report's screenshot, for its author and staff only (anyone else: not found)."""
    reports = BugReport.objects.exclude(screenshot=None)
    if not request.user.is_staff:
        reports = reports.filter(author=request.user)
    found = reports.filter(pk=pk).values_list("screenshot", "screenshot_type").first()
    if found is None:
        raise Http404
    response = HttpResponse(bytes(found[0]), content_type=found[1])
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="report-{pk}"'
    return response
