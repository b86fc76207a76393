"""A signed SOP as data: its identity, its actor groups, and one Wagtail task per step.

An SOP is data, not code, so an agency can load a preset, edit it, or write its own (see
docs/sop-format.md and the ``load_sop`` command). Each step after submission is a task of the
Wagtail moderation workflow attached to the agency's news section; a step that happens before
submission (SOP B's step 1) is a task too, kept out of the workflow, so that its actor,
baseline, input and output are recorded like any other step's.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import AbstractGroupApprovalTask, Task

from .baselines import BaselineField, describe_baseline
from .moderation import SopStepModerationMixin

TASK_NAME_LENGTH = 255  # Task.name


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
    made_on = models.CharField(_("tanggal pembuatan"), max_length=60, blank=True)
    revised_on = models.CharField(_("tanggal revisi"), max_length=60, blank=True)
    effective_on = models.CharField(_("tanggal efektif"), max_length=60, blank=True)
    approved_on = models.CharField(_("tanggal pengesahan"), max_length=60, blank=True)
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
    legal_basis = models.JSONField(_("dasar hukum"), default=list, blank=True)
    qualifications = models.JSONField(_("kualifikasi pelaksana"), default=list, blank=True)
    related_sops = models.JSONField(_("keterkaitan"), default=list, blank=True)
    equipment = models.JSONField(_("peralatan/perlengkapan"), default=list, blank=True)
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


class SopStepTask(SopStepModerationMixin, AbstractGroupApprovalTask):
    """One step of a signed SOP, as a Wagtail group approval task.

    The actors are Wagtail's ``groups``: any member of any of them may act, which is how
    SOP B's "Kepala Dinas/Sekretaris/Kasubag Tata Usaha" (any one of them) is written.

    ``name`` is the step's text (uraian prosedur), cut to Task.name's 255 characters at a
    word; ``description`` keeps it whole. ``key`` is the step's identity in the SOP file:
    a step can be renamed, renumbered or moved and still be the same task, with the same
    history. A step removed from the file is retired: it leaves the workflow and loses its
    number (``number`` is null) but keeps its row while any task state refers to it.

    The baseline is a plain editable field on purpose. The audit copies it when a step
    starts, so changing it here only affects steps started afterwards; recorded steps keep
    the baseline they ran against.
    """

    groups = models.ManyToManyField(
        "auth.Group",
        verbose_name=_("grup pelaksana"),
        help_text=_("Anggota salah satu grup ini mengerjakan dan menyetujui langkah ini."),
    )
    sop = models.ForeignKey(
        Sop, verbose_name=_("SOP"), on_delete=models.PROTECT, related_name="steps"
    )
    key = models.SlugField(
        _("kunci langkah"),
        max_length=50,
        help_text=_("Pengenal tetap langkah dalam berkas SOP, mis. disposisi."),
    )
    number = models.PositiveSmallIntegerField(
        _("nomor langkah"),
        null=True,
        blank=True,
        help_text=_("Urutan pada formulir SOP; kosong bila langkah sudah tidak berlaku."),
    )
    description = models.TextField(_("uraian prosedur"), blank=True)
    baseline = BaselineField(
        _("mutu baku waktu"),
        help_text=_(
            "Mis. 10m (menit), 2h (jam), 1d (hari = 24 jam). Perubahan hanya berlaku untuk "
            "langkah yang dimulai sesudahnya."
        ),
    )
    input = models.CharField(_("kelengkapan"), max_length=500, blank=True)
    output = models.CharField(_("output"), max_length=500, blank=True)
    note_required = models.BooleanField(
        _("wajib catatan saat menyetujui"),
        default=False,
        help_text=_("Mis. disposisi: langkah ini hanya dapat disetujui dengan catatan."),
    )
    four_eyes = models.BooleanField(
        _("prinsip empat mata"),
        default=False,
        help_text=_(
            "Pengaju berita dan siapa pun yang mengubah isinya sejak terakhir disetujui terbit "
            "tidak boleh menyetujui langkah ini."
        ),
    )
    may_edit = models.BooleanField(
        _("boleh menyunting isi"),
        default=False,
        help_text=_(
            "Pelaksana langkah ini boleh mengubah isi berita selama langkah berjalan (mis. "
            "menyusun dan menyunting bahan); yang disetujuinya adalah hasil suntingannya. "
            "Perubahan oleh orang lain, atau pada langkah tanpa izin ini, mengembalikan "
            "berita ke langkah yang persetujuannya gugur."
        ),
    )
    before_submission = models.BooleanField(
        _("sebelum pengajuan"),
        default=False,
        help_text=_(
            "Langkah dikerjakan sebelum berita diajukan (mis. bidang menyiapkan bahan); "
            "tidak masuk alur kerja."
        ),
    )
    posts_to_social_media = models.BooleanField(
        _("termasuk unggahan media sosial"),
        default=False,
        help_text=_(
            "Hanya untuk langkah terakhir: langkah selesai setelah berita tayang dan setiap "
            "kiriman ke media sosial tuntas (terkirim, gagal, atau menunggu pemeriksaan)."
        ),
    )

    admin_form_fields = [
        *AbstractGroupApprovalTask.admin_form_fields,
        "sop",
        "key",
        "number",
        "description",
        "baseline",
        "input",
        "output",
        "note_required",
        "four_eyes",
        "may_edit",
        "before_submission",
        "posts_to_social_media",
    ]
    # What shapes the workflow (which SOP, which step, where it sits) comes from the SOP
    # file through load_sop; the admin edits actors, baseline, input, output and the checks.
    admin_form_readonly_on_edit_fields = [
        *Task.admin_form_readonly_on_edit_fields,
        "sop",
        "key",
        "number",
        "description",
        "may_edit",
        "before_submission",
        "posts_to_social_media",
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sop", "number"], name="sop_audit_step_unique_number"),
            models.UniqueConstraint(fields=["sop", "key"], name="sop_audit_step_unique_key"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1),
                name="sop_audit_step_number_positive",
            ),
            models.CheckConstraint(
                condition=Q(baseline__gt=datetime.timedelta(0)),
                name="sop_audit_step_baseline_positive",
            ),
        ]
        verbose_name = _("Langkah SOP")
        verbose_name_plural = _("Langkah SOP")

    @classmethod
    def get_description(cls):
        return _("Satu langkah SOP: anggota grup pelaksananya menyetujui dalam mutu baku waktunya.")

    @property
    def baseline_display(self):
        """'10 menit', '2 jam', '1 hari', as the signed forms write it."""
        return describe_baseline(self.baseline)

    @property
    def full_name(self):
        return self.description or self.name


def task_name(text):
    """A step's text cut to fit Task.name, at a word where one is near, marked with '…'."""
    text = " ".join(text.split())
    if len(text) <= TASK_NAME_LENGTH:
        return text
    cut = text[: TASK_NAME_LENGTH - 1]
    space = cut.rfind(" ")
    if space > TASK_NAME_LENGTH * 3 // 4:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


