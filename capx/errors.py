"""The error pages (400, 403, 404, 500, and 503 while the database is unreachable), in the
site frame and in the reader's language, with nothing technical on them.

A handler may run when the request never got through the middleware (or when the database
is what failed), so it renders without anything that reads the database: an anonymous
viewer, no messages (they live in the session), the language from the request itself."""
import logging
import sys

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404
from django.shortcuts import render
from django.utils import translation

logger = logging.getLogger(__name__)

RETRY_AFTER = 30  # seconds: a database restart or failover takes about that long


class NotFound(Http404):
    """A 404 whose message is written for the reader ("No Wikimedian “X” has a CapX
    profile."); any other 404 shows the general text, never an internal message."""


class NulCharacterRefused(BadRequest):
    """A NUL character in the address or a form: no text a person types has one."""


def render_error(request, template, status, context=None):
    if not hasattr(request, "user") or _database_failed():
        request.user = AnonymousUser()
    if not getattr(request, "LANGUAGE_CODE", None):
        translation.activate(translation.get_language_from_request(request))
    return render(request, template, {"messages": [], **(context or {})}, status=status)


def _database_failed():
    # The driver's own errors count too: a connection lost while a result is read row by row
    # fails in the driver's cursor.close(), where Django does not wrap the error.
    driver = connection.Database
    return isinstance(sys.exc_info()[1], (OperationalError, InterfaceError,
                                          driver.OperationalError, driver.InterfaceError))


def bad_request(request, exception):
    nul = isinstance(exception, NulCharacterRefused)
    return render_error(request, "errors/400.html", 400, {"nul": nul})


def permission_denied(request, exception):
    return render_error(request, "errors/403.html", 403)


def csrf_failure(request, reason=""):
    """A form sent without its CSRF token, or with an old one (CSRF_FAILURE_VIEW)."""
    return render_error(request, "errors/403.html", 403, {"expired_form": True})


def page_not_found(request, exception):
    message = str(exception) if isinstance(exception, NotFound) else ""
    return render_error(request, "errors/404.html", 404, {"message": message})


def server_error(request):
    if _database_failed():
        logger.error("Database unreachable: %s", sys.exc_info()[1])
        response = render_error(request, "errors/503.html", 503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return render_error(request, "errors/500.html", 500)
