"""A fake Meta-Wiki OAuth 1.0a provider on 127.0.0.1, close to the real Special:OAuth of
MediaWiki's OAuth extension, so CapX's login runs its whole dance over real HTTP.

Like Meta-Wiki it checks every HMAC-SHA1 signature, refuses a request token unless
oauth_callback is "oob", sends the user back to the consumer's *registered* callback, hands
out an access token only once per request token, and answers identify with an HS256 JWT signed
with the consumer secret. Errors come back as "Error: ..." text with status 200, as MediaWiki's
raw format does. On "Cancel" Meta-Wiki shows its own page and never sends the user back.

It also answers the Action API at /w/api.php (format=json&formatversion=2), where every call
must be signed with a Wikimedian's own access token, as CapX does to send messages between
Wikimedians: meta=tokens, list=users, action=emailuser and action=edit (a new talk section).
Errors come back as MediaWiki's error JSON with status 200 and a MediaWiki-API-Error header.
"""
import hmac
import json
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
# The Action API's own words.
DOCREF = ("See https://meta.wikimedia.org/w/api.php for API usage. Subscribe to the "
          "mediawiki-api-announce mailing list at &lt;https://lists.wikimedia.org/postorius/"
          "lists/mediawiki-api-announce.lists.wikimedia.org/&gt; for notice of API "
          "deprecations and breaking changes.")
INVALID_AUTHORIZATION = "The authorization headers in your request are not valid: "
BAD_TOKEN = "Invalid CSRF token."
NO_TARGET = "You have not specified a valid target for this action."
NO_EMAIL = "This user has not specified a valid email address."
MAIL_NO_LOGIN = ("You must be logged in and have a valid email address in your preferences "
                 "to send email to other users.")
# Characters MediaWiki never allows in a title, hence in a user name (of those that matter here).
TITLE_FORBIDDEN = set("#<>[]|{}/")
# Meta-Wiki's words when the user presses "Cancel" (mwoauth-acceptance-cancelled).
CANCEL_TEXT = ('You have chosen not to allow "CapX" to access your account. "CapX" will not '
               'work unless you allow it access.')


class OAuthRefusal(Exception):
    """Meta-Wiki refuses the request; the text follows "Error: "."""


class ApiError(Exception):
    """The Action API answers {"error": {"code": ..., "info": ...}}."""

    def __init__(self, code, info):
        super().__init__(code, info)
        self.code, self.info = code, info


