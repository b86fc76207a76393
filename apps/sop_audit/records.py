"""The audit record of each SOP step, through the workflow: which event opens or finishes it.

Wagtail's workflow signals call these functions inside the moderation transaction, so a
record is written together with the action it records, or not at all (how a record is
written and chained: recording.py).

SOP B's step 1 happens before submission and is no workflow task: it is recorded when the
item is submitted, from the item's first revision to the submission, done by the submitter.
"""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision, TaskState

from . import approvals, recording
from .models import SopStepTask, StepRecord, sop_step_of


def step_started(task_state):
    """task_submitted: an SOP step starts; its record opens (recording.open_step_record)."""
    step = sop_step_of(task_state)
    if step is None:
        return None
    return recording.open_step_record(step, task_state)


def _finish_task_state(task_state, outcome, user):
    step = sop_step_of(task_state)
    if step is None:
        return None

    def finish():
        return recording.finish(
            "task_state_id",
            task_state.pk,
            outcome=outcome,
            user=user,
            note=task_state.comment,
            finished_at=task_state.finished_at or timezone.now(),
        )

    record = finish()
    if record is None and not StepRecord.objects.filter(task_state_id=task_state.pk).exists():
        # A step that started before records were kept (an item in moderation when this
        # was deployed): opened now from its task state, so that its finish is recorded.
        recording.open_step_record(step, task_state)
        record = finish()
    return record


def step_approved(task_state, user=None):
    """task_approved: the step's record finishes "approved", or "published" when it was the
    last step. The note is the approval comment: SOP A step 1's disposition.

    The last step's record stays open while the item waits: for its go-live time when the
    approved revision is scheduled (``scheduled_for``), for its social media posts when the
    step includes them. The publication finishes it.
    """
    step = sop_step_of(task_state)
    if step is None:
        return None
    if not approvals.is_last_step(task_state):
        return _finish_task_state(task_state, StepRecord.OUTCOME_APPROVED, user)
    go_live_at = scheduled_go_live(task_state.revision)
    if go_live_at is not None:
        StepRecord.objects.filter(task_state_id=task_state.pk).update_open(scheduled_for=go_live_at)
        return None
    if step.posts_to_social_media:
        return None  # ends when its posts are settled: see publication_settled
    return _finish_task_state(task_state, StepRecord.OUTCOME_PUBLISHED, user)


def scheduled_go_live(revision, now=None):
    """The go-live time of `revision` if it lies ahead, else None."""
    value = revision.content.get("go_live_at") if revision is not None else None
    go_live_at = parse_datetime(value) if isinstance(value, str) else value
    if go_live_at is None or go_live_at <= (now or timezone.now()):
        return None
    return go_live_at


def scheduled_publication_went_live(approval):
    """A publication that the SOP approved for a later go-live time has gone live: the last
    step's record (`approval`, approvals.publication_approval) waited for it and finishes now,
    "published", its step's time ending with its approval; unless the step includes the
    social media posts, which then settle it (publication_settled)."""
    if approval.finished_at is not None or approval.scheduled_for is None:
        return None
    if approval.step is not None and approval.step.posts_to_social_media:
        return None
    return _finish_scheduled(approval, StepRecord.OUTCOME_PUBLISHED)


def _finish_scheduled(record, outcome, note=None):
    task_state = (
        TaskState.objects.select_related("finished_by").filter(pk=record.task_state_id).first()
    )
    user = task_state.finished_by if task_state is not None else record.actor
    return recording.finish(
        "id",
        record.pk,
        outcome=outcome,
        user=user,
        note=note if note is not None else (task_state.comment if task_state else ""),
        finished_at=record.approved_at,
    )


def publication_settled(page_id, settled_at):
    """publication_settled: a last step that includes the social media posts (SOP B) ends
    when the item is live and every post has an outcome, done by whoever approved it.

    Arrives inside the publication when nothing is to be posted (before task_approved,
    whose receiver then leaves the record alone), else from the worker with the last post.
    """
    record = (
        StepRecord.objects.open()
        .filter(page_id=page_id, step__posts_to_social_media=True)
        .values_list("task_state_id", "scheduled_for")
        .first()
    )
    if record is None:
        return None
    task_state_id, scheduled_for = record
    task_state = (
        TaskState.objects.select_related("finished_by")
        .filter(pk=task_state_id, status=TaskState.STATUS_APPROVED)
        .first()
    )
    if task_state is None:
        return None  # not approved: the step is still running, or ends another way
    finished_at = max(settled_at, task_state.finished_at or settled_at)
    paused = None
    if scheduled_for is not None and task_state.finished_at is not None:
        # Approved for a later go-live time: the wait until it went live was nobody's.
        published_at = (
            Page.objects.filter(pk=page_id).values_list("last_published_at", flat=True).first()
        )
        went_live = min(published_at or scheduled_for, finished_at)
        paused = (task_state.finished_at, max(went_live, task_state.finished_at))
    return recording.finish(
        "task_state_id",
        task_state.pk,
        outcome=StepRecord.OUTCOME_PUBLISHED,
        user=task_state.finished_by,
        note=task_state.comment,
        finished_at=finished_at,
        paused=paused,
    )


def step_rejected(task_state, user=None):
    """task_rejected: finished "rejected", the reason as its note."""
    return _finish_task_state(task_state, StepRecord.OUTCOME_REJECTED, user)


def step_cancelled(task_state, user=None):
    """task_cancelled: the workflow was cancelled (or the item published outside the SOP)."""
    return _finish_task_state(task_state, StepRecord.OUTCOME_CANCELLED, user)


