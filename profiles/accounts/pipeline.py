"""Login with Meta-Wiki: the steps CapX adds to social-auth's pipeline, and the friendly
messages for a login that failed. (social-core does the HTTP to Meta-Wiki.)"""
import logging
from datetime import datetime, timezone

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from social_core import exceptions as social_errors

from profiles.accounts import tokens

logger = logging.getLogger(__name__)


def refuse_deactivated(backend, user=None, **kwargs):
    """A deactivated account does not sign in (and its username is not updated either)."""
    if user is not None and not user.is_active:
        raise social_errors.AuthPolicyError(backend, code="account_deactivated",
                                            stage="pipeline")


def take_username(backend, uid, details, user=None, **kwargs):
    """A new CapX account takes the username exactly as Meta-Wiki spells it (spaces kept).
    Accounts are keyed on the central user id, never on the name."""
    if user is not None:
        return None
    users = get_user_model().objects
    known = users.filter(mediawiki_id=uid).first()
    if known is not None:  # e.g. imported before its social-auth link existed
        return {"user": known}
    if users.filter(username=details["username"]).exists():
        # Another account (another central id, or none) holds the name: never merge by name.
        raise social_errors.AuthAssociationError(backend, code="username_in_use",
                                                 stage="pipeline")
    return {"username": details["username"]}


def load_extra_data(backend, details, response, uid, user=None, *args, **kwargs):
    """social-core's load_extra_data (what the backend keeps of the login: the access token,
    the time), except that the token is sealed first: encrypted with CAPX_TOKEN_KEYS' first
    key, no copy left in clear, so it is never written to the database readable. A plaintext
    token of an earlier login is replaced too."""
    social = kwargs.get("social") or backend.strategy.storage.user.get_social_auth(
        backend.name, uid)
    if social:
        extra = dict(social.extra_data) if isinstance(social.extra_data, dict) else {}
        extra.update(backend.extra_data(user, uid, response, details, kwargs))
        extra = tokens.seal(extra)
        if extra != social.extra_data:
            social.extra_data = extra
            social.save()


def store_identity(backend, user, response, **kwargs):
    """Keep the central user id, the current username (after a rename) and the wiki
    birthday from the identify JWT."""
    changed = []
    if user.mediawiki_id != response["sub"]:
        user.mediawiki_id = response["sub"]
        changed.append("mediawiki_id")
    if user.username != response["username"]:
        if type(user).objects.filter(username=response["username"]).exclude(pk=user.pk).exists():
            raise social_errors.AuthAssociationError(backend, code="username_in_use",
                                                     stage="pipeline")
        user.username = response["username"]
        changed.append("username")
    registered = parse_mediawiki_timestamp(response.get("registered"))
    if registered and user.wiki_registered_at != registered:
        user.wiki_registered_at = registered
        changed.append("wiki_registered_at")
    if changed:  # a new username reaches the Explore cards by itself (explore/cards.py)
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
        # The details (provider text, claim) go to the log only, never to the page.
        logger.warning("Meta-Wiki login failed (%s at %s): %r %s",
                       exception.code, exception.stage, exception, exception.detail)
        messages.error(request, login_error_message(exception))
        return redirect("login")


def login_error_message(exception):
    """What the person sees, by kind of failure (social-core 7 gives each a code and stage)."""
    if isinstance(exception, social_errors.AuthCanceled):
        return _("You did not allow CapX to use your Wikimedia account, so you are not logged "
                 "in. You can try again whenever you like.")
    if exception.code == "account_deactivated":
        return _("This account has been deactivated. If you think this is a mistake, "
                 "please contact the CapX team.")
    if exception.recovery == "retry_later":  # timeouts, 5xx, rate limits
        return _("Meta-Wiki could not be reached just now. Please try again in a few minutes.")
    # No pending login in this browser, or Meta-Wiki answered "Error: ..." because it had
    # already exchanged this request token.
    if isinstance(exception, social_errors.AuthSessionError) or (
        isinstance(exception, social_errors.AuthResponseError)
        and exception.stage == "token_exchange"
    ):
        return _("This login link has expired or was already used. Please log in again.")
    if exception.code == "response_expired":
        return _("Meta-Wiki's answer arrived too late and has expired. Please log in again.")
    if exception.code == "username_in_use":
        return _("Another CapX account already uses your Wikimedia username. Please tell us "
                 "through a bug report so we can sort it out.")
    if isinstance(exception, social_errors.AuthAssociationError):
        return _("This Wikimedia account is already linked to another CapX account.")
    if exception.stage == "begin":
        return _("Meta-Wiki did not accept CapX's request to start the login. Please try again "
                 "later; if it keeps happening, tell us through a bug report.")
    return _("Meta-Wiki's answer could not be verified, so you are not logged in. "
             "Please try again; if it keeps happening, tell us through a bug report.")
