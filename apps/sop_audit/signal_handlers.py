"""Receivers of Wagtail's workflow signals: recognise an SOP event, hand it on, return.

Wagtail sends these signals inside the moderation transaction, and an exception here would
roll the moderator's action back. The audit records are written from here on purpose, in the
same transaction as the action they record (records.py). Nothing is sent from here: the task
is enqueued once the transaction has committed (never for an action that was rolled back),
and a failure to enqueue is logged instead of breaking a request whose action is already saved.

register_signal_handlers() connects them all, once, from the app's ready().
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail import signals
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, TaskState, WorkflowState

from apps.core.signals import publication_settled
from apps.news.models import NewsPage

from . import approvals, media, publications, records, sendback, tasks, workcalendar
from .models import DayOff, WorkingCalendar, sop_step_of

# Wagtail's notification receivers (wagtail/admin/signal_handlers.py): signal name, sender
# model and dispatch_uid. They send English mails inside the moderation transaction; the SOP
# sends its own, in Indonesian, from the worker after commit (see notifications.py).
WAGTAIL_NOTIFICATION_RECEIVERS = (
    ("task_submitted", TaskState, "group_approval_task_submitted_email_notification"),
    ("workflow_submitted", WorkflowState, "workflow_state_submitted_email_notification"),
    ("workflow_rejected", WorkflowState, "workflow_state_rejected_email_notification"),
    ("workflow_approved", WorkflowState, "workflow_state_approved_email_notification"),
)


def _is_sop_step(task_state):
    """Whether `task_state` runs an SOP step. Free during an SOP approval: on_action hands
    Wagtail the specific task, which these signals then carry."""
    return sop_step_of(task_state) is not None


def _after_commit(task, *args):
    transaction.on_commit(lambda: task.enqueue(*args), robust=True)


def _actor_id(user):
    return user.pk if user is not None else None


def step_started(sender, instance, user=None, **kwargs):
    """task_submitted: a step of an SOP starts, its actors are told."""
    if _is_sop_step(instance):
        _after_commit(tasks.notify_step_started, instance.pk)


def step_cancelled(sender, instance, user=None, **kwargs):
    """task_cancelled: a step stopped because the content changed mid-SOP; the submitter is
    told where the item went back to (the new step's actors get the step's own mail)."""
    if (
        _is_sop_step(instance)
        and instance.workflow_state.status == instance.workflow_state.STATUS_IN_PROGRESS
        and instance.workflow_state.current_task_state_id != instance.pk
        and instance.status == TaskState.STATUS_CANCELLED
    ):
        _after_commit(tasks.notify_sent_back, instance.pk, _actor_id(user))


def step_approved(sender, instance, user=None, **kwargs):
    """task_approved: the submitter hears that a step passed.

    Not after the last step: the publication mail tells the submitter instead.
    """
    if _is_sop_step(instance) and not approvals.is_last_step(instance):
        _after_commit(tasks.notify_step_approved, instance.pk, _actor_id(user))


def step_rejected(sender, instance, user=None, **kwargs):
    """task_rejected: the submitter hears which step sent the item back, and why.

    The rejection also fires workflow_rejected; only this one is used, because it names the
    task state that rejected (the workflow state's current task state moves on at resume).
    """
    if _is_sop_step(instance):
        _after_commit(tasks.notify_step_rejected, instance.pk, _actor_id(user))


def workflow_published(sender, instance, user=None, **kwargs):
    """workflow_approved: the last step passed and the item was published.

    An SOP's workflow is one whose steps are SOP steps, so its last task state tells, without
    looking the SOP up.
    """
    if _is_sop_step(instance.current_task_state):
        _after_commit(tasks.notify_published, instance.pk, _actor_id(user))


def page_published(sender, instance, revision=None, **kwargs):
    """page_published: a publication that bypassed the SOP is written into the history; a
    scheduled one that the SOP approved finishes its last step's record.

    Wagtail also sends it when an item that was never live is only scheduled: nothing went
    live then.
    """
    if revision is not None and instance.live:
        publications.publication_happened(instance, revision)


def page_saved(sender, instance, update_fields=None, **kwargs):
    """post_save of any model: a page whose latest revision was just written (save_revision)
    hands it to the SOP's rule, which sends the item back if its content changed mid-SOP."""
    if update_fields and "latest_revision" in update_fields and isinstance(instance, Page):
        sendback.latest_revision_changed(instance)


# Audit records (records.py): written in the moderation transaction, with the action.


def record_step_started(sender, instance, user=None, **kwargs):
    records.step_started(instance)


def record_step_approved(sender, instance, user=None, **kwargs):
    records.step_approved(instance, user)


def record_step_rejected(sender, instance, user=None, **kwargs):
    records.step_rejected(instance, user)


def record_step_cancelled(sender, instance, user=None, **kwargs):
    records.step_cancelled(instance, user)


def record_item_submitted(sender, instance, user=None, **kwargs):
    records.item_submitted(instance, user)


def record_workflow_cancelled(sender, instance, user=None, **kwargs):
    records.workflow_cancelled(instance, user)


def record_item_deleted(sender, instance, **kwargs):
    """pre_delete of a page: whoever deletes it in the admin is the log context's user."""
    records.item_deleted(instance.pk, get_active_log_context().user)


def record_publication_settled(sender, page_id, settled_at, **kwargs):
    records.publication_settled(page_id, settled_at)


def calendar_changed(sender, instance, **kwargs):
    """post_save / post_delete of a working calendar or a day off: forget the cached one."""
    workcalendar.forget_changed(instance)


def news_published(sender, instance, **kwargs):
    """page_published of a news item: its live media are protected at once (media.py)."""
    media.index_live_references(instance)


def register_signal_handlers():
    """Connect the receivers above, and take Wagtail's notification mails off.

    Called from the app's ready(), which runs after wagtail.admin's (INSTALLED_APPS order), so
    Wagtail's receivers are connected and can be removed here. The task signals are connected
    without a sender: it is the task state's own class, which a task type may change.
    """
    for signal_name, sender, dispatch_uid in WAGTAIL_NOTIFICATION_RECEIVERS:
        getattr(signals, signal_name).disconnect(sender=sender, dispatch_uid=dispatch_uid)

    # Mails, after commit (tasks.py).
    signals.task_submitted.connect(step_started, dispatch_uid="sop_audit_step_started")
    signals.task_approved.connect(step_approved, dispatch_uid="sop_audit_step_approved")
    signals.task_rejected.connect(step_rejected, dispatch_uid="sop_audit_step_rejected")
    signals.page_published.connect(page_published, dispatch_uid="sop_audit_outside_sop")
    signals.task_cancelled.connect(step_cancelled, dispatch_uid="sop_audit_step_cancelled")
    # Every page type: a revision saved mid-SOP is checked against what was approved.
    post_save.connect(page_saved, dispatch_uid="sop_audit_page_saved")

    # Audit records: one per step execution, written with the action (records.py).
    signals.task_submitted.connect(
        record_step_started, dispatch_uid="sop_audit_record_step_started"
    )
    signals.task_approved.connect(
        record_step_approved, dispatch_uid="sop_audit_record_step_approved"
    )
    signals.task_rejected.connect(
        record_step_rejected, dispatch_uid="sop_audit_record_step_rejected"
    )
    signals.task_cancelled.connect(
        record_step_cancelled, dispatch_uid="sop_audit_record_step_cancelled"
    )
    signals.workflow_submitted.connect(
        record_item_submitted, sender=WorkflowState, dispatch_uid="sop_audit_record_item_submitted"
    )
    signals.workflow_cancelled.connect(
        record_workflow_cancelled,
        sender=WorkflowState,
        dispatch_uid="sop_audit_record_workflow_cancelled",
    )
    # Deleting a page deletes its workflow states with it, without a workflow signal.
    pre_delete.connect(
        record_item_deleted, sender=Page, dispatch_uid="sop_audit_record_item_deleted"
    )
    signals.workflow_approved.connect(
        workflow_published, sender=WorkflowState, dispatch_uid="sop_audit_workflow_published"
    )
    publication_settled.connect(
        record_publication_settled, dispatch_uid="sop_audit_record_publication_settled"
    )

    for model in (WorkingCalendar, DayOff):
        for django_signal in (post_save, post_delete):
            django_signal.connect(
                calendar_changed,
                sender=model,
                dispatch_uid=f"sop_audit_calendar_changed_{model.__name__}",
            )

    # Media that SOP news relies on changes only through the SOP (media.py).
    signals.page_published.connect(
        news_published, sender=NewsPage, dispatch_uid="sop_audit_index_published_news"
    )
