"""The networks are listed once, in apps.news.captions; social_sync's own tables cover each."""

from apps.news import captions
from apps.social_sync.backends.base import SocialBackend, backend_class
from apps.social_sync.backends.dry_run import DryRunBackend
from apps.social_sync.backends.telegram import TelegramBackend
from apps.social_sync.models import CREDENTIAL_NAMES, SocialAccount

KEYS = [network.key for network in captions.SOCIAL_NETWORKS]


def test_an_account_can_be_on_every_network_under_its_admin_label():
    assert SocialAccount.Network.values == KEYS
    assert [str(label) for label in SocialAccount.Network.labels] == [
        "X (Twitter)",
        "Halaman Facebook",
        "Instagram",
        "Kanal Telegram",
        "Uji coba (tidak mengirim)",
    ]
    simulated = SocialAccount._meta.get_field("simulates").choices
    assert [key for key, _label in simulated] == list(captions.NETWORKS)


def test_every_network_names_its_credentials_and_has_a_backend():
    assert set(CREDENTIAL_NAMES) == set(KEYS)
    assert all(issubclass(backend_class(key), SocialBackend) for key in KEYS)


def test_the_setting_replaces_only_the_backends_it_names(settings):
    settings.SOCIAL_SYNC_BACKENDS = {"x": "apps.social_sync.backends.dry_run.DryRunBackend"}
    assert backend_class("x") is DryRunBackend
    assert backend_class("telegram") is TelegramBackend
