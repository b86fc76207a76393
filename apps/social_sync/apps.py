from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialSyncConfig(AppConfig):
    name = "apps.social_sync"
    label = "social_sync"
    verbose_name = _("Sinkronisasi media sosial")

    def ready(self):
        # Imported here, not at the top: the handlers import the models, which cannot be
        # loaded while Django is still reading the app configs.
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
