"""The development key pair, and the public key the receiver reads on each use."""
import stat

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from letsconnect_receiver import keys


def test_a_pair_is_made_once_with_a_private_file_only_its_owner_reads(tmp_path):
    private, public = tmp_path / "lc" / "dev-private.pem", tmp_path / "lc" / "dev-public.pem"
    assert keys.make_development_keys(private, public) is True
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(private.parent.stat().st_mode) == 0o700
    key = serialization.load_pem_private_key(private.read_bytes(), password=None)
    assert key.key_size == 2048
    assert public.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    token = jwt.encode({"user": "Maria Silva"}, private.read_bytes(), algorithm="RS256")
    assert jwt.decode(token, public.read_bytes(), algorithms=["RS256"]) == {"user": "Maria Silva"}

    before = private.read_bytes(), public.read_bytes()
    assert keys.make_development_keys(private, public) is False
    assert (private.read_bytes(), public.read_bytes()) == before
    public.unlink()  # a lost public key comes back from the private one
    assert keys.make_development_keys(private, public) is True
    assert (private.read_bytes(), public.read_bytes()) == before
    assert sorted(path.name for path in private.parent.iterdir()) == [
        "dev-private.pem", "dev-public.pem"]  # no temporary file left


def test_the_settings_name_the_files_and_the_entry_point_makes_them(tmp_path, settings):
    settings.LETSCONNECT_PRIVATE_KEY_FILE = str(tmp_path / "private.pem")
    settings.LETSCONNECT_PUBLIC_KEY_FILE = str(tmp_path / "public.pem")
    settings.DEBUG = True
    assert keys.main() == 0
    assert (tmp_path / "private.pem").exists()
    assert isinstance(keys.public_key(), type(serialization.load_pem_public_key(
        (tmp_path / "public.pem").read_bytes())))


def test_in_production_no_key_is_made(tmp_path, settings, capsys):
    settings.DEBUG = False
    settings.LETSCONNECT_PRIVATE_KEY_FILE = str(tmp_path / "keys" / "private.pem")
    settings.LETSCONNECT_PUBLIC_KEY_FILE = str(tmp_path / "keys" / "public.pem")
    assert keys.main() == 1
    assert "LETSCONNECT_PRIVATE_KEY_FILE" in capsys.readouterr().err
    assert not (tmp_path / "keys").exists()
    settings.LETSCONNECT_PRIVATE_KEY_FILE = ""
    with pytest.raises(ValueError, match="must both name a file"):
        keys.make_development_keys()


def test_a_public_key_that_cannot_be_used_is_said(tmp_path, settings):
    settings.LETSCONNECT_PUBLIC_KEY_FILE = ""
    with pytest.raises(keys.KeyFileError, match="not set"):
        keys.public_key()
    settings.LETSCONNECT_PUBLIC_KEY_FILE = str(tmp_path / "missing.pem")
    with pytest.raises(keys.KeyFileError, match="cannot be read"):
        keys.public_key()
    (tmp_path / "garbage.pem").write_text("not a key")
    settings.LETSCONNECT_PUBLIC_KEY_FILE = str(tmp_path / "garbage.pem")
    with pytest.raises(keys.KeyFileError, match="not an RSA public key"):
        keys.public_key()
