from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Inti Warta")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from . import signal_handlers

        page_published.connect(
            signal_handlers.invalidate_page_cache, dispatch_uid="core_cache_on_publish"
        )
        page_unpublished.connect(
            signal_handlers.invalidate_page_cache, dispatch_uid="core_cache_on_unpublish"
        )
        # A moved, renamed or deleted page, or a changed Site, changes URLs and routing.
        post_save.connect(
            signal_handlers.invalidate_page_cache, sender=Site, dispatch_uid="core_cache_site_save"
        )
        post_delete.connect(
            signal_handlers.invalidate_page_cache, sender=Site, dispatch_uid="core_cache_site_del"
        )
        post_page_move.connect(
            signal_handlers.invalidate_page_cache, dispatch_uid="core_cache_on_move"
        )
        page_slug_changed.connect(
            signal_handlers.invalidate_page_cache, dispatch_uid="core_cache_on_slug"
        )
        post_delete.connect(
            signal_handlers.invalidate_page_cache, sender=Page, dispatch_uid="core_cache_page_del"
        )
        # A page made private (or public again) must leave, or reach, readers at once.
        for signal, uid in (
            (post_save, "core_cache_privacy_save"),
            (post_delete, "core_cache_privacy_del"),
        ):
            signal.connect(
                signal_handlers.invalidate_page_cache, sender=PageViewRestriction, dispatch_uid=uid
            )
