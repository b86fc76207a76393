"""Which agencies' social accounts and deliveries a user may see: the one rule every social
sync screen uses (account list, ledger, page panel, dashboard warning).

An agency is a Wagtail Site. A user belongs to an agency when one of their groups holds a
page permission on a page inside the site (its news section, say) or above it (a city-wide
editor). Superusers see every agency. Model permissions (view/change on the models) decide
what a user may do; this decides where.
"""

from django.db.models import Q
from wagtail.models import GroupPagePermission, Page, Site

from .models import Delivery, SocialAccount

_CACHE_ATTR = "_social_sync_site_ids"


def sites_for_user(user):
    """The Sites whose social accounts and deliveries `user` may see, as a queryset."""
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
    # A site whose home page is an ancestor of (or is) a granted page, or lies below one.
    ancestors = {
        path[:end] for path in granted for end in range(Page.steplen, len(path) + 1, Page.steplen)
    }
    below = Q()
    for path in granted:
        below |= Q(root_page__path__startswith=path)
    return sites.filter(Q(root_page__path__in=ancestors) | below)


def site_ids_for_user(user):
    """The ids of ``sites_for_user``, computed once per user object (so once per request):
    the list screens ask for every row's buttons, and must not query again for each."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(sites_for_user(user).values_list("pk", flat=True))
        if user.is_authenticated:
            setattr(user, _CACHE_ATTR, cached)
    return cached


def can_see_site(user, site_id):
    return site_id in site_ids_for_user(user)


def accounts_for_user(user):
    return SocialAccount.objects.filter(site_id__in=site_ids_for_user(user))


def deliveries_for_user(user):
    return Delivery.objects.filter(account__site_id__in=site_ids_for_user(user))


def _has_any(user, model, actions):
    opts = model._meta
    return any(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in actions)


def can_view_accounts(user):
    return _has_any(user, SocialAccount, ("view", "add", "change", "delete"))


def can_change_accounts(user):
    return _has_any(user, SocialAccount, ("change",))


def can_view_deliveries(user):
    return _has_any(user, Delivery, ("view", "change"))


def can_act_on_deliveries(user):
    """Retry and mark-as-sent change a delivery: the model's change permission."""
    return _has_any(user, Delivery, ("change",))