def workflow_cancelled(workflow_state, user=None):
    """workflow_cancelled: any record of the workflow still open is closed "cancelled".

    Wagtail cancels the running task state first (task_cancelled), so normally there is none;
    this catches a record whose task state was no longer running.
    """
    return _cancel_open(StepRecord.objects.filter(workflow_state_id=workflow_state.pk), user, "")


def item_deleted(page_id, user=None):
    """An item deleted in the middle of its SOP: Wagtail deletes its workflow with it and
    sends no signal, so its open record is closed "cancelled" here, saying why."""
    return _cancel_open(
        StepRecord.objects.filter(page_id=page_id), user, _("Berita dihapus saat dalam alur SOP.")
    )


def _cancel_open(records, user, note):
    finished = []
    for record_id in list(records.open().values_list("pk", flat=True)):
        record = recording.finish(
            "id",
            record_id,
            outcome=StepRecord.OUTCOME_CANCELLED,
            user=user,
            note=note,
            finished_at=timezone.now(),
        )
        if record is not None:
            finished.append(record)
    return finished


def _drafting_started_at(workflow_state, page):
    """When the item's drafting began: its first revision, else its earliest known time."""
    first = (
        Revision.objects.filter(
            base_content_type_id=workflow_state.base_content_type_id,
            object_id=workflow_state.object_id,
        )
        .order_by("created_at", "pk")
        .values_list("created_at", flat=True)
        .first()
    )
    return (
        first
        or getattr(page, "first_published_at", None)
        or getattr(page, "latest_revision_created_at", None)
        or workflow_state.created_at
    )


def item_submitted(workflow_state, user=None):
    """workflow_submitted: record the SOP's steps done before submission (SOP B step 1).

    Wagtail sends this once per workflow state (a resubmission after a rejection resumes the
    same state), after the first workflow step started. The step ran from the item's first
    revision to this submission, done by the submitter.
    """
    step = sop_step_of(workflow_state.current_task_state)
    if step is None:
        return []
    drafting_steps = SopStepTask.objects.filter(
        sop_id=step.sop_id, before_submission=True, number__isnull=False
    ).order_by("number")
    already = StepRecord.objects.filter(
        workflow_state_id=workflow_state.pk, before_submission=True
    ).values_list("step_id", flat=True)
    drafting_steps = drafting_steps.exclude(pk__in=list(already))
    user = user or workflow_state.requested_by
    page = workflow_state.content_object
    finished_at = workflow_state.created_at
    records = []
    submitted = workflow_state.current_task_state.revision
    for drafting in drafting_steps:
        started_at = min(_drafting_started_at(workflow_state, page), finished_at)
        record = recording.open_record(
            drafting,
            page_id=int(workflow_state.object_id),
            workflow_state_id=workflow_state.pk,
            task_state_id=None,
            started_at=started_at,
            page_title=recording.page_title(workflow_state, submitted),
            revision=submitted,
        )
        # What the division drafted and submitted is what this step handed over.
        StepRecord.objects.filter(pk=record.pk).update_open(approved_at=finished_at)
        records.append(
            recording.finish(
                "id",
                record.pk,
                outcome=StepRecord.OUTCOME_APPROVED,
                user=user,
                note="",
                finished_at=finished_at,
            )
        )
    return records


def emergency_publication(page, revision, step, user, reason, workflow_state=None):
    """A superuser publishes `revision` of `page` outside its SOP, in an emergency, saying why.

    Its own record in the agency's chain, outcome "emergency", with the reason as its note and
    the revision and content published: at the step that was running (`workflow_state`'s), or
    at the SOP's publishing step when none was. It starts and ends at once: it measures nothing.
    """
    now = timezone.now()
    record = recording.open_record(
        step,
        page_id=page.pk,
        workflow_state_id=workflow_state.pk if workflow_state is not None else None,
        task_state_id=None,
        started_at=now,
        page_title=(revision.object_str or page.title)[:255],
        revision=revision,
    )
    StepRecord.objects.filter(pk=record.pk).update_open(approved_at=now)
    return recording.finish(
        "id",
        record.pk,
        outcome=StepRecord.OUTCOME_EMERGENCY,
        user=user,
        note=reason,
        finished_at=now,
    )


def close_orphaned_schedules(now=None, grace=datetime.timedelta(minutes=10)):
    """Last steps left waiting for a go-live time that will not come (the schedule was
    cancelled, or a later publication replaced it) finish "cancelled", saying so; one whose
    publication went by unnoticed finishes "published"."""
    now = now or timezone.now()
    finished = []
    waiting = StepRecord.objects.open().filter(scheduled_for__lt=now - grace)
    for record in waiting.select_related("step"):
        if record.step is not None and record.step.posts_to_social_media:
            live = Page.objects.filter(pk=record.page_id, live_revision_id=record.revision_id)
            if live.exists():
                continue  # live: its posts settle it
        revision = Revision.objects.filter(pk=record.revision_id).first()
        if revision is not None and revision.approved_go_live_at is not None:
            continue  # still scheduled: the worker's clock has not reached it yet
        if Page.objects.filter(pk=record.page_id, live_revision_id=record.revision_id).exists():
            result = _finish_scheduled(record, StepRecord.OUTCOME_PUBLISHED)
        else:
            result = _finish_scheduled(
                record, StepRecord.OUTCOME_CANCELLED, _("Jadwal tayang dibatalkan.")
            )
        if result is not None:
            finished.append(result)
    return finished
