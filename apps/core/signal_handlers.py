"""Receivers of the core app: what changes pages or routing empties the anonymous page cache."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import page_cache


def invalidate_page_cache(sender, **kwargs):
    transaction.on_commit(page_cache.invalidate)


def register_signal_handlers():
    """Called once, from the app's ready()."""
    page_published.connect(invalidate_page_cache, dispatch_uid="core_cache_on_publish")
    page_unpublished.connect(invalidate_page_cache, dispatch_uid="core_cache_on_unpublish")
    # A moved, renamed or deleted page, or a changed Site, changes URLs and routing.
    post_save.connect(invalidate_page_cache, sender=Site, dispatch_uid="core_cache_site_save")
    post_delete.connect(invalidate_page_cache, sender=Site, dispatch_uid="core_cache_site_del")
    post_page_move.connect(invalidate_page_cache, dispatch_uid="core_cache_on_move")
    page_slug_changed.connect(invalidate_page_cache, dispatch_uid="core_cache_on_slug")
    post_delete.connect(invalidate_page_cache, sender=Page, dispatch_uid="core_cache_page_del")
    # A page made private (or public again) must leave, or reach, readers at once.
    post_save.connect(
        invalidate_page_cache, sender=PageViewRestriction, dispatch_uid="core_cache_privacy_save"
    )
    post_delete.connect(
        invalidate_page_cache, sender=PageViewRestriction, dispatch_uid="core_cache_privacy_del"
    )
