from django.urls import path

from messaging import views

app_name = "messaging"
urlpatterns = [
    path("message", views.write, name="write"),
    path("message/sent", views.sent, name="sent"),
    path("message/recipient", views.recipient, name="recipient"),
]
