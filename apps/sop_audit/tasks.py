"""Background work of the SOP: its mails, sent by the worker once the moderation has committed.

Each task takes ids, not objects, and reads everything again when it runs: a task can run
late, twice, or after the item was deleted, and says so in the log rather than fail.
"""

from django_tasks import task

from . import notifications, publications, reminders


@task()
def notify_step_started(task_state_id):
    return notifications.step_started(task_state_id)


@task()
def notify_step_approved(task_state_id, actor_id=None):
    return notifications.step_approved(task_state_id, actor_id)


@task()
def notify_step_rejected(task_state_id, actor_id=None):
    return notifications.step_rejected(task_state_id, actor_id)


@task()
def notify_published(workflow_state_id, actor_id=None):
    return notifications.published(workflow_state_id, actor_id)


@task()
def send_step_warnings():
    """Periodic (WARTA_PERIODIC_TASKS): reminders at 3/4 of a step's time, escalations when late."""
    return reminders.send_step_warnings()


@task()
def notify_sent_back(task_state_id, actor_id=None):
    return notifications.sent_back(task_state_id, actor_id)


@task()
def notify_emergency_publication(page_id, revision_id, actor_id=None):
    return notifications.emergency_publication(page_id, revision_id, actor_id)


@task()
def publish_due():
    """Periodic (WARTA_PERIODIC_TASKS): scheduled publications whose time has come."""
    return publications.publish_due()
