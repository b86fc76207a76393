"""Whose SOP records a user may read: the one rule shared by the report, exports and API.

An agency is a Wagtail Site. A user belongs to an agency through their groups: a group that
holds a page permission on the site's news section (or on a page above it: a city-wide
editor), which is how the demo's editors and every SOP actor group are set up by load_sop, or
a group that plays an actor of one of the site's SOPs (SopGroup), in case its page permissions
were withdrawn but the official still answers for the steps. Superusers see every agency.
A permission on one agency's pages never reaches another's records.
"""

import functools
import operator

from django.db.models import Q
from wagtail.models import GroupPagePermission, Page, Site

from apps.news.models import NewsIndexPage

from .models import SopGroup


def can_access_admin(user):
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def sites_for_user(user):
    """The Sites whose SOP records `user` may read, as a queryset (empty for the public)."""
    sites = Site.objects.order_by("hostname", "port")
    if not user.is_authenticated or not can_access_admin(user):
        return sites.none()
    if user.is_superuser:
        return sites
    granted = set(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    )
    homes = set()
    if granted:
        sections = NewsIndexPage.objects.filter(
            functools.reduce(operator.or_, (Q(path__startswith=path) for path in granted))
        ).values_list("path", flat=True)
        homes = {path[: -Page.steplen] for path in sections}
    actor_sites = SopGroup.objects.filter(group__user=user).values("sop__site")
    return sites.filter(Q(root_page__path__in=homes) | Q(pk__in=actor_sites))


def site_ids_for_user(user):
    return list(sites_for_user(user).values_list("pk", flat=True))
