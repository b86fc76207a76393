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
modal's data without validating it again.
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


def four_eyes_conflict(task, obj, user):
    """Why `user` may not approve `obj` at `task`, or None when they may."""
    if not task.four_eyes:
        return None
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

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from wagtail.models import TaskState

        current = TaskState.objects.select_for_update().get(pk=task_state.pk)
        if current.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied(gettext("Langkah ini sudah diproses oleh pengguna lain."))
        comment = (kwargs.get("comment") or "").strip()
        if action_name == "reject" and not comment:
            raise PermissionDenied(gettext("Alasan pengembalian wajib diisi."))
        if action_name == "approve":
            if self.note_required and not comment:
                raise PermissionDenied(gettext("Langkah ini wajib disertai disposisi."))
            obj = task_state.workflow_state.content_object
            conflict = four_eyes_conflict(self, obj, user)
            if conflict:
                raise PermissionDenied(conflict)
        kwargs["comment"] = comment
        return super().on_action(current.specific, user, action_name, **kwargs)
