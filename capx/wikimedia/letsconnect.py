"""Let's Connect (LC), the Wikimedia peer-learning programme's own service, keeps its
participants' registrations in its private store; CapX asks it four things, each path below
the base URL LETSCONNECT_URL (the trailing slashes matter):

- `GET /exists/?username=<name>` answers {"exists": true} or {"exists": false};
- `GET /profile/?username=<name>` answers an earlier participant's data: {"username",
  "username_org", "reconciled_affiliation", "reconciled_territory", "reconciled_languages":
  [names], "reconciled_projects": [names], "reconciled_want_to_learn": [capacity QIDs],
  "reconciled_want_to_share": [capacity QIDs]}, any string or list of them possibly null;
  an unknown name answers 404 with an HTML page (earlier_profile then returns None);
- `GET /user-badges/?username=<name>` answers the person's badges, newest first, [] when
  none: [{"name", "picture" (a URL, maybe relative to the service), "description",
  "timestamp" (ISO 8601, with "Z" or an offset), "verification_code"}]; a badge's public
  page is /badge/<verification_code>/;
- `POST /endpoint/` with the JSON body {"token": "<JWT>"} registers or updates a
  participant. The token is signed RS256 with CapX's private key; its claims are "user"
  (the Meta-Wiki username, spaces not underscores), "timestamp" (integer Unix seconds),
  "nonce" (a uuid4), "full_name", "email", "role", "area", "gender", "age" (null when not
  given) and "exp" (five minutes ahead); never an "aud" (the real service refuses any).
  It answers 200 {"message": ..., "confirmation": "<id>"} or a 4xx {"error": "<text>"}.

The values of role, area, gender and age are sent in English, as letsconnect/choices.py
lists them, whatever the language of the page that asked (forms show them translated); this
module sends what it is given without checking it against those lists.

Every failure raises WikimediaError, its text naming Let's Connect and the reason:
WikimediaUnreachable when no answer came in LETSCONNECT_TIMEOUT seconds or no connection
could be made, LetsConnectRefusal for a 4xx {"error"} from /endpoint/, LetsConnectNotConfigured
when LETSCONNECT_URL is empty or the private key cannot be read; HTTPStatusError (with the
answer's status and body) for any other HTTP error status; WikimediaError itself for a body
that is not JSON or JSON of another shape. No call is retried: a person waits on each
(the profile editor), and award_badges asks again on its next run.

Settings: LETSCONNECT_URL (base URL, no trailing slash), LETSCONNECT_PRIVATE_KEY_FILE (the
PEM file of the RSA key that signs registrations), LETSCONNECT_TIMEOUT (seconds per call).
"""
import json
import re
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, urljoin

import jwt
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.conf import settings

from capx.wikimedia.http import HTTPStatusError, WikimediaError, get_json, post_json
from capx.wikimedia.wikidata import spaced

WHAT = "Let's Connect"
TOKEN_LIFETIME = 5 * 60  # seconds: the "exp" claim of a registration
QID = re.compile(r"Q[1-9][0-9]*")


class LetsConnectNotConfigured(WikimediaError):
    """CapX cannot call Let's Connect: LETSCONNECT_URL is empty, or the private key named by
    LETSCONNECT_PRIVATE_KEY_FILE is missing or unreadable. Nothing was sent."""


class LetsConnectRefusal(WikimediaError):
    """Let's Connect refused a registration with a 4xx {"error": text}: `error` is its text,
    `status` the HTTP status."""

    def __init__(self, error, status):
        super().__init__(f"Let's Connect refused the registration: {error} (HTTP {status}).")
        self.error, self.status = error, status


@dataclass(frozen=True)
class EarlierProfile:
    """A participant's data as Let's Connect reconciled it (null strings as "", null lists
    as ()). Languages and projects are names; the capacities are QIDs ("Q123")."""
    username: str
    username_org: str
    affiliation: str
    territory: str
    languages: tuple[str, ...]
    projects: tuple[str, ...]
    want_to_learn: tuple[str, ...]
    want_to_share: tuple[str, ...]


@dataclass(frozen=True)
class Badge:
    name: str
    picture: str  # the image's URL, or ""
    description: str
    awarded_at: datetime  # aware
    verification_code: str

    @property
    def url(self):
        """The badge's public page on Let's Connect."""
        return f"{base_url()}/badge/{quote(self.verification_code, safe='')}/"


