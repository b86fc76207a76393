"""Receivers: translate Wagtail's publication into delivery rows, then return."""

import logging

from django.db import transaction

from . import actions

logger = logging.getLogger(__name__)


def page_published(sender, instance, revision=None, **kwargs):
    """page_published: write the publication's deliveries in its own transaction.

    An exception here would roll the publication back (Wagtail sends the signal inside it).
    Publishing matters more than cross-posting, so a failure is contained in a savepoint and
    logged; the item stays published and its deliveries can be created again by publishing.
    """
    if revision is None:
        return
    try:
        with transaction.atomic():
            actions.deliveries_for_publication(instance, revision)
    except Exception:
        logger.exception("social sync: no deliveries written for page %s", instance.pk)
