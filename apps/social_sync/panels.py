"""The dashboard warning: deliveries of the last seven days that failed or wait for a person,
and paused accounts, of the user's agencies. Absent when all is well.

A fixed number of queries whatever the counts: the scope, one count, the latest few rows and
the paused accounts, each with what it shows joined in.
"""

import datetime
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from . import access
from .modeladmin import accounts_url, ledger_url
from .models import Delivery

WINDOW = datetime.timedelta(days=7)
SHOWN = 5
PROBLEMS = (Delivery.Status.FAILED, Delivery.Status.NEEDS_ATTENTION)


class SocialWarningPanel(Component):
    name = "social_sync_warning"
    template_name = "social_sync/dashboard/warning.html"
    order = 90  # above the SOP steps (100): a paused account stops every agency post

    def __init__(self, *, failed, failed_count, paused, failed_url, paused_url):
        self.failed = failed
        self.failed_count = failed_count
        self.paused = paused
        self.failed_url = failed_url
        self.paused_url = paused_url

    @classmethod
    def for_user(cls, user, now=None):
        """The panel for `user`, or None when there is nothing to warn about."""
        sees_ledger = access.can_view_deliveries(user)
        sees_accounts = access.can_view_accounts(user)
        if not (sees_ledger or sees_accounts) or not access.site_ids_for_user(user):
            return None
        failed, failed_count = [], 0
        if sees_ledger:
            since = (now or timezone.now()) - WINDOW
            recent = access.deliveries_for_user(user).filter(
                status__in=PROBLEMS, created_at__gte=since
            )
            failed_count = recent.count()
            if failed_count:
                failed = list(recent.select_related("account").order_by("-created_at")[:SHOWN])
        paused = list(
            access.accounts_for_user(user)
            .filter(paused=True)
            .select_related("site")
            .order_by("site__hostname", "network", "name")
        )
        if not failed_count and not paused:
            return None
        return cls(
            failed=failed,
            failed_count=failed_count,
            paused=paused,
            failed_url=f"{ledger_url()}?{urlencode({'status__in': ','.join(PROBLEMS)})}"
            if sees_ledger
            else "",
            paused_url=f"{accounts_url()}?paused__exact=1" if sees_accounts else "",
        )

    def get_context_data(self, parent_context):
        return {
            "heading": _("Media sosial perlu perhatian"),
            "failed": self.failed,
            "failed_count": self.failed_count,
            "more": max(0, self.failed_count - len(self.failed)),
            "paused": self.paused,
            "failed_url": self.failed_url,
            "paused_url": self.paused_url,
        }
