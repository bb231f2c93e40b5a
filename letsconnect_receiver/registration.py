"""POST /endpoint/: a registration token checked, its data checked, then stored in one
transaction (the nonce and the participant together, or nothing).

Stricter than the real service. Every refusal is a Refused with a clear English message and
a status:
- 401: the token is not accepted as CapX's, fresh and unused: not a JWT, a signature by
  another key, an algorithm other than RS256 (HS256, "none"...), no `exp` or an `exp` in the
  past, an `aud` claim (the real service refuses any), a `timestamp` missing, not an integer,
  older than five minutes or more than a minute ahead, a `nonce` missing, not a uuid4 or
  already used;
- 400: the request or the registration data is wrong: the body not JSON or without a token;
  `user`, `email` or `role` missing; an email that is not an address; a value outside the
  lists of letsconnect.choices (role, area, gender, age) or too long.
"""
import time
import uuid

import jwt
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from letsconnect.choices import AGES, AREA_SEPARATOR, AREAS, AREAS_MAX, GENDERS, ROLES
from letsconnect_receiver.keys import public_key
from letsconnect_receiver.models import (AREA_MAX_LENGTH, FULL_NAME_MAX, GENDER_MAX,
                                         USERNAME_MAX, Nonce, Participant, new_confirmation)
from letsconnect_receiver.router import DATABASE

ALGORITHM = "RS256"
MAX_AGE = 5 * 60  # seconds a token's timestamp may be old
MAX_AHEAD = 60  # seconds it may be ahead of this clock
EMAIL_MAX = 254
OTHER_TOPIC_MAX = 200
NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four"}


