"""Receivers: hand Wagtail's publication and unpublication to the delivery engine, return."""

from . import actions


def page_published(sender, instance, revision=None, **kwargs):
    """page_published: the publication's deliveries, written inside it.

    Wagtail also sends it when an item that was never live is only scheduled for later:
    nothing is posted then; the scheduled publication sends it again when it goes live.
    """
    if revision is not None and instance.live:
        actions.publication_happened(instance, revision)


def page_unpublished(sender, instance, **kwargs):
    """page_unpublished: stop what was not sent, ask for the deletions."""
    actions.unpublication_happened(instance)
