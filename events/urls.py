from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events", views.event_list, name="list"),
    path("events.ics", views.calendar, name="calendar"),
    path("events/<int:pk>.ics", views.event_calendar, name="event_calendar"),
    path("events/<int:pk>/edit", views.edit, name="edit"),
    path("events/<int:pk>/delete", views.delete, name="delete"),
    # An organization's events, for its managers.
    path("organization/<slug:slug>/events", views.manage, name="manage"),
    path("organization/<slug:slug>/events/new", views.create, name="create"),
]
