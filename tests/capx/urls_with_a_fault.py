"""CapX's URLs plus one view that fails, to see the 500 page as a visitor would."""
import psycopg2
from django.urls import include, path

from capx.urls import handler400, handler403, handler404, handler500  # noqa: F401


def fails(request):
    raise RuntimeError("a bug: secret detail")


def loses_the_database(request):
    """As when the connection drops while rows are read one by one: the driver's own error,
    from its cursor.close(), which Django does not wrap."""
    raise psycopg2.OperationalError("server closed the connection unexpectedly")


urlpatterns = [path("fails", fails), path("loses-the-database", loses_the_database),
               path("", include("capx.urls"))]
