"""Settings for the test suite: the real ones in development mode (so the development
login exists for the browser journeys), with fast password hashing."""
import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "capx-tests-only")

from capx.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
# Lets several test runs share one PostgreSQL server (CAPX_TEST_DB=test_capx_mine).
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("CAPX_TEST_DB", "test_capx")}  # noqa: F405
# The Let's Connect receiver's own database (alias `letsconnect`) follows it; tests that use it
# say so: @pytest.mark.django_db(databases=["default", "letsconnect"]).
# (It needs nothing of CapX's, so a test may ask for it alone.)
DATABASES["letsconnect"]["TEST"] = {  # noqa: F405
    "NAME": f"{DATABASES['default']['TEST']['NAME']}_letsconnect",  # noqa: F405
    "DEPENDENCIES": []}
# No demo-data check, so that every page's query count is exact whenever a test runs
# (tests/capx/test_demo_data.py turns it on).
CAPX_DEMO_CHECK_SECONDS = None
# Let's Connect is off unless a test points it at a fake or at the receiver on a live server
# (tests/fakes/letsconnect.py): no page of another test calls a service that is not there.
LETSCONNECT_URL = ""
