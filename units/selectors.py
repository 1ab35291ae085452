"""Reads about organisations and who belongs where."""

from .enums import Role
from .models import Membership, Organization

MANAGING_ROLES = (Role.HEAD, Role.STAFF)


def organization_ids_for(user, roles=MANAGING_ROLES):
    """Ids of the organisations where the user holds one of the roles (cached per request user)."""
    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_thidua_org_ids", {})
    key = tuple(sorted(roles))
    if key not in cache:
        cache[key] = frozenset(
            Membership.objects.filter(user=user, role__in=roles).values_list("organization_id", flat=True)
        )
    return cache[key]


def organization_tree():
    """All organisations in tree order with their parent, one query."""
    return Organization.objects.select_related("parent", "successor").order_by("path")


def users_of(organization_ids, roles=MANAGING_ROLES):
    return Membership.objects.filter(organization_id__in=organization_ids, role__in=roles).select_related(
        "user", "organization"
    )
