"""The background worker: django-tasks-db's worker plus a small clock for periodic tasks.

django-tasks has no scheduler. Periodic work (the worker heartbeat, the SOP's reminders and
scheduled publications, the social delivery sweep) is enqueued by a thread in this process
every `interval` seconds listed in WARTA_PERIODIC_TASKS, then run by the same worker loop like
any other task. Running several workers enqueues periodic tasks more than once; each periodic
task is written to be idempotent.
"""

import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils.module_loading import import_string
from django_tasks.utils import get_random_id
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Clock(threading.Thread):
    daemon = True

    def __init__(self, schedule, stdout):
        super().__init__(name="warta-clock")
        self.schedule = [(import_string(path), seconds) for path, seconds in schedule]
        self.next_run = {path: 0.0 for path, _ in schedule}
        self.paths = [path for path, _ in schedule]
        self.stdout = stdout
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            now = time.monotonic()
            for path, (task, seconds) in zip(self.paths, self.schedule, strict=True):
                if now >= self.next_run[path]:
                    try:
                        task.enqueue()
                    except Exception as exc:  # keep the clock alive; say why it missed
                        self.stdout.write(f"clock: could not enqueue {path}: {exc}")
                    self.next_run[path] = now + seconds
            close_old_connections()
            self.stopped.wait(1.0)
        connection.close()


class Command(DbWorkerCommand):
    help = (
        "Run the background worker (all queues) together with the clock that enqueues "
        "periodic tasks from WARTA_PERIODIC_TASKS."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False, worker_id=get_random_id())
        parser.add_argument(
            "--no-clock",
            action="store_true",
            help="Do not enqueue periodic tasks from this process.",
        )

    def handle(self, *args, no_clock=False, **options):
        if not no_clock:
            Clock(settings.WARTA_PERIODIC_TASKS, self.stdout).start()
        return super().handle(*args, **options)
