"""The delivery engine: getting each post a publication owes out exactly once.

The rules, in the order a delivery meets them:

1. ``publication.deliveries_for_publication`` runs inside the publish transaction and only
   writes rows: one per (item, account, publication), the unique constraint absorbing a second
   signal. The worker is told after commit; a task lost on the way is picked up by the sweep
   (``sweep.sweep``).
2. ``deliver`` claims the row (``select_for_update(skip_locked=True)`` on PostgreSQL, a
   compare-and-set UPDATE elsewhere) and commits "in progress" *before* calling the network,
   so a worker killed mid-call leaves a row the sweep recognises as stuck once its lease ends.
3. An attempt whose outcome is unknown (stuck, timed out after sending, 5xx, dropped
   connection) is reconciled with ``backend.find`` before anything is posted again; where
   the network cannot be read back, a person decides (needs_attention).
4. Every result is written with a conditional UPDATE on the claim, so a worker whose lease
   ran out cannot overwrite what a later one recorded.

Deletions (retraction.py) follow the same schedule (schedule.py); an authentication failure
pauses the account (accounts.py); what a person decides in the admin (retry, mark as
sent, resume an account) is in actions.py.
"""

import datetime
import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.models import Page

from apps.core.signals import publication_settled

from .accounts import pause_account
from .backends.base import (
    AuthError,
    DuplicateError,
    Image,
    PermanentError,
    Post,
    SocialError,
    TransientError,
    get_backend,
)
from .models import Delivery
from .retraction import request_retraction
from .schedule import enqueue_at, lease, retry_at

logger = logging.getLogger(__name__)

Status = Delivery.Status
Kind = Delivery.ErrorKind


# The post each network gets ---------------------------------------------------------------------

INSTAGRAM_MIN_RATIO, INSTAGRAM_MAX_RATIO = 0.8, 1.91


def rendition_spec(network, image):
    """A JPEG every network accepts; for Instagram, cropped into its 4:5 to 1.91:1 range."""
    if network == "instagram" and image.width and image.height:
        ratio = image.width / image.height
        if ratio > INSTAGRAM_MAX_RATIO:
            return "fill-1440x754|format-jpeg|jpegquality-85"
        if ratio < INSTAGRAM_MIN_RATIO:
            return "fill-1080x1350|format-jpeg|jpegquality-85"
        return "max-1440x1440|format-jpeg|jpegquality-85"
    return "max-1600x1600|format-jpeg|jpegquality-85"


def post_image(delivery):
    image_id = delivery.payload.get("image_id")
    if not image_id:
        return None
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return None  # deleted since publication: post without it rather than not at all
    rendition = image.get_rendition(rendition_spec(delivery.account.network, image))
    url = rendition.url
    if url.startswith("/"):
        url = delivery.payload.get("base_url", "").rstrip("/") + url

    def read():
        with rendition.file.open("rb") as handle:
            return handle.read()

    filename = rendition.file.name.rsplit("/", 1)[-1]
    if "." not in filename:
        filename += ".jpg"  # tweepy guesses the media type from the extension
    return Image(url=url, filename=filename, alt=delivery.payload.get("alt", ""), open=read)


def build_post(delivery):
    def remember(state):
        delivery.progress = state
        Delivery.objects.filter(pk=delivery.pk, claimed_at=delivery.claimed_at).update(
            progress=state
        )

    return Post(
        text=delivery.payload["text"],
        link=delivery.payload["link"],
        marker=delivery.payload["link"],
        created_at=delivery.created_at,
        image=post_image(delivery),
        state=dict(delivery.progress or {}),
        remember=remember,
    )


# Claiming ---------------------------------------------------------------------------------------


def _claimable(now):
    """Pending rows that are due, and rows "in progress" whose worker's lease ran out."""
    return Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(
        status=Status.IN_PROGRESS, claimed_at__lt=now - lease()
    )