class WorkingCalendar(ClusterableModel):
    """An agency's office week, used to measure steps in working time.

    ``week`` maps ISO weekday numbers (1 = Monday ... 7 = Sunday, as strings because it is
    JSON) to a list of ``["HH:MM", "HH:MM"]`` office periods; a day that is absent or empty
    is a day off. The default is the Kota Bekasi government office week (see workcalendar.py).
    Indonesian national holidays come from the ``holidays`` package; the agency adds its own
    days off (cuti bersama, local holidays) as DayOff rows.
    """

    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("situs"),
        on_delete=models.CASCADE,
        related_name="working_calendar",
    )
    week = models.JSONField(_("jam kerja mingguan"))
    national_holidays = models.BooleanField(
        _("libur nasional"),
        default=True,
        help_text=_("Hari libur nasional Indonesia tidak dihitung sebagai waktu kerja."),
    )

    class Meta:
        verbose_name = _("kalender kerja")
        verbose_name_plural = _("kalender kerja")

    def __str__(self):
        return str(self.site)


class DayOff(models.Model):
    """A day the agency does not work besides national holidays: cuti bersama and the like."""

    calendar = ParentalKey(
        WorkingCalendar,
        verbose_name=_("kalender kerja"),
        on_delete=models.CASCADE,
        related_name="days_off",
    )
    date = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=150)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="sop_audit_day_off_unique"),
        ]
        ordering = ["date"]
        verbose_name = _("hari libur instansi")
        verbose_name_plural = _("hari libur instansi")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class RecordChain(models.Model):
    """The head of one agency's hash chain of finished step records.

    Finishing a record locks this row (select_for_update), so records of one agency join the
    chain one at a time, in order, on every database.
    """

    key = models.CharField(max_length=255, unique=True)
    sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("rantai catatan")
        verbose_name_plural = _("rantai catatan")

    def __str__(self):
        return self.key


