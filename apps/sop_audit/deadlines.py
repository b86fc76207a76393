"""When an SOP step is due, how much time is left, and where each open step stands.

A step is due its baseline (mutu baku waktu) after it started, counted in the working time
of its agency's calendar (workcalendar.py: office hours, national holidays, days off).
``due_at`` is the one place that says when; everything else (mails, inbox, editor header,
dashboard, reminders) asks it.

An open step is on time, at risk once three quarters of its baseline's working time are gone
(its actors are reminded then), or late from its due time on (its SOP's supervisor is told).
The time left is shown in wall-clock time, counting down to the due time shown next to it;
both are written as wording.py writes times.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from wagtail.models import TaskState

from . import workcalendar
from .models import Sop, SopStepTask, StepRecord, sop_step_of
from .wording import format_due, format_duration

ZERO = datetime.timedelta(0)


# Statuses of an open step.
ON_TIME = "on_time"
AT_RISK = "at_risk"
LATE = "late"
STATUS_LABELS = {
    ON_TIME: gettext_lazy("tepat waktu"),
    AT_RISK: gettext_lazy("mendekati batas"),
    LATE: gettext_lazy("terlambat"),
}
# At risk (and reminded) once this share of the baseline's working time is gone: 3/4.
AT_RISK_SHARE = (3, 4)


def due_at(task_state, step=None, cache=None):
    """When the step that `task_state` runs is due: its baseline after its start, in the
    working time of its SOP's agency. `cache`: a dict shared by the rows of a listing."""
    step = step or task_state.task.specific
    calendar = workcalendar.calendar_for_sop(step.sop_id, cache)
    return calendar.due_at(task_state.started_at, step.baseline)


def time_left(task_state, now=None, step=None, cache=None):
    """How long until the step is due; zero or negative once it is late."""
    return due_at(task_state, step, cache) - (now or timezone.now())


def status_of(calendar, started, due, now=None):
    """ON_TIME, AT_RISK or LATE for a step open since `started` and due at `due`.

    Late from the due time on (the breach); at risk once 3/4 of the working time between
    start and due time is gone. The working time is what counts: a step is not at risk for
    having waited over a weekend.
    """
    now = now or timezone.now()
    if now >= due:
        return LATE
    used = calendar.working_time(started, now)
    total = calendar.working_time(started, due)
    numerator, denominator = AT_RISK_SHARE
    if used * denominator >= total * numerator:
        return AT_RISK
    return ON_TIME


def format_time_left(delta):
    """'sisa 12 menit' or 'terlambat 5 menit' (from the due time itself on)."""
    if delta <= ZERO:
        return gettext("terlambat %(duration)s") % {"duration": format_duration(delta)}
    return gettext("sisa %(duration)s") % {"duration": format_duration(delta)}


class DueStatus:
    """What the inbox, the editor and the dashboard show of an open step, in words. The class
    it is mixed into has ``status`` (ON_TIME, AT_RISK or LATE), ``due`` and ``time_left``."""

    @property
    def late(self):
        return self.status == LATE

    @property
    def at_risk(self):
        return self.status == AT_RISK

    @property
    def status_label(self):
        """'tepat waktu', 'mendekati batas' or 'terlambat'."""
        return STATUS_LABELS[self.status]

    @property
    def due_display(self):
        return format_due(self.due)

    @property
    def due_short_display(self):
        return format_due(self.due, short=True)

    @property
    def time_left_display(self):
        return format_time_left(self.time_left)


@dataclass(frozen=True)
class StepStatus(DueStatus):
    """Where an item stands in its SOP: the running step, when it is due, the time left."""

    task_state: object
    step: object  # the SopStepTask
    number: int | None
    total: int
    name: str
    baseline_display: str
    due: datetime.datetime
    time_left: datetime.timedelta
    status: str = ON_TIME  # ON_TIME, AT_RISK or LATE


def step_count(sop_id, cache=None):
    """How many steps the SOP has in force (retired steps left out), cached per SOP."""
    if cache is not None and sop_id in cache:
        return cache[sop_id]
    count = SopStepTask.objects.filter(sop_id=sop_id, number__isnull=False).count()
    if cache is not None:
        cache[sop_id] = count
    return count


def step_status(task_state, now=None, totals=None):
    """The StepStatus of an in-progress SOP task state, or None for anything else.

    `totals` is an optional dict that caches, across the calls of a listing, each SOP's step
    count and working calendar.
    """
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    step = sop_step_of(task_state)
    if step is None:
        return None
    now = now or timezone.now()
    calendar = workcalendar.calendar_for_sop(step.sop_id, totals)
    due = calendar.due_at(task_state.started_at, step.baseline)
    return StepStatus(
        task_state=task_state,
        step=step,
        number=step.number,
        total=step_count(step.sop_id, totals),
        name=step.name,
        baseline_display=step.baseline_display,
        due=due,
        time_left=due - now,
        status=status_of(calendar, task_state.started_at, due, now),
    )


# Open step records: the dashboard -------------------------------------------------------------


@dataclass(frozen=True)
class OpenStep(DueStatus):
    """An open StepRecord with where it stands now, for the dashboard."""

    record: object  # the StepRecord
    status: str
    time_left: datetime.timedelta

    @property
    def due(self):
        return self.record.due_at


def open_steps(records, now=None):
    """[OpenStep] for open StepRecords, reading each agency's calendar once."""
    now = now or timezone.now()
    records = list(records)
    calendars = workcalendar.calendars_for_sites({record.site_id for record in records})
    return [
        OpenStep(
            record=record,
            status=status_of(calendars[record.site_id], record.started_at, record.due_at, now),
            time_left=record.due_at - now,
        )
        for record in records
    ]


def dashboard_steps(user, now=None):
    """(my open steps, late steps I supervise) as OpenSteps, or None if `user` has no part in
    any SOP.

    Mine: open steps whose actor groups include one of `user`'s groups, on the sites of the
    SOPs those groups act in or supervise. Supervised: late open steps on the sites of the SOPs
    whose supervisor group `user` is in. A constant number of queries, however many rows.
    """
    now = now or timezone.now()
    group_ids = list(user.groups.values_list("pk", flat=True)) if user.is_active else []
    if not group_ids:
        return None
    sops = Sop.objects.filter(
        models.Q(actor_groups__group__in=group_ids) | models.Q(supervisor_group__in=group_ids)
    ).values_list("site_id", "supervisor_group_id")
    sites, supervised = set(), set()
    for site_id, supervisor_group_id in sops:
        sites.add(site_id)
        if supervisor_group_id in group_ids:
            supervised.add(site_id)
    if not sites:
        return None
    # A last step waiting for its scheduled go-live time waits on nobody.
    open_records = StepRecord.objects.filter(
        finished_at__isnull=True, scheduled_for__isnull=True
    ).order_by("due_at", "pk")
    mine = list(
        open_records.filter(
            site_id__in=sites,
            pk__in=StepRecord.objects.filter(
                finished_at__isnull=True, step__groups__in=group_ids
            ).values("pk"),
        )
    )
    late = []
    if supervised:
        late = list(open_records.filter(site_id__in=supervised, due_at__lte=now))
    statuses = open_steps([*mine, *late], now)
    return statuses[: len(mine)], statuses[len(mine) :]
