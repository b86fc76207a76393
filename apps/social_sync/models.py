"""Social media accounts of an agency, what each news item sends to them, and the delivery ledger.

A Delivery row is the promise that one publication of one item reaches one account exactly
once: it is written in the publish transaction, unique per (item, account, publication), and
only the worker touches the network (see delivery.py). News items do not know about this app
(apps.news imports nothing from here), so the per-item choices of accounts live in
PageSocialSettings, keyed by the page; the texts are the item's own fields.
"""

import os

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.news import captions

from .backends.base import AuthError

CREDENTIALS_PREFIX = "SOCIAL_"

# Which environment variables each network's credentials are read from: <prefix>_<NAME>.
# Keyed by captions.SOCIAL_NETWORKS, the one list of the networks.
CREDENTIAL_NAMES = {
    "x": ("CONSUMER_KEY", "CONSUMER_SECRET", "ACCESS_TOKEN", "ACCESS_TOKEN_SECRET"),
    "facebook": ("PAGE_ID", "ACCESS_TOKEN"),
    "instagram": ("IG_USER_ID", "ACCESS_TOKEN"),
    "telegram": ("BOT_TOKEN", "CHAT_ID"),
    "dry_run": (),
}
# Read when present, never required.
OPTIONAL_CREDENTIAL_NAMES = {"x": ("USER_ID",)}


