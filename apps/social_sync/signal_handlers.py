"""Receivers: hand Wagtail's publication and unpublication to the delivery engine, return."""

from . import actions


def page_published(sender, instance, revision=None, **kwargs):
    """page_published: the publication's deliveries, written inside it."""
    if revision is not None:
        actions.publication_happened(instance, revision)


def page_unpublished(sender, instance, **kwargs):
    """page_unpublished: stop what was not sent, ask for the deletions."""
    actions.unpublication_happened(instance)
