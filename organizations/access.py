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


def manages(request, organization=None):
    """Whether the signed-in user manages this organization (an Organization or its id), or
    any organization when it is None (the admin lets them in then)."""
    ids = {managed.pk for managed in managed_organizations(request)}
    if organization is None:
        return bool(ids)
    return getattr(organization, "pk", organization) in ids
