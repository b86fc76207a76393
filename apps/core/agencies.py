"""Which agencies a user belongs to: the one rule every app starts from.

An agency is a Wagtail Site. A user belongs to an agency when one of their groups holds a page
permission on a page of the site (its home, its news section, an item) or on a page above its
home (a city-wide editor, who then belongs to every agency below). Superusers belong to every
agency; an inactive or anonymous user to none. A permission on one agency's pages never reaches
another agency.

The apps add their own clause on top where they need one, and say so: the SOP audit counts the
officials of an agency's SOP in it even if their page permissions were withdrawn
(apps/sop_audit/access.py); what a user may do there is still the model permissions' answer.
"""

from django.db.models import Q
from wagtail.models import GroupPagePermission, Page, Site


def agency_sites(user):
    """The Sites `user` belongs to, as a queryset ordered by host name."""
    sites = Site.objects.order_by("hostname", "port")
    if not user.is_authenticated or not user.is_active:
        return sites.none()
    if user.is_superuser:
        return sites
    granted = list(
        GroupPagePermission.objects.filter(group__user=user)
        .values_list("page__path", flat=True)
        .distinct()
    )
    if not granted:
        return sites.none()
    # A site whose home is a granted page or one of its ancestors (the permission is inside
    # the site), or lies below a granted page (the permission is above the site).
    ancestors = {
        path[:end] for path in granted for end in range(Page.steplen, len(path) + 1, Page.steplen)
    }
    below = Q()
    for path in granted:
        below |= Q(root_page__path__startswith=path)
    return sites.filter(Q(root_page__path__in=ancestors) | below)
