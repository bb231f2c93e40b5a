"""The key pair of registrations: CapX signs each token (RS256) with the private key, the
receiver checks it with the public one.

In development, make_development_keys() makes a 2048-bit RSA pair (PEM; the private key's
file mode 0600, its folder 0700) at settings.LETSCONNECT_PRIVATE_KEY_FILE and
settings.LETSCONNECT_PUBLIC_KEY_FILE (var/letsconnect/ with DEBUG on) when it is missing;
bin/serve runs `python -m letsconnect_receiver.keys`. In production both files are named in
the environment and never made here: the private key is CapX's, the public one the service's.
"""
import os
import sys
from pathlib import Path


class KeyFileError(RuntimeError):
    """The public key cannot be read (not configured, missing, unreadable)."""


def _pair() -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return private, public_pem(private)


def public_pem(private_pem: bytes) -> bytes:
    """The public key (PEM, SubjectPublicKeyInfo) of a private key in PEM."""
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(private_pem, password=None)
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)


def _write(path: Path, data: bytes, mode: int):
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.chmod(temporary, mode)  # whatever the umask
        os.replace(temporary, path)  # a reader never sees half a key
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def make_development_keys(private_file: str | Path | None = None,
                          public_file: str | Path | None = None) -> bool:
    """Makes the key pair at these paths (by default the settings' LETSCONNECT_PRIVATE_KEY_FILE
    and LETSCONNECT_PUBLIC_KEY_FILE) unless it is there: a missing public key is derived from
    the private one; a missing private key means a new pair (the old public key is useless
    without it). Returns whether anything was written."""
    if private_file is None or public_file is None:
        from django.conf import settings
        private_file = private_file or settings.LETSCONNECT_PRIVATE_KEY_FILE
        public_file = public_file or settings.LETSCONNECT_PUBLIC_KEY_FILE
    if not private_file or not public_file:
        raise ValueError("LETSCONNECT_PRIVATE_KEY_FILE and LETSCONNECT_PUBLIC_KEY_FILE must "
                         "both name a file")
    private_path, public_path = Path(private_file), Path(public_file)
    if private_path.exists():
        if public_path.exists():
            return False
        _write(public_path, public_pem(private_path.read_bytes()), 0o644)
        return True
    private, public = _pair()
    _write(private_path, private, 0o600)
    _write(public_path, public, 0o644)
    return True


def public_key():
    """The RSA public key the receiver checks tokens with, read from
    settings.LETSCONNECT_PUBLIC_KEY_FILE on each use (so a test or a key rotation needs no
    restart). Raises KeyFileError when it is not set, not readable or not an RSA public key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.conf import settings

    name = settings.LETSCONNECT_PUBLIC_KEY_FILE
    if not name:
        raise KeyFileError("LETSCONNECT_PUBLIC_KEY_FILE is not set")
    try:
        key = serialization.load_pem_public_key(Path(name).read_bytes())
    except OSError as error:
        raise KeyFileError(f"the public key {name} cannot be read ({error.strerror})") from None
    except ValueError:
        key = None
    if not isinstance(key, rsa.RSAPublicKey):
        raise KeyFileError(f"{name} is not an RSA public key in PEM")
    return key


def main() -> int:
    """Development only (DEBUG on): makes the key pair where the settings say, if missing."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capx.settings")
    from django.conf import settings

    if not settings.DEBUG:
        print("CapX: Let's Connect keys are made only in development (DEBUG=1); in production "
              "name your key files in LETSCONNECT_PRIVATE_KEY_FILE and "
              "LETSCONNECT_PUBLIC_KEY_FILE", file=sys.stderr)
        return 1
    try:
        made = make_development_keys()
    except (ValueError, OSError) as error:
        print(f"CapX: Let's Connect keys: {error}", file=sys.stderr)
        return 1
    if made:
        print(f"CapX: made a development key pair for Let's Connect: "
              f"{settings.LETSCONNECT_PRIVATE_KEY_FILE}, {settings.LETSCONNECT_PUBLIC_KEY_FILE}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
