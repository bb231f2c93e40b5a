"""A fake Let's Connect service on a local HTTP server (pytest-httpserver), answering its four
paths as the real service does: /exists/, /profile/ (404 HTML page for an unknown name),
/user-badges/ and /endpoint/ (RS256 tokens checked with the public key of a key pair made
for the test run). The `lc` fixture points LETSCONNECT_URL and the private key at it."""
import json

import jwt
import pytest
from django.core.cache import cache
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug import Response

BASE = "/lc"
NOT_FOUND_PAGE = ("<!doctype html>\n<html lang=\"en\">\n<head><title>Not Found</title></head>\n"
                  "<body><h1>Not Found</h1><p>The requested resource was not found on this "
                  "server.</p></body>\n</html>\n")


class FakeLetsConnect:
    """Let's Connect's four paths, answering as the real service does. `participants` holds
    /profile/'s answers by username, `badges` /user-badges/'s; every registration's decoded
    token lands in `registrations`. `failures[path]` (request → Response) makes a path fail."""

    def __init__(self, httpserver, public_key):
        self.public_key = public_key
        self.participants = {}
        self.badges = {}
        self.registrations = []  # (JWT header, claims, request JSON, Content-Type)
        self.failures = {}
        for path, handler, method in [("exists", self.exists, "GET"),
                                      ("profile", self.profile, "GET"),
                                      ("user-badges", self.user_badges, "GET"),
                                      ("endpoint", self.endpoint, "POST")]:
            httpserver.expect_request(f"{BASE}/{path}/", method=method).respond_with_handler(
                self.failing_or(path, handler))

    def failing_or(self, path, handler):
        def answer(request):
            failure = self.failures.get(path)
            return failure(request) if failure else handler(request)
        return answer

    @staticmethod
    def respond(status, body, content_type="text/html; charset=utf-8"):
        """An answer for `failures` (a 5xx page, garbage...)."""
        return Response(body, status=status, content_type=content_type)

    def add(self, username, **data):
        self.participants[username] = {
            "username": username, "username_org": None, "reconciled_affiliation": None,
            "reconciled_territory": None, "reconciled_languages": None,
            "reconciled_projects": None, "reconciled_want_to_learn": None,
            "reconciled_want_to_share": None, **data}

    def exists(self, request):
        return as_json({"exists": request.args.get("username") in self.participants})

    def profile(self, request):
        participant = self.participants.get(request.args.get("username"))
        if participant is None:
            return Response(NOT_FOUND_PAGE, status=404, content_type="text/html; charset=utf-8")
        return as_json(participant)

    def user_badges(self, request):
        return as_json(self.badges.get(request.args.get("username"), []))

    def endpoint(self, request):
        try:
            token = json.loads(request.get_data())["token"]
            claims = jwt.decode(token, self.public_key, algorithms=["RS256"])
        except (ValueError, KeyError, TypeError, jwt.InvalidTokenError) as error:
            return as_json({"error": f"Invalid token: {error}"}, status=401)
        if not claims.get("email"):
            return as_json({"error": "Email missing"}, status=400)
        if not claims.get("role"):
            return as_json({"error": "Role missing"}, status=400)
        self.registrations.append((jwt.get_unverified_header(token), claims,
                                   json.loads(request.get_data()), request.content_type))
        self.participants.setdefault(claims["user"], {"username": claims["user"]})
        return as_json({"message": "Registration received",
                        "confirmation": f"LC-{len(self.registrations)}"})


def as_json(data, status=200):
    return Response(json.dumps(data), status=status, content_type="application/json")


def pem_of(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@pytest.fixture(scope="session")
def key_pair():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def lc(httpserver, settings, tmp_path, key_pair):
    cache.clear()  # CapX keeps Let's Connect's "exists" answers a while
    settings.LETSCONNECT_URL = httpserver.url_for(BASE).rstrip("/")
    settings.LETSCONNECT_TIMEOUT = 3
    settings.CAPX_HTTP_TIMEOUT = 30  # Let's Connect's calls have their own
    settings.CAPX_HTTP_RETRIES = 2
    settings.CAPX_HTTP_BACKOFF = 0
    key_file = tmp_path / "capx-private.pem"
    key_file.write_bytes(pem_of(key_pair))
    settings.LETSCONNECT_PRIVATE_KEY_FILE = str(key_file)
    return FakeLetsConnect(httpserver, key_pair.public_key())
