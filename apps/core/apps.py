from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Inti Warta")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