class Refused(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def _unauthorized(message: str) -> Refused:
    return Refused(message, 401)


# --- The token ------------------------------------------------------------------------------

def verify(token: str, now: float | None = None) -> dict:
    """The claims of a token signed with CapX's key (RS256), unexpired, without `aud`, fresh,
    with a nonce not seen yet. Raises Refused (401) otherwise, or keys.KeyFileError."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.DecodeError:
        raise _unauthorized("The token is not a JWT.") from None
    algorithm = header.get("alg")
    if algorithm != ALGORITHM:
        raise _unauthorized(f"The token must be signed with {ALGORITHM}, not {algorithm!r}.")
    key = public_key()
    try:
        claims = jwt.decode(token, key, algorithms=[ALGORITHM],
                            options={"require": ["exp"], "verify_aud": False})
    except jwt.InvalidSignatureError:
        raise _unauthorized("The token's signature does not match CapX's public key.") from None
    except jwt.ExpiredSignatureError:
        raise _unauthorized("The token has expired (its exp is in the past).") from None
    except jwt.MissingRequiredClaimError as error:
        raise _unauthorized(f"The token has no {error.claim} claim: it must expire.") from None
    except jwt.ImmatureSignatureError:
        raise _unauthorized("The token is not valid yet (its nbf or iat is in the future).") from None
    except jwt.InvalidTokenError as error:
        raise _unauthorized(f"The token cannot be read: {error}.") from None
    if "aud" in claims:
        raise _unauthorized("The token has an aud claim: tokens for Let's Connect carry none.")
    _check_timestamp(claims.get("timestamp"), time.time() if now is None else now)
    nonce = _nonce(claims.get("nonce"))
    if Nonce.objects.filter(value=nonce).exists():
        raise _replayed()
    return {**claims, "nonce": nonce}


def _replayed() -> Refused:
    return _unauthorized("This token's nonce was already used: each token is accepted once.")


def _check_timestamp(timestamp, now: float):
    if timestamp is None:
        raise _unauthorized("The token has no timestamp claim (Unix seconds).")
    if isinstance(timestamp, bool) or not isinstance(timestamp, int):
        raise _unauthorized("The token's timestamp must be an integer (Unix seconds).")
    if now - timestamp > MAX_AGE:
        raise _unauthorized("The token's timestamp is older than five minutes.")
    if timestamp - now > MAX_AHEAD:
        raise _unauthorized("The token's timestamp is more than a minute in the future.")


def _nonce(value) -> str:
    if value is None:
        raise _unauthorized("The token has no nonce claim (a uuid4 string).")
    try:
        parsed = uuid.UUID(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.version != 4 or str(parsed) != value.strip().lower():
        raise _unauthorized("The token's nonce must be a uuid4 string "
                            "(like 1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b).")
    return str(parsed)


# --- The data -------------------------------------------------------------------------------

def split_area(text: str) -> list[str]:
    """The topics of an `area` string: the known topics are recognised first, longest first
    (one of them, "Culture, heritage, GLAM", holds the separator itself), then whatever
    remains, split on the separator, are "Other" texts, stripped."""
    pieces = text.split(AREA_SEPARATOR)
    known = sorted(((name.split(AREA_SEPARATOR), name) for name in AREAS),
                   key=lambda entry: (len(entry[0]), len(entry[1])), reverse=True)
    topics, at = [], 0
    while at < len(pieces):
        for parts, name in known:
            if pieces[at:at + len(parts)] == parts:
                topics.append(name)
                at += len(parts)
                break
        else:
            topics.append(pieces[at].strip())
            at += 1
    return topics


def _area_errors(text: str) -> list[str]:
    if len(text) > AREA_MAX_LENGTH:
        return [f"area is longer than {AREA_MAX_LENGTH} characters."]
    topics = split_area(text)
    errors = []
    if any(not topic for topic in topics):
        errors.append(f"area has an empty topic: topics are joined with {AREA_SEPARATOR!r}.")
    if len(topics) > AREAS_MAX:
        errors.append(f"At most {NUMBERS.get(AREAS_MAX, AREAS_MAX)} topics may be given in "
                      f"area, not {len(topics)}: {topics}.")
    if len(set(topics)) < len(topics):
        errors.append("area names the same topic twice.")
    errors += [f"area's Other text is longer than {OTHER_TOPIC_MAX} characters."
               for topic in topics if topic not in AREAS and len(topic) > OTHER_TOPIC_MAX]
    return errors


def _text(claims: dict, name: str, errors: list[str], required: bool = False) -> str:
    """A claim's text: "" for a null, empty or absent optional one."""
    value = claims.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(f"{name} is required.")
        return ""
    if not isinstance(value, str):
        errors.append(f"{name} must be text or null, not {type(value).__name__}.")
        return ""
    return value.strip()


def clean(claims: dict) -> dict:
    """The participant's fields from the claims, or Refused (400) naming every problem."""
    errors: list[str] = []
    user = claims.get("user")
    if user is None or (isinstance(user, str) and not user.strip()):
        errors.append("user is required (the Meta-Wiki username).")
        user = ""
    elif not isinstance(user, str):
        errors.append("user must be text (the Meta-Wiki username).")
        user = ""
    elif "_" in user:
        errors.append("user must be the Meta-Wiki username with spaces, not underscores.")
    elif user != user.strip() or len(user) > USERNAME_MAX:
        errors.append(f"user must be a Meta-Wiki username (no surrounding spaces, at most "
                      f"{USERNAME_MAX} characters).")

    email = _text(claims, "email", errors, required=True)
    if email:
        try:
            if len(email) > EMAIL_MAX:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors.append(f"email is not a valid email address: {email!r}.")

    role = _text(claims, "role", errors, required=True)
    if role and role not in ROLES:
        errors.append(f"role is not one of Let's Connect's roles: {role!r}.")

    full_name = _text(claims, "full_name", errors)
    if len(full_name) > FULL_NAME_MAX:
        errors.append(f"full_name is longer than {FULL_NAME_MAX} characters.")

    area = _text(claims, "area", errors)
    if area:
        errors += _area_errors(area)

    gender = _text(claims, "gender", errors)
    if len(gender) > GENDER_MAX:
        errors.append(f"gender is longer than {GENDER_MAX} characters "
                      f"(one of {list(GENDERS)} or a text of one's own).")

    age = _text(claims, "age", errors)
    if age and age not in AGES:
        errors.append(f"age is not one of Let's Connect's age ranges {list(AGES)}: {age!r}.")

    if errors:
        raise Refused(" ".join(errors))
    return {"username": user, "full_name": full_name, "email": email, "role": role,
            "area": area, "gender": gender, "age": age}


# --- Storing --------------------------------------------------------------------------------

def register(token: str) -> tuple[Participant, bool]:
    """Checks the token and its data, then stores the nonce and the participant (a new one,
    or every registration field of an existing one overwritten, with a new confirmation id)
    in one transaction of the Let's Connect database. Returns it and whether it is new."""
    claims = verify(token)
    fields = clean(claims)
    username = fields.pop("username")
    with transaction.atomic(using=DATABASE):
        try:
            Nonce.objects.create(value=claims["nonce"])
        except IntegrityError:  # the same token, sent twice at once (all of it rolled back)
            raise _replayed() from None
        return Participant.objects.update_or_create(
            username=username, defaults={**fields, "confirmation": new_confirmation()})
