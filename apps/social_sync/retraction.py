"""Taking an item's posts down when it is unpublished, where the account asks for it and the
network allows it.

Like posting, deleting is the worker's: page_unpublished only writes rows ("retracting") and
the ``retract`` task calls the network after commit, retried with the same backoff. Deleting
twice is harmless, so a claim by conditional UPDATE is enough here.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .accounts import pause_account
from .backends.base import AuthError, SocialError, TransientError, backend_class, get_backend
from .models import Delivery
from .schedule import enqueue_at, lease, retry_at

logger = logging.getLogger(__name__)

Status = Delivery.Status
Kind = Delivery.ErrorKind


def unpublication_happened(page):
    """page_unpublished: the unpublication must not fail because of social media.

    Wagtail sends the signal inside the unpublication's transaction, where an exception would
    roll it back: a failure is held in a savepoint and logged.
    """
    try:
        with transaction.atomic():
            retractions_for_unpublish(page)
    except Exception:
        logger.exception("social sync: no retraction written for page %s", page.pk)


def retractions_for_unpublish(page):
    """page_unpublished: nothing more goes out for the item, and what went out is deleted
    where its account asks for it and its network allows it.

    Runs inside the unpublish transaction and only writes rows; the deletions are the
    worker's, like the posts. A post on its way right now is caught when it is recorded
    (see ``delivery.record_sent``).
    """
    Delivery.objects.filter(page_key=page.pk, status=Status.PENDING).update(
        status=Status.RETRACTED,
        next_attempt_at=None,
        last_error_kind="",
        last_error=_("Tidak dikirim: berita ditarik sebelum terkirim."),
    )
    return request_retraction(Delivery.objects.filter(page_key=page.pk, status=Status.SENT))


def request_retraction(deliveries):
    """Mark the sent `deliveries` whose account deletes on unpublish "retracting" and queue
    their deletion after commit; where the network cannot delete, say so in the ledger."""
    rows = list(
        deliveries.filter(status=Status.SENT, account__delete_on_unpublish=True).select_related(
            "account"
        )
    )
    ids = []
    for delivery in rows:
        if backend_class(delivery.account.network).can_delete:
            ids.append(delivery.pk)
        else:
            Delivery.objects.filter(pk=delivery.pk, status=Status.SENT).update(
                last_error_kind=Kind.PERMANENT,
                last_error=_(
                    "Berita sudah ditarik, tetapi %(network)s tidak mengizinkan penghapusan "
                    "unggahan lewat API. Hapus unggahan ini secara manual."
                )
                % {"network": delivery.account.get_network_display()},
            )
    Delivery.objects.filter(pk__in=ids, status=Status.SENT).update(
        status=Status.RETRACTING,
        next_attempt_at=timezone.now(),
        claimed_at=None,
        attempts=0,
        last_error_kind="",
        last_error="",
    )
    if ids:
        transaction.on_commit(lambda: enqueue_retractions(ids), robust=True)
    return ids


def enqueue_retractions(ids):
    """Hand deletions to the worker (callers do it after commit)."""
    for pk in ids:
        retract.enqueue(pk)


def retractable(now):
    """Deletions due at `now` that no live worker holds."""
    return Q(status=Status.RETRACTING, next_attempt_at__lte=now) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease())
    )


@task()
def retract(delivery_id):
    """One attempt at deleting a sent post; returns the delivery's status afterwards (or None
    when it was not due or another worker has it). Deleting twice is harmless, so a claim
    by conditional UPDATE is enough."""
    now = timezone.now()
    taken = Delivery.objects.filter(
        retractable(now), pk=delivery_id, account__enabled=True, account__paused=False
    ).update(claimed_at=now, attempts=F("attempts") + 1)
    if not taken:
        return None
    delivery = Delivery.objects.select_related("account").get(pk=delivery_id)

    def finish(**fields):
        Delivery.objects.filter(
            pk=delivery.pk, status=Status.RETRACTING, claimed_at=delivery.claimed_at
        ).update(claimed_at=None, **fields)
        return fields.get("status", Status.RETRACTING)

    def keep_it(kind, message):
        # The post is still on the network: the ledger says "sent", and why it stayed.
        return finish(
            status=Status.SENT,
            next_attempt_at=None,
            last_error_kind=kind,
            last_error=_("Unggahan belum terhapus: %(message)s Hapus secara manual.")
            % {"message": message},
        )

    try:
        get_backend(delivery.account).delete(delivery.remote_id)
    except AuthError as exc:
        pause_account(delivery.account, exc.message)
        return finish(next_attempt_at=now, last_error_kind=Kind.AUTH, last_error=exc.message)
    except TransientError as exc:
        if delivery.attempts >= settings.SOCIAL_SYNC_MAX_ATTEMPTS:
            return keep_it(Kind.TRANSIENT, exc.message)
        when = retry_at(now, delivery.attempts, exc.retry_after)
        status = finish(
            next_attempt_at=when, last_error_kind=Kind.TRANSIENT, last_error=exc.message
        )
        enqueue_at(retract, delivery.pk, when)
        return status
    except SocialError as exc:
        return keep_it(Kind.PERMANENT, exc.message)
    except Exception as exc:
        logger.exception("delivery %s: unexpected error while deleting", delivery.pk)
        when = retry_at(now, delivery.attempts)
        status = finish(next_attempt_at=when, last_error_kind=Kind.TRANSIENT, last_error=repr(exc))
        enqueue_at(retract, delivery.pk, when)
        return status
    return finish(status=Status.RETRACTED, next_attempt_at=None, last_error_kind="", last_error="")
