"""Receivers: hand Wagtail's publication and unpublication to the delivery engine, return.

``register_signal_handlers`` is the one list of what this app listens to (called from
``SocialSyncConfig.ready``, as in wagtail.contrib.frontend_cache).
"""

from wagtail.signals import page_published, page_unpublished

from .publication import publication_happened
from .retraction import unpublication_happened


def page_published_signal_handler(sender, instance, revision=None, **kwargs):
    """page_published: the publication's deliveries, written inside it."""
    publication_happened(instance, revision)


def page_unpublished_signal_handler(sender, instance, **kwargs):
    """page_unpublished: stop what was not sent, ask for the deletions."""
    unpublication_happened(instance)


def register_signal_handlers():
    page_published.connect(page_published_signal_handler, dispatch_uid="social_sync_page_published")
    page_unpublished.connect(
        page_unpublished_signal_handler, dispatch_uid="social_sync_page_unpublished"
    )
