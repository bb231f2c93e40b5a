from django.urls import path

from organizations import views

app_name = "organizations"

urlpatterns = [
    path("organizations", views.organization_list, name="list"),
    path("organization/<slug:slug>", views.detail, name="detail"),
    path("organization/<slug:slug>/edit", views.edit, name="edit"),
]
