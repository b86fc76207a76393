"""The periodic sweep (WARTA_PERIODIC_TASKS): retries that are due and attempts a worker lost.

Every delivery and deletion is handed to the queue when it becomes due; the sweep is what
makes a lost task cost nothing.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from apps.core import queue

from .delivery import deliver, enqueue_deliveries
from .models import Delivery
from .retraction import enqueue_retractions, retract, retractable
from .schedule import lease, queue_defers

Status = Delivery.Status


def _sweep_grace():
    """How overdue a pending row must be before the sweep queues it again.

    Every row that becomes due has a task in the queue already (queued at publication, or
    deferred to its retry time), so the sweep is there for the tasks that were lost. Queuing
    again every row merely due would pile duplicate tasks in front of a queue that is behind,
    and delay everything. A queue that cannot defer (the tests' immediate backend) has no
    retry tasks: there the sweep is how retries happen, with no grace.
    """
    return lease() if queue_defers(deliver) else datetime.timedelta(0)


def due_deliveries(now=None):
    """Pending rows overdue by the grace, and in-progress rows whose worker never came back."""
    now = now or timezone.now()
    overdue = Q(status=Status.PENDING, next_attempt_at__lte=now - _sweep_grace()) | Q(
        status=Status.IN_PROGRESS, claimed_at__lt=now - lease()
    )
    return Delivery.objects.filter(overdue, account__enabled=True, account__paused=False).order_by(
        "next_attempt_at", "pk"
    )


def due_retractions(now=None):
    now = now or timezone.now()
    return Delivery.objects.filter(
        retractable(now - _sweep_grace()), account__enabled=True, account__paused=False
    ).order_by("next_attempt_at", "pk")


@task()
def sweep():
    """Enqueue an attempt for every overdue or stuck delivery and deletion whose task is not
    waiting in the queue already; returns how many."""
    ids = _not_waiting(due_deliveries(), deliver)
    enqueue_deliveries(ids)
    retractions = _not_waiting(due_retractions(), retract)
    enqueue_retractions(retractions)
    return len(ids) + len(retractions)


def _not_waiting(due, queued_task):
    """Up to a batch of the `due` rows with no run of `queued_task` waiting for them in the queue.

    A row merely overdue may be behind a long queue, not lost: queuing it again at every
    sweep piled thousands of no-op tasks in front of the real ones when workers kept dying.
    """
    waiting = queue.waiting_first_args(queued_task) or set()
    batch = settings.SOCIAL_SYNC_SWEEP_BATCH
    ids = []
    for pk in due.values_list("pk", flat=True).iterator():
        if pk not in waiting:
            ids.append(pk)
            if len(ids) == batch:
                break
    return ids
