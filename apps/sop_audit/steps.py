"""The steps of a signed SOP: one Wagtail group approval task per step.

The task type carries the SOP's rules of moderation (moderation.py), which Wagtail calls on the
task itself; those rules read the step records and the other steps of the workflow, so this
module sits above them: nothing the rules import imports it.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Task

from .baselines import BaselineField, describe_baseline
from .moderation import SopStepModerationMixin
from .sops import Sop

TASK_NAME_LENGTH = 255  # Task.name


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

    @classmethod
    def workflow_steps(cls, workflow_state):
        """The active SOP steps of `workflow_state`'s workflow, in order.

        Read once per workflow state object: an approval asks for them when it picks the next
        step and again when its record decides whether this was the last one.
        """
        steps = getattr(workflow_state, "_sop_steps", None)
        if steps is None:
            steps = list(
                cls.objects.filter(
                    workflow_tasks__workflow_id=workflow_state.workflow_id, active=True
                ).order_by("workflow_tasks__sort_order")
            )
            workflow_state._sop_steps = steps
        return steps


def sop_step_of(task_state):
    """The SOP step `task_state` runs, or None (no task state, or a task of another type).

    Free during the workflow: Wagtail's signals carry the task state with its specific task
    already loaded, and an SOP approval hands Wagtail the step itself (moderation.py).
    """
    if task_state is None:
        return None
    step = task_state.task.specific
    return step if isinstance(step, SopStepTask) else None


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
