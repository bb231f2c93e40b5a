"""Sending a message through Meta-Wiki as the signed-in user: whom they may write to and by
which method, the hourly limit, and the log (capx/wikimedia/metawiki_messages.py talks to
Meta-Wiki). Only the log is stored: recipient, method, status, error, date."""
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from capx import limits
from capx.wikimedia import metawiki_messages
from capx.wikimedia.http import APIRefusal, WikimediaError
from messaging.models import Message
from profiles.accounts import tokens

SUBJECT_PREFIX = "[Capacity Exchange] "
Method = Message.Method


class CannotSend(Exception):
    """Why a message cannot go (or did not go), in plain words. `field`: the form field it is
    about ("to", "method") or None; `log_in_again`: the stored OAuth token is of no use."""

    def __init__(self, message, field=None, log_in_again=False, methods=None, logged=None):
        super().__init__(message)
        self.message, self.field, self.log_in_again = message, field, log_in_again
        self.methods = methods  # what is still possible, when the method was the problem
        self.logged = logged or message  # what the log keeps: never a quote of the message


@dataclass(frozen=True)
class Recipient:
    name: str  # as Meta-Wiki spells it
    methods: tuple  # Method values, Email first when possible
    no_email_because: str = ""


def oauth_token(user):
    """The access token stored (encrypted) at the user's Meta-Wiki login, decrypted: a dict
    {"oauth_token", "oauth_token_secret"}; None when there is none (the development login)
    or no key of CAPX_TOKEN_KEYS opens it (profiles/accounts/tokens.py)."""
    link = user.social_auth.filter(provider="mediawiki").first()
    return tokens.read(link.extra_data) if link else None


def over_the_limit(user):
    """The hourly limit (CAPX_MESSAGES_PER_HOUR) counts every logged attempt, sent or not:
    each one asked Meta-Wiki to act for the sender."""
    if not limits.reached(Message.objects.filter(sender=user), settings.CAPX_MESSAGES_PER_HOUR,
                          timedelta(hours=1)):
        return None
    return _("You have sent or tried to send %(count)d messages in the last hour, the most "
             "CapX sends for one person. Your message is kept below: send it later.") % {
        "count": settings.CAPX_MESSAGES_PER_HOUR}


def check_recipient(user, token, to):
    """Who `to` is on Meta-Wiki and how they can be written to: Email only when both the
    sender and the recipient accept email from other users (one request for both)."""
    try:
        sender, recipient = metawiki_messages.look_up(token, user.username, to)
    except WikimediaError as error:
        raise explained(error, to) from None
    if recipient.invalid:
        raise CannotSend(_("“%(name)s” cannot be a Wikimedia username. Check what you typed.")
                         % {"name": to}, field="to")
    if not recipient.exists:
        raise CannotSend(_("There is no Wikimedia account named “%(name)s”. Check the "
                           "spelling.") % {"name": recipient.name}, field="to")
    if recipient.name == sender.name:
        raise CannotSend(_("This is your own username: write to someone else."), field="to")
    if not sender.emailable:
        why = _("Email is not offered because your Wikimedia account has no email address "
                "that other users may write to (Meta-Wiki's Preferences). Your message can go "
                "to %(name)s's talk page.") % {"name": recipient.name}
    elif not recipient.emailable:
        why = _("Email is not offered because %(name)s has no email address that other users "
                "may write to. Your message can go to their talk page.") % {
            "name": recipient.name}
    else:
        why = ""
    methods = (Method.TALKPAGE,) if why else (Method.EMAIL, Method.TALKPAGE)
    return Recipient(recipient.name, methods, why)


