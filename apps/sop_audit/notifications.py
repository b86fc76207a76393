"""The mails an SOP sends, in Indonesian: who is told what, and when.

- A step starts: the members of its actor groups learn what to do, by when, and the note the
  previous step left for them (SOP A's disposisi).
- A step is approved, or the item is sent back: the submitter learns which step, by whom, and
  why (the rejection's reason).
- The last step is approved and the item goes live: the submitter learns it is published.
- The content changes mid-SOP and the item goes back (approvals.py): the submitter learns to
  which step and why; the actors of that step get its "step started" mail, with a link to
  what changed since they (or the steps before them) approved it.
- A superuser publishes outside the SOP in an emergency: the SOP's supervisor learns who,
  what and why.

These replace Wagtail's own notification mails (disconnected in ``signal_handlers.py``),
which are in English, know nothing of baselines and are sent inside the moderation
transaction. Each function here is called by a task (``tasks.py``) enqueued after the
transaction commits. It reads everything again from the database: running it twice sends the
mail twice and nothing worse, and an item or task state deleted meanwhile is logged and skipped.

Only active users with an address, who kept the matching notification switched on in their
Wagtail account (submitted / approved / rejected), receive mail. Nobody is told about their
own action.
"""

import functools
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from . import approvals
from .deadlines import due_at, step_count
from .governance import sop_of
from .models import StepRecord, sop_step_of
from .wording import format_due

logger = logging.getLogger(__name__)

LANGUAGE = "id"
TEMPLATE_DIR = "sop_audit/mail"


# What the mails are about ----------------------------------------------------------------------


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def describe_item(workflow_state, revision=None):
    """Title and admin links of the item under moderation, or None if it is gone."""
    obj = workflow_state.content_object
    if obj is None:
        return None
    title = revision.object_str if revision is not None and revision.object_str else str(obj)
    item = {"title": title, "object": obj, "edit_url": "", "public_url": ""}
    if isinstance(obj, Page):
        item["edit_url"] = admin_url(reverse("wagtailadmin_pages:edit", args=[obj.pk]))
        if obj.live:
            item["public_url"] = obj.full_url or ""
    return item


def describe_step(step, totals=None):
    return {
        "number": step.number,
        "total": step_count(step.sop_id, totals),
        "name": step.full_name,
        "baseline": step.baseline_display,
        "input": step.input,
        "output": step.output,
        "note_required": step.note_required,
        "sop_name": step.sop.name,
        "agency": step.sop.agency,
    }


def display_name(user):
    if user is None:
        return ""
    name = get_user_display_name(user)
    job_title = getattr(user, "job_title", "")
    return f"{name} ({job_title})" if job_title else name


