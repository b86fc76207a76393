"""What the task queue holds, where the queue can be read back."""

from django_tasks.base import TaskResultStatus
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def waiting_first_args(task):
    """The first argument of every run of `task` waiting in the queue, not yet started (due
    now or deferred); None when the queue cannot be read back.

    Only django-tasks' database backend can: it is the production and development queue. A
    run a worker took and never finished (killed) is not waiting, and is not in the set.
    """
    backend = task.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return None
    rows = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=task.module_path,
        backend_name=backend.alias,
        queue_name=task.queue_name,
    ).values_list("args_kwargs", flat=True)
    return {row["args"][0] for row in rows.iterator() if row["args"]}
