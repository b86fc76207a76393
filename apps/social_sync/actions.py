"""The delivery engine: which posts a publication owes, and getting each out exactly once.

The rules, in the order a delivery meets them:

1. ``deliveries_for_publication`` runs inside the publish transaction and only writes rows:
   one per (item, account, publication), the unique constraint absorbing a second signal.
   The worker is told after commit; a task lost on the way is picked up by ``sweep``.
2. ``attempt`` claims the row (``select_for_update(skip_locked=True)`` on PostgreSQL, a
   compare-and-set UPDATE elsewhere) and commits "in progress" *before* calling the network,
   so a worker killed mid-call leaves a row the sweep recognises as stuck once its lease ends.
3. An attempt whose outcome is unknown (stuck, timed out after sending, 5xx, dropped
   connection) is reconciled with ``backend.find`` before anything is posted again; where
   the network cannot be read back, a person decides (needs_attention).
4. Every result is written with a conditional UPDATE on the claim, so a worker whose lease
   ran out cannot overwrite what a later one recorded.
"""

import datetime
import logging
import random

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import queue
from apps.core.signals import publication_settled
from apps.news import captions

from .backends.base import (
    AuthError,
    DuplicateError,
    Image,
    PermanentError,
    Post,
    SocialError,
    TransientError,
    backend_class,
    get_backend,
)
from .models import Delivery, PageSocialSettings, SocialAccount

logger = logging.getLogger(__name__)

Status = Delivery.Status
Kind = Delivery.ErrorKind


# Publication ------------------------------------------------------------------------------------


def is_shareable(page):
    from apps.news.models import NewsPage

    return isinstance(page, NewsPage)


def accounts_for(site, social):
    """The accounts an item goes to: those chosen on the item, or every enabled account of
    its agency. Paused accounts are included: their deliveries wait for the account."""
    if site is None:
        return []
    accounts = SocialAccount.objects.filter(site=site, enabled=True)
    if social is not None and social.pk is not None:
        chosen = list(social.accounts.values_list("pk", flat=True))
        if chosen:
            accounts = accounts.filter(pk__in=chosen)
    return list(accounts)


def publication_happened(page, revision):
    """page_published: write the deliveries the publication owes.

    Wagtail sends the signal inside the publication's transaction, and an exception would roll
    the publication back. Publishing matters more than cross-posting, so a failure is held in
    a savepoint and logged; the item stays published and publishing it again writes the
    deliveries. A publication that owes nothing is settled at once.
    """
    waiting = []
    try:
        with transaction.atomic():
            waiting = deliveries_for_publication(page, revision)
    except Exception:
        logger.exception("social sync: no deliveries written for page %s", page.pk)
    if not waiting:
        settled(page.pk, revision.pk)


def unpublication_happened(page):
    """page_unpublished: as above, the unpublication must not fail because of social media."""
    try:
        with transaction.atomic():
            retractions_for_unpublish(page)
    except Exception:
        logger.exception("social sync: no retraction written for page %s", page.pk)


def deliveries_for_publication(page, revision):
    """Write the deliveries a publication owes and hand them to the worker after commit.

    Called from page_published, inside the publish transaction: nothing here touches a
    network. Editing a live item publishes a new revision; that posts again only when an
    editor asked for it (``repost_requested``) or when the account never got the item (or
    its earlier delivery failed or was retracted).
    """
    if not is_shareable(page):
        return []
    social = PageSocialSettings.objects.filter(page_id=page.pk).first()
    if social is not None and not social.share:
        return []
    site = page.get_site()
    accounts = accounts_for(site, social)
    if not accounts:
        return []
    link = page.get_full_url()
    repost = social is not None and social.repost_requested
    covered = set()
    if not repost:
        covered = set(
            Delivery.objects.filter(page_key=page.pk, account__in=accounts)
            .exclude(publication=revision.pk)
            .exclude(status__in=[Status.FAILED, Status.RETRACTING, Status.RETRACTED])
            .values_list("account_id", flat=True)
        )
    now = timezone.now()
    rows = []
    for account in accounts:
        if account.pk in covered:
            continue
        payload = build_payload(page, account.caption_network, site=site, link=link)
        problems = captions.validate_caption(
            account.caption_network, payload["text"], with_image=payload["image_id"] is not None
        )
        delivery = Delivery(
            page=page,
            page_key=page.pk,
            page_title=page.title[:255],
            account=account,
            publication=revision.pk,
            payload=payload,
            next_attempt_at=now,
        )
        if problems:  # refused before any network would refuse it
            delivery.status = Status.FAILED
            delivery.last_error_kind = Kind.PERMANENT
            delivery.last_error = " ".join(problems)
        rows.append(delivery)
    # A second signal for the same publication, or a concurrent one, meets the constraint.
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    if repost:
        PageSocialSettings.objects.filter(pk=social.pk).update(repost_requested=False)
    ids = list(
        Delivery.objects.filter(
            page_key=page.pk, publication=revision.pk, status=Status.PENDING
        ).values_list("pk", flat=True)
    )
    if ids:
        transaction.on_commit(lambda: _enqueue_all(ids), robust=True)
    return ids


