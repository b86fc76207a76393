from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Inti Warta")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import signal_handlers

        page_published.connect(
            signal_handlers.invalidate_page_cache, dispatch_uid="core_cache_on_publish"
        )
        page_unpublished.connect(
            signal_handlers.invalidate_page_cache, dispatch_uid="core_cache_on_unpublish"
        )
