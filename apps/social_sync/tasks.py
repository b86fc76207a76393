"""The old import paths of social sync's tasks, for runs already in the database queue.

Each task is defined beside the work it runs (delivery.py, retraction.py, sweep.py,
accounts.py). django-tasks-db stores a queued run's task path and imports it when a worker
takes the run; runs queued before the tasks moved (retries deferred up to
SOCIAL_SYNC_BACKOFF_CAP ahead, a paused account's mail) name ``apps.social_sync.tasks.<name>``
and would fail with an ImportError without these names. The sweep would make up for a lost
delivery or deletion, but nothing makes up for a lost mail.

Nothing imports this module. Remove it once no waiting run names it:
``DBTaskResult.objects.filter(task_path__startswith="apps.social_sync.tasks.", status="READY")``
"""

from .accounts import notify_account_paused
from .delivery import deliver
from .retraction import retract
from .sweep import sweep

__all__ = ["deliver", "notify_account_paused", "retract", "sweep"]