def claim(delivery_id, now=None):
    """Take the delivery for this worker, or None if it is not due or someone else has it.

    A row found "in progress" past its lease was claimed by a worker that never reported
    back: its outcome is unknown, and the claim says so (``outcome_unknown``).
    """
    now = now or timezone.now()
    due = Delivery.objects.filter(
        _claimable(now), pk=delivery_id, account__enabled=True, account__paused=False
    )
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            delivery = due.select_for_update(skip_locked=True, of=("self",)).first()
            if delivery is None:
                return None
            _take(delivery, now)
            delivery.save(update_fields=["status", "claimed_at", "attempts", "outcome_unknown"])
        return delivery
    delivery = due.first()
    if delivery is None:
        return None
    seen_status, seen_claim = delivery.status, delivery.claimed_at
    _take(delivery, now)
    won = Delivery.objects.filter(pk=delivery.pk, status=seen_status, claimed_at=seen_claim).update(
        status=delivery.status,
        claimed_at=delivery.claimed_at,
        attempts=delivery.attempts,
        outcome_unknown=delivery.outcome_unknown,
    )
    return delivery if won else None


def _take(delivery, now):
    if delivery.status == Status.IN_PROGRESS:
        delivery.outcome_unknown = True
    delivery.status = Status.IN_PROGRESS
    delivery.claimed_at = now
    delivery.attempts += 1


def _record(delivery, **fields):
    """Write the attempt's result, unless another worker has claimed the row since."""
    updated = Delivery.objects.filter(
        pk=delivery.pk, status=Status.IN_PROGRESS, claimed_at=delivery.claimed_at
    ).update(**fields)
    for name, value in fields.items():
        setattr(delivery, name, value)
    if not updated:
        logger.warning("delivery %s was claimed again before its result was recorded", delivery.pk)
    elif delivery.is_final:
        settle_if_final(delivery.page_key, delivery.publication)
    return bool(updated)


def settle_if_final(page_key, publication):
    """Tell the other apps once every delivery of the publication has an outcome."""
    open_ = Delivery.objects.filter(page_key=page_key, publication=publication).exclude(
        status__in=Delivery.FINAL_STATUSES
    )
    if not open_.exists():
        settled(page_key, publication)


def settled(page_key, publication):
    publication_settled.send(
        sender=Delivery, page_id=page_key, publication=publication, settled_at=timezone.now()
    )


# Attempting -------------------------------------------------------------------------------------


@task()
def deliver(delivery_id):
    """One attempt at one delivery; returns its status afterwards (or None if not claimed).

    The task takes an id and reads everything again when it runs: it may run late, twice, or
    after the row changed, and the claim makes a second run harmless.
    """
    delivery = claim(delivery_id)
    if delivery is None:
        return None
    account = delivery.account
    if not still_live(delivery):
        _record(
            delivery,
            status=Status.RETRACTED,
            next_attempt_at=None,
            outcome_unknown=False,
            last_error_kind="",
            last_error=_("Tidak dikirim: berita ditarik sebelum terkirim."),
        )
        return delivery.status
    max_age = datetime.timedelta(seconds=settings.SOCIAL_SYNC_MAX_AGE)
    if timezone.now() - delivery.created_at > max_age and not delivery.outcome_unknown:
        _fail(delivery, Kind.PERMANENT, _("Tidak dikirim: berita sudah terlalu lama menunggu."))
        return delivery.status

    backend = None
    try:
        backend = get_backend(account)
        post = build_post(delivery)
        if delivery.outcome_unknown:
            if not backend.can_find:
                _needs_attention(delivery, _unknown_message(account))
                return delivery.status
            found = backend.find(post)
            if found is not None:
                _sent(delivery, found)
                return delivery.status
            delivery.outcome_unknown = False  # looked, and it is not there
        remote = backend.post(post)
    except DuplicateError as exc:
        _reconcile_duplicate(delivery, backend, exc)
    except AuthError as exc:
        pause_account(account, exc.message)
        _record(
            delivery,
            status=Status.PENDING,
            next_attempt_at=timezone.now(),
            outcome_unknown=delivery.outcome_unknown,
            last_error_kind=Kind.AUTH,
            last_error=exc.message,
        )
    except TransientError as exc:
        _retry_later(delivery, backend, exc)
    except PermanentError as exc:
        _fail(delivery, Kind.PERMANENT, exc.message)
    except Exception as exc:
        # A bug of ours or an answer we could not read: it may have come after the post
        # went out, so it is treated as an unknown outcome, never as "not sent".
        logger.exception("delivery %s: unexpected error", delivery.pk)
        error = TransientError(
            _("Galat tak terduga; kiriman mungkin sudah terkirim."),
            maybe_sent=True,
            detail=repr(exc),
        )
        _retry_later(delivery, backend, error)
    else:
        _sent(delivery, remote)
    return delivery.status


