from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SopAuditConfig(AppConfig):
    name = "apps.sop_audit"
    label = "sop_audit"
    verbose_name = _("SOP dan audit")
