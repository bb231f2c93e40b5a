from django.urls import path

from letsconnect_receiver import views

app_name = "letsconnect_receiver"
urlpatterns = [
    path("exists/", views.exists, name="exists"),
    path("profile/", views.profile, name="profile"),
    path("user-badges/", views.user_badges, name="user_badges"),
    path("badge/<str:verification_code>/", views.badge, name="badge"),
    path("endpoint/", views.endpoint, name="endpoint"),
]
