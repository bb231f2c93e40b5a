"""Who may see the receiver's data: only the members of one auth group, in the admin. Not
staff as such, not superusers: the group is the only way in. (The group itself is made by a
data migration elsewhere; tests make it with Group.objects.get_or_create(name=LC_TEAM).)"""

LC_TEAM = "LC team"


def in_lc_team(user) -> bool:
    """Whether this user is an active member of the LC team group (asked once per user object,
    so once per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, "_capx_in_lc_team", None)
    if cached is None:
        cached = user.groups.filter(name=LC_TEAM).exists()
        user._capx_in_lc_team = cached
    return cached
