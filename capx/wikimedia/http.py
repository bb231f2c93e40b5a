"""The one HTTP client CapX uses for every outside call.

All calls share a single requests.Session that sends CapX's descriptive User-Agent (Wikimedia's
policy), gives every call a timeout, and retries connection failures, 429 and 5xx answers a
bounded number of times with backoff (honouring Retry-After, within a cap). Anything that is not
a usable JSON answer becomes a WikimediaError whose text says, for a person, what failed.

Settings: CAPX_USER_AGENT, CAPX_HTTP_TIMEOUT, CAPX_HTTP_RETRIES, CAPX_HTTP_BACKOFF,
CAPX_HTTP_RETRY_AFTER_MAX.
"""
import json
import threading

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.exceptions import InvalidHeader
from urllib3.util.retry import Retry

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class WikimediaError(Exception):
    """An outside system gave no usable answer; str(error) says which one and why."""


class WikimediaUnreachable(WikimediaError):
    """No answer came at all: the system did not answer in time, could not be connected to,
    or the connection broke. Every other WikimediaError is an answer: an error, or one CapX
    cannot use."""


class HTTPStatusError(WikimediaError):
    """The system answered with an HTTP error status (400 or more). `status` is the code and
    `body` the answer's text, for a caller that reads a refusal's own explanation (a 4xx's
    {"error": ...}); str(error) stays the plain "answered HTTP ..." text."""

    def __init__(self, message, *, status, body):
        super().__init__(message)
        self.status, self.body = status, body


class APIRefusal(WikimediaError):
    """A MediaWiki Action API (Meta-Wiki, Wikidata) refused: it answers with HTTP 200 and
    {"error": {"code": ..., "info": ...}}; `code` is MediaWiki's ("blockedfrommail")."""

    def __init__(self, what, code, info):
        super().__init__(f"{what} refused the request: {code}: {info}.")
        self.code, self.info = code, info


def check_refusal(data, what):
    """Raises APIRefusal when an Action API answer `data` is a refusal."""
    if "error" in data:
        error = data["error"] if isinstance(data["error"], dict) else {}
        raise APIRefusal(what, error.get("code", "unknown"), error.get("info", "no details"))


class CappedRetry(Retry):
    """urllib3's Retry, but a Retry-After longer than `max_retry_after` seconds is shortened
    to it (and an unreadable one ignored), so a busy server cannot park a sync for an hour."""

    def __init__(self, *args, max_retry_after=30.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_retry_after = max_retry_after

    def new(self, **kwargs):
        retry = super().new(**kwargs)
        retry.max_retry_after = self.max_retry_after
        return retry

    def get_retry_after(self, response):
        try:
            seconds = super().get_retry_after(response)
        except InvalidHeader:
            return None
        return None if seconds is None else max(0.0, min(seconds, self.max_retry_after))


def build_session(user_agent, retries, backoff, max_retry_after):
    retry = CappedRetry(
        total=None,
        connect=retries,  # could not connect: nothing was sent, safe to try again
        status=retries,  # 429 and 5xx
        read=False,  # a server too slow to answer once is not retried: the timeout is the limit
        other=0,
        redirect=5,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        backoff_factor=backoff,
        respect_retry_after_header=True,
        raise_on_status=False,  # the last 5xx comes back as a response; get_json names it
        max_retry_after=max_retry_after,
    )
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


_lock = threading.Lock()
_sessions = {}  # retrying (bool) → (its settings, the session)


def get_session(retrying=True):
    """The shared session, rebuilt only if its settings changed (as they do in tests).
    `retrying=False`: the one that never tries again, for a call a person waits on (sending a
    message, the profile editor's Let's Connect), so a host that is down costs one timeout."""
    config = (
        settings.CAPX_USER_AGENT,
        settings.CAPX_HTTP_RETRIES if retrying else 0,
        settings.CAPX_HTTP_BACKOFF,
        settings.CAPX_HTTP_RETRY_AFTER_MAX,
    )
    with _lock:
        built, session = _sessions.get(retrying, (None, None))
        if session is None or config != built:
            if session is not None:
                session.close()
            session = build_session(*config)
            _sessions[retrying] = (config, session)
        return session


def get_json(url, params=None, *, what, headers=None, expect=dict, timeout=None, auth=None,
             retrying=True):
    """GET `url` and return its JSON body, which must be an `expect` (a dict by default).

    `what` names the system for people ("Metabase's SPARQL endpoint"); `timeout` (seconds)
    replaces CAPX_HTTP_TIMEOUT for a call someone waits on; `auth` signs the request (a
    requests auth, e.g. OAuth1). Every failure raises WikimediaError: WikimediaUnreachable
    for a timeout, a connection failure or a body cut off; WikimediaError for an HTTP error
    status (HTTPStatusError), a body that is not JSON, or JSON of the wrong type."""
    return request_json("GET", url, what=what, expect=expect, timeout=timeout, params=params,
                        headers=headers, auth=auth, retrying=retrying)


def post_json(url, data=None, *, what, expect=dict, timeout=None, auth=None, json=None,
              retrying=True):
    """POST `data` as a form, or else `json` (any JSON-serializable value) as a JSON body, to
    `url` and return its JSON body, as get_json does. A POST is never retried (CappedRetry allows
    GET and HEAD only): it may have been carried out."""
    return request_json("POST", url, what=what, expect=expect, timeout=timeout, data=data,
                        json=json, auth=auth, retrying=retrying)


def request_json(method, url, *, what, expect, timeout, retrying=True, **arguments):
    timeout = timeout or settings.CAPX_HTTP_TIMEOUT
    try:
        response = get_session(retrying).request(method, url, timeout=timeout, **arguments)
    except requests.Timeout:
        raise WikimediaUnreachable(
            f"{what} did not answer within {timeout:g} seconds ({url})."
        ) from None
    except requests.exceptions.ChunkedEncodingError:
        raise WikimediaUnreachable(f"{what} sent an answer that was cut off ({url}).") from None
    except requests.ConnectionError as error:
        raise WikimediaUnreachable(
            f"Could not connect to {what} ({url}): {describe(error)}."
        ) from None
    except requests.RequestException as error:
        raise WikimediaError(f"The request to {what} failed ({url}): {describe(error)}.") from None

    if response.status_code >= 400:
        raise HTTPStatusError(
            f"{what} answered HTTP {response.status_code} {response.reason or ''}".rstrip()
            + f" ({url}).",
            status=response.status_code,
            body=response.text,
        )
    try:
        data = json.loads(response.content)
    except ValueError:
        raise WikimediaError(
            f"{what} sent an answer that is not valid JSON (malformed or truncated) ({url})."
        ) from None
    if not isinstance(data, expect):
        raise WikimediaError(
            f"{what} sent JSON of an unexpected shape: expected {json_type(expect)}, "
            f"got {json_type(type(data))} ({url})."
        )
    return data


def describe(error):
    """The innermost reason of a requests/urllib3 error, without the long wrapper text."""
    reason = error
    while True:
        inner = getattr(reason, "reason", None) or (reason.args[0] if reason.args else None)
        if not isinstance(inner, BaseException) or inner is reason:
            break
        reason = inner
    return str(reason) or type(reason).__name__


def json_type(python_type):
    return {dict: "an object", list: "an array", str: "a string"}.get(python_type, "a value")