def is_configured():
    """Whether LETSCONNECT_URL names a service (without it every call raises)."""
    return bool(settings.LETSCONNECT_URL.strip())


# --- reading --------------------------------------------------------------------------------

def exists(username):
    """Whether Let's Connect has a participant of this Meta-Wiki username."""
    data = get("exists", username)
    if not isinstance(data.get("exists"), bool):
        raise shape_error("exists", f'"exists" is {describe(data.get("exists"))}, '
                                    "not true or false")
    return data["exists"]


def earlier_profile(username):
    """The EarlierProfile of this Meta-Wiki username, or None when Let's Connect has none
    (its 404)."""
    try:
        data = get("profile", username)
    except HTTPStatusError as error:
        if error.status == 404:
            return None
        raise
    return EarlierProfile(
        username=text_field(data, "username"),
        username_org=text_field(data, "username_org"),
        affiliation=text_field(data, "reconciled_affiliation"),
        territory=text_field(data, "reconciled_territory"),
        languages=names(list_field(data, "reconciled_languages")),
        projects=names(list_field(data, "reconciled_projects")),
        want_to_learn=qids(list_field(data, "reconciled_want_to_learn")),
        want_to_share=qids(list_field(data, "reconciled_want_to_share")),
    )


def badges(username):
    """The Badges Let's Connect gave this Meta-Wiki username, in its order (newest first).
    A badge that cannot be read (no name, no verification code, an unreadable timestamp)
    is left out; an answer that is not a list of objects raises WikimediaError."""
    data = get("user-badges", username, expect=list)
    found = []
    for number, badge in enumerate(data, start=1):
        if not isinstance(badge, dict):
            raise shape_error("user-badges", f"badge {number} is {describe(badge)}, "
                                             "not an object")
        name, code = badge.get("name"), badge.get("verification_code")
        awarded_at = parse_timestamp(badge.get("timestamp"))
        if not (is_text(name) and is_text(code) and awarded_at):
            continue
        found.append(Badge(
            name=name.strip(),
            picture=picture_url(badge.get("picture")),
            description=badge["description"].strip() if is_text(badge.get("description"))
            else "",
            awarded_at=awarded_at,
            verification_code=code.strip(),
        ))
    return found


def get(endpoint, username, expect=dict):
    url = endpoint_url(endpoint)
    try:
        return get_json(url, {"username": username_of(username)}, what=WHAT, expect=expect,
                        timeout=settings.LETSCONNECT_TIMEOUT,
                        retrying=False)  # the profile editor waits: one timeout at most
    except HTTPStatusError as error:
        if error.status == 404 and endpoint != "profile":
            raise HTTPStatusError(
                f"{error} Let's Connect has no /{endpoint}/: is LETSCONNECT_URL "
                f"({base_url()}) the service's address?", status=error.status, body=error.body
            ) from None
        raise


# --- registering ----------------------------------------------------------------------------

def register(username, *, full_name="", email, role, area="", gender="", age=""):
    """Registers this Meta-Wiki username on Let's Connect, or updates its registration, and
    returns Let's Connect's confirmation id. The values go as given (in English: see the
    module's text); an empty one is sent as null. Sent once, never retried."""
    url = endpoint_url("endpoint")  # first: an unconfigured service needs no key
    token = jwt.encode(claims(username, full_name=full_name, email=email, role=role,
                              area=area, gender=gender, age=age),
                       private_key(), algorithm="RS256")
    try:
        data = post_json(url, json={"token": token}, what=WHAT,
                         timeout=settings.LETSCONNECT_TIMEOUT, retrying=False)
    except HTTPStatusError as error:
        refusal = error_text(error.body) if 400 <= error.status < 500 else None
        if refusal:
            raise LetsConnectRefusal(refusal, error.status) from None
        raise
    confirmation = data.get("confirmation")
    if isinstance(confirmation, int) and not isinstance(confirmation, bool):
        confirmation = str(confirmation)
    if not is_text(confirmation):
        raise shape_error("endpoint", f'"confirmation" is {describe(confirmation)}, '
                                      "not an id")
    return confirmation.strip()


