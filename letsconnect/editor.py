"""Let's Connect in the profile editor (profiles/views.py): "Let's Connect Integration" at
the top, the special form at the bottom. Each step is a button of the profile form
(name="letsconnect") that shows the editor again with everything as typed, nothing saved:

- integrate_ask / integrate: the confirmation, then the earlier participant's data added to
  the form (letsconnect/integration.py);
- review: the special form checked, then its confirmation with the privacy statement;
- confirm: the answers held in the form until "Save profile" sends them; clear: discarded.

Saving the profile then sends the confirmed answers (send_confirmed)."""
import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _, gettext_lazy

from capx.wikimedia import letsconnect as service
from capx.wikimedia.http import WikimediaError
from letsconnect import integration
from letsconnect.badges import refresh_badges
from letsconnect.forms import NOT_LISTED, LetsConnectForm
from letsconnect.models import Integration, Registration
from profiles import badges

STEPS = ("integrate_ask", "integrate_cancel", "integrate", "review", "confirm", "clear")
INTEGRATED = "letsconnect_integrated"  # posted once the form holds integrated data
EXISTS_SECONDS = 600  # how long Let's Connect's "is registered" answer is reused
UNKNOWN_SECONDS = 60  # ... and its silence
NEEDS_ATTENTION = gettext_lazy("Your Let's Connect answers need your attention (below): "
                               "correct them, or use Clean and go back.")


def take_step(request, data, step):
    """Carries out `step` on `data` (the posted profile form, a mutable copy). Returns the
    special form to show and its state: "reviewing" (its confirmation open), "pending"
    (confirmed, sent at the next save) or None."""
    if step == "clear":
        for name in [name for name in data if name.startswith(f"{LetsConnectForm.prefix}-")]:
            del data[name]
        messages.info(request, _("Your Let's Connect answers were discarded."))
        return LetsConnectForm(), None
    if step == "integrate":
        pull_earlier_profile(request, data)
    special = LetsConnectForm(data)
    if step in ("review", "confirm") and not special.is_valid():
        messages.error(request, NEEDS_ATTENTION)
        return special, None
    if step == "review":
        return special, "reviewing"
    if step == "confirm":
        data[special.add_prefix("confirmed")] = "True"
        messages.info(request, _("Your Let's Connect answers will be sent when you save your "
                                 "profile."))
        return LetsConnectForm(data), "pending"
    return (special if special.started() else LetsConnectForm()), state_of(special)


def state_of(special):
    return "pending" if special.is_bound and special.data.get(
        special.add_prefix("confirmed")) == "True" and special.is_valid() else None


def pull_earlier_profile(request, data):
    try:
        earlier = service.earlier_profile(request.user.username)
    except WikimediaError as error:
        messages.error(request, _("Let's Connect could not be asked for your data, so nothing "
                                  "was added: %(reason)s Try again later.") % {"reason": error})
        return
    if earlier is None:
        messages.warning(request, _("Let's Connect has no earlier profile for %(name)s, so "
                                    "there was nothing to add. You can sign up at the bottom "
                                    "of this page.") % {"name": request.user.username})
        return
    unmatched = integration.fill(data, earlier)
    data[INTEGRATED] = "1"
    messages.info(request, _("Your Let's Connect data is in the form below. Review it, "
                             "then save your profile to keep it."))
    if unmatched:
        messages.warning(request, _("These could not be matched to anything on CapX and were "
                                    "left out: %(items)s.") % {"items": "; ".join(unmatched)})


def to_send(request):
    """The special form of a profile save: (form, whether to send it). A form filled in
    but not confirmed, or confirmed but incomplete, stops the save."""
    special = LetsConnectForm(request.POST)
    if not service.is_configured() or not special.started():  # no special form on the page: nothing of it
        return special, False
    if not special.is_valid():
        messages.error(request, NEEDS_ATTENTION)
        return special, None
    if special.cleaned_data["confirmed"]:
        return special, True
    messages.warning(request, _("Read and confirm your Let's Connect answers (below) before "
                                "they are sent, or use Clean and go back."))
    return special, None