def enqueue_deliveries(ids):
    """Hand deliveries to the worker (callers do it after commit)."""
    for pk in ids:
        deliver.enqueue(pk)


def still_live(delivery):
    """Whether the delivery's item is live: an item taken down is not posted, nor posted again."""
    return Page.objects.filter(pk=delivery.page_key, live=True).exists()


def _unknown_message(account):
    return _(
        "Tidak dapat dipastikan apakah kiriman ke %(account)s sudah tayang, dan jaringan ini "
        "tidak dapat diperiksa otomatis. Periksa akun tersebut, lalu tandai terkirim atau "
        "kirim ulang."
    ) % {"account": account}


def _sent(delivery, remote):
    recorded = _record(
        delivery,
        status=Status.SENT,
        remote_id=remote.id,
        remote_url=remote.url,
        sent_at=timezone.now(),
        outcome_unknown=False,
        next_attempt_at=None,
        last_error_kind="",
        last_error="",
    )
    # The item was unpublished while this post was on its way: take it down like the others.
    if recorded and not still_live(delivery):
        request_retraction(Delivery.objects.filter(pk=delivery.pk))


def _fail(delivery, kind, message):
    _record(
        delivery,
        status=Status.FAILED,
        last_error_kind=kind,
        last_error=message,
        next_attempt_at=None,
        outcome_unknown=False,
    )


def _needs_attention(delivery, message):
    _record(
        delivery,
        status=Status.NEEDS_ATTENTION,
        last_error_kind=Kind.UNKNOWN,
        last_error=message,
        next_attempt_at=None,
        outcome_unknown=True,
    )


def _reconcile_duplicate(delivery, backend, exc):
    """The network says it has this post already: find it, or ask a person."""
    found = None
    if backend is not None and backend.can_find:
        try:
            found = backend.find(build_post(delivery))
        except SocialError as find_error:
            logger.warning("delivery %s: duplicate, and find failed: %s", delivery.pk, find_error)
    if found is not None:
        _sent(delivery, found)
        return
    _record(
        delivery,
        status=Status.NEEDS_ATTENTION,
        last_error_kind=Kind.DUPLICATE,
        last_error=_(
            "%(message)s Unggahan yang sama tidak ditemukan di akun; periksa dan tandai "
            "terkirim bila memang sudah tayang."
        )
        % {"message": exc.message},
        next_attempt_at=None,
    )


def _retry_later(delivery, backend, exc):
    unknown = delivery.outcome_unknown or exc.maybe_sent
    if unknown and backend is not None and not backend.can_find:
        _needs_attention(delivery, f"{exc.message} {_unknown_message(delivery.account)}")
        return
    if delivery.attempts >= settings.SOCIAL_SYNC_MAX_ATTEMPTS:
        if unknown:
            _needs_attention(delivery, exc.message)
        else:
            _fail(
                delivery,
                Kind.TRANSIENT,
                _("%(message)s Berhenti setelah %(attempts)s percobaan.")
                % {"message": exc.message, "attempts": delivery.attempts},
            )
        return
    when = retry_at(timezone.now(), delivery.attempts, exc.retry_after)
    recorded = _record(
        delivery,
        status=Status.PENDING,
        next_attempt_at=when,
        outcome_unknown=unknown,
        last_error_kind=Kind.UNKNOWN if unknown else Kind.TRANSIENT,
        last_error=exc.message,
    )
    if recorded:
        enqueue_at(deliver, delivery.pk, when)
