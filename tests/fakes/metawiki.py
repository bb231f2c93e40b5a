"""A fake Meta-Wiki OAuth 1.0a provider on 127.0.0.1, close to the real Special:OAuth of
MediaWiki's OAuth extension, so CapX's login runs its whole dance over real HTTP.

Like Meta-Wiki it checks every HMAC-SHA1 signature, refuses a request token unless
oauth_callback is "oob", sends the user back to the consumer's *registered* callback, hands
out an access token only once per request token, and answers identify with an HS256 JWT signed
with the consumer secret. Errors come back as "Error: ..." text with status 200, as MediaWiki's
raw format does. On "Cancel" Meta-Wiki shows its own page and never sends the user back.
"""
import secrets
import threading
import time
from types import SimpleNamespace
from urllib.parse import urlencode

import jwt
import pytest
from oauthlib.oauth1.rfc5849 import signature
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

CONSUMER_KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"  # 32 hex, as Meta-Wiki
CONSUMER_SECRET = "0123456789abcdef0123456789abcdef01234567"  # 40 hex, as Meta-Wiki
# The callback registered with the consumer on Meta-Wiki (the test client's host).
CALLBACK = "http://testserver/oauth/complete/mediawiki/"

# What a test can break, one word each.
FAULTS = {
    "refuse",          # the user presses "Cancel" on Meta-Wiki
    "wrong_secret",    # the identify JWT is signed with another secret
    "wrong_issuer",    # ... names another wiki as its issuer
    "wrong_audience",  # ... was issued for another consumer
    "wrong_nonce",     # ... answers another request (a replayed JWT)
    "expired",         # ... expired long ago
}
# Meta-Wiki's words when the user presses "Cancel" (mwoauth-acceptance-cancelled).
CANCEL_TEXT = ('You have chosen not to allow "CapX" to access your account. "CapX" will not '
               'work unless you allow it access.')


class OAuthRefusal(Exception):
    """Meta-Wiki refuses the request; the text follows "Error: "."""


class QuietHandler(WSGIRequestHandler):
    def log(self, *args):  # keeps test output free of one access-log line per request
        pass