class FinishedRecordError(Exception):
    """Raised on any attempt to change or delete a finished step record."""


class StepRecordQuerySet(models.QuerySet):
    """Step records, guarded: a finished record is part of the hash chain and stays as it is.

    update() and delete() refuse a queryset that holds any finished record, so a careless
    bulk change fails loudly instead of breaking the chain (``sop_audit_verify`` would still
    tell). Open records may change: reminders and escalations mark them. Finishing is done by
    records.finish, in one conditional UPDATE that only an open row matches.
    """

    def open(self):
        return self.filter(finished_at__isnull=True)

    def finished(self):
        return self.filter(finished_at__isnull=False)

    def _refuse_finished(self):
        if self.finished().exists():
            raise FinishedRecordError(_("Catatan langkah yang sudah selesai tidak dapat diubah."))

    def update(self, **kwargs):
        self._refuse_finished()
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self):
        self._refuse_finished()
        return super().delete()

    delete.alters_data = True

    def update_open(self, **fields):
        """Update the open records of this queryset only: no finished one can be among them,
        so no check for one is needed."""
        return super(StepRecordQuerySet, self.open()).update(**fields)

    update_open.alters_data = True

    def finish(self, pk, **fields):
        """Write a record's finish, once: only a row still open matches. Returns 1 or 0."""
        return super(StepRecordQuerySet, self.filter(pk=pk, finished_at__isnull=True)).update(
            **fields
        )

    finish.alters_data = True


