"""The worker's clock: periodic tasks reach the queue on time with nobody asking for them.

The clock is a real thread, as in `manage.py run_worker`, and the queue is the real
database queue (django-tasks-db), so these tests need a real transaction (the thread has
its own connection). A task counts as enqueued when django-tasks says so (its
`task_enqueued` signal) and when its row is in the queue.
"""

import io
import threading
import time

import pytest
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django_tasks import task
from django_tasks.signals import task_enqueued
from django_tasks_db.models import DBTaskResult

from apps.core.management.commands.run_worker import Clock
from apps.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db(transaction=True)

HEARTBEAT = "apps.core.tasks.record_heartbeat"
TICK = "tests.core.test_worker.tick"
WAIT = 15  # seconds; generous, for a loaded CI machine


@task()
def tick():
    """A periodic task of our own, to watch the clock's loop go round."""


@pytest.fixture(autouse=True)
def _database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Enqueued:
    """Every task enqueued from any thread, as (task path, monotonic time)."""

    def __init__(self):
        self.calls = []
        self.changed = threading.Condition()

    def __call__(self, sender, task_result, **kwargs):
        with self.changed:
            self.calls.append((task_result.task.module_path, time.monotonic()))
            self.changed.notify_all()

    def paths(self):
        with self.changed:
            return [path for path, _at in self.calls]

    def wait_for(self, path, times=1):
        with self.changed:
            done = self.changed.wait_for(
                lambda: [p for p, _at in self.calls].count(path) >= times, timeout=WAIT
            )
        assert done, f"{path} enqueued {self.paths().count(path)} times, not {times}"
        return [at for p, at in self.calls if p == path]


@pytest.fixture
def enqueued():
    receiver = Enqueued()
    task_enqueued.connect(receiver, weak=False, dispatch_uid="test_worker_enqueued")
    yield receiver
    task_enqueued.disconnect(dispatch_uid="test_worker_enqueued")


@pytest.fixture
def run_clock():
    """Start a Clock on a schedule; it is stopped and joined when the test ends."""
    clocks = []

    def start(schedule):
        # What run_worker hands it: the command's stdout, which ends each line.
        clock = Clock(schedule, OutputWrapper(io.StringIO()))
        clocks.append(clock)
        clock.start()
        return clock

    yield start
    for clock in clocks:
        clock.stopped.set()
        clock.join(WAIT)
        assert not clock.is_alive(), "the clock did not stop when asked"


def stop(clock):
    clock.stopped.set()
    clock.join(WAIT)
    assert not clock.is_alive()


def test_clock_queues_the_heartbeat_as_soon_as_the_worker_starts(settings, enqueued, run_clock):
    # Beating more often than /healthz/ calls a worker stale, or it would flap.
    (interval,) = [seconds for path, seconds in settings.WARTA_PERIODIC_TASKS if path == HEARTBEAT]
    assert interval < settings.WARTA_WORKER_STALE_AFTER
    clock = run_clock(settings.WARTA_PERIODIC_TASKS)
    enqueued.wait_for(HEARTBEAT)
    stop(clock)
    queued = DBTaskResult.objects.filter(task_path=HEARTBEAT)
    assert [row.status for row in queued] == ["READY"]
    assert not WorkerHeartbeat.objects.exists()  # queued for the worker, not run here


def test_queued_heartbeat_run_by_the_worker_makes_health_say_ok(
    client, settings, enqueued, run_clock
):
    assert client.get("/healthz/").json()["worker"] == "never-seen"
    clock = run_clock(settings.WARTA_PERIODIC_TASKS)
    enqueued.wait_for(HEARTBEAT)
    stop(clock)

    # The worker loop of `run_worker`, once through the queue, without a second clock.
    call_command("run_worker", "--no-clock", "--batch", "--no-startup-delay", verbosity=0)

    ran = DBTaskResult.objects.filter(task_path=HEARTBEAT)
    assert [row.status for row in ran] == ["SUCCESSFUL"]
    (beat,) = WorkerHeartbeat.objects.all()
    assert beat.worker_id != "inline"  # the worker's own id, as the queue recorded it
    health = client.get("/healthz/").json()
    assert (health["status"], health["worker"]) == ("ok", "ok")


def test_each_task_waits_its_own_interval_before_it_is_queued_again(enqueued, run_clock):
    clock = run_clock([(HEARTBEAT, 3600), (TICK, 1)])
    ticks = enqueued.wait_for(TICK, times=3)
    stop(clock)
    assert enqueued.paths().count(HEARTBEAT) == 1
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
    assert all(gap >= 0.9 for gap in gaps), gaps
    assert DBTaskResult.objects.filter(task_path=HEARTBEAT).count() == 1
    assert DBTaskResult.objects.filter(task_path=TICK).count() == len(ticks)


def test_clock_says_why_a_task_could_not_be_queued_and_keeps_the_others(enqueued, run_clock):
    # os.getcwd imports fine but is no task: enqueuing it fails every time.
    clock = run_clock([("os.getcwd", 1), (TICK, 1)])
    enqueued.wait_for(TICK, times=2)
    stop(clock)
    log = clock.stdout._out.getvalue().splitlines()
    assert len(log) >= 2
    assert all(line.startswith("clock: could not enqueue os.getcwd: ") for line in log), log
    assert DBTaskResult.objects.filter(task_path=TICK).count() >= 2


def test_stopping_the_clock_stops_the_queueing(enqueued, run_clock):
    clock = run_clock([(TICK, 1)])
    enqueued.wait_for(TICK)
    stop(clock)
    count = len(enqueued.paths())
    time.sleep(1.5)
    assert len(enqueued.paths()) == count
