"""Rules for Wikimedia usernames, shared by the development login and profile fields, and
for addresses of files on Wikimedia Commons."""
import re
import unicodedata

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
    first = name[:1].upper()
    # MediaWiki keeps a first letter whose capital is two letters ("ß" is not "SS").
    return (first if len(first) == 1 else name[:1]) + name[1:]


def invisible_characters(text):
    """Code points a reader cannot see or that reorder what they see: controls, format
    characters (bidirectional overrides and isolates, zero-width spaces and joiners, the
    byte order mark, soft hyphens), private-use, unassigned and surrogate code points."""
    return [c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn", "Cs")
            or c in "\u115f\u1160\u3164\uffa0"]  # Hangul fillers: letters that show nothing


def validate_username(value: str) -> None:
    hidden = invisible_characters(value)
    if hidden:
        raise ValidationError(
            _("A Wikimedia username cannot contain invisible characters (here %(codes)s)."),
            code="invisible",
            params={"codes": ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in hidden))},
        )
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


# A file on Wikimedia Commons: its page, its Special:Redirect/file or Special:FilePath
# address, or the original on upload.wikimedia.org. Only Commons images are shown on CapX
# (the Content-Security-Policy allows no other image host).
COMMONS_FILE_URL = re.compile(
    r"^https://(?:"
    r"commons\.wikimedia\.org/wiki/(?:Special:Redirect/file/|Special:FilePath/|File:)"
    r"|upload\.wikimedia\.org/wikipedia/commons/[0-9a-f]/[0-9a-f]{2}/"
    r")[^/?#]+\.[A-Za-z0-9]{2,5}$"
)


COMMONS_FILE_MESSAGE = _("Enter the address of a file on Wikimedia Commons, such as "
                         "https://commons.wikimedia.org/wiki/Special:FilePath/Example.svg.")


def validate_commons_file_url(value: str) -> None:
    if not COMMONS_FILE_URL.match(value or ""):
        raise ValidationError(COMMONS_FILE_MESSAGE, code="invalid")


METAWIKI_URL = re.compile(r"^https://meta\.wikimedia\.org/wiki/[^\s?#]+$")


def validate_metawiki_url(value: str) -> None:
    if not METAWIKI_URL.match(value or ""):
        raise ValidationError(
            _("Enter the address of a page on Meta-Wiki, such as "
              "https://meta.wikimedia.org/wiki/Wikimedia_Brasil."),
            code="invalid",
        )


WEB_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", re.IGNORECASE)


WEB_URL_MESSAGE = _("Enter a web address starting with https:// or http://, such as "
                    "https://example.org.")


def validate_web_url(value: str) -> None:
    """A link people open: http or https only (never javascript:, data: or a bare name)."""
    if not WEB_URL.match(value or ""):
        raise ValidationError(WEB_URL_MESSAGE, code="invalid")
