"""Which agencies' SOPs and SOP records a user may read: the SOP list and forms, the report,
its exports and the records API all ask here.

The agencies the user belongs to by the one rule of apps/core/agencies.py (a page permission
in or above the agency's site), plus one clause of the SOP's own: the officials of an agency's
SOP (a group that plays one of its actors, SopGroup) count in it even when their page
permissions were withdrawn, since they still answer for the steps they took. The records and
reports are for the admin: a user without admin access reads none.
"""

from django.db.models import Q
from wagtail.models import Site

from apps.core.agencies import agency_sites

from .models import Sop, SopGroup


def can_access_admin(user):
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def sites_for_user(user):
    """The Sites whose SOPs and records `user` may read, as a queryset (none for the public)."""
    sites = Site.objects.order_by("hostname", "port")
    if not user.is_authenticated or not can_access_admin(user):
        return sites.none()
    if user.is_superuser:
        return sites
    actor_sites = SopGroup.objects.filter(group__user=user).values("sop__site")
    return sites.filter(Q(pk__in=agency_sites(user).values("pk")) | Q(pk__in=actor_sites))


def site_ids_for_user(user):
    return list(sites_for_user(user).values_list("pk", flat=True))


def visible_sops(user):
    """The SOPs `user` may read: those of the sites above."""
    return (
        Sop.objects.select_related("site", "workflow")
        .filter(site__in=sites_for_user(user))
        .order_by("site__hostname", "name")
    )


def user_can_see_sops(user):
    return visible_sops(user).exists()
