"""Which deliveries a publication owes: one per account the item goes to, written in the
publish transaction with the text fixed from the revision going live, and handed to the
worker after commit (rule 1 of delivery.py)."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.news import captions
from apps.news.models import NewsPage

from .delivery import enqueue_deliveries, settled
from .models import Delivery, PageSocialSettings, SocialAccount

logger = logging.getLogger(__name__)

Status = Delivery.Status
Kind = Delivery.ErrorKind


def is_shareable(page):
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

    Wagtail also sends the signal when an item that was never live is only scheduled for
    later: nothing is posted then; the scheduled publication sends it again when it goes live.

    Wagtail sends the signal inside the publication's transaction, and an exception would roll
    the publication back. Publishing matters more than cross-posting, so a failure is held in
    a savepoint and logged; the item stays published and publishing it again writes the
    deliveries. A publication that owes nothing is settled at once.
    """
    if revision is None or not page.live:
        return
    waiting = []
    try:
        with transaction.atomic():
            waiting = deliveries_for_publication(page, revision)
    except Exception:
        logger.exception("social sync: no deliveries written for page %s", page.pk)
    if not waiting:
        settled(page.pk, revision.pk)


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
        transaction.on_commit(lambda: enqueue_deliveries(ids), robust=True)
    return ids


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
