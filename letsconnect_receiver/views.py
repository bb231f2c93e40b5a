"""The Let's Connect contract, as the real service answers it (paths with their trailing
slashes, same shapes): /exists/, /profile/, /user-badges/, /badge/<code>/ and /endpoint/."""
import json
import logging

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from capx.wikimedia.wikidata import spaced
from letsconnect_receiver.keys import KeyFileError
from letsconnect_receiver.models import Badge, Participant
from letsconnect_receiver.registration import Refused, register

logger = logging.getLogger(__name__)


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _username(request) -> str | None:
    """The ?username= asked for, as Meta-Wiki writes it (underscores are spaces)."""
    return spaced(request.GET.get("username", "")) or None


def _no_username() -> JsonResponse:
    return _error("Give a username: ?username=<the Meta-Wiki username>.", 400)


@require_safe
def exists(request):
    username = _username(request)
    if username is None:
        return _no_username()
    return JsonResponse({"exists": Participant.objects.filter(username=username).exists()})


@require_safe
def profile(request):
    """A participant's data; an unknown name is a 404 HTML page, as the real service answers."""
    username = _username(request)
    if username is None:
        return _no_username()
    return JsonResponse(get_object_or_404(Participant, username=username).profile_data())


@require_safe
def user_badges(request):
    username = _username(request)
    if username is None:
        return _no_username()
    badges = Badge.objects.filter(username=username).order_by("-timestamp", "-pk")
    return JsonResponse([badge.data() for badge in badges], safe=False)


@require_safe
def badge(request, verification_code):
    found = Badge.objects.filter(verification_code=verification_code).first()
    if found is None:
        raise Http404("No badge has this verification code.")
    return render(request, "letsconnect_receiver/badge.html", {"badge": found})


@csrf_exempt  # a machine endpoint: the signed token is what proves who sent it
def endpoint(request):
    if request.method != "POST":
        answer = _error('POST a JSON body: {"token": "<JWT>"}.', 405)
        answer["Allow"] = "POST"
        return answer
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _error('The body is not JSON: send {"token": "<JWT>"}.', 400)
    token = body.get("token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token.strip():
        return _error('The body has no token: send {"token": "<JWT>"}.', 400)
    try:
        participant, created = register(token.strip())
    except Refused as refusal:
        return _error(refusal.message, refusal.status)
    except KeyFileError as error:
        logger.error("Let's Connect receiver: %s", error)
        return _error("The receiver cannot check tokens: its public key is not configured.", 503)
    return JsonResponse({
        "message": ("Registered in Let's Connect." if created
                    else "Your Let's Connect registration was updated."),
        "confirmation": participant.confirmation,
    })
