"""CapX settings. Everything that differs between machines comes from the environment;
README.md lists every variable with its default."""
import os
import warnings
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG")

# Required with DEBUG off: left empty, Django refuses anything that signs (sessions, CSRF:
# "The SECRET_KEY setting must not be empty") and check --deploy flags it, while commands
# that need no key (migrations, makemigrations) still run.
SECRET_KEY = os.environ.get("SECRET_KEY", "") or (
    "capx-development-only-key-never-use-in-production" if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so translated fields show there.
    "modeltranslation",
    "capx.apps.CapxAdminConfig",  # django.contrib.admin with CapX's site (capx/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "social_django",
    "capx",
    "profiles",
    "capacities",
    "explore",
    "messaging",
    "organizations",
    "events",
    "bugreports",
    "stats",  # /statistics (not "statistics": a module of Python's standard library)
    "letsconnect",
    "letsconnect_receiver",  # CapX's stand-in for the Let's Connect service, at /letsconnect/
]

MIDDLEWARE = [
    *(["capx.middleware.CountQueries"] if env_flag("CAPX_COUNT_QUERIES") else []),
    "django.middleware.security.SecurityMiddleware",
    # Pages go out compressed (a 180 KB feed is 20 KB), with Django's BREACH mitigation:
    # random padding in every gzip header. WhiteNoise serves static files precompressed.
    "django.middleware.gzip.GZipMiddleware",
    "capx.middleware.ContentSecurityPolicyMiddleware",
    # Production serves collected static files itself; in DEBUG, staticfiles serves them.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "capx.middleware.UserLanguageMiddleware",
    "capx.middleware.RefuseNulCharacters",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "profiles.accounts.pipeline.LoginErrorMiddleware",
]

ROOT_URLCONF = "capx.urls"
WSGI_APPLICATION = "capx.wsgi.application"

FORM_RENDERER = "capx.forms.FormRenderer"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "capx.context_processors.site",
            ],
        },
    },
]

