from django.urls import path

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("profile", views.own, name="own"),
    path("profile/edit", views.edit, name="edit"),
    path("profile/badges", views.badges, name="badges"),
    path("profile/delete", views.delete, name="delete"),
    path("profile/<str:username>/qr.svg", views.qr_code, name="qr"),
    path("profile/<str:username>", views.show, name="show"),
]
