"""The rules a signed SOP adds to Wagtail's group approval.

- A rejection always says why, and goes back to the author (Wagtail's "needs changes");
  resubmission resumes at the step that rejected it (Wagtail's resume).
- A step may require a note on approval: SOP A's first step is the disposition (disposisi).
- Four-eyes: where a step says so, whoever submitted the item or made its latest revision
  cannot approve it.
- Two moderators acting on the same step at the same moment give one transition: the task
  state row is locked and re-read before anything changes.

The checks live in on_action because Wagtail reaches it from two places (the workflow action
modal and the page editor's combined save-and-approve), and the editor path passes the
modal's data without validating it again. A refusal is a PermissionDenied whose message says
why, in Indonesian; the admin views in views.py show it and keep nothing of the request.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class RejectionForm(forms.Form):
    comment = forms.CharField(
        label=_("Alasan dikembalikan"),
        required=True,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Wajib diisi: penulis akan menerima alasan ini."),
    )


class DispositionForm(forms.Form):
    comment = forms.CharField(
        label=_("Disposisi"),
        required=True,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Wajib diisi: instruksi ini diteruskan ke pelaksana langkah berikutnya."),
    )


class ApprovalCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea({"rows": 2})
    )


def four_eyes_conflict(task, obj, user, workflow_state=None):
    """Why `user` may not approve `obj` at `task`, or None when they may.

    `workflow_state` is the item's running workflow state when the caller has it already;
    otherwise the item's own is read.
    """
    if not task.four_eyes:
        return None
    if workflow_state is None:
        workflow_state = obj.current_workflow_state
    if workflow_state is not None and workflow_state.requested_by_id == user.pk:
        return gettext(
            "Prinsip empat mata: Anda mengajukan berita ini, jadi langkah ini harus "
            "disetujui oleh pejabat lain."
        )
    latest = obj.get_latest_revision()
    if latest is not None and latest.user_id == user.pk:
        return gettext(
            "Prinsip empat mata: Anda penyunting terakhir berita ini, jadi langkah ini "
            "harus disetujui oleh pejabat lain."
        )
    return None


class SopStepModerationMixin:
    """Mixed into the SOP step task type, ahead of AbstractGroupApprovalTask."""

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        actions = [("reject", gettext("Kembalikan untuk diperbaiki"), True)]
        if four_eyes_conflict(self, obj, user) is None:
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
        return four_eyes_conflict(self, obj, user)

    def edit_and_act_refusal(self, obj, user, action_name):
        """Why `user` may not change `obj` and take `action_name` in one go (the page editor's
        save-and-approve), or None. Asked before anything is saved."""
        if action_name != "approve" or not self.four_eyes:
            return None
        return gettext(
            "Prinsip empat mata: mengubah isi berita menjadikan Anda penyunting terakhirnya, "
            "jadi Anda tidak dapat sekaligus menyetujuinya. Simpan perubahan Anda agar "
            "disetujui pejabat lain, atau setujui tanpa mengubah isi."
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from wagtail.models import TaskState

        # Locked and read again, so that of two moderators acting at once the second sees the
        # first one's result. What Wagtail's approval reads next (workflow state, workflow,
        # the revision it logs) comes in the same query; only this row is locked.
        current = (
            TaskState.objects.select_for_update(of=("self",))
            .select_related("workflow_state__workflow", "revision")
            .get(pk=task_state.pk)
        )
        if current.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied(gettext("Langkah ini sudah diproses oleh pengguna lain."))
        comment = (kwargs.get("comment") or "").strip()
        if action_name == "reject" and not comment:
            raise PermissionDenied(gettext("Alasan pengembalian wajib diisi."))
        workflow_state = current.workflow_state
        if action_name == "approve":
            if self.note_required and not comment:
                raise PermissionDenied(gettext("Langkah ini wajib disertai disposisi."))
            obj = load_workflow_object(workflow_state)
            conflict = four_eyes_conflict(self, obj, user, workflow_state)
            if conflict:
                raise PermissionDenied(conflict)
        kwargs["comment"] = comment
        state = current.specific
        # Hand Wagtail what is already in memory rather than let it read each again: this
        # task, and this state as the workflow state's current one.
        if state.task_id == self.pk:
            state.task = self
        if workflow_state.current_task_state_id == state.pk:
            workflow_state.current_task_state = state
        return super().on_action(state, user, action_name, **kwargs)


def load_workflow_object(workflow_state):
    """The item under `workflow_state`, with its latest revision, read in one query.

    Four-eyes reads its latest revision. It is also left in the workflow state's cache, where
    Wagtail looks for it when the next step starts (the revision it runs on) and the finish
    action when the last one ends (the revision it publishes): each would otherwise read the
    item and its revision again.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowState

    model = ContentType.objects.get_for_id(workflow_state.base_content_type_id).model_class()
    obj = model._default_manager.select_related("latest_revision").get(pk=workflow_state.object_id)
    WorkflowState.content_object.set_cached_value(workflow_state, obj)
    return obj