# --- Database: DATABASE_URL wins; without it, the embedded PostgreSQL under var/ ---------
# `letsconnect`: the private store of CapX's Let's Connect receiver (letsconnect_receiver/),
# never CapX's own database: LETSCONNECT_DATABASE_URL; else, on DATABASE_URL's server, its
# database name + "_letsconnect" (manage.py create_letsconnect_database makes it); else the
# embedded cluster's second database, capx_letsconnect. The router keeps each model in its own.
LETSCONNECT_DATABASE_URL = os.environ.get("LETSCONNECT_DATABASE_URL", "")
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_max_age=60, conn_health_checks=True)}
    DATABASES["letsconnect"] = {**DATABASES["default"],
                                "NAME": f"{DATABASES['default']['NAME']}_letsconnect",
                                "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {}))}
else:
    from capx.embedded_db import embedded_database_url, letsconnect_database_url

    with warnings.catch_warnings():  # platformdirs warns about XDG_RUNTIME_DIR on servers
        warnings.simplefilter("ignore")
        DATABASES = {"default": dj_database_url.parse(embedded_database_url(BASE_DIR)),
                     "letsconnect": dj_database_url.parse(letsconnect_database_url(BASE_DIR))}
if LETSCONNECT_DATABASE_URL:
    DATABASES["letsconnect"] = dj_database_url.parse(
        LETSCONNECT_DATABASE_URL, conn_max_age=60, conn_health_checks=True)
DATABASE_ROUTERS = ["letsconnect_receiver.router.LetsConnectRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: rendered pieces of pages (capx/fragments.py). Their keys carry the version of
# the data they are made of, so each process's own memory is correct; CACHE_URL may name a
# shared cache instead: redis://host:6379/0, or db://table_name (manage.py createcachetable).
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": CACHE_URL}}
elif CACHE_URL.startswith("db://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": CACHE_URL.removeprefix("db://")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": 1000}}}

AUTH_USER_MODEL = "profiles.User"
AUTHENTICATION_BACKENDS = [
    "social_core.backends.mediawiki.MediaWiki",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "landing"

# --- Meta-Wiki login (OAuth 1.0a + identify) ----------------------------------------------
MEDIAWIKI_URL = os.environ.get("MEDIAWIKI_URL", "https://meta.wikimedia.org").rstrip("/")
SOCIAL_AUTH_MEDIAWIKI_KEY = os.environ.get("MEDIAWIKI_OAUTH_KEY", "")
SOCIAL_AUTH_MEDIAWIKI_SECRET = os.environ.get("MEDIAWIKI_OAUTH_SECRET", "")
SOCIAL_AUTH_MEDIAWIKI_URL = f"{MEDIAWIKI_URL}/w/index.php"
# MediaWiki refuses a request token without "oob"; the consumer's registered callback
# (https://<host>/oauth/complete/mediawiki/) is where Meta-Wiki sends the user back.
SOCIAL_AUTH_MEDIAWIKI_CALLBACK = "oob"
SOCIAL_AUTH_URL_NAMESPACE = "social"
SOCIAL_AUTH_JSONFIELD_ENABLED = True
SOCIAL_AUTH_CLEAN_USERNAMES = False  # Wikimedia usernames keep their spaces
SOCIAL_AUTH_USER_FIELDS = ["username"]  # no email, no password
SOCIAL_AUTH_PROTECTED_USER_FIELDS = ["email", "first_name", "last_name"]
SOCIAL_AUTH_LOGIN_REDIRECT_URL = "/home"
SOCIAL_AUTH_LOGIN_ERROR_URL = "/login"
SOCIAL_AUTH_SANITIZE_REDIRECTS = True
SOCIAL_AUTH_PIPELINE = (
    "social_core.pipeline.social_auth.social_details",
    "social_core.pipeline.social_auth.social_uid",
    "social_core.pipeline.social_auth.auth_allowed",
    "social_core.pipeline.social_auth.social_user",
    "profiles.accounts.pipeline.refuse_deactivated",
    "profiles.accounts.pipeline.take_username",
    "social_core.pipeline.user.create_user",
    "social_core.pipeline.social_auth.associate_user",
    # social-core's load_extra_data, but the access token is encrypted before the row is
    # written: it never reaches the database in clear (profiles/accounts/tokens.py).
    "profiles.accounts.pipeline.load_extra_data",
    "profiles.accounts.pipeline.store_identity",
)
# The Fernet keys that encrypt the Meta-Wiki access tokens CapX stores (to send messages as
# each person): comma-separated, the first encrypts, all decrypt, so a new key goes first and
# `manage.py rotate_token_keys` re-encrypts with it. Required with DEBUG off (check --deploy);
# with DEBUG on and none set, one is derived from SECRET_KEY.
CAPX_TOKEN_KEYS = env_list("CAPX_TOKEN_KEYS")
if not CAPX_TOKEN_KEYS and DEBUG and SECRET_KEY:
    from profiles.accounts.tokens import development_key

    CAPX_TOKEN_KEYS = [development_key(SECRET_KEY)]

# Development login: sign in as any username. Only with DEBUG on and no OAuth key.
DEV_LOGIN = env_flag("CAPX_DEV_LOGIN", default=DEBUG and not SOCIAL_AUTH_MEDIAWIKI_KEY)
if DEV_LOGIN and not DEBUG:
    raise ImproperlyConfigured(
        "CAPX_DEV_LOGIN lets anyone sign in as any user, so it can only be enabled with "
        "DEBUG on. Unset CAPX_DEV_LOGIN (or set it to 0) for production."
    )

# While made-up demo profiles (manage.py seed_demo) are in the database, every page says so.
# Each process asks the database at most once per this many seconds, so pages cost no query
# in between (capx/context_processors.py); None: never asked, no banner.
CAPX_DEMO_CHECK_SECONDS = 60

# --- Languages ----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("pt-br", "Português do Brasil"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "capx_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_flag("CAPX_PLAIN_STATIC")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security -----------------------------------------------------------------------------
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # shared by every app process
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_FAILURE_VIEW = "capx.errors.csrf_failure"
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Links shown in the footer and on the landing page ------------------------------------
CAPX_PRIVACY_URL = os.environ.get(
    "CAPX_PRIVACY_URL", "https://foundation.wikimedia.org/wiki/Policy:Privacy_policy"
)
CAPX_SOURCE_URL = os.environ.get(
    "CAPX_SOURCE_URL", "https://github.com/WikiMovimentoBrasil/capx"
)
CAPX_TRANSLATE_URL = os.environ.get(
    "CAPX_TRANSLATE_URL", "https://translatewiki.net/wiki/Translating:Capacity_Exchange"
)

# --- Outside systems (capx/wikimedia/) ----------------------------------------------------
CAPX_USER_AGENT = os.environ.get(
    "CAPX_USER_AGENT", "CapX/1.0 (https://capx.toolforge.org; capx@wmnobrasil.org)"
)
CAPX_HTTP_TIMEOUT = float(os.environ.get("CAPX_HTTP_TIMEOUT", 10))
CAPX_HTTP_RETRIES = int(os.environ.get("CAPX_HTTP_RETRIES", 3))
# Retries wait CAPX_HTTP_BACKOFF × 2^n seconds (the first one at once), or what the server's
# Retry-After says, but never longer than CAPX_HTTP_RETRY_AFTER_MAX seconds.
CAPX_HTTP_BACKOFF = float(os.environ.get("CAPX_HTTP_BACKOFF", 0.5))
CAPX_HTTP_RETRY_AFTER_MAX = float(os.environ.get("CAPX_HTTP_RETRY_AFTER_MAX", 30))
# Saving a profile waits on the Wikidata lookup (two calls): short, so a hanging Wikidata
# costs seconds, not the sync's ten per call.
CAPX_WIKIDATA_LOOKUP_TIMEOUT = float(os.environ.get("CAPX_WIKIDATA_LOOKUP_TIMEOUT", 3))
# Each call of an event's Search (Meta-Wiki, Wikidata, WikiLearn): a manager waits on it.
CAPX_PREFILL_TIMEOUT = float(os.environ.get("CAPX_PREFILL_TIMEOUT", 5))
# Sending a message (messaging/): the seconds each call to Meta-Wiki may take while the sender
# waits, and how many messages one person may send in an hour.
CAPX_MESSAGE_TIMEOUT = float(os.environ.get("CAPX_MESSAGE_TIMEOUT", 10))
CAPX_MESSAGES_PER_HOUR = int(os.environ.get("CAPX_MESSAGES_PER_HOUR", 10))
# The statistics page (stats/) counts everything again at most once per this many seconds.
CAPX_STATISTICS_SECONDS = int(os.environ.get("CAPX_STATISTICS_SECONDS", 300))
# Bug reports (bugreports/): how many one person may file in a day, and the largest screenshot.
CAPX_BUG_REPORTS_PER_DAY = int(os.environ.get("CAPX_BUG_REPORTS_PER_DAY", 10))
CAPX_BUG_SCREENSHOT_MAX_BYTES = int(os.environ.get("CAPX_BUG_SCREENSHOT_MAX_BYTES", 2 * 1024 * 1024))
# Endpoints of the capacity sync (manage.py sync_capacities); item page links are below.
METABASE_SPARQL_URL = os.environ.get(
    "METABASE_SPARQL_URL", "https://metabase.wikibase.cloud/query/sparql"
)
WIKIDATA_API_URL = os.environ.get("WIKIDATA_API_URL", "https://www.wikidata.org/w/api.php")
# What an event is read from when its manager presses Search (events/prefill.py): Meta-Wiki
# pages and WikiLearn courses (also refreshed by manage.py sync_events); Wikidata as above.
METAWIKI_API_URL = os.environ.get("METAWIKI_API_URL", "https://meta.wikimedia.org/w/api.php")
WIKILEARN_URL = os.environ.get("WIKILEARN_URL", "https://learn.wiki").rstrip("/")
# The Diff blog's WordPress REST API (manage.py fetch_diff_news); pages never call it.
DIFF_API_URL = os.environ.get(
    "DIFF_API_URL", "https://diff.wikimedia.org/wp-json/wp/v2"
).rstrip("/")
# Let's Connect (letsconnect/, capx/wikimedia/letsconnect.py): the programme's own service,
# its base URL (the four paths /exists/, /profile/, /user-badges/, /endpoint/ hang below it).
# In development it is CapX's own receiver (letsconnect_receiver/, at /letsconnect/), with a
# key pair made under var/letsconnect/; in production the real service and the private key
# that signs registrations come from the environment (the public key is the receiver's).
LETSCONNECT_URL = os.environ.get(
    "LETSCONNECT_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/letsconnect" if DEBUG else ""
).rstrip("/")
LETSCONNECT_KEY_DIR = BASE_DIR / "var" / "letsconnect"
LETSCONNECT_PRIVATE_KEY_FILE = os.environ.get(
    "LETSCONNECT_PRIVATE_KEY_FILE", str(LETSCONNECT_KEY_DIR / "dev-private.pem") if DEBUG else "")
LETSCONNECT_PUBLIC_KEY_FILE = os.environ.get(
    "LETSCONNECT_PUBLIC_KEY_FILE", str(LETSCONNECT_KEY_DIR / "dev-public.pem") if DEBUG else "")
LETSCONNECT_TIMEOUT = float(os.environ.get("LETSCONNECT_TIMEOUT", 5))
# Content-Security-Policy: no inline scripts or styles; forms may also post to Meta-Wiki
# because Chromium applies form-action to the redirect that starts the OAuth login.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Let's Connect's too: the pictures of its badges, shown on profile pages.
        "img-src 'self' data: https://upload.wikimedia.org https://commons.wikimedia.org"
        + (f" {urlparse(LETSCONNECT_URL).scheme}://{urlparse(LETSCONNECT_URL).netloc}"
           if LETSCONNECT_URL else ""),
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        f"form-action 'self' {urlparse(MEDIAWIKI_URL).scheme}://{urlparse(MEDIAWIKI_URL).netloc}",
    ]
)
# The login's calls to Meta-Wiki follow the same rules (Wikimedia's User-Agent policy).
SOCIAL_AUTH_USER_AGENT = CAPX_USER_AGENT
SOCIAL_AUTH_REQUESTS_TIMEOUT = CAPX_HTTP_TIMEOUT

# Pages of Metabase (the Wikibase holding the capacities) and Wikidata that CapX links to.
METABASE_URL = os.environ.get("METABASE_URL", "https://metabase.wikibase.cloud").rstrip("/")
METABASE_ITEM_URL = METABASE_URL + "/wiki/Item:{qid}"
WIKIDATA_ITEM_URL = "https://www.wikidata.org/wiki/{qid}"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},  # it narrates every start and stop
}
