"""A signed SOP as data: its identity as printed on the form, and its actors.

An SOP is data, not code, so an agency can load a preset, edit it, or write its own (see
docs/sop-format.md and the ``load_sop`` command). Each step after submission is a task of the
Wagtail moderation workflow attached to the agency's news section; a step that happens before
submission (SOP B's step 1) is a task too, kept out of the workflow, so that its actor,
baseline, input and output are recorded like any other step's (steps.py).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def form_date(verbose_name):
    """A date as the signed form prints it: a month ("Januari 2019"), or nothing at all."""
    return models.CharField(verbose_name, max_length=60, blank=True)


def form_list(verbose_name):
    """A list of texts from the form (dasar hukum, kualifikasi...), one item per entry."""
    return models.JSONField(verbose_name, default=list, blank=True)


class Sop(models.Model):
    """The SOP's identity as printed on the signed form, one per agency site and key.

    The fields copy the form's header block (nomor, tanggal, disahkan oleh, dasar hukum...)
    so that a printed audit report can reproduce it. Dates stay free text because the forms
    give a month ("Januari 2019") or nothing at all. The workflow is created by ``load_sop``
    and is protected: a workflow that has moderated news is part of the record.
    """

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("situs"), on_delete=models.CASCADE, related_name="sops"
    )
    key = models.SlugField(
        _("kunci"),
        max_length=100,
        help_text=_("Pengenal tetap SOP di situs ini, mis. sop-a-pengelolaan-website."),
    )
    name = models.CharField(_("nama SOP"), max_length=255)
    number = models.CharField(_("nomor SOP"), max_length=100, blank=True)
    agency = models.CharField(_("instansi"), max_length=255)
    government = models.CharField(
        _("pemerintah daerah"), max_length=120, default="Pemerintah Kota Bekasi"
    )
    made_on = form_date(_("tanggal pembuatan"))
    revised_on = form_date(_("tanggal revisi"))
    effective_on = form_date(_("tanggal efektif"))
    approved_on = form_date(_("tanggal pengesahan"))
    approved_by = models.CharField(
        _("disahkan oleh"), max_length=255, blank=True, help_text=_("Jabatan pejabat pengesah.")
    )
    approver_name = models.CharField(_("nama pejabat pengesah"), max_length=150, blank=True)
    signed_by = models.CharField(
        _("jabatan penanda tangan"),
        max_length=255,
        blank=True,
        help_text=_(
            "Jabatan pada blok tanda tangan, bila berbeda dari pejabat pengesah "
            "(SOP DPKPP: Sekretaris Dinas)."
        ),
    )
    legal_basis = form_list(_("dasar hukum"))
    qualifications = form_list(_("kualifikasi pelaksana"))
    related_sops = form_list(_("keterkaitan"))
    equipment = form_list(_("peralatan/perlengkapan"))
    warning = models.TextField(_("peringatan"), blank=True)
    records = models.TextField(_("pencatatan dan pendataan"), blank=True)
    workflow = models.OneToOneField(
        "wagtailcore.Workflow",
        verbose_name=_("alur kerja"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sop",
    )
    supervisor_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("grup atasan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Diberi tahu bila sebuah langkah melewati mutu baku waktunya."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    # Approvals name the revision they approved from this moment on (records.py); an item whose
    # published revision is older went live before that and is not checked against them.
    approvals_bound_since = models.DateTimeField(
        _("persetujuan terikat revisi sejak"), default=timezone.now, editable=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "key"], name="sop_audit_sop_unique_key"),
        ]
        verbose_name = _("SOP")
        verbose_name_plural = _("SOP")

    def __str__(self):
        return self.name

    def current_steps(self):
        """The steps in force, in order: retired steps (removed from the file) are left out."""
        return self.steps.filter(number__isnull=False).order_by("number")


class SopGroup(models.Model):
    """Which Wagtail group plays an actor of the SOP file (its ``groups`` key).

    Kept so that renaming an actor in the file renames its group, members and permissions
    included, instead of creating a new, empty one.
    """

    sop = models.ForeignKey(
        Sop, verbose_name=_("SOP"), on_delete=models.CASCADE, related_name="actor_groups"
    )
    key = models.SlugField(_("kunci"), max_length=50)
    name = models.CharField(_("jabatan pelaksana"), max_length=100)
    group = models.ForeignKey(
        "auth.Group", verbose_name=_("grup"), on_delete=models.CASCADE, related_name="sop_actors"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sop", "key"], name="sop_audit_group_unique_key"),
            models.UniqueConstraint(fields=["sop", "group"], name="sop_audit_group_unique_group"),
        ]
        verbose_name = _("pelaksana SOP")
        verbose_name_plural = _("pelaksana SOP")

    def __str__(self):
        return f"{self.sop}: {self.name}"
