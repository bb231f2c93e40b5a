"""CapX's URLs plus one view that fails, to see the 500 page as a visitor would."""
from django.urls import include, path

from capx.urls import handler400, handler403, handler404, handler500  # noqa: F401


def fails(request):
    raise RuntimeError("a bug: secret detail")


urlpatterns = [path("fails", fails), path("", include("capx.urls"))]
