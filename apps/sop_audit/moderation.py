"""The rules a signed SOP adds to Wagtail's group approval.

- A rejection always says why, and goes back to the author (Wagtail's "needs changes");
  resubmission resumes at the step that rejected it, unless the content changed since
  (approvals.py says where it starts then).
- A step may require a note on approval: SOP A's first step is the disposition (disposisi).
- An approval binds to the content approved, which only an editing step may change, and
  four-eyes looks at who changed the content, not at the last save (approvals.py).
- The step names the next step itself: Wagtail would skip steps whose earlier approval a
  change has voided.
- Two moderators acting on the same step at the same moment give one transition: the task
  state row is locked and re-read before anything changes.

The checks live in on_action because Wagtail reaches it from two places (the workflow action
modal and the page editor's combined save-and-approve), and the editor path passes the
modal's data without validating it again. A refusal is a PermissionDenied whose message says
why, in Indonesian; the admin views in page_views.py show it and keep nothing of the request.

The step task type (steps.py) mixes these in, so what they use (approvals.py, recording.py)
never imports the step task type: see models.py.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState, WorkflowState

from . import approvals, recording

# What an action's form posts (get_form_for_action): anything else is refused.
ACTION_FIELDS = frozenset({"comment"})


def comment_field(label, help_text="", *, required=True, rows=3):
    """The one field an action's form posts (ACTION_FIELDS)."""
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea({"rows": rows}), help_text=help_text
    )


class RejectionForm(forms.Form):
    comment = comment_field(
        _("Alasan dikembalikan"), _("Wajib diisi: penulis akan menerima alasan ini.")
    )


class DispositionForm(forms.Form):
    comment = comment_field(
        _("Disposisi"),
        _("Wajib diisi: instruksi ini diteruskan ke pelaksana langkah berikutnya."),
    )


class ApprovalCommentForm(forms.Form):
    comment = comment_field(_("Catatan"), required=False, rows=2)


