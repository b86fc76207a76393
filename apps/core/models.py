"""Project-wide models: the user, the image model, each agency's identity, the worker's pulse.

The custom user and image models exist from the first migration because swapping either
later means rewriting foreign keys across every app.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class User(AbstractUser):
    """Staff of an agency. Kept as Django's user, with a title for signed records."""

    job_title = models.CharField(_("jabatan"), max_length=200, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")


class WartaImage(AbstractImage):
    """An image with the credit a newsroom must print beside it."""

    credit = models.CharField(_("kredit foto"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("gambar")
        verbose_name_plural = _("gambar")


class WartaRendition(AbstractRendition):
    image = models.ForeignKey(WartaImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_setting(icon="site")
class AgencySettings(BaseSiteSetting):
    """The agency behind a site, as printed on its pages, feeds and signed records."""

    full_name = models.CharField(
        _("nama lengkap instansi"),
        max_length=255,
        help_text=_("Contoh: Dinas Komunikasi, Informatika, Statistik dan Persandian"),
    )
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    government = models.CharField(
        _("pemerintah daerah"), max_length=120, default="Pemerintah Kota Bekasi"
    )
    tagline = models.CharField(_("slogan"), max_length=255, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=60, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    logo = models.ForeignKey(
        WartaImage,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    x_handle = models.CharField(
        _("akun X"), max_length=60, blank=True, help_text=_("Tanpa @, untuk kartu Twitter")
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("full_name"),
                FieldPanel("short_name"),
                FieldPanel("government"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
            ],
            heading=_("Identitas"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("x_handle"),
            ],
            heading=_("Kontak"),
        ),
    ]
    select_related = ["logo"]  # every public page prints the logo

    class Meta:
        verbose_name = _("identitas instansi")

    def __str__(self):
        return self.short_name or self.full_name


class WorkerHeartbeat(models.Model):
    """The last time a background worker ran a task; read by /healthz/."""

    worker_id = models.CharField(max_length=64, unique=True)
    last_seen = models.DateTimeField()

    class Meta:
        verbose_name = _("detak pekerja latar")

    def __str__(self):
        return f"{self.worker_id} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"