def claims(username, *, full_name, email, role, area, gender, age, now=None):
    """The registration token's claims, exactly as Let's Connect reads them."""
    timestamp = int(time.time() if now is None else now)
    return {
        "user": username_of(username),
        "timestamp": timestamp,
        "nonce": str(uuid.uuid4()),
        "full_name": optional(full_name),
        "email": optional(email),
        "role": optional(role),
        "area": optional(area),
        "gender": optional(gender),
        "age": optional(age),
        "exp": timestamp + TOKEN_LIFETIME,
    }


def private_key():
    """CapX's RSA private key, from the PEM file LETSCONNECT_PRIVATE_KEY_FILE names."""
    name = (settings.LETSCONNECT_PRIVATE_KEY_FILE or "").strip()
    if not name:
        raise LetsConnectNotConfigured(
            "Let's Connect is not configured: LETSCONNECT_PRIVATE_KEY_FILE (the key that "
            "signs registrations) is not set; nothing was sent.")
    try:
        pem = Path(name).read_bytes()
    except OSError as error:
        raise LetsConnectNotConfigured(
            f"LETSCONNECT_PRIVATE_KEY_FILE ({name}) could not be read: "
            f"{error.strerror or error}; nothing was sent to Let's Connect.") from None
    try:
        key = load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as error:
        raise LetsConnectNotConfigured(
            f"LETSCONNECT_PRIVATE_KEY_FILE ({name}) does not hold an unencrypted PEM private "
            f"key ({error}); nothing was sent to Let's Connect.") from None
    if not isinstance(key, RSAPrivateKey):
        raise LetsConnectNotConfigured(
            f"LETSCONNECT_PRIVATE_KEY_FILE ({name}) holds a key that is not RSA; "
            "Let's Connect needs RS256; nothing was sent.")
    return key


def error_text(body):
    """The text of a {"error": "<text>"} answer, or None."""
    try:
        data = json.loads(body)
    except (TypeError, ValueError):
        return None
    error = data.get("error") if isinstance(data, dict) else None
    return error.strip() if is_text(error) else None


# --- helpers --------------------------------------------------------------------------------

def base_url():
    url = settings.LETSCONNECT_URL.strip().rstrip("/")
    if not url:
        raise LetsConnectNotConfigured(
            "Let's Connect is not configured: LETSCONNECT_URL is empty; nothing was sent.")
    return url


def endpoint_url(endpoint):
    return f"{base_url()}/{endpoint}/"


def username_of(username):
    """A Meta-Wiki username as Let's Connect holds it: spaces, not underscores."""
    name = spaced(str(username))
    if not name:
        raise ValueError("A Let's Connect call needs a username.")
    return name


def optional(value):
    """A claim's value: its text, or None when nothing was given."""
    text = "" if value is None else str(value).strip()
    return text or None


def text_field(data, field):
    value = data.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise shape_error("profile", f'"{field}" is {describe(value)}, not a string')
    return value.strip()


def list_field(data, field):
    value = data.get(field)
    if value is None:
        return []
    if not isinstance(value, list):
        raise shape_error("profile", f'"{field}" is {describe(value)}, not a list')
    return value


def names(values):
    """The non-empty strings among `values`, stripped, each once, in their order."""
    return tuple(dict.fromkeys(value.strip() for value in values if is_text(value)))


def qids(values):
    """The QIDs among `values`, upper case ("q5 " → "Q5"), each once; anything else is
    dropped."""
    found = (value.strip().upper() for value in values if isinstance(value, str))
    return tuple(dict.fromkeys(value for value in found if QID.fullmatch(value)))


def parse_timestamp(value):
    """An ISO 8601 timestamp ("Z", an offset, or none: UTC) as an aware datetime, or None."""
    if not is_text(value):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def picture_url(value):
    """A badge picture's URL; one relative to the service is made absolute, one that is not
    a web address ("javascript:…", "data:…") is dropped ("")."""
    if not is_text(value):
        return ""
    url = urljoin(f"{base_url()}/", value.strip())
    return url if url.startswith(("https://", "http://")) else ""


def is_text(value):
    return isinstance(value, str) and bool(value.strip())


def describe(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return {dict: "an object", list: "a list", str: "a string", int: "a number",
            float: "a number"}.get(type(value), "a value")


def shape_error(endpoint, detail):
    return WikimediaError(
        f"{WHAT} sent an answer of an unexpected shape from /{endpoint}/: {detail}.")
