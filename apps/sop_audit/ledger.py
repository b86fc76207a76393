"""The audit records as stored: one row per execution of a step, and each agency's chain head.

How a record is opened, bound to an approval and finished into its chain is recording.py's;
which workflow event does which is records.py's; the hash is chain.py's.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .sops import Sop


def convenience_key(to, verbose_name, related_name="+"):
    """A foreign key kept for convenience: it goes null when what it points to is deleted,
    which is allowed, and the snapshot fields beside it say the same durably (chain.py)."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


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
    recording.finish, in one conditional UPDATE that only an open row matches.
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

    site = convenience_key("wagtailcore.Site", _("situs"))
    agency = models.CharField(_("instansi"), max_length=255)
    # The hash chain is per agency; site_id can go null, so the chain keeps its own key.
    chain = models.CharField(_("rantai"), max_length=255, db_index=True)
    sop = convenience_key(Sop, _("SOP"))
    sop_name = models.CharField(_("nama SOP"), max_length=255)
    step = convenience_key("SopStepTask", _("langkah"), related_name="records")
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
    actor = convenience_key(settings.AUTH_USER_MODEL, _("pengguna"))
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
    # publication, which finishes it (publications.py); nobody is reminded meanwhile.
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
            # grouping and the median (benchmarks/audit_report_bench.py). Emergency
            # publications measure no step and the report leaves them out
            # (reports.measured_records): so does the index, or the report's filter on their
            # outcome would send PostgreSQL to the table.
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
                condition=~Q(outcome="emergency"),
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
        # A record is finished only by recording.finish, which chains it; save() never writes
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
