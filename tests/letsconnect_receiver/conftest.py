"""The receiver's tests: tokens signed as CapX signs them, with a key pair made here (its
public half is what the receiver reads, through settings.LETSCONNECT_PUBLIC_KEY_FILE)."""
import base64
import hashlib
import hmac
import json
import time
import uuid

import jwt
import pytest

from letsconnect.choices import ROLES
from letsconnect_receiver.keys import _pair
from letsconnect_receiver.models import Badge, Nonce, Participant

ENDPOINT = "/letsconnect/endpoint/"
ROLE = next(iter(ROLES))


@pytest.fixture(scope="session")
def capx_key():
    """CapX's private key and its public key (PEM), made once for the run."""
    return _pair()


@pytest.fixture(scope="session")
def another_key():
    return _pair()


@pytest.fixture(autouse=True)
def receiver_key(capx_key, tmp_path, settings):
    """The receiver checks with CapX's public key, in a file of this test's own."""
    public = tmp_path / "public.pem"
    public.write_bytes(capx_key[1])
    settings.LETSCONNECT_PUBLIC_KEY_FILE = str(public)
    return public


DROP = object()  # a claim left out


def claims(**changes) -> dict:
    """A registration's claims as CapX sends them, with these changes (DROP: left out; a
    function: called now, for a time relative to the moment the token is made)."""
    now = int(time.time())
    values = {
        "user": "Maria Silva",
        "timestamp": now,
        "nonce": str(uuid.uuid4()),
        "full_name": "Maria da Silva",
        "email": "maria@example.org",
        "role": ROLE,
        "area": "Education, Culture, heritage, GLAM",
        "gender": "Woman",
        "age": "25-34",
        "exp": now + 300,
    }
    values.update({name: value() if callable(value) else value
                   for name, value in changes.items()})
    return {name: value for name, value in values.items() if value is not DROP}


def sign(private_pem: bytes, payload: dict, algorithm: str = "RS256", **headers) -> str:
    return jwt.encode(payload, private_pem, algorithm=algorithm, headers=headers or None)


def _segment(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def hs256_with(secret: bytes, payload: dict) -> str:
    """An HS256 token whose secret is the public key: the classic algorithm confusion
    (PyJWT itself refuses to make one, so it is made by hand)."""
    signing_input = f"{_segment({'alg': 'HS256', 'typ': 'JWT'})}.{_segment(payload)}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


def unsigned(payload: dict) -> str:
    return f"{_segment({'alg': 'none', 'typ': 'JWT'})}.{_segment(payload)}."


def post(client, body) -> "HttpResponse":  # noqa: F821
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(ENDPOINT, data=data, content_type="application/json")


def send(client, key, **changes):
    return post(client, {"token": sign(key[0], claims(**changes))})


def lc_state() -> dict:
    """Every row of the receiver's database."""
    return {model.__name__: list(model.objects.order_by("pk").values())
            for model in (Participant, Nonce, Badge)}