def previous_note(task_state):
    """The note left by the step approved just before `task_state` started, if it left one."""
    previous = (
        TaskState.objects.filter(
            workflow_state_id=task_state.workflow_state_id,
            status=TaskState.STATUS_APPROVED,
            finished_at__lte=task_state.started_at,
        )
        .exclude(pk=task_state.pk)
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if previous is None or not previous.comment.strip():
        return None
    step = previous.task.specific
    return {
        "text": previous.comment.strip(),
        "by": display_name(previous.finished_by),
        "step_number": getattr(step, "number", None),
        "step_name": getattr(step, "full_name", step.name),
        "output": getattr(step, "output", ""),
    }


# Loading what a task names ---------------------------------------------------------------------


def load_sop_task_state(task_state_id):
    """The task state with its SOP step, or (None, None) when it is gone or not an SOP step."""
    task_state = (
        TaskState.objects.select_related(
            "workflow_state__workflow", "workflow_state__requested_by", "finished_by", "revision"
        )
        .filter(pk=task_state_id)
        .first()
    )
    if task_state is None:
        logger.info("SOP mail skipped: task state %s no longer exists", task_state_id)
        return None, None
    step = sop_step_of(task_state)
    if step is None:
        logger.info("SOP mail skipped: task state %s is not an SOP step", task_state_id)
        return None, None
    return task_state, step


def wants(user, notification):
    """Whether `user` may be mailed: active, with an address, the switch on in their profile."""
    if user is None or not user.is_active or not user.email:
        return False
    return getattr(UserProfile.get_for_user(user), f"{notification}_notifications", True)


# Sending ---------------------------------------------------------------------------------------


def in_indonesian(function):
    """Build and render the whole mail in Indonesian: dates and durations are formatted first."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(LANGUAGE):
            return function(*args, **kwargs)

    return wrapper


def render_mail(name, context):
    """(subject, body) of the mail `name`, in the active language (see in_indonesian)."""
    subject = render_to_string(f"{TEMPLATE_DIR}/{name}_subject.txt", context)
    body = render_to_string(f"{TEMPLATE_DIR}/{name}.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def send(name, context, recipients):
    """Send the mail `name` to each recipient on their own; return how many were sent."""
    messages = []
    for user in recipients:
        subject, body = render_mail(name, {**context, "recipient": display_name(user)})
        messages.append(
            EmailMultiAlternatives(
                subject,
                body,
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
                headers={"Auto-Submitted": "auto-generated"},
            )
        )
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


@in_indonesian
def step_started(task_state_id):
    """Tell the actors of a step that has just started what to do and by when."""
    task_state, step = load_sop_task_state(task_state_id)
    if task_state is None:
        return 0
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        logger.info("SOP mail skipped: step of task state %s is already over", task_state_id)
        return 0
    item = describe_item(task_state.workflow_state, task_state.revision)
    if item is None:
        logger.info("SOP mail skipped: the item of task state %s is gone", task_state_id)
        return 0
    actors = (
        get_user_model()
        .objects.filter(groups__in=step.groups.all(), is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    recipients = [user for user in actors if wants(user, "submitted")]
    voided = approvals.voided_approval(task_state)
    context = {
        "item": item,
        "step": describe_step(step),
        "due": format_due(due_at(task_state, step)),
        "started": format_due(task_state.started_at),
        "note": previous_note(task_state),
        "submitter": display_name(task_state.workflow_state.requested_by),
        "changed": {
            "step_number": voided.step_number,
            "by": voided.actor_name,
            "compare_url": admin_url(voided.compare_url),
        }
        if voided is not None
        else None,
    }
    return send("step_started", context, recipients)


def _submitter(workflow_state, actor_id, notification):
    submitter = workflow_state.requested_by
    if submitter is None or submitter.pk == actor_id or not wants(submitter, notification):
        return None
    return submitter


def _tell_submitter(mail, task_state_id, actor_id, notification, more, *, action="", now=False):
    """Send `mail` to the submitter about the step of `task_state_id` and its action: the
    item (as the step saw it; with `now`, as it is now), the step, who acted and when
    (``<action>_by``, ``<action>_at``; the action defaults to the notification), and what
    ``more(task_state, step)`` adds, or nothing when it answers None. Returns how many mails
    were sent."""
    task_state, step = load_sop_task_state(task_state_id)
    if task_state is None:
        return 0
    extra = more(task_state, step)
    if extra is None:
        return 0
    workflow_state = task_state.workflow_state
    submitter = _submitter(workflow_state, actor_id, notification)
    if submitter is None:
        return 0
    item = describe_item(workflow_state, None if now else task_state.revision)
    if item is None:
        logger.info("SOP mail skipped: the item of task state %s is gone", task_state_id)
        return 0
    action = action or notification
    context = {
        "item": item,
        "step": describe_step(step),
        f"{action}_by": display_name(task_state.finished_by),
        f"{action}_at": format_due(task_state.finished_at or task_state.started_at),
        **extra,
    }
    return send(mail, context, [submitter])


@in_indonesian
def step_approved(task_state_id, actor_id=None):
    """Tell the submitter that a step passed; the last step's approval is told as publication."""

    def more(task_state, step):
        workflow_state = task_state.workflow_state
        if (
            workflow_state.status == WorkflowState.STATUS_APPROVED
            and not workflow_state.task_states.filter(pk__gt=task_state.pk).exists()
        ):
            return None  # the last step: the publication mail says it
        following = approvals.next_step(workflow_state, step)
        return {
            "comment": task_state.comment.strip(),
            "next_step": describe_step(following) if following else None,
        }

    return _tell_submitter("step_approved", task_state_id, actor_id, "approved", more)


@in_indonesian
def step_rejected(task_state_id, actor_id=None):
    """Tell the submitter which step sent the item back, and why."""

    def more(task_state, step):
        restart = approvals.restart_step(task_state.workflow_state, step)
        return {"comment": task_state.comment.strip(), "restart_number": restart.number}

    return _tell_submitter("step_rejected", task_state_id, actor_id, "rejected", more)


@in_indonesian
def sent_back(task_state_id, actor_id=None):
    """Tell the submitter that a change of content mid-SOP sent the item back, and where."""

    def more(task_state, step):
        following = sop_step_of(task_state.workflow_state.current_task_state)
        restart = describe_step(following) if following is not None else None
        return {"reason": task_state.comment.strip(), "restart": restart}

    # The item as it is now: the change is in no revision the step saw.
    return _tell_submitter(
        "sent_back", task_state_id, actor_id, "rejected", more, action="changed", now=True
    )


@in_indonesian
def emergency_publication(page_id, revision_id, actor_id=None):
    """Tell the SOP's supervisor that a superuser published an item outside the SOP, and why."""
    page = Page.objects.filter(pk=page_id).first()
    record = (
        StepRecord.objects.filter(
            page_id=page_id, revision_id=revision_id, outcome=StepRecord.OUTCOME_EMERGENCY
        )
        .order_by("-pk")
        .first()
    )
    if page is None or record is None:
        logger.info("SOP mail skipped: emergency publication of page %s is gone", page_id)
        return 0
    page = page.specific
    sop = sop_of(page)
    if sop is None or sop.supervisor_group_id is None:
        return 0
    # Like an escalation, regardless of the notification switches: the SOP names them.
    recipients = list(
        get_user_model()
        .objects.filter(groups=sop.supervisor_group_id, is_active=True)
        .exclude(email="")
        .exclude(pk=actor_id)
        .distinct()
        .order_by("pk")
    )
    context = {
        "item": {
            "title": record.page_title,
            "edit_url": admin_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
            "public_url": (page.full_url or "") if page.live else "",
        },
        "sop_name": sop.name,
        "agency": sop.agency,
        "by": record.actor_name or record.actor_username,
        "at": format_due(record.finished_at),
        "reason": record.note,
        "report_url": admin_url(reverse("sop_reports:item", args=[page.pk])),
    }
    return send("emergency_published", context, recipients)


@in_indonesian
def published(workflow_state_id, actor_id=None):
    """Tell the submitter that the item passed every step and is published (or scheduled)."""
    workflow_state = (
        WorkflowState.objects.select_related("workflow", "requested_by")
        .filter(pk=workflow_state_id)
        .first()
    )
    if workflow_state is None:
        logger.info("SOP mail skipped: workflow state %s no longer exists", workflow_state_id)
        return 0
    submitter = _submitter(workflow_state, actor_id, "approved")
    if submitter is None:
        return 0
    item = describe_item(workflow_state)
    if item is None:
        logger.info("SOP mail skipped: the item of workflow state %s is gone", workflow_state_id)
        return 0
    obj = item["object"]
    states = (
        workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
        .select_related("finished_by")
        .order_by("finished_at", "pk")
    )
    totals = {}
    steps = []
    for state in states:
        step = sop_step_of(state)
        if step is not None:
            steps.append(
                {
                    "step": describe_step(step, totals),
                    "by": display_name(state.finished_by),
                    "at": format_due(state.finished_at or state.started_at),
                }
            )
    go_live_at = getattr(obj, "go_live_at", None)
    context = {
        "item": item,
        "sop_name": getattr(getattr(workflow_state.workflow, "sop", None), "name", ""),
        "workflow": workflow_state.workflow.name,
        "steps": steps,
        "live": getattr(obj, "live", True),
        "go_live_at": format_due(go_live_at) if go_live_at else "",
    }
    return send("published", context, [submitter])