def after_save(request, data):
    """What a saved profile form changes here: the integration button goes."""
    if data.get(INTEGRATED):
        Integration.objects.get_or_create(user=request.user)


def send_confirmed(request, special):
    """Sends the confirmed answers; True when Let's Connect took them. On failure the
    person is told, and the answers are kept in the form to try again."""
    try:
        confirmation = service.register(request.user.username, **special.registration())
    except WikimediaError as error:
        messages.error(request, _("Your profile was saved, but your Let's Connect registration "
                                  "was not sent: %(reason)s Your answers are still below: save "
                                  "your profile again to retry.") % {"reason": error})
        return False
    with transaction.atomic():
        Registration.objects.create(user=request.user, confirmation=confirmation)
        badges.award_user(request.user, "lets_connect")  # "Where Paths Cross (Let's Connect)"
    refresh_badges(request.user)
    messages.success(request, _("Your Let's Connect registration was sent (confirmation "
                                "%(confirmation)s).") % {"confirmation": confirmation})
    return True


def registered(user):
    """Whether the user is a Let's Connect participant: registered through CapX, or known
    to Let's Connect (its /exists/, asked at most every EXISTS_SECONDS). None when it could
    not be asked (then not again for UNKNOWN_SECONDS: each editor page would wait)."""
    if Registration.objects.filter(user=user).exists():
        return True
    key = exists_key(user.username)
    known = cache.get(key, "ask")
    if known == "ask":
        try:
            known = service.exists(user.username)
        except WikimediaError:
            known = None
        cache.set(key, known, EXISTS_SECONDS if known is not None else UNKNOWN_SECONDS)
    return known


def exists_key(username):
    return "letsconnect-exists:" + hashlib.blake2b(username.encode(), digest_size=12).hexdigest()


def editor_context(user, data=None, special=None, state=None):
    """What the editor's templates need about Let's Connect. `data`: the editor's form as
    posted (None for a fresh one): answers typed into the special form are always kept."""
    if not service.is_configured():
        return {"enabled": False}
    if special is None:
        special = LetsConnectForm(data) if data is not None else LetsConnectForm()
        special = special if special.started() else LetsConnectForm()
        state = state_of(special)
    return {
        "form": special,
        "state": state,
        "held": held(special) if state == "pending" else [],
        "answers": answers(special) if state == "reviewing" else [],
        "enabled": True,
        "integrated": bool(data and data.get(INTEGRATED)),
        "integration_offered": not (data and data.get(INTEGRATED))
        and not Integration.objects.filter(user=user).exists(),
        "registered": registered(user),
    }


def held(special):
    """The special form's answers as hidden inputs, while they wait for the save."""
    return [(name, value) for name, values in special.data.lists()
            if name.startswith(f"{special.prefix}-") for value in values]


def answers(special):
    """(label, answer) of a valid special form, as its confirmation lists them."""
    data = special.cleaned_data
    choices = {name: dict(special.fields[name].choices) for name in ("role", "areas", "gender",
                                                                       "age")}
    topics = [str(choices["areas"][area]) for area in data["areas"]] + [data["area_other"]]
    gender = data["gender_other"] if data["gender"] == NOT_LISTED else choices["gender"].get(
        data["gender"], "")
    return [(special.fields["full_name"].label, data["full_name"]),
            (special.fields["email"].label, data["email"]),
            (special.fields["role"].label, choices["role"][data["role"]]),
            (special.fields["areas"].label, ", ".join(topic for topic in topics if topic)),
            (special.fields["gender"].label, gender),
            (special.fields["age"].label, choices["age"].get(data["age"], ""))]


def state_on_save(special):
    """The special form's state when the save stopped: its confirmation again, or kept."""
    if not special.started() or not special.is_valid():
        return None
    return "pending" if special.cleaned_data["confirmed"] else "reviewing"
