from django.urls import path

from bugreports import views

app_name = "bugreports"
urlpatterns = [
    path("report_bug", views.report, name="report"),
    path("report_bug/submissions", views.submissions, name="submissions"),
    path("report_bug/<int:pk>/screenshot", views.screenshot, name="screenshot"),
]
