from django.urls import path

from capacities import views

app_name = "capacities"
urlpatterns = [
    path("capacity", views.directory, name="directory"),
    path("capacity/theme.css", views.theme_css, name="theme_css"),
    path("capacity/search", views.search_results, name="search"),
    path("capacity/suggest", views.suggest, name="suggest"),
    path("capacity/picker/<str:field>", views.picker, name="picker"),
    path("capacity/<slug:slug>", views.detail, name="detail"),
    path("capacity/<slug:slug>/add", views.add_to_profile, name="add_to_profile"),
]
