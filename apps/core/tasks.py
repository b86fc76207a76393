from django.utils import timezone
from django_tasks import task

from .models import WorkerHeartbeat


@task(takes_context=True)
def record_heartbeat(context):
    """Prove to /healthz/ that a worker is taking tasks off the queue."""
    worker_ids = context.task_result.worker_ids
    worker_id = worker_ids[-1] if worker_ids else "inline"
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id[:64], defaults={"last_seen": timezone.now()}
    )
