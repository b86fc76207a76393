"""When an SOP step is due and how much time is left, and how both are written.

A step is due its baseline (mutu baku waktu) after it started, in wall-clock time. A later
issue brings working-time calendars (office hours, holidays): ``due_at`` is the one place to
change then; everything else (mails, inbox, editor header) asks it.

Times are shown in the project's time zone, Asia/Jakarta, with its abbreviation, the way the
agencies write them: "Senin, 23 November 2026 14:30 WIB".
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

ZERO = datetime.timedelta(0)
DUE_FORMAT = "l, j F Y H:i"
DUE_FORMAT_SHORT = "D j M, H:i"  # "Sen 23 Nov, 14:30": for listings
# Indonesian has no plural: "1 jam", "2 jam".
DURATION_UNITS = (
    (gettext_lazy("%(count)d hari"), 86400),
    (gettext_lazy("%(count)d jam"), 3600),
    (gettext_lazy("%(count)d menit"), 60),
)


def due_at(task_state, step=None):
    """When the step that `task_state` runs is due: its start plus the step's baseline."""
    step = step or task_state.task.specific
    return task_state.started_at + step.baseline


def time_left(task_state, now=None, step=None):
    """How long until the step is due; negative once it is late."""
    return due_at(task_state, step) - (now or timezone.now())


def format_due(moment, short=False):
    """'Senin, 23 November 2026 14:30 WIB' (short: 'Sen 23 Nov, 14:30 WIB'), in the active
    language (Indonesian) and the project's time zone (Asia/Jakarta)."""
    local = timezone.localtime(moment, timezone.get_default_timezone())
    return f"{date_format(local, DUE_FORMAT_SHORT if short else DUE_FORMAT)} {local.tzname()}"


def format_duration(delta):
    """'2 jam 5 menit': whole minutes, rounded down, in at most the two largest units."""
    seconds = int(abs(delta).total_seconds())
    parts = []
    for unit, size in DURATION_UNITS:
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(unit % {"count": count})
    if not parts:
        return gettext("kurang dari 1 menit")
    return " ".join(parts[:2])


def format_time_left(delta):
    """'sisa 12 menit' or 'terlambat 5 menit'."""
    if delta < ZERO:
        return gettext("terlambat %(duration)s") % {"duration": format_duration(delta)}
    return gettext("sisa %(duration)s") % {"duration": format_duration(delta)}


@dataclass(frozen=True)
class StepStatus:
    """Where an item stands in its SOP: the running step, when it is due, the time left."""

    task_state: object
    step: object  # the SopStepTask
    number: int | None
    total: int
    name: str
    baseline_display: str
    due: datetime.datetime
    time_left: datetime.timedelta

    @property
    def late(self):
        return self.time_left < ZERO

    @property
    def due_display(self):
        return format_due(self.due)

    @property
    def due_short_display(self):
        return format_due(self.due, short=True)

    @property
    def time_left_display(self):
        return format_time_left(self.time_left)


def step_count(sop_id, cache=None):
    """How many steps the SOP has in force (retired steps left out), cached per SOP."""
    from .models import SopStepTask

    if cache is not None and sop_id in cache:
        return cache[sop_id]
    count = SopStepTask.objects.filter(sop_id=sop_id, number__isnull=False).count()
    if cache is not None:
        cache[sop_id] = count
    return count


def step_status(task_state, now=None, totals=None):
    """The StepStatus of an in-progress SOP task state, or None for anything else.

    `totals` is an optional dict that caches step counts by SOP across calls (a listing).
    """
    from wagtail.models import TaskState

    from .models import SopStepTask

    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    step = task_state.task.specific
    if not isinstance(step, SopStepTask):
        return None
    return StepStatus(
        task_state=task_state,
        step=step,
        number=step.number,
        total=step_count(step.sop_id, totals),
        name=step.name,
        baseline_display=step.baseline_display,
        due=due_at(task_state, step),
        time_left=time_left(task_state, now, step),
    )


def current_step(page, now=None):
    """The StepStatus of the SOP step `page` is waiting on, or None when it waits on none."""
    return step_status(page.current_workflow_task_state, now)
