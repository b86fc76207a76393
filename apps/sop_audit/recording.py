"""Writing the audit record of an SOP step: open it, bind it to an approval, finish it once.

A record copies what a report must show later (agency, item title, SOP, step, baseline, actor's
name at the time): Wagtail's own rows go away with the page or its revisions
(``purge_revisions``), and the user's name may change. Which workflow event opens or finishes
which record is records.py's; the approval that binds one is moderation.py's.

Finishing a record gives it its place in the agency's hash chain (chain.py). Each approval
through the admin pays for its records with five queries: opening the next step reads the
step's SOP, site and groups in one query and inserts the record; finishing this step reads
the record while locking the chain head in one query, then updates the record and the head.
The working calendar (workcalendar.py) is asked for the due time and the working time on top.
"""

from django.db import connection

from . import chain, workcalendar
from .content import revision_hash
from .ledger import RecordChain, StepRecord
from .sops import Sop


def chain_key(site_id):
    """One chain per agency: records of one site join it one at a time, in order."""
    return f"site:{site_id}"


def full_name(user):
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def step_context(step):
    """The step's SOP, agency and actor group names as they are now, read in one query.

    Through the step-to-group link table, whose rows reach the SOP and its site too; a step
    without groups (possible only by hand) falls back to reading the SOP alone.
    """
    links = (
        step.groups.through.objects.filter(sopsteptask_id=step.pk)
        .order_by("group__name")
        .values_list(
            "group__name",
            "sopsteptask__sop__name",
            "sopsteptask__sop__site_id",
            "sopsteptask__sop__site__site_name",
            "sopsteptask__sop__agency",
        )
    )
    rows = list(links)
    if rows:
        _group, sop_name, site_id, site_name, agency = rows[0]
        groups = [row[0] for row in rows]
    else:
        sop = Sop.objects.select_related("site").get(pk=step.sop_id)
        sop_name, site_id, site_name, agency = sop.name, sop.site_id, sop.site.site_name, sop.agency
        groups = []
    return {
        "site_id": site_id,
        # The agency as its site is named in Wagtail, the SOP's own header as a fallback.
        "agency": site_name or agency,
        "chain": chain_key(site_id),
        "sop_id": step.sop_id,
        "sop_name": sop_name,
        "actor_group": ", ".join(groups),
    }


def page_title(workflow_state, revision):
    # The title of the revision under review (what the step's actor read), else the page's.
    title = getattr(revision, "object_str", "") if revision is not None else ""
    if not title:
        page = workflow_state.content_object
        title = getattr(page, "draft_title", "") or str(page)
    return title[:255]


def open_record(
    step, *, page_id, workflow_state_id, task_state_id, started_at, page_title, revision
):
    context = step_context(step)
    baseline = step.baseline
    return StepRecord.objects.create(
        revision_id=revision.pk if revision is not None else None,
        content_hash=revision_hash(revision) if revision is not None else "",
        **context,
        step=step,
        step_number=step.number,
        step_name=step.name,
        baseline=baseline,
        before_submission=step.before_submission,
        page_id=page_id,
        page_title=page_title,
        workflow_state_id=workflow_state_id,
        task_state_id=task_state_id,
        started_at=started_at,
        due_at=workcalendar.due_at(context["site_id"], started_at, baseline),
    )


def open_step_record(step, task_state):
    """The record of `step`, which `task_state` runs, opened now with the step as it is and
    with the revision it starts on and that revision's content hash (what it is to approve).

    The baseline is copied here, so a baseline changed later only affects later steps.
    """
    workflow_state = task_state.workflow_state
    return open_record(
        step,
        page_id=int(workflow_state.object_id),
        workflow_state_id=workflow_state.pk,
        task_state_id=task_state.pk,
        started_at=task_state.started_at,
        page_title=page_title(workflow_state, task_state.revision),
        revision=task_state.revision,
    )


def bind_approval(step, task_state, approval, approved_at):
    """`step`, which `task_state` runs, approves: its open record names the revision and
    content approved (approvals.Approval), before anything moves on."""
    fields = {
        "revision_id": approval.revision.pk,
        "content_hash": approval.content_hash,
        "approved_at": approved_at,
    }
    records = StepRecord.objects.filter(task_state_id=task_state.pk)
    bound = records.update_open(**fields)
    if not bound and not records.exists():
        # A step that started before records were kept: opened now, then bound.
        open_step_record(step, task_state)
        bound = records.update_open(**fields)
    return bound


def locked_open_record(column, value):
    """The open record whose `column` is `value`, with its chain head locked, in one query.

    The ORM cannot join two models without a relation, and reading the record then locking
    the head would cost a query more on every approval. The head row is locked (FOR UPDATE
    OF the head only) so that an agency's records join its chain one at a time; SQLite has
    no row locks and serialises writers anyway.
    """
    record_table = connection.ops.quote_name(StepRecord._meta.db_table)
    head_table = connection.ops.quote_name(RecordChain._meta.db_table)
    features = connection.features
    lock = ""
    if features.has_select_for_update_of:
        lock = " FOR UPDATE OF h"
    elif features.has_select_for_update:
        lock = " FOR UPDATE"
    q = connection.ops.quote_name
    sql = (
        f"SELECT r.*, h.{q('id')} AS head_pk, h.{q('sequence')} AS head_sequence, "
        f"h.{q('last_hash')} AS head_hash "
        f"FROM {record_table} r INNER JOIN {head_table} h ON h.{q('key')} = r.{q('chain')} "
        f"WHERE r.{q(column)} = %s AND r.{q('finished_at')} IS NULL{lock}"
    )
    return next(iter(StepRecord.objects.raw(sql, [value])), None)


def finish(column, value, *, outcome, user, note, finished_at, paused=None):
    """Finish the open record found by `column` = `value` and chain it. Returns it, or None
    when there is no open record (already finished, or never opened).

    `paused` is a (start, end) interval the step spent waiting for nobody (a publication
    scheduled for later): left out of its durations.
    """
    record = locked_open_record(column, value)
    if record is None:
        # The chain's first record: its head does not exist yet. Made once per agency.
        chain_of = (
            StepRecord.objects.open().filter(**{column: value}).values_list("chain", flat=True)
        )
        key = next(iter(chain_of), None)
        if key is None:
            return None
        RecordChain.objects.get_or_create(key=key)
        record = locked_open_record(column, value)
        if record is None:
            return None
    wall = finished_at - record.started_at
    if paused is None:
        working = workcalendar.working_seconds(record.site_id, record.started_at, finished_at)
    else:
        pause_start, pause_end = paused
        wall -= pause_end - pause_start
        working = workcalendar.working_seconds(
            record.site_id, record.started_at, pause_start
        ) + workcalendar.working_seconds(record.site_id, pause_end, finished_at)
    record.finished_at = finished_at
    record.outcome = outcome
    record.actor = user
    record.actor_username = user.get_username() if user is not None else ""
    record.actor_name = full_name(user)
    record.note = note or ""
    record.wall_seconds = max(0, int(wall.total_seconds()))
    record.working_seconds = working
    record.on_time = working <= record.baseline.total_seconds()
    record.sequence = record.head_sequence + 1
    record.previous_hash = record.head_hash
    record.hash = chain.record_hash(record)
    fields = {name: getattr(record, name) for name in chain.FINISH_FIELDS}
    if not StepRecord.objects.finish(record.pk, actor=user, **fields):
        return None  # unreachable while the head is locked: the row was read open
    RecordChain.objects.filter(pk=record.head_pk).update(
        sequence=record.sequence, last_hash=record.hash
    )
    return record
