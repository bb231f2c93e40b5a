"""The Meta-Wiki OAuth access tokens CapX keeps to send messages as each person, encrypted at
rest with cryptography's Fernet (AES-128-CBC with HMAC-SHA256, authenticated): a database
dump alone lets no one act as anyone on Meta-Wiki.

The keys come from the environment, CAPX_TOKEN_KEYS (settings.CAPX_TOKEN_KEYS, a list): the
first one encrypts, every one decrypts (MultiFernet), so a new key put first takes over while
tokens made with the old ones keep working until `manage.py rotate_token_keys` re-encrypts
them with it. With DEBUG on and none set, settings derive one from SECRET_KEY
(development_key), so a new machine needs no setup; with DEBUG off, none is a deploy error.

A login's extra_data (social_django's UserSocialAuth) holds the token under
ENCRYPTED = "encrypted_access_token", a Fernet token of {"oauth_token", "oauth_token_secret"}
as JSON. social-core writes it in clear under "access_token": seal() moves it, and every other
copy of it, into the ciphertext. Rows stored in clear before encryption existed keep working
(read() accepts them) until the next login or rotate_token_keys seals them.
"""
import base64
import json
import logging
from functools import lru_cache
from urllib.parse import parse_qsl

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

ENCRYPTED = "encrypted_access_token"  # where CapX keeps the token, encrypted
PLAIN = "access_token"  # where social-core puts it, in clear
FIELDS = ("oauth_token", "oauth_token_secret")

__all__ = ["ENCRYPTED", "InvalidToken", "development_key", "encrypt", "decrypt", "rotate",
           "seal", "read"]


def development_key(secret_key):
    """The key of a development machine (DEBUG on, no CAPX_TOKEN_KEYS): HKDF-SHA256 of
    SECRET_KEY, as Fernet wants it (32 bytes, URL-safe base64). Changing SECRET_KEY makes the
    stored tokens unreadable: their owners log in again."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"capx meta-wiki oauth tokens").derive(secret_key.encode())
    return base64.urlsafe_b64encode(derived).decode()


def keys():
    keys = settings.CAPX_TOKEN_KEYS  # a list (capx/settings.py reads it with env_list)
    if not keys:
        raise ImproperlyConfigured(
            "CAPX_TOKEN_KEYS is not set: CapX cannot encrypt or read the Meta-Wiki tokens it "
            "stores. Set it to one or more Fernet keys (README, Configuration).")
    return tuple(keys)


@lru_cache(maxsize=8)
def _cipher(keys):
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError):  # Fernet says which is wrong without quoting the key
        raise ImproperlyConfigured(
            "CAPX_TOKEN_KEYS holds a value that is not a Fernet key (32 bytes in URL-safe "
            "base64, 44 characters).") from None


def cipher():
    return _cipher(keys())


def as_token(value):
    """A plaintext access token in any form social-core keeps it (the dict, or its query
    string form "oauth_token=...&oauth_token_secret=..."), as the dict; else None."""
    if isinstance(value, (str, bytes)):
        try:
            value = dict(parse_qsl(value.decode() if isinstance(value, bytes) else value))
        except (UnicodeDecodeError, ValueError):
            return None
    if isinstance(value, dict) and all(isinstance(value.get(field), str) and value[field]
                                       for field in FIELDS):
        return {field: value[field] for field in FIELDS}
    return None


def encrypt(token):
    """The Fernet token (text) of an access token {"oauth_token", "oauth_token_secret"}."""
    token = as_token(token)
    if token is None:
        raise ValueError("not an OAuth 1.0a access token")
    return cipher().encrypt(json.dumps(token, separators=(",", ":")).encode()).decode()


def decrypt(ciphertext):
    """The access token dict, or None when no key of CAPX_TOKEN_KEYS opens it (or it is not
    one)."""
    if not isinstance(ciphertext, str) or not ciphertext:
        return None
    try:
        return as_token(json.loads(cipher().decrypt(ciphertext.encode())))
    except (InvalidToken, ValueError):
        return None


def rotate(ciphertext):
    """The same token encrypted with the first key; raises InvalidToken if no key opens it."""
    if not isinstance(ciphertext, str) or not ciphertext:
        raise InvalidToken
    return cipher().rotate(ciphertext.encode()).decode()


def seal(extra_data):
    """extra_data with the plaintext token social-core put under "access_token" encrypted
    under ENCRYPTED, and every plaintext copy of it (any entry that quotes its key or its
    secret) removed. Without a plaintext token, an encrypted one already there is kept."""
    extra = dict(extra_data) if isinstance(extra_data, dict) else {}
    if PLAIN not in extra:
        return extra
    token = as_token(extra.pop(PLAIN))
    extra.pop(ENCRYPTED, None)  # a fresh token (or none) replaces any earlier one
    if token is not None:
        for name in [name for name, value in extra.items() if _quotes(value, token)]:
            del extra[name]
        extra[ENCRYPTED] = encrypt(token)
    return extra


def _quotes(value, token):
    text = json.dumps(value, default=str)
    return any(token[field] in text for field in FIELDS)


def read(extra_data):
    """The access token a login's extra_data holds, decrypted; a plaintext one stored before
    encryption is accepted as it is. None when there is none or no key opens it."""
    extra = extra_data if isinstance(extra_data, dict) else {}
    if ENCRYPTED in extra:
        token = decrypt(extra[ENCRYPTED])
        if token is None:
            logger.warning("A stored Meta-Wiki token cannot be decrypted with any key of "
                           "CAPX_TOKEN_KEYS; its owner must log in again to send messages.")
        return token
    return as_token(extra.get(PLAIN))


# --- System checks (registered in profiles/apps.py) ----------------------------------------

def check_keys_set(app_configs=None, **kwargs):
    """check --deploy: production needs CAPX_TOKEN_KEYS (DEBUG on derives one by itself)."""
    from django.core.checks import Error
    try:
        keys()
    except ImproperlyConfigured:
        return [Error(
            "CAPX_TOKEN_KEYS is not set, so CapX cannot encrypt the Meta-Wiki OAuth tokens "
            "it stores, nor read them: logins and messages fail.",
            hint='Set CAPX_TOKEN_KEYS to a Fernet key, made with: python -c "from '
                 'cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"',
            id="capx.E001")]
    return []


def check_keys_valid(app_configs=None, **kwargs):
    """Every check: a value of CAPX_TOKEN_KEYS that is not a Fernet key is an error."""
    from django.core.checks import Error
    try:
        cipher()
    except ImproperlyConfigured as problem:
        if "not a Fernet key" in str(problem):
            return [Error(str(problem), hint="Each key is made with Fernet.generate_key() "
                                             "(README, Configuration).", id="capx.E002")]
    return []
