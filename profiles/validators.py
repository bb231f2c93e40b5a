"""Rules for Wikimedia usernames, shared by the development login and profile fields."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Characters MediaWiki never allows in a username (see MediaWiki's $wgLegalTitleChars and
# User::isValidUserName): title-illegal ones plus '@', ':' and '/' which mean other things.
FORBIDDEN_CHARACTERS = set("#<>[]|{}@:/\\%\n\r\t")
MAX_LENGTH = 85  # MediaWiki's limit in characters


def normalize_username(value: str) -> str:
    """Meta-Wiki's canonical form: underscores are spaces, runs of spaces are one, and the
    first letter is upper case."""
    name = " ".join(value.replace("_", " ").split())
    return name[:1].upper() + name[1:]


def validate_username(value: str) -> None:
    name = normalize_username(value)
    if not name:
        raise ValidationError(_("Enter a username."), code="required")
    if len(name) > MAX_LENGTH:
        raise ValidationError(
            _("A Wikimedia username has at most %(max)d characters."),
            code="too_long",
            params={"max": MAX_LENGTH},
        )
    bad = sorted(set(name) & FORBIDDEN_CHARACTERS)
    if bad:
        raise ValidationError(
            _("A Wikimedia username cannot contain %(characters)s."),
            code="invalid",
            params={"characters": " ".join(bad)},
        )
