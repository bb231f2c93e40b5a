"""/message (Write) and /message/sent (Sent). Writing goes in steps, each a plain POST of
the same form so it all works without JavaScript: "Check recipient" asks Meta-Wiki who it
is and how they can be written to; "Send message" shows the confirmation page (a dialog
with static/js/message.js); there "Cancel" comes back with everything kept, and
"Confirm/Send" sends through Meta-Wiki, then the success dialog tells of the Sent tab."""
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from capx.navigation import LOG_PAGE_SIZE, as_key, tabs
from messaging.forms import MessageForm, methods_offered
from messaging.models import Message
from messaging.sending import (SUBJECT_PREFIX, CannotSend, check_recipient, oauth_token,
                               over_the_limit, send)

BOTH = (Message.Method.EMAIL, Message.Method.TALKPAGE)


def message_tabs(request):
    return tabs(request, (_("Write"), "messaging:write"), (_("Sent"), "messaging:sent"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def write(request):
    token = oauth_token(request.user)
    if token is None:  # the development login, or a Meta-Wiki login whose token is gone
        return render(request, "messaging/write.html", {
            "tabs": message_tabs(request), "form": None,
            "log_in_again": request.user.social_auth.filter(provider="mediawiki").exists()})
    if request.method != "POST":
        return _fresh_form(request, token)
    step = request.POST.get("step")
    if step == "send":
        return _send(request, token)
    if step == "edit":  # "Cancel" on the confirmation: back to Write, nothing lost
        return _render_write(request, MessageForm(request.POST))
    if step == "review":
        form = MessageForm(request.POST, methods=BOTH)
        recipient = _checked(request, token, form)
        if recipient and form.is_valid():
            limit = over_the_limit(request.user)
            if limit is None:
                return render(request, "messaging/confirm.html", {
                    "tabs": message_tabs(request), "form": form, "recipient": recipient,
                    "subject": SUBJECT_PREFIX + form.cleaned_data["subject"],
                    "by_email": form.cleaned_data["method"] == Message.Method.EMAIL})
            form.add_error(None, limit)
        return _render_write(request, form, recipient=recipient)
    # "Check recipient" (without JavaScript): only To is judged, the rest is kept as typed.
    return _render_checked(request, token, request.POST.dict())


def _fresh_form(request, token):
    """Write, empty or with To filled (Let's Talk: ?to=<username>), which is then checked at
    once: the sender asked to write to them. ?sent=<id> opens the success dialog."""
    sent_id = as_key(request.GET.get("sent", ""))
    sent = Message.objects.filter(sender=request.user, pk=sent_id,
                                  status=Message.Status.SENT).first() if sent_id else None
    return _render_checked(request, token, {"to": request.GET.get("to", "")}, sent=sent)


def _render_checked(request, token, typed, sent=None):
    """Write with what was typed so far, its recipient checked on Meta-Wiki when To is
    filled in: the contact methods offered follow, and a problem shows next to To."""
    to = typed.get("to", "").strip()
    recipient, problem = None, None
    if to:
        checking = MessageForm({"to": to}, methods=BOTH)
        recipient = _checked(request, token, checking)
        problem = checking.errors.get("to") or checking.non_field_errors() or None
    form = MessageForm(initial={**typed, "to": recipient.name if recipient else to},
                       methods=recipient.methods if recipient else BOTH)
    return _render_write(request, form, recipient=recipient, to_problem=problem, sent=sent)


def _checked(request, token, form):
    """Asks Meta-Wiki about the form's recipient (if To itself is fine) and offers only the
    contact methods possible; what is wrong lands on the form, next to its field."""
    if not form.is_valid() and "to" in form.errors:
        return None
    try:
        recipient = check_recipient(request.user, token, form.cleaned_data["to"])
    except CannotSend as problem:
        _tell(request, form, problem)
        return None
    chosen = form.cleaned_data.get("method")
    if chosen and chosen not in recipient.methods:
        form.add_error("method", recipient.no_email_because)
    form.offer(recipient.methods)
    return recipient


def _send(request, token):
    # Judged against both methods: the one no longer possible is for send() to tell.
    form = MessageForm(request.POST, methods=BOTH)
    offered = methods_offered(request.POST)
    if not form.is_valid():
        form.offer(offered)
        return _render_write(request, form)
    data = form.cleaned_data
    with transaction.atomic():
        # One send at a time per sender, so two at once cannot both pass the hourly limit.
        get_user_model().objects.select_for_update().filter(pk=request.user.pk).exists()
        limit = over_the_limit(request.user)
        try:
            entry = None if limit else send(request.user, token, data["to"], data["method"],
                                            data["subject"], data["text"])
        except CannotSend as problem:  # logged: the entry stays, the form comes back
            _tell(request, form, problem, offered)
            return _render_write(request, form)
    if limit:
        form.add_error(None, limit)
        form.offer(offered)
        return _render_write(request, form)
    return redirect(f"{reverse('messaging:write')}?sent={entry.pk}")


def _tell(request, form, problem, methods=None):
    form.add_error(problem.field, problem.message)
    if problem.methods or methods:
        form.offer(problem.methods or methods)
    if problem.log_in_again:
        request.log_in_again = True


def _render_write(request, form, recipient=None, to_problem=None, sent=None):
    return render(request, "messaging/write.html", {
        "tabs": message_tabs(request),
        "form": form,
        "recipient": recipient,
        "to_problem": to_problem,
        "sent": sent,
        "sent_url": reverse("messaging:sent"),
        "log_in_again": getattr(request, "log_in_again", False),
        "login_url": f"{reverse('login')}?next={reverse('messaging:write')}",
    })


@require_safe
@login_required
def recipient(request):
    """For static/js/message.js: who ?to= is and how they can be written to, as JSON."""
    token = oauth_token(request.user)
    if token is None:
        return JsonResponse({"error": None, "methods": []}, status=403)
    form = MessageForm({"to": request.GET.get("to", "")}, methods=BOTH)
    found = _checked(request, token, form)
    errors = form.errors.get("to") or form.non_field_errors()
    return JsonResponse({
        "name": found.name if found else None,
        "methods": [{"value": value, "label": str(label)}
                    for value, label in form.fields["method"].choices],
        "note": found.no_email_because if found else "",
        "error": " ".join(errors) if errors and not found else None,
        "log_in_again": getattr(request, "log_in_again", False),
    })


@require_safe
@login_required
def sent(request):
    page = Paginator(Message.objects.filter(sender=request.user), LOG_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "messaging/sent.html", {"tabs": message_tabs(request), "page": page})
