"""Sending an item back: a change of content saved while its SOP runs voids approvals.

A change that is not the running step's own editing (approvals.may_change_content) stops that
step and starts again at the first step whose approval it voids (approvals.restart_step); the
rule itself is approvals.py's. Called for every revision saved (signal_handlers.py); the page
editor tells its user where the item went (page_views.py).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_cancelled

from .approvals import SENT_BACK_ACTION, basis_hash, may_change_content, restart_step
from .content import revision_hash
from .models import sop_step_of


@transaction.atomic
def latest_revision_changed(page):
    """A revision of `page` was saved (or overwritten) while its SOP may be running.

    A change of content that is not the running step's own editing sends the item back
    (send_back). A save that changes nothing is left alone.
    """
    revision = page.latest_revision
    if revision is None:
        return None
    task_state = _running_task_state(page)
    if task_state is None:
        return None
    step = task_state.task.specific
    if revision_hash(revision) == basis_hash(task_state):
        return None
    author = revision.user
    if may_change_content(step, author):
        return None
    return send_back(task_state.workflow_state, task_state, revision, author)


def running_task_state_id(page):
    """The id of the task state running on `page`'s workflow now, read from the database."""
    return (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .values_list("current_task_state_id", flat=True)
        .first()
    )


def _running_task_state(page, attempts=3):
    """The SOP step running on `page`, its row locked as an approval locks it (moderation.py).

    An approval that holds the lock moves the workflow on before the lock is granted: the
    step then running is read again, so that a change is judged against the step it meets.
    """
    for _attempt in range(attempts):
        current = running_task_state_id(page)
        if current is None:
            return None
        task_state = (
            TaskState.objects.select_for_update(of=("self",))
            .select_related("workflow_state", "task", "revision")
            .get(pk=current)
        )
        if task_state.status == TaskState.STATUS_IN_PROGRESS:
            return task_state if sop_step_of(task_state) is not None else None
    return None


def _name(user):
    if user is None:
        return gettext("seseorang")
    return user.get_full_name().strip() or user.get_username()


@transaction.atomic
def send_back(workflow_state, task_state, revision, user):
    """Stop the running step and start again at the step whose approval the change voided.

    Returns the step started. The running step's state is cancelled with the reason as its
    comment (its record keeps it as the note); the page's history says what happened.
    """
    step = task_state.task.specific
    target = restart_step(workflow_state, step)
    reason = gettext(
        "Isi berita diubah oleh %(user)s saat Langkah %(current)s berjalan; persetujuan "
        "diulang mulai Langkah %(target)s."
    ) % {
        "user": _name(user),
        "current": step.number,
        "target": target.number,
    }
    # TaskState.cancel() would let Wagtail pick the next task, and Wagtail still counts the
    # approvals this change voided: the step to restart is named here instead.
    task_state.status = TaskState.STATUS_CANCELLED
    task_state.finished_at = timezone.now()
    task_state.finished_by = user
    task_state.comment = reason
    task_state.save()
    workflow_state.current_task_state = task_state
    workflow_state.update(user=user, next_task=target)
    task_cancelled.send(
        sender=task_state.specific.__class__, instance=task_state.specific, user=user
    )
    log(
        instance=workflow_state.content_object.specific,
        action=SENT_BACK_ACTION,
        user=user,
        revision=revision,
        data={
            "reason": reason,
            "from_step": step.number,
            "to_step": target.number,
            "task_state_id": task_state.pk,
        },
    )
    return target
