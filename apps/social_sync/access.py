"""Which agencies' social accounts and deliveries a user may see: every social sync screen
(account list, ledger, page panel, dashboard warning) asks here.

Where is the agencies the user belongs to, by the one rule of apps/core/agencies.py, with no
clause of social sync's own. Model permissions (view/change on the models) decide what a user
may do; this decides where.
"""

from apps.core.agencies import agency_sites

from .models import Delivery, SocialAccount

_CACHE_ATTR = "_social_sync_site_ids"


def site_ids_for_user(user):
    """The ids of the user's agencies, computed once per user object (so once per request):
    the list screens ask for every row's buttons, and must not query again for each."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(agency_sites(user).values_list("pk", flat=True))
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
