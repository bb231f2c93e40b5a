from django.urls import path  # noqa: F401  (the pages are being added)

app_name = "organizations"

urlpatterns = []
