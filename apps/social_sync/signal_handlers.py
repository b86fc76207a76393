"""Receivers: hand Wagtail's publication and unpublication to the delivery engine, return."""

from .publication import publication_happened
from .retraction import unpublication_happened


def page_published(sender, instance, revision=None, **kwargs):
    """page_published: the publication's deliveries, written inside it."""
    publication_happened(instance, revision)


def page_unpublished(sender, instance, **kwargs):
    """page_unpublished: stop what was not sent, ask for the deletions."""
    unpublication_happened(instance)