def send(user, token, to, method, subject, text):
    """Sends the message and logs it, sent or not. Returns the log entry; raises CannotSend
    (logged as an error) when it did not go. Email that is no longer possible is never
    posted on the talk page instead: the sender chooses."""
    name = to
    try:
        recipient = check_recipient(user, token, to)
        name = recipient.name
        if method not in recipient.methods:
            raise CannotSend(_("Email is no longer possible. %(why)s Choose Talkpage to post it "
                               "there, or cancel.") % {"why": recipient.no_email_because},
                             field="method", methods=recipient.methods)
        try:
            csrf = metawiki_messages.csrf_token(token)
        except WikimediaError as error:
            raise explained(error, name) from None  # asked before anything was sent
        deliver = (metawiki_messages.send_email if method == Method.EMAIL
                   else metawiki_messages.post_on_talk_page)
        deliver(token, csrf, recipient.name, SUBJECT_PREFIX + subject, text)
    except (CannotSend, WikimediaError) as failure:
        if not isinstance(failure, CannotSend):
            failure = explained(failure, name, sending=True)
        Message.objects.create(sender=user, recipient=name, method=method,
                               status=Message.Status.ERROR, error=failure.logged)
        raise failure from None
    return Message.objects.create(sender=user, recipient=name, method=method,
                                  status=Message.Status.SENT)


def explained(error, recipient, sending=False):
    """A failed call to Meta-Wiki as CannotSend, in words for the sender. `sending`: the
    call was the send itself, which may have gone through before the answer was lost."""
    if not isinstance(error, APIRefusal):
        if sending:
            return CannotSend(_("Meta-Wiki did not answer in time, so CapX cannot tell whether "
                                "your message went. It is kept below: check your email copy "
                                "or the talk page before you send it again."))
        return CannotSend(_("Meta-Wiki did not answer, so nothing was sent. Your message is "
                            "kept below: try again in a few minutes."))
    code, info = error.code, error.info
    if code.startswith("mwoauth-invalid-authorization"):
        return CannotSend(_("Meta-Wiki no longer accepts CapX's permission to act for your "
                            "account (it may have been revoked). Log in again to send "
                            "messages."), log_in_again=True)
    if code in ("permissiondenied", "mwoauth-grant-permissiondenied", "writeapidenied"):
        return CannotSend(_("The permission you gave CapX on Meta-Wiki does not include "
                            "sending messages. Log in again and allow it."), log_in_again=True)
    if code in ("blocked", "autoblocked", "blockedfrommail", "globalblocking-blockedtext"):
        return CannotSend(_("Meta-Wiki says your account is blocked from doing this: %(info)s")
                          % {"info": info})
    if code == "ratelimited":
        return CannotSend(_("Meta-Wiki says you have sent too many messages in a short time. "
                            "Wait a few minutes, then try again."))
    if code == "badtoken":
        return CannotSend(_("Meta-Wiki did not accept this session's token. Try again; if it "
                            "happens again, log out and log in."))
    if code == "noemail":
        return CannotSend(_("%(name)s does not accept email from other users. Choose "
                            "Talkpage instead.") % {"name": recipient}, field="method",
                          methods=(Method.TALKPAGE,))
    if code == "mailnologin":
        return CannotSend(_("Your Wikimedia account has no email address that can send email "
                            "(Meta-Wiki's Preferences). Choose Talkpage instead."),
                          field="method", methods=(Method.TALKPAGE,))
    if code == "notarget":
        return CannotSend(_("There is no Wikimedia account named “%(name)s”. Check the "
                            "spelling.") % {"name": recipient}, field="to")
    if code in ("protectedpage", "cascadeprotected", "protectedtitle"):
        return CannotSend(_("The talk page of %(name)s is protected, so you cannot post there. "
                            "Try email.") % {"name": recipient}, field="method")
    if code == "readonly":
        return CannotSend(_("Meta-Wiki is read-only for maintenance right now. Try again "
                            "later."))
    # Meta-Wiki's words may quote the message (a blacklisted link): shown, not kept.
    return CannotSend(_("Meta-Wiki refused the message: %(info)s") % {"info": info},
                      logged=_("Meta-Wiki refused the message (%(code)s).") % {"code": code})
