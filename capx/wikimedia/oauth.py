"""Login with Meta-Wiki: the steps CapX adds to social-auth's pipeline, and the friendly
messages for a login that failed."""
import logging
from datetime import datetime, timezone

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from social_core import exceptions as social_errors

logger = logging.getLogger(__name__)


def take_username(details, user=None, **kwargs):
    """Wikimedia usernames are unique and kept exactly as Meta-Wiki spells them."""
    if user is None:
        return {"username": details["username"]}


def store_identity(backend, user, response, **kwargs):
    """Keep the central user id, the current username (after a rename) and the wiki
    birthday from the identify JWT."""
    changed = []
    if user.mediawiki_id != response["sub"]:
        user.mediawiki_id = response["sub"]
        changed.append("mediawiki_id")
    if user.username != response["username"]:
        user.username = response["username"]
        changed.append("username")
    registered = parse_mediawiki_timestamp(response.get("registered"))
    if registered and user.wiki_registered_at != registered:
        user.wiki_registered_at = registered
        changed.append("wiki_registered_at")
    if changed:
        user.save(update_fields=changed)


def parse_mediawiki_timestamp(value):
    """MediaWiki's identify gives 'registered' as YYYYMMDDHHMMSS (UTC), or null."""
    try:
        return datetime.strptime(str(value), "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


class LoginErrorMiddleware:
    """Turns a failed Meta-Wiki login into a clear message on /login instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, social_errors.SocialAuthBaseException):
            return None
        logger.warning("Meta-Wiki login failed: %r", exception)
        messages.error(request, login_error_message(exception))
        return redirect("login")


def login_error_message(exception):
    if isinstance(exception, social_errors.AuthCanceled):
        return _("You did not allow CapX to use your Wikimedia account, so you are not logged "
                 "in. You can try again whenever you like.")
    if isinstance(exception, (social_errors.AuthStateMissing, social_errors.AuthStateForbidden,
                              social_errors.AuthTokenRevoked, social_errors.AuthMissingParameter)):
        return _("This login link has expired or was already used. Please log in again.")
    if isinstance(exception, social_errors.AuthAlreadyAssociated):
        return _("This Wikimedia account is already linked to another CapX account.")
    return _("Meta-Wiki's answer could not be verified, so you are not logged in. "
             "Please try again; if it keeps happening, tell us through a bug report.")
