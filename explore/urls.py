from django.urls import path

from explore import views

app_name = "explore"
urlpatterns = [
    path("feed", views.feed, name="feed"),
    path("feed/saved", views.saved, name="saved"),
    path("feed/saved/<int:profile_id>", views.set_saved, name="set_saved"),
    path("feed/saved/organization/<int:organization_id>", views.set_saved_organization,
         name="set_saved_organization"),
]
