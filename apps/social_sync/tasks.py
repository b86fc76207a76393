"""The worker's side of social sync. Each task takes ids and reads everything again when it
runs: it may run late, twice, or after the row changed, and the claim in actions.attempt
makes a second run harmless."""

from django_tasks import task

from . import actions


@task()
def deliver(delivery_id):
    return actions.attempt(delivery_id)


@task()
def retract(delivery_id):
    return actions.retract(delivery_id)


@task()
def sweep():
    """Periodic (WARTA_PERIODIC_TASKS): retries that are due and attempts a worker lost."""
    return actions.sweep()


@task()
def notify_account_paused(account_id):
    return actions.notify_account_paused(account_id)
