from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path
from social_django import urls as social

from capx import views
from profiles.accounts import views as accounts

admin.site.site_header = "CapX"
handler400 = "capx.errors.bad_request"
handler403 = "capx.errors.permission_denied"
handler404 = "capx.errors.page_not_found"
handler500 = "capx.errors.server_error"
admin.site.login = accounts.admin_login
# social-auth's URLs, its start of a login (social:begin, at its own address) checking `next`
# first.
social_auth = ([path(str(pattern.pattern), accounts.begin_login, name="begin")
                if pattern.name == "begin" else pattern for pattern in social.urlpatterns],
               social.app_name)

urlpatterns = [
    path("", views.landing, name="landing"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("home", views.home, name="home"),
    path("login", accounts.login_page, name="login"),
    path("login/dev", accounts.dev_login, name="dev_login"),
    path("logout", LogoutView.as_view(), name="logout"),
    path("language", views.set_language, name="set_language"),
    path("theme", views.set_theme, name="set_theme"),
    path("", include("capacities.urls")),
    path("", include("profiles.urls")),
    path("", include("explore.urls")),
    path("", include("organizations.urls")),
    path("", include("events.urls")),
    path("", include("messaging.urls")),
    path("", include("bugreports.urls")),
    path("", include("stats.urls")),
    # CapX's stand-in for the Let's Connect service (LETSCONNECT_URL in development)
    path("letsconnect/", include("letsconnect_receiver.urls")),
    path("oauth/", include(social_auth, namespace="social")),
    path("admin/", admin.site.urls),
]
