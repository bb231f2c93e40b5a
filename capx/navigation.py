from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default="/home"):
    """The ?next= / next= target if it stays on this site, else the default: no open redirects."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