class SocialAccount(models.Model):
    """One agency's account on one network.

    Credentials never enter the database: ``credentials_env`` names the prefix of the
    environment variables that hold them (``SOCIAL_KOMINFO_X`` → ``SOCIAL_KOMINFO_X_ACCESS_TOKEN``
    ...). The prefix must start with ``SOCIAL_`` so an admin cannot make Warta send another
    setting of the server (its database password, say) to a network.
    """

    # Network.X, Network.FACEBOOK ... Network.DRY_RUN, from the news app's list of networks.
    Network = models.TextChoices(
        "Network",
        [
            (network.key.upper(), (network.key, network.label))
            for network in captions.SOCIAL_NETWORKS
        ],
    )

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("situs instansi"),
        on_delete=models.CASCADE,
        related_name="social_accounts",
    )
    network = models.CharField(_("jaringan"), max_length=16, choices=Network.choices)
    name = models.CharField(_("nama akun"), max_length=100, help_text=_("Contoh: @kominfobekasi"))
    enabled = models.BooleanField(_("aktif"), default=True)
    simulates = models.CharField(
        _("meniru jaringan"),
        max_length=16,
        blank=True,
        choices=[(n, label) for n, label in Network.choices if n in captions.NETWORKS],
        help_text=_(
            "Khusus akun uji coba: teks dan batas jaringan mana yang dipakai. Kosongkan untuk "
            "teks otomatis."
        ),
    )
    credentials_env = models.CharField(
        _("awalan variabel lingkungan kredensial"),
        max_length=60,
        blank=True,
        validators=[
            RegexValidator(
                rf"^{CREDENTIALS_PREFIX}[A-Z0-9_]+$",
                _("Gunakan huruf kapital, angka dan garis bawah, diawali SOCIAL_."),
            )
        ],
        help_text=_(
            "Misalnya SOCIAL_KOMINFO_X; kredensial dibaca dari variabel lingkungan "
            "SOCIAL_KOMINFO_X_ACCESS_TOKEN dan seterusnya, tidak pernah disimpan di basis data."
        ),
    )
    delete_on_unpublish = models.BooleanField(
        _("hapus unggahan saat berita ditarik"),
        default=False,
        help_text=_("Bila berita dibatalkan tayangnya, unggahan di jaringan ini ikut dihapus."),
    )
    paused = models.BooleanField(_("dijeda"), default=False)
    paused_reason = models.TextField(_("alasan jeda"), blank=True)
    paused_at = models.DateTimeField(_("dijeda sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("akun media sosial")
        verbose_name_plural = _("akun media sosial")
        ordering = ["site", "network", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "network", "name"], name="social_account_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_network_display()}: {self.name}"

    def clean(self):
        super().clean()
        if self.network != self.Network.DRY_RUN and not self.credentials_env:
            raise ValidationError({"credentials_env": _("Wajib diisi untuk akun selain uji coba.")})
        if self.network != self.Network.DRY_RUN and self.simulates:
            raise ValidationError({"simulates": _("Hanya untuk akun uji coba.")})

    @property
    def caption_network(self):
        """Whose caption and limits this account's posts get: a dry run of X rehearses X."""
        return self.simulates or self.network

    @property
    def active(self):
        return self.enabled and not self.paused

    def credentials(self):
        """The account's credentials, read from the environment at the moment of use.

        Read here rather than in settings: the variable names come from the database. A
        missing variable is an authentication failure, which pauses the account and tells
        an editor, exactly as a revoked token would.
        """
        names = CREDENTIAL_NAMES.get(self.network, ())
        values, missing = {}, []
        for name in names:
            value = os.environ.get(f"{self.credentials_env}_{name}", "")
            if value:
                values[name.lower()] = value
            else:
                missing.append(f"{self.credentials_env}_{name}")
        if missing:
            raise AuthError(
                _("Variabel lingkungan kredensial belum diisi: %(names)s.")
                % {"names": ", ".join(missing)}
            )
        for name in OPTIONAL_CREDENTIAL_NAMES.get(self.network, ()):
            value = os.environ.get(f"{self.credentials_env}_{name}", "")
            if value:
                values[name.lower()] = value
        return values


class PageSocialSettings(models.Model):
    """Where one news item goes on social media: whether at all, which accounts, and whether
    an edit of the live item posts again.

    What the posts say (captions, hashtags, image) is not here: it is part of the item
    (NewsPage's "Media sosial" tab), so it is in the revision the SOP's moderators approve.
    Kept beside the page (not on NewsPage) because apps.news must not depend on this app.
    No row means the defaults: share, to every enabled account of the item's agency.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="social_settings",
        primary_key=True,
    )
    share = models.BooleanField(_("bagikan ke media sosial"), default=True)
    accounts = models.ManyToManyField(
        SocialAccount,
        verbose_name=_("akun tujuan"),
        blank=True,
        related_name="+",
        help_text=_("Kosongkan untuk semua akun aktif instansi."),
    )
    repost_requested = models.BooleanField(
        _("kirim ulang pada penayangan berikutnya"),
        default=False,
        help_text=_(
            "Suntingan berita yang sudah tayang tidak dikirim ulang, kecuali kotak ini dicentang."
        ),
    )

    class Meta:
        verbose_name = _("pengaturan media sosial berita")
        verbose_name_plural = _("pengaturan media sosial berita")

    def __str__(self):
        return str(self.page_id)


class Delivery(models.Model):
    """One publication of one item to one account, and everything that happened to it.

    ``publication`` is the id of the revision that went live. The unique constraint on
    (page_key, account, publication) is what makes "exactly once" hold even if the publish
    signal fires twice or two workers race. ``page_key`` and ``page_title`` outlive the page,
    so the ledger still explains a post whose item was deleted.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("menunggu")
        IN_PROGRESS = "in_progress", _("sedang dikirim")
        SENT = "sent", _("terkirim")
        FAILED = "failed", _("gagal")
        NEEDS_ATTENTION = "needs_attention", _("perlu diperiksa")
        RETRACTING = "retracting", _("sedang dihapus")
        RETRACTED = "retracted", _("ditarik")

    class ErrorKind(models.TextChoices):
        TRANSIENT = "transient", _("sementara")
        PERMANENT = "permanent", _("permanen")
        AUTH = "auth", _("kredensial")
        DUPLICATE = "duplicate", _("duplikat")
        UNKNOWN = "unknown", _("hasil tidak diketahui")

    FINAL_STATUSES = (Status.SENT, Status.FAILED, Status.NEEDS_ATTENTION, Status.RETRACTED)

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("berita"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="social_deliveries",
    )
    page_key = models.BigIntegerField(_("ID berita"))
    page_title = models.CharField(_("judul berita"), max_length=255)
    account = models.ForeignKey(
        SocialAccount,
        verbose_name=_("akun"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    publication = models.BigIntegerField(_("revisi yang ditayangkan"))
    payload = models.JSONField(_("isi kiriman"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("diambil pekerja pada"), null=True, blank=True)
    outcome_unknown = models.BooleanField(
        _("hasil percobaan terakhir tidak diketahui"),
        default=False,
        help_text=_("Dicocokkan dengan jaringan sebelum mencoba lagi."),
    )
    progress = models.JSONField(
        _("langkah di jaringan"),
        default=dict,
        blank=True,
        help_text=_("Yang sudah dibuat di jaringan sebelum kiriman selesai (kontainer Instagram)."),
    )
    last_error_kind = models.CharField(
        _("jenis galat terakhir"), max_length=16, choices=ErrorKind.choices, blank=True
    )
    last_error = models.TextField(_("galat terakhir"), blank=True)
    remote_id = models.CharField(_("ID unggahan"), max_length=255, blank=True)
    remote_url = models.URLField(_("tautan unggahan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("kiriman media sosial")
        verbose_name_plural = _("kiriman media sosial")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page_key", "account", "publication"],
                name="social_delivery_once_per_publication",
            )
        ]
        indexes = [
            # The sweep: due pending rows and stuck in-progress rows.
            models.Index(fields=["status", "next_attempt_at"], name="social_delivery_due"),
            models.Index(fields=["status", "claimed_at"], name="social_delivery_stuck"),
            # The dashboard and the ledger's filter by account.
            models.Index(fields=["account", "status"], name="social_delivery_account"),
        ]

    def __str__(self):
        return f"{self.page_title} → {self.account}"

    @property
    def network(self):
        return self.account.network

    @property
    def is_final(self):
        return self.status in self.FINAL_STATUSES