def normalize(name):
    """A user name as MediaWiki's title normalization makes it: underscores are spaces, runs
    of spaces one, no spaces at either end, the first character upper case."""
    name = " ".join(name.replace("_", " ").split())
    return name[:1].upper() + name[1:]


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
        # --- The Action API (/w/api.php) ---
        # Meta-Wiki's accounts: username -> {"userid": int, "emailable": bool}.
        self.accounts = {self.user["username"]: {"userid": int(self.user["sub"]),
                                                 "emailable": True}}
        self.token_owners = {}    # access token key -> username it was granted by
        self.revoked = set()      # access token keys the Wikimedian has revoked
        # (HTTP method, {non-oauth parameter: value}, owner) of every signed API request.
        self.api_calls = []
        self.emails = []          # {"from", "to", "subject", "text", "ccme"} (emailuser)
        self.talk_posts = []      # {"title", "sectiontitle", "text", "by", "summary"} (edit)
        self.api_faults = {}      # "users"/"tokens"/"emailuser"/"edit" -> (code, info)
        self.api_delay = 0        # seconds every API answer waits (a slow Meta-Wiki)
        self._csrf_tokens = {}    # access token key -> its CSRF token
        self._nonces = set()
        self._lock = threading.Lock()
        self._server = make_server("127.0.0.1", 0, self.wsgi, threaded=True,
                                   request_handler=QuietHandler)
        self.base_url = f"http://127.0.0.1:{self._server.server_port}"
        self.index_url = f"{self.base_url}/w/index.php"
        self.api_url = f"{self.base_url}/w/api.php"  # the Action API (METAWIKI_API_URL)
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

    def add_account(self, name, emailable=True):
        """Another Meta-Wiki account (the next user id); returns its dict."""
        with self._lock:
            userid = max(account["userid"] for account in self.accounts.values()) + 1
            self.accounts[name] = {"userid": userid, "emailable": emailable}
            return self.accounts[name]

    def issue_access_token(self, username):
        """An access token that `username` granted CapX, without the OAuth dance."""
        with self._lock:
            key, secret = secrets.token_hex(16), secrets.token_hex(20)
            self.access_tokens[key] = secret
            self.token_owners[key] = username
            return key, secret

    # --- HTTP ------------------------------------------------------------------------------
    @Request.application
    def wsgi(self, request):
        if request.path == "/w/api.php":
            return self.api(request)  # takes the lock itself, after any api_delay
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
        self.token_owners[access_key] = self.user["username"]
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

    # --- The Action API ------------------------------------------------------------------
    def api(self, request):
        """/w/api.php, GET or POST. As on Meta-Wiki, OAuth's session provider checks the
        signature before any module runs (a failure is mwoauth-invalid-authorization), then
        ApiMain checks format, POST and CSRF token, then the module does its work."""
        if self.api_delay:
            time.sleep(self.api_delay)  # without the lock: other requests go on meanwhile
        with self._lock:
            try:
                owner, key = self._api_caller(request)
                params = request.args.to_dict()
                if request.method == "POST":
                    params.update(request.form.to_dict())
                params = {name: value for name, value in params.items()
                          if not name.startswith("oauth_")}
                self.api_calls.append((request.method, params, owner))
                return self._json(self._api_answer(request, params, owner, key))
            except ApiError as error:
                return self._json({"error": {"code": error.code, "info": error.info,
                                             "docref": DOCREF},
                                   "servedby": "mw-api-fake"},
                                  headers={"MediaWiki-API-Error": error.code})

    def _api_caller(self, request):
        """The owner and key of the access token that signed the request, or
        mwoauth-invalid-authorization: unsigned, unknown or revoked token, bad signature,
        old timestamp, reused nonce."""
        try:
            key = self._oauth_params(request)[0].get("oauth_token", "")
            if key not in self.access_tokens or key in self.revoked:
                raise OAuthRefusal("Invalid access token")
            self._verify(request, token_secret=self.access_tokens[key])
        except OAuthRefusal as refusal:
            reason = str(refusal).removeprefix("An error occurred in the OAuth protocol: ")
            raise ApiError("mwoauth-invalid-authorization",
                           INVALID_AUTHORIZATION + reason) from refusal
        return self.token_owners.get(key, self.user["username"]), key

    def _api_answer(self, request, params, owner, key):
        action = params.get("action", "")
        modules = {"query": [name for name, param in (("tokens", "meta"), ("users", "list"))
                             if name in params.get(param, "").split("|")]}
        for module in modules.get(action, [action]):
            if module in self.api_faults:  # a broken Meta-Wiki, before anything is done
                raise ApiError(*self.api_faults[module])
        if params.get("format") != "json":
            raise ApiError("badvalue", 'Unrecognized value for parameter "format": '
                           f'{params.get("format", "")}. This fake speaks only json.')
        if params.get("formatversion") != "2":
            raise ApiError("badvalue", 'Unrecognized value for parameter "formatversion": '
                           f'{params.get("formatversion", "")}. This fake speaks only 2.')
        if action == "query":
            return self._api_query(params, key)
        if action in ("emailuser", "edit"):
            if request.method != "POST":
                raise ApiError("mustbeposted", f'The "{action}" module requires a POST request.')
            self._require(params, "token")
            if not hmac.compare_digest(params["token"], self._csrf_token(key)):
                raise ApiError("badtoken", BAD_TOKEN)
            return (self._api_emailuser if action == "emailuser" else self._api_edit)(
                params, owner)
        raise ApiError("badvalue", f'Unrecognized value for parameter "action": {action}.')

    @staticmethod
    def _require(params, *names):
        for name in names:
            if name not in params:
                raise ApiError("missingparam", f'The "{name}" parameter must be set.')

    def _csrf_token(self, key):
        """MediaWiki's CSRF token: 40 hex and "+\\"; stable for one access token."""
        if key not in self._csrf_tokens:
            self._csrf_tokens[key] = secrets.token_hex(20) + "+\\"
        return self._csrf_tokens[key]

    def _api_query(self, params, key):
        """action=query with meta=tokens (type=csrf) and/or list=users."""
        meta = params.get("meta", "").split("|") if params.get("meta") else []
        lists = params.get("list", "").split("|") if params.get("list") else []
        query = {}
        if "tokens" in meta:
            types = params.get("type", "csrf").split("|")
            if types != ["csrf"]:
                raise ApiError("badvalue", 'Unrecognized value for parameter "type": '
                               f'{params["type"]}. This fake hands out only csrf tokens.')
            query["tokens"] = {"csrftoken": self._csrf_token(key)}
        if "users" in lists:
            query.update(self._api_users(params))
        return {"batchcomplete": True, "query": query}

    def _api_users(self, params):
        """list=users: each name normalized as MediaWiki does ("normalized" lists those that
        changed), then a known account (userid, name, emailable if usprop asks), a missing one
        or an invalid one, in the order asked."""
        props = params.get("usprop", "").split("|")
        normalized, users = [], []
        for given in params.get("ususers", "").split("|"):
            name = normalize(given)
            if not name or TITLE_FORBIDDEN & set(name):
                users.append({"name": given, "invalid": True})
                continue
            if name != given:
                normalized.append({"fromencoded": False, "from": given, "to": name})
            account = self.accounts.get(name)
            if account is None:
                users.append({"name": name, "missing": True})
                continue
            user = {"userid": account["userid"], "name": name}
            if "emailable" in props:
                user["emailable"] = account["emailable"]
            users.append(user)
        return {"normalized": normalized, "users": users} if normalized else {"users": users}

    def _api_emailuser(self, params, owner):
        """action=emailuser: MediaWiki's EmailUser checks the target (notarget, noemail)
        before the sender (mailnologin), then sends; ccme counts when present at all, as any
        API boolean."""
        self._require(params, "target", "text")
        target = normalize(params["target"])
        account = self.accounts.get(target)
        if account is None:
            raise ApiError("notarget", NO_TARGET)
        if not account["emailable"]:
            raise ApiError("noemail", NO_EMAIL)
        if not self.accounts.get(owner, {}).get("emailable"):
            raise ApiError("mailnologin", MAIL_NO_LOGIN)
        self.emails.append({"from": owner, "to": target, "subject": params.get("subject", ""),
                            "text": params["text"], "ccme": "ccme" in params})
        return {"emailuser": {"result": "Success"}}

    def _api_edit(self, params, owner):
        """action=edit with section=new: a new section on a user talk page (the only edit this
        fake plays); the title is normalized as MediaWiki does ("User_talk:x" is
        "User talk:X")."""
        self._require(params, "title", "text")
        if params.get("section") != "new":
            raise ApiError("badvalue", "This fake only adds new sections (section=new).")
        namespace, _, page = params["title"].replace("_", " ").partition(":")
        title = f"{normalize(namespace)}:{normalize(page)}"
        if not title.startswith("User talk:") or not page.strip() or TITLE_FORBIDDEN & set(page):
            raise ApiError("invalidtitle", f'Bad title "{params["title"]}".')
        self.talk_posts.append({"title": title, "sectiontitle": params.get("sectiontitle", ""),
                                "text": params["text"], "by": owner,
                                "summary": params.get("summary", "")})
        return {"edit": {"new": True, "result": "Success", "pageid": 1, "title": title,
                         "contentmodel": "wikitext", "oldrevid": 0,
                         "newrevid": 1000 + len(self.talk_posts),
                         "newtimestamp": "2026-12-01T10:00:00Z", "watched": True}}

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
    def _json(value, headers=None):
        return Response(json.dumps(value), content_type="application/json; charset=utf-8",
                        headers=headers)

    @staticmethod
    def _raw(values):
        return Response(urlencode(values), content_type="text/plain")

    @staticmethod
    def _html(title, text):
        return Response(f"<!doctype html><title>{title}</title><p>{text}</p>",
                        content_type="text/html; charset=utf-8")


@pytest.fixture
def metawiki(settings):
    """A running fake Meta-Wiki that CapX's settings point at (its Content-Security-Policy
    too: a browser may only send the login form on to the Meta-Wiki CapX uses)."""
    with FakeMetaWiki() as wiki:
        settings.CONTENT_SECURITY_POLICY = settings.CONTENT_SECURITY_POLICY.replace(
            settings.MEDIAWIKI_URL, wiki.base_url)
        settings.MEDIAWIKI_URL = wiki.base_url
        settings.SOCIAL_AUTH_MEDIAWIKI_URL = wiki.index_url
        settings.SOCIAL_AUTH_MEDIAWIKI_KEY = CONSUMER_KEY
        settings.SOCIAL_AUTH_MEDIAWIKI_SECRET = CONSUMER_SECRET
        yield wiki