class FakeMetaWiki:
    def __init__(self):
        self.faults = set()
        self.callback = CALLBACK
        # The person who logs in, as Meta-Wiki's identify describes them.
        self.user = {
            "sub": "4242",
            "username": "Maria Silva",
            "editcount": 1234,
            "confirmed_email": True,
            "blocked": False,
            "registered": "20101010101010",
            "groups": ["*", "user", "autoconfirmed"],
            "rights": ["read", "edit"],
            "grants": ["mwoauth-authonly"],
        }
        self.request_tokens = {}  # key -> {"secret": ..., "verifier": None or str}
        self.access_tokens = {}   # key -> secret
        self.calls = []           # (special page, User-Agent) of every request, in order
        self._nonces = set()
        self._lock = threading.Lock()
        self._server = make_server("127.0.0.1", 0, self.wsgi, threaded=True,
                                   request_handler=QuietHandler)
        self.base_url = f"http://127.0.0.1:{self._server.server_port}"
        self.index_url = f"{self.base_url}/w/index.php"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self):
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def break_(self, *faults):
        unknown = set(faults) - FAULTS
        assert not unknown, f"unknown faults {unknown}; known: {sorted(FAULTS)}"
        self.faults.update(faults)

    def pages(self):
        return [page for page, _agent in self.calls]

    # --- HTTP ------------------------------------------------------------------------------
    @Request.application
    def wsgi(self, request):
        page = request.args.get("title", "")
        # MediaWiki matches special page names case-insensitively after "Special:";
        # social-core sends "Special:OAuth/initiate" but "Special:Oauth/authenticate".
        handler = {
            "special:oauth/initiate": self.initiate,
            "special:oauth/authenticate": self.authenticate,
            "special:oauth/authorize": self.authenticate,
            "special:oauth/token": self.token,
            "special:oauth/identify": self.identify,
        }.get(page.lower())
        with self._lock:
            self.calls.append((page.split("/")[-1].lower(), request.headers.get("User-Agent")))
            if request.path != "/w/index.php" or handler is None:
                return Response("Not found", status=404)
            try:
                return handler(request)
            except OAuthRefusal as refusal:
                return Response(f"Error: {refusal}", content_type="text/plain")

    def initiate(self, request):
        oauth = self._verify(request, token_secret=None)
        if oauth.get("oauth_callback") != "oob":
            raise OAuthRefusal('oauth_callback must be set, and must be set to "oob" '
                               "(case-sensitive).")
        key, secret = secrets.token_hex(16), secrets.token_hex(20)
        self.request_tokens[key] = {"secret": secret, "verifier": None}
        return self._raw({"oauth_token": key, "oauth_token_secret": secret,
                          "oauth_callback_confirmed": "true"})

    def authenticate(self, request):
        """The page the user's browser visits; Maria is logged in on Meta-Wiki and decides
        at once (as when she has allowed CapX before)."""
        token = self.request_tokens.get(request.args.get("oauth_token", ""))
        if token is None or token["verifier"] is not None:
            return self._html("Application Connection Error",
                              "Sorry, something went wrong connecting this application. "
                              "OAuth token not found, E004")
        if "refuse" in self.faults:
            # MediaWiki (OAuth 1.0a) shows this page and does not redirect to the consumer.
            return self._html("Capacity Exchange", CANCEL_TEXT
                              + ' Return to <a href="/wiki/Main_Page">Main Page</a>.')
        token["verifier"] = secrets.token_hex(16)
        query = urlencode({"oauth_verifier": token["verifier"],
                           "oauth_token": request.args["oauth_token"]})
        return Response(status=302, headers={"Location": f"{self.callback}?{query}"})

    def token(self, request):
        key = self._oauth_params(request)[0].get("oauth_token", "")
        token = self.request_tokens.get(key)
        if token is None:  # unknown, or already exchanged: each works once
            raise OAuthRefusal("No request was found for that token.")
        oauth = self._verify(request, token_secret=token["secret"])
        if token["verifier"] is None or oauth.get("oauth_verifier") != token["verifier"]:
            raise OAuthRefusal("The verification code provided was not valid.")
        del self.request_tokens[key]
        access_key, access_secret = secrets.token_hex(16), secrets.token_hex(20)
        self.access_tokens[access_key] = access_secret
        return self._raw({"oauth_token": access_key, "oauth_token_secret": access_secret})

    def identify(self, request):
        key = self._oauth_params(request)[0].get("oauth_token", "")
        if key not in self.access_tokens:
            raise OAuthRefusal("No approved grant was found for that authorization token.")
        oauth = self._verify(request, token_secret=self.access_tokens[key])
        now = int(time.time())
        claims = {
            "iss": self.base_url,  # Meta-Wiki's canonical server, scheme and host
            "aud": CONSUMER_KEY,
            "iat": now,
            "exp": now + 100,
            "nonce": oauth["oauth_nonce"],
            **self.user,
        }
        if "wrong_issuer" in self.faults:
            claims["iss"] = "https://evil.example"
        if "wrong_audience" in self.faults:
            claims["aud"] = "another-consumer"
        if "wrong_nonce" in self.faults:
            claims["nonce"] = secrets.token_hex(16)
        if "expired" in self.faults:
            claims["iat"], claims["exp"] = now - 600, now - 500
        secret = "f" * 40 if "wrong_secret" in self.faults else CONSUMER_SECRET
        return Response(jwt.encode(claims, secret, algorithm="HS256"),
                        content_type="application/json")

    # --- OAuth 1.0a checks ---------------------------------------------------------------
    def _oauth_params(self, request):
        body = request.get_data(as_text=True) if request.mimetype.endswith("urlencoded") else ""
        header = request.headers.get("Authorization")
        try:
            params = signature.collect_parameters(
                uri_query=request.query_string.decode(), body=body,
                headers={"Authorization": header} if header else {},
                exclude_oauth_signature=False,
            )
        except ValueError as error:
            raise OAuthRefusal(f"There was an error in your OAuth request: {error}") from error
        return dict(p for p in params if p[0].startswith("oauth_")), params

    def _verify(self, request, token_secret):
        """Checks consumer, signature, timestamp and nonce as MediaWiki's OAuthServer does."""
        oauth, params = self._oauth_params(request)
        if oauth.get("oauth_consumer_key") != CONSUMER_KEY:
            raise OAuthRefusal("Invalid consumer key")
        if oauth.get("oauth_signature_method") != "HMAC-SHA1":
            raise OAuthRefusal("Signature method not supported")
        signed = SimpleNamespace(
            http_method=request.method,
            uri=request.url,
            params=[p for p in params if p[0] != "oauth_signature"],
            signature=oauth.get("oauth_signature", ""),
        )
        if not signature.verify_hmac_sha1(signed, CONSUMER_SECRET, token_secret):
            raise OAuthRefusal("An error occurred in the OAuth protocol: Invalid signature")
        if abs(time.time() - int(oauth.get("oauth_timestamp", 0))) > 300:
            raise OAuthRefusal("An error occurred in the OAuth protocol: Expired timestamp")
        if oauth["oauth_nonce"] in self._nonces:
            raise OAuthRefusal("An error occurred in the OAuth protocol: Nonce already used")
        self._nonces.add(oauth["oauth_nonce"])
        return oauth

    @staticmethod
    def _raw(values):
        return Response(urlencode(values), content_type="text/plain")

    @staticmethod
    def _html(title, text):
        return Response(f"<!doctype html><title>{title}</title><p>{text}</p>",
                        content_type="text/html; charset=utf-8")


@pytest.fixture
def metawiki(settings):
    """A running fake Meta-Wiki that CapX's settings point at."""
    with FakeMetaWiki() as wiki:
        settings.MEDIAWIKI_URL = wiki.base_url
        settings.SOCIAL_AUTH_MEDIAWIKI_URL = wiki.index_url
        settings.SOCIAL_AUTH_MEDIAWIKI_KEY = CONSUMER_KEY
        settings.SOCIAL_AUTH_MEDIAWIKI_SECRET = CONSUMER_SECRET
        yield wiki