def _enqueue_all(ids):
    from .tasks import deliver

    for pk in ids:
        deliver.enqueue(pk)


def build_payload(page, network, *, site, link):
    """The text, link and image one account receives, fixed at publication from the revision
    going live, which the SOP's moderators approved: what changes afterwards does not change
    what this publication sends, however late the worker runs."""
    image = page.share_image
    alt = ""
    if image is not None:
        alt = page.hero_alt if image.pk == page.hero_image_id else image.title
    return {
        "text": page.social_text(network, link=link, with_image=image is not None),
        "link": link,
        "image_id": image.pk if image is not None else None,
        "alt": alt,
        "base_url": site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL,
    }


# The image each network gets -------------------------------------------------------------------

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
    from wagtail.images import get_image_model

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


def lease():
    return datetime.timedelta(seconds=settings.SOCIAL_SYNC_LEASE)


def _claimable(now):
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


def attempt(delivery_id):
    """One attempt at one delivery; returns its status afterwards (or None if not claimed)."""
    delivery = claim(delivery_id)
    if delivery is None:
        return None
    account = delivery.account
    if not _still_live(delivery):
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
        _pause_account(account, exc.message)
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
    if recorded and not _still_live(delivery):
        _request_retraction(Delivery.objects.filter(pk=delivery.pk))


def _still_live(delivery):
    from wagtail.models import Page

    return Page.objects.filter(pk=delivery.page_key, live=True).exists()


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


def backoff_delay(attempts, retry_after=None):
    """Seconds until the next attempt: the server's hint when it gave one, otherwise
    exponential backoff with full jitter, capped."""
    if retry_after is not None:
        return max(1.0, float(retry_after))
    base, cap = settings.SOCIAL_SYNC_BACKOFF_BASE, settings.SOCIAL_SYNC_BACKOFF_CAP
    ceiling = min(cap, base * 2 ** max(0, attempts - 1))
    return max(1.0, random.uniform(0, ceiling))


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
    when = timezone.now() + datetime.timedelta(
        seconds=backoff_delay(delivery.attempts, exc.retry_after)
    )
    recorded = _record(
        delivery,
        status=Status.PENDING,
        next_attempt_at=when,
        outcome_unknown=unknown,
        last_error_kind=Kind.UNKNOWN if unknown else Kind.TRANSIENT,
        last_error=exc.message,
    )
    if recorded:
        _enqueue_at(delivery.pk, when)


def _enqueue_at(delivery_id, when):
    """Ask the queue for the retry at its time when it can defer; the sweep does otherwise."""
    from .tasks import deliver

    if deliver.get_backend().supports_defer:
        deliver.using(run_after=when).enqueue(delivery_id)


# Accounts ---------------------------------------------------------------------------------------


def _pause_account(account, reason):
    now = timezone.now()
    paused = SocialAccount.objects.filter(pk=account.pk, paused=False).update(
        paused=True, paused_reason=reason, paused_at=now
    )
    account.paused, account.paused_reason, account.paused_at = True, reason, now
    if paused:
        from .tasks import notify_account_paused

        transaction.on_commit(lambda: notify_account_paused.enqueue(account.pk), robust=True)


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
            _enqueue_all(ids)
            _enqueue_retractions(retractions)

        transaction.on_commit(enqueue, robust=True)
    return ids


