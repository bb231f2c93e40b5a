from django.urls import path

from explore import views

app_name = "explore"
urlpatterns = [
    path("feed", views.feed, name="feed"),
    path("feed/saved", views.saved, name="saved"),
    path("feed/saved/<int:profile_id>", views.set_saved, name="set_saved"),
]
