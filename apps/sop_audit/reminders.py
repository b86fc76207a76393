"""Reminders and escalations of open SOP steps, sent once each by the worker.

- At risk (three quarters of the baseline's working time gone): the members of the step's
  actor groups are reminded that the item waits on them and by when.
- Late (the due time has passed): the members of the SOP's supervisor group (``supervisor``
  in the SOP file, e.g. the Kepala Dinas) are told which step of which item is late.

``send_step_warnings`` runs every minute (WARTA_PERIODIC_TASKS) on the open StepRecords,
which keep the due time computed when the step started. Several workers may run it at the
same time: each mail is claimed first with a conditional UPDATE of ``reminded_at`` or
``escalated_at`` that only one of them can win, and committed before the mail goes out, so a
mail is never sent twice. If sending fails, the claim is released and the next run tries again.

The reminder respects the actors' "submitted" notification switch (it is the same kind of
mail: an item waits on you); the escalation does not, since the signed SOP names the
supervisor and Wagtail's switches are about single submissions and approvals.
"""

import logging

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from . import deadlines, workcalendar
from .baselines import describe_baseline
from .deadlines import format_time_left
from .models import StepRecord
from .notifications import admin_url, in_indonesian, send, wants
from .wording import format_due

logger = logging.getLogger(__name__)


def send_step_warnings(now=None):
    """Send the reminders and escalations that are due; return how many of each were sent."""
    now = now or timezone.now()
    return {"reminders": send_reminders(now), "escalations": send_escalations(now)}


def unwarned(field, **conditions):
    """Open records that `field` (reminded_at, escalated_at) does not mark yet, in the order
    they fall due; a last step waiting for its go-live time waits on nobody."""
    return StepRecord.objects.filter(
        finished_at__isnull=True,
        scheduled_for__isnull=True,
        **{f"{field}__isnull": True},
        **conditions,
    ).order_by("due_at", "pk")


def send_reminders(now=None):
    now = now or timezone.now()
    candidates = list(unwarned("reminded_at", step__isnull=False, started_at__lte=now))
    calendars = workcalendar.calendars_for_sites({record.site_id for record in candidates})
    sent = 0
    for record in candidates:
        calendar = calendars[record.site_id]
        status = deadlines.status_of(calendar, record.started_at, record.due_at, now)
        if status == deadlines.ON_TIME:
            continue
        if not claim(record, "reminded_at", now):
            continue
        recipients = [
            user for user in members(record.step.groups.all()) if wants(user, "submitted")
        ]
        sent += deliver(record, "reminded_at", now, "step_reminder", recipients)
    return sent


def send_escalations(now=None):
    now = now or timezone.now()
    candidates = list(
        unwarned(
            "escalated_at", due_at__lte=now, sop__supervisor_group__isnull=False
        ).select_related("sop__supervisor_group")
    )
    sent = 0
    for record in candidates:
        if not claim(record, "escalated_at", now):
            continue
        recipients = list(members([record.sop.supervisor_group]))
        sent += deliver(record, "escalated_at", now, "step_escalated", recipients)
    return sent


def claim(record, field, now):
    """Mark `record` as warned, unless another worker did or the step finished meanwhile."""
    claimed = StepRecord.objects.filter(
        pk=record.pk, finished_at__isnull=True, **{f"{field}__isnull": True}
    ).update(**{field: now})
    return claimed == 1


def members(groups):
    """Active members of `groups` who have an address, each once."""
    return (
        get_user_model()
        .objects.filter(groups__in=groups, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def deliver(record, field, now, mail, recipients):
    """Send `mail` about `record`; on failure, release the claim so the next run retries."""
    try:
        return render_and_send(record, now, mail, recipients)
    except Exception:
        logger.exception("SOP %s for step record %s failed; will retry", mail, record.pk)
        StepRecord.objects.filter(pk=record.pk, finished_at__isnull=True, **{field: now}).update(
            **{field: None}
        )
        return 0


@in_indonesian
def render_and_send(record, now, mail, recipients):
    if not recipients:
        logger.info("SOP %s for step record %s: nobody to tell", mail, record.pk)
        return 0
    context = {
        "item": {
            "title": record.page_title,
            "edit_url": admin_url(reverse("wagtailadmin_pages:edit", args=[record.page_id])),
        },
        "record": record,
        "baseline": describe_baseline(record.baseline),
        "started": format_due(record.started_at),
        "due": format_due(record.due_at),
        "time_left": format_time_left(record.due_at - now),
    }
    return send(mail, context, recipients)
