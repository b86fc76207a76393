from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialSyncConfig(AppConfig):
    name = "apps.social_sync"
    label = "social_sync"
    verbose_name = _("Sinkronisasi media sosial")
