from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SopAuditConfig(AppConfig):
    name = "apps.sop_audit"
    label = "sop_audit"
    verbose_name = _("SOP dan audit")

    def ready(self):
        from .media import register_permission_policies
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        register_permission_policies()
