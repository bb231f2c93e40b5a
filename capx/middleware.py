from django.conf import settings
from django.db import connection
from django.http import Http404
from django.utils import translation
from django.middleware.locale import LocaleMiddleware

from capx.errors import NulCharacterRefused


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy of settings.CONTENT_SECURITY_POLICY to every page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class UserLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (cookie, then Accept-Language), except that a signed-in
    user without the cookie (a new device) gets the language they chose before."""

    def process_request(self, request):
        user = getattr(request, "user", None)
        has_cookie = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        if not has_cookie and user is not None and user.is_authenticated and user.language:
            if translation.check_for_language(user.language):
                translation.activate(user.language)
                request.LANGUAGE_CODE = translation.get_language()
                return
        super().process_request(request)


class RefuseNulCharacters:
    """A NUL character cannot be stored in PostgreSQL text and no person types one: in the
    path it names no page (404), in the query string or a form it is refused (400), before
    any view or form sees it. One place for every URL argument and form field."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        if any("\x00" in key or "\x00" in value
               for data in (request.GET, request.POST) for key, values in data.lists()
               for value in values):
            raise NulCharacterRefused
        return self.get_response(request)


class CountQueries:
    """Only with CAPX_COUNT_QUERIES set (tests/perf/bench_http.py): the number of SQL
    statements a response took, in the X-CapX-Queries header, as DEBUG off keeps no log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]

        def counted(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-CapX-Queries"] = str(count[0])
        return response
