"""When the engine tries again, for posts and deletions alike: how long a worker's claim lasts,
how long to wait before the next attempt, and asking the queue for a run at that time."""

import datetime
import random

from django.conf import settings


def lease():
    """How long a claim belongs to its worker; past it, the worker is taken for dead."""
    return datetime.timedelta(seconds=settings.SOCIAL_SYNC_LEASE)


def backoff_delay(attempts, retry_after=None):
    """Seconds until the next attempt: the server's hint when it gave one, otherwise
    exponential backoff with full jitter, capped."""
    if retry_after is not None:
        return max(1.0, float(retry_after))
    base, cap = settings.SOCIAL_SYNC_BACKOFF_BASE, settings.SOCIAL_SYNC_BACKOFF_CAP
    ceiling = min(cap, base * 2 ** max(0, attempts - 1))
    return max(1.0, random.uniform(0, ceiling))


def retry_at(now, attempts, retry_after=None):
    return now + datetime.timedelta(seconds=backoff_delay(attempts, retry_after))


def queue_defers(task):
    """Whether the queue can hold a run until a given time (the tests' immediate one cannot)."""
    return task.get_backend().supports_defer


def enqueue_at(task, delivery_id, when):
    """Ask the queue for the retry at its time when it can defer; the sweep does otherwise."""
    if queue_defers(task):
        task.using(run_after=when).enqueue(delivery_id)