class StepRecord(models.Model):
    """One execution of one SOP step: the audit record the signed SOPs ask to keep.

    Everything a report or a printed record shows is copied here when it happens (agency,
    item title, SOP, step, baseline, actor's name at the time), so a record outlives the page,
    its revisions, the task and the user; the foreign keys are conveniences that go null.

    A record is open while its step runs (``finished_at`` is null) and is finished exactly
    once. Finishing gives it its place in the agency's hash chain (``sequence``,
    ``previous_hash``, ``hash``): from then on nothing may change it, and
    ``sop_audit_verify`` detects any row that was edited or removed.
    """

    OUTCOME_APPROVED = "approved"
    OUTCOME_REJECTED = "rejected"
    OUTCOME_CANCELLED = "cancelled"
    OUTCOME_PUBLISHED = "published"
    OUTCOME_EMERGENCY = "emergency"
    OUTCOME_CHOICES = [
        (OUTCOME_APPROVED, _("disetujui")),
        (OUTCOME_REJECTED, _("dikembalikan")),
        (OUTCOME_CANCELLED, _("dibatalkan")),
        (OUTCOME_PUBLISHED, _("diterbitkan")),
        (OUTCOME_EMERGENCY, _("terbit darurat (di luar SOP)")),
    ]

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("situs"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.CharField(_("instansi"), max_length=255)
    # The hash chain is per agency; site_id can go null, so the chain keeps its own key.
    chain = models.CharField(_("rantai"), max_length=255, db_index=True)
    sop = models.ForeignKey(
        Sop, verbose_name=_("SOP"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sop_name = models.CharField(_("nama SOP"), max_length=255)
    step = models.ForeignKey(
        SopStepTask,
        verbose_name=_("langkah"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="records",
    )
    step_number = models.PositiveSmallIntegerField(_("nomor langkah"), null=True)
    step_name = models.CharField(_("langkah"), max_length=255)
    actor_group = models.CharField(_("pelaksana"), max_length=255)
    baseline = models.DurationField(_("mutu baku waktu"))
    before_submission = models.BooleanField(_("sebelum pengajuan"), default=False)
    # Plain ids, not keys: the record must survive the page, workflow and task state.
    page_id = models.BigIntegerField(_("ID berita"), db_index=True)
    page_title = models.CharField(_("judul berita"), max_length=255)
    workflow_state_id = models.BigIntegerField(null=True)
    task_state_id = models.BigIntegerField(null=True, unique=True)
    started_at = models.DateTimeField(_("mulai"))
    due_at = models.DateTimeField(_("batas waktu"))
    finished_at = models.DateTimeField(_("selesai"), null=True)
    outcome = models.CharField(_("hasil"), max_length=20, choices=OUTCOME_CHOICES, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_username = models.CharField(_("nama pengguna"), max_length=150, blank=True)
    actor_name = models.CharField(_("nama pelaksana"), max_length=255, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    # The content the step is about: while it runs, the revision it started on; once approved
    # (or published in an emergency), the revision approved and its content hash (content.py).
    # A plain id, like page_id: the record outlives purged revisions.
    revision_id = models.BigIntegerField(_("ID revisi"), null=True)
    content_hash = models.CharField(_("sidik isi"), max_length=64, blank=True)
    # When the step approved. A last step stays open after its approval while it waits for its
    # social media posts or its go-live time: this tells that wait from a step still running.
    approved_at = models.DateTimeField(_("disetujui"), null=True)
    # The last step approved a revision whose go-live time is ahead: the record waits for the
    # publication, which finishes it (publishing.py); nobody is reminded meanwhile.
    scheduled_for = models.DateTimeField(_("dijadwalkan tayang"), null=True)
    wall_seconds = models.PositiveIntegerField(_("durasi (detik)"), null=True)
    working_seconds = models.PositiveIntegerField(_("durasi kerja (detik)"), null=True)
    on_time = models.BooleanField(_("tepat waktu"), null=True)
    reminded_at = models.DateTimeField(_("pengingat dikirim"), null=True)
    escalated_at = models.DateTimeField(_("eskalasi dikirim"), null=True)
    sequence = models.PositiveBigIntegerField(_("urutan"), null=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    objects = StepRecordQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["chain", "sequence"], name="sop_audit_record_unique_sequence"
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | ~Q(outcome=""),
                name="sop_audit_record_finished_has_outcome",
            ),
        ]
        indexes = [
            # The report: one agency over a period.
            models.Index(fields=["site", "finished_at"], name="sop_audit_rec_site_finished"),
            # The per-step report: in the order it groups by, with every column it reads, so
            # PostgreSQL reads an agency-year from the index alone, already sorted for the
            # grouping and the median (benchmarks/audit_report_bench.py).
            models.Index(
                fields=[
                    "site",
                    "sop",
                    "step_number",
                    "baseline",
                    "working_seconds",
                    "finished_at",
                    "on_time",
                ],
                name="sop_audit_rec_step_report",
            ),
            # Reminders, escalations and the dashboard: the open steps.
            models.Index(
                fields=["due_at"],
                condition=Q(finished_at__isnull=True),
                name="sop_audit_rec_open_due",
            ),
        ]
        ordering = ["started_at", "pk"]
        verbose_name = _("catatan langkah SOP")
        verbose_name_plural = _("catatan langkah SOP")

    def __str__(self):
        return f"{self.page_title}: {self.step_name}"

    def save(self, *args, **kwargs):
        # A record is finished only by records.finish, which chains it; save() never writes
        # a finished row, and _do_update below keeps it from overwriting one.
        if self.finished_at is not None:
            raise FinishedRecordError(_("Catatan langkah yang sudah selesai tidak dapat diubah."))
        return super().save(*args, **kwargs)

    save.alters_data = True

    def _do_update(self, base_qs, *args, **kwargs):
        # An instance read while the step was open may be saved after the step finished
        # (a reminder racing the approval): the UPDATE only matches a row that is still open.
        if not super()._do_update(base_qs.filter(finished_at__isnull=True), *args, **kwargs):
            raise FinishedRecordError(
                _("Catatan langkah ini sudah selesai atau tidak ada lagi; tidak dapat diubah.")
            )
        return True

    def delete(self, *args, **kwargs):
        if self.finished_at is not None:
            raise FinishedRecordError(_("Catatan langkah yang sudah selesai tidak dapat diubah."))
        return type(self).objects.filter(pk=self.pk).delete()

    delete.alters_data = True
