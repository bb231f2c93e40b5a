"""Who may edit which organization profile: its managers, set by staff in the admin (the
guide: added manually by the CapX team). Staff who are not managers use the admin."""
from organizations.models import Organization


def managed_organizations(request):
    """The organizations the signed-in user manages, read once per request: the "My profiles"
    menu of every page and the profile's "Edit organization profile" button share it."""
    if not hasattr(request, "_capx_managed_organizations"):
        user = request.user
        request._capx_managed_organizations = (
            list(Organization.objects.filter(managers=user)) if user.is_authenticated
            and user.is_active else [])
    return request._capx_managed_organizations


def manages(request, organization):
    return any(managed.pk == organization.pk for managed in managed_organizations(request))