def notify_account_paused(account_id):
    """Mail the people who can fix an account's credentials (the superusers)."""
    from django.contrib.auth import get_user_model

    account = SocialAccount.objects.select_related("site").filter(pk=account_id).first()
    if account is None or not account.paused:
        return 0
    recipients = list(
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    subject = _("Akun media sosial dijeda: %(account)s") % {"account": account}
    body = _(
        "Kiriman ke %(account)s (%(site)s) dihentikan sementara.\n\nAlasan: %(reason)s\n\n"
        "Perbarui kredensial di variabel lingkungan %(prefix)s_*, lalu aktifkan kembali akun "
        "di admin Warta. Kiriman yang tertunda akan dikirim setelah itu."
    ) % {
        "account": account,
        "site": account.site.site_name or account.site.hostname,
        "reason": account.paused_reason,
        "prefix": account.credentials_env,
    }
    return send_mail(subject, body, None, recipients)


# What a person decides in the ledger ------------------------------------------------------------

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
    if delivery.status in RETRYABLE and not _still_live(delivery):
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
    _log(delivery, "social_sync.retry", user)
    transaction.on_commit(lambda: _enqueue_all([delivery.pk]), robust=True)
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
    _log(delivery, "social_sync.mark_sent", user, data={"remote_url": remote_url or ""})
    return delivery


def _log(delivery, action, user, data=None):
    from wagtail.log_actions import log

    log(instance=delivery, action=action, user=user, data=data or {})


# The periodic sweep -----------------------------------------------------------------------------


def _queue_defers():
    from .tasks import deliver

    return deliver.get_backend().supports_defer


def _sweep_grace():
    """How overdue a pending row must be before the sweep queues it again.

    Every row that becomes due has a task in the queue already (queued at publication, or
    deferred to its retry time), so the sweep is there for the tasks that were lost. Queuing
    again every row merely due would pile duplicate tasks in front of a queue that is behind,
    and delay everything. A queue that cannot defer (the tests' immediate backend) has no
    retry tasks: there the sweep is how retries happen, with no grace.
    """
    return lease() if _queue_defers() else datetime.timedelta(0)


def due_deliveries(now=None):
    """Pending rows overdue by the grace, and in-progress rows whose worker never came back."""
    now = now or timezone.now()
    overdue = Q(status=Status.PENDING, next_attempt_at__lte=now - _sweep_grace()) | Q(
        status=Status.IN_PROGRESS, claimed_at__lt=now - lease()
    )
    return Delivery.objects.filter(overdue, account__enabled=True, account__paused=False).order_by(
        "next_attempt_at", "pk"
    )


def due_retractions(now=None):
    now = now or timezone.now()
    return Delivery.objects.filter(
        _retractable(now - _sweep_grace()), account__enabled=True, account__paused=False
    ).order_by("next_attempt_at", "pk")


def sweep(now=None):
    """Enqueue an attempt for every overdue or stuck delivery and deletion whose task is not
    waiting in the queue already; returns how many."""
    from .tasks import deliver, retract

    ids = _not_waiting(due_deliveries(now), deliver)
    _enqueue_all(ids)
    retractions = _not_waiting(due_retractions(now), retract)
    _enqueue_retractions(retractions)
    return len(ids) + len(retractions)


def _not_waiting(due, task):
    """Up to a batch of the `due` rows with no run of `task` waiting for them in the queue.

    A row merely overdue may be behind a long queue, not lost: queuing it again at every
    sweep piled thousands of no-op tasks in front of the real ones when workers kept dying.
    """
    waiting = queue.waiting_first_args(task) or set()
    batch = settings.SOCIAL_SYNC_SWEEP_BATCH
    ids = []
    for pk in due.values_list("pk", flat=True).iterator():
        if pk not in waiting:
            ids.append(pk)
            if len(ids) == batch:
                break
    return ids


# Retraction -------------------------------------------------------------------------------------


def retractions_for_unpublish(page):
    """page_unpublished: nothing more goes out for the item, and what went out is deleted
    where its account asks for it and its network allows it.

    Runs inside the unpublish transaction and only writes rows; the deletions are the
    worker's, like the posts. A post on its way right now is caught when it is recorded
    (see ``_sent``).
    """
    Delivery.objects.filter(page_key=page.pk, status=Status.PENDING).update(
        status=Status.RETRACTED,
        next_attempt_at=None,
        last_error_kind="",
        last_error=_("Tidak dikirim: berita ditarik sebelum terkirim."),
    )
    return _request_retraction(Delivery.objects.filter(page_key=page.pk, status=Status.SENT))


def _request_retraction(deliveries):
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
        transaction.on_commit(lambda: _enqueue_retractions(ids), robust=True)
    return ids


def _enqueue_retractions(ids):
    from .tasks import retract

    for pk in ids:
        retract.enqueue(pk)


def _enqueue_retraction_at(delivery_id, when):
    """As _enqueue_at, for a deletion."""
    from .tasks import retract

    if retract.get_backend().supports_defer:
        retract.using(run_after=when).enqueue(delivery_id)


def _retractable(now):
    return Q(status=Status.RETRACTING, next_attempt_at__lte=now) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease())
    )


def retract(delivery_id):
    """One attempt at deleting a sent post; returns the delivery's status afterwards (or None
    when it was not due or another worker has it). Deleting twice is harmless, so a claim
    by conditional UPDATE is enough."""
    now = timezone.now()
    taken = Delivery.objects.filter(
        _retractable(now), pk=delivery_id, account__enabled=True, account__paused=False
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
        _pause_account(delivery.account, exc.message)
        return finish(next_attempt_at=now, last_error_kind=Kind.AUTH, last_error=exc.message)
    except TransientError as exc:
        if delivery.attempts >= settings.SOCIAL_SYNC_MAX_ATTEMPTS:
            return keep_it(Kind.TRANSIENT, exc.message)
        when = now + datetime.timedelta(seconds=backoff_delay(delivery.attempts, exc.retry_after))
        status = finish(
            next_attempt_at=when, last_error_kind=Kind.TRANSIENT, last_error=exc.message
        )
        _enqueue_retraction_at(delivery.pk, when)
        return status
    except SocialError as exc:
        return keep_it(Kind.PERMANENT, exc.message)
    except Exception as exc:
        logger.exception("delivery %s: unexpected error while deleting", delivery.pk)
        when = now + datetime.timedelta(seconds=backoff_delay(delivery.attempts))
        status = finish(next_attempt_at=when, last_error_kind=Kind.TRANSIENT, last_error=repr(exc))
        _enqueue_retraction_at(delivery.pk, when)
        return status
    return finish(status=Status.RETRACTED, next_attempt_at=None, last_error_kind="", last_error="")