class SopStepModerationMixin:
    """Mixed into the SOP step task type (steps.py), ahead of AbstractGroupApprovalTask."""

    def start(self, workflow_state, user=None):
        """Start this step; a resubmission whose content changed since this step rejected it
        starts where the approvals it voided begin instead."""
        if approvals.is_resumption(workflow_state, self):
            target = approvals.resumption_step(workflow_state, self)
            if target.pk != self.pk:
                approvals.log_resumed_elsewhere(workflow_state, self, target, user)
                return target.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        actions = [("reject", gettext("Kembalikan untuk diperbaiki"), True)]
        if self.action_refusal(obj, user, "approve") is None:
            if self.note_required:
                actions.append(("approve", gettext("Setujui dengan disposisi"), True))
            else:
                actions.append(("approve", gettext("Setujui"), False))
                actions.append(("approve", gettext("Setujui dengan catatan"), True))
        return actions

    def get_form_for_action(self, action):
        if action == "reject":
            return RejectionForm
        if action == "approve" and self.note_required:
            return DispositionForm
        return ApprovalCommentForm

    def action_refusal(self, obj, user, action_name):
        """Why get_actions leaves `action_name` out for `user`, in words for them, or None
        when there is nothing to tell them (not one of the step's actors)."""
        if action_name != "approve" or not (user.is_superuser or self._user_in_groups(user)):
            return None
        return approvals.four_eyes_conflict(self, obj, user)

    def edit_and_act_refusal(self, obj, user, action_name):
        """Why `user` may not change `obj`'s content and take `action_name` in one go (the page
        editor's save-and-act), or None. Asked before anything is saved."""
        if not approvals.may_change_content(self, user):
            workflow_state = obj.current_workflow_state
            target = approvals.restart_step(workflow_state, self) if workflow_state else self
            return gettext(
                "Langkah %(number)s tidak mengubah isi berita: perubahan isi mengembalikan "
                "berita ke Langkah %(target)s untuk disetujui ulang, jadi tidak dapat disimpan "
                "sekaligus dengan tindakan ini. Setujui atau kembalikan tanpa mengubah isi, "
                "atau simpan perubahan saja."
            ) % {"number": self.number, "target": target.number}
        if action_name == "approve" and self.four_eyes:
            return gettext(
                "Prinsip empat mata: mengubah isi berita menjadikan Anda penyuntingnya, jadi "
                "Anda tidak dapat sekaligus menyetujuinya. Simpan perubahan Anda agar "
                "disetujui pejabat lain, atau setujui tanpa mengubah isi."
            )
        return None

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # The item's row first, then the step's: every change of an item under its SOP takes
        # them in this order (an editor's save, an emergency publication), or two of them
        # could each wait for the other.
        obj = lock_workflow_object(task_state)
        # Locked and read again, so that of two moderators acting at once the second sees the
        # first one's result. What Wagtail's approval reads next (workflow state, workflow,
        # the revision it logs) comes in the same query; only this row is locked.
        current = (
            TaskState.objects.select_for_update(of=("self",))
            .select_related("workflow_state__workflow", "revision")
            .get(pk=task_state.pk)
        )
        if current.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied(stale_state_message(current))
        if action_name not in ("approve", "reject"):
            raise PermissionDenied(gettext("Tindakan ini tidak dikenal pada langkah SOP."))
        comment = action_comment(kwargs)
        if action_name == "reject" and not comment:
            raise PermissionDenied(gettext("Alasan pengembalian wajib diisi."))
        workflow_state = current.workflow_state
        state = current.specific
        # Hand Wagtail what is already in memory rather than let it read each again: this
        # task, and this state as the workflow state's current one.
        if state.task_id == self.pk:
            state.task = self
        if workflow_state.current_task_state_id == state.pk:
            workflow_state.current_task_state = state
        if action_name == "reject":
            return super().on_action(state, user, action_name, comment=comment)

        if self.note_required and not comment:
            raise PermissionDenied(gettext("Langkah ini wajib disertai disposisi."))
        # Left where Wagtail looks for it when the next step starts (the revision it runs on)
        # and when the last one ends (the revision it publishes).
        WorkflowState.content_object.set_cached_value(workflow_state, obj)
        approval = approvals.approval_for(self, state, obj, user, workflow_state)
        recording.bind_approval(self, state, approval, timezone.now())
        state.revision = approval.revision
        following = approvals.next_step(workflow_state, self)
        state.approve(user=user, update=False, comment=comment)
        workflow_state.current_task_state = state
        # Without a next step Wagtail finishes the workflow, which publishes (publishing.py).
        workflow_state.update(user=user, next_task=following)
        return None  # the workflow action view would redirect to a returned value


def action_comment(kwargs):
    """The note of a workflow action, from what its form posted; anything else is refused.

    The page editor hands on_action whatever JSON was posted as the action's data: a key such
    as ``update`` would reach Wagtail's TaskState.approve and leave the step half done.
    """
    unknown = set(kwargs) - ACTION_FIELDS
    if unknown:
        raise PermissionDenied(
            gettext("Data tindakan tidak dikenal: %(fields)s.")
            % {"fields": ", ".join(sorted(map(str, unknown)))}
        )
    comment = kwargs.get("comment") or ""
    if not isinstance(comment, str):
        raise PermissionDenied(gettext("Catatan tindakan harus berupa teks."))
    return comment.strip()


def stale_state_message(task_state):
    """Why a step that is no longer running cannot be acted on."""
    if task_state.status == TaskState.STATUS_CANCELLED and task_state.comment:
        return gettext("Langkah ini sudah dihentikan: %(reason)s") % {"reason": task_state.comment}
    return gettext("Langkah ini sudah diproses oleh pengguna lain.")


def lock_workflow_object(task_state):
    """The item `task_state`'s workflow moderates, with its latest revision, its row locked.

    As Wagtail keeps it: the base page (the workflow state's base content type), whose row an
    editor's save and a publication update.
    """
    if TaskState.workflow_state.is_cached(task_state):
        state = task_state.workflow_state
        content_type_id, object_id = state.base_content_type_id, state.object_id
    else:
        content_type_id, object_id = (
            WorkflowState.objects.filter(pk=task_state.workflow_state_id)
            .values_list("base_content_type_id", "object_id")
            .get()
        )
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return (
        model._default_manager.select_related("latest_revision")
        .select_for_update(of=("self",))
        .get(pk=object_id)
    )
