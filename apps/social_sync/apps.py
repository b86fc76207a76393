from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialSyncConfig(AppConfig):
    name = "apps.social_sync"
    label = "social_sync"
    verbose_name = _("Sinkronisasi media sosial")

    def ready(self):
        from wagtail import signals

        from . import signal_handlers

        signals.page_published.connect(
            signal_handlers.page_published, dispatch_uid="social_sync_page_published"
        )
        signals.page_unpublished.connect(
            signal_handlers.page_unpublished, dispatch_uid="social_sync_page_unpublished"
        )
