"""What a person decides in the admin: retry a delivery, record it as sent, resume a paused
account.

The views call these inside ``LogContext(user=...)`` and a transaction, and turn an
``ActionRefused`` into an admin message (wagtail-newsletter's shape). Each one is a
conditional UPDATE, so two people clicking at once act once, and hands the rows to the worker
after commit. Resuming sits here rather than with pausing (accounts.py): pausing is called by
the delivery and retraction engines, resuming queues their tasks.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .delivery import enqueue_deliveries, still_live
from .models import Delivery, SocialAccount
from .retraction import enqueue_retractions

Status = Delivery.Status

RETRYABLE = (Status.FAILED, Status.NEEDS_ATTENTION)


class ActionRefused(Exception):
    """A ledger action that does not apply to the delivery as it is now (Indonesian message)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = str(message)


def retry(delivery, user=None):
    """Send a failed or needs-attention delivery again: pending now, and enqueued after commit.

    The person who asks has looked at the network, so the next attempt posts without
    reconciling first (``outcome_unknown`` cleared) and gets a fresh round of attempts.
    The update is conditional on the status, so two people clicking at once queue it once.
    An item past SOCIAL_SYNC_MAX_AGE is refused here rather than left to the worker, which
    would fail it again at once; so is an item no longer live, which must not go out.
    """
    max_age = datetime.timedelta(seconds=settings.SOCIAL_SYNC_MAX_AGE)
    if delivery.status in RETRYABLE and timezone.now() - delivery.created_at > max_age:
        raise ActionRefused(
            _(
                'Kiriman ini sudah terlalu lama untuk dicoba lagi. Centang "kirim ulang pada '
                'penayangan berikutnya" di pengaturan media sosial berita, lalu terbitkan lagi.'
            )
        )
    if delivery.status in RETRYABLE and not still_live(delivery):
        raise ActionRefused(_("Berita ini tidak sedang tayang, jadi tidak dikirim lagi."))
    now = timezone.now()
    updated = Delivery.objects.filter(pk=delivery.pk, status__in=RETRYABLE).update(
        status=Status.PENDING,
        next_attempt_at=now,
        claimed_at=None,
        attempts=0,
        outcome_unknown=False,
    )
    if not updated:
        raise ActionRefused(
            _("Hanya kiriman yang gagal atau perlu diperiksa yang dapat dicoba lagi.")
        )
    delivery.status, delivery.next_attempt_at, delivery.claimed_at = Status.PENDING, now, None
    delivery.attempts, delivery.outcome_unknown = 0, False
    log(instance=delivery, action="social_sync.retry", user=user, data={})
    transaction.on_commit(lambda: enqueue_deliveries([delivery.pk]), robust=True)
    return delivery


def mark_sent(delivery, remote_url, user):
    """Record that a person found the post on the network themselves (needs-attention only)."""
    now = timezone.now()
    updated = Delivery.objects.filter(pk=delivery.pk, status=Status.NEEDS_ATTENTION).update(
        status=Status.SENT,
        remote_url=remote_url or "",
        sent_at=now,
        next_attempt_at=None,
        outcome_unknown=False,
        last_error_kind="",
        last_error="",
    )
    if not updated:
        raise ActionRefused(_("Hanya kiriman yang perlu diperiksa yang dapat ditandai terkirim."))
    delivery.status, delivery.remote_url, delivery.sent_at = Status.SENT, remote_url or "", now
    delivery.next_attempt_at, delivery.outcome_unknown = None, False
    delivery.last_error_kind, delivery.last_error = "", ""
    log(
        instance=delivery,
        action="social_sync.mark_sent",
        user=user,
        data={"remote_url": remote_url or ""},
    )
    return delivery


def resume_account(account):
    """Lift the pause (after new credentials) and send what waited for the account."""
    SocialAccount.objects.filter(pk=account.pk).update(
        paused=False, paused_reason="", paused_at=None
    )
    account.paused, account.paused_reason, account.paused_at = False, "", None
    ids = list(
        Delivery.objects.filter(account=account, status=Status.PENDING).values_list("pk", flat=True)
    )
    retractions = list(
        Delivery.objects.filter(account=account, status=Status.RETRACTING).values_list(
            "pk", flat=True
        )
    )
    Delivery.objects.filter(pk__in=ids + retractions).update(next_attempt_at=timezone.now())
    if ids or retractions:

        def enqueue():
            enqueue_deliveries(ids)
            enqueue_retractions(retractions)

        transaction.on_commit(enqueue, robust=True)
    return ids
