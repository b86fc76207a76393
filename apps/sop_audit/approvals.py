"""What goes live is exactly what every step of the SOP approved: the rule, in one place.

- **An approval binds to content.** A step approves the item's latest revision, and its record
  keeps that revision and its content hash (content.py). A step approves the content it
  started on: what the step before it approved, or what was submitted.
- **Editing steps.** A step with ``may_edit`` (SOP B's Admin, who compiles and edits the
  material) lets its own actors change the content while it runs, and approves what they made.
- **Any other change sends the item back.** A change saved while the SOP runs by anyone else
  (a step that may not edit, a superuser, a revert, a changed caption) sends the item back to
  the first step whose approval the change invalidates: the nearest editing step at or before
  the running one, which may take the change over, else the first step. The steps from there
  on approve again; their earlier approvals stay in the record.
- **Resubmission.** After a rejection the item resumes at the rejecting step if its content is
  what that step rejected; changed content goes back by the same rule.
- **Four eyes over the content.** A four-eyes step's approver may be neither the submitter nor
  the author of any change since the item's content was last approved for publication (its
  live revision; for an item never published, since it was created). A save that changes
  nothing (a review comment, a submission as it was) makes nobody an author.
- **Publication.** The last step publishes the revision it approved, once its content is
  checked to be still what was approved (publishing.py).

Wagtail decides the next step from which tasks have an approved state in the workflow; after a
send-back those earlier approvals no longer count, so the SOP steps name the next step
themselves (moderation.py).

The step task type applies this rule (moderation.py), so this module imports no model that
imports it: it reads the step records (ledger.py) and asks a step for its workflow's steps;
sending an item back when its content changes is sendback.py's.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import Revision, TaskState

from .content import content_hash, revision_hash
from .ledger import StepRecord

SENT_BACK_ACTION = "sop_audit.sent_back"


# The steps of a workflow ------------------------------------------------------------------------


def _position(workflow_state, step):
    ids = [candidate.pk for candidate in step.workflow_steps(workflow_state)]
    return ids.index(step.pk) if step.pk in ids else None


def next_step(workflow_state, step):
    """The step after `step`, or None after the last one (or for a retired step)."""
    steps = step.workflow_steps(workflow_state)
    position = _position(workflow_state, step)
    if position is None or position + 1 >= len(steps):
        return None
    return steps[position + 1]


def is_last_step(task_state):
    """Whether the SOP step `task_state` runs is its workflow's last."""
    steps = task_state.task.specific.workflow_steps(task_state.workflow_state)
    return bool(steps) and steps[-1].pk == task_state.task_id


def restart_step(workflow_state, step):
    """The first step whose approval a change made outside `step`'s own editing invalidates.

    The steps before an editing step approved the material it may rework, so a later change
    goes back no further than the nearest editing step, which may take it over.
    """
    steps = step.workflow_steps(workflow_state)
    position = _position(workflow_state, step)
    if step.may_edit or position is None:
        return step
    for earlier in reversed(steps[:position]):
        if earlier.may_edit:
            return earlier
    return steps[0]


def may_change_content(step, user):
    """Whether `user` changing the content while `step` runs is part of the step's work."""
    return step.may_edit and user is not None and step._user_in_groups(user)


# The content a step works on ---------------------------------------------------------------------


def basis_hash(task_state):
    """The content hash `task_state`'s step started on (kept in its record), else its revision's."""
    kept = (
        StepRecord.objects.filter(task_state_id=task_state.pk)
        .values_list("content_hash", flat=True)
        .first()
    )
    return kept or revision_hash(task_state.revision)


# Resubmission ------------------------------------------------------------------------------------


def resumption_step(workflow_state, step):
    """Where a resubmission after `step` rejected the item starts: `step` itself when the
    content is still what it rejected, else the step whose approval the change voided."""
    rejected = (
        workflow_state.task_states.filter(task_id=step.pk, status=TaskState.STATUS_REJECTED)
        .select_related("revision")
        .order_by("-pk")
        .first()
    )
    latest = workflow_state.content_object.get_latest_revision()
    if rejected is None or latest is None or revision_hash(latest) == basis_hash(rejected):
        return step
    return restart_step(workflow_state, step)


def is_resumption(workflow_state, step):
    """Whether `step` is being started again right after it rejected the item (a resubmission)."""
    last = workflow_state.task_states.order_by("-pk").values_list("task_id", "status").first()
    return last == (step.pk, TaskState.STATUS_REJECTED)


# Approving ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Approval:
    """What a step's approval binds to."""

    revision: object
    content_hash: str


def approval_for(step, task_state, obj, user, workflow_state):
    """What `user` approves at `step`: the item's latest revision, checked. Raises
    PermissionDenied, saying why, when the content is not what the step may approve or the
    four-eyes rule refuses `user`."""
    latest = obj.get_latest_revision()
    if latest is None:
        raise PermissionDenied(gettext("Berita ini belum memiliki revisi untuk disetujui."))
    content = revision_hash(latest)
    if not step.may_edit and content != basis_hash(task_state):
        raise PermissionDenied(
            gettext(
                "Isi berita berubah sejak langkah ini dimulai, jadi isinya belum diperiksa "
                "langkah sebelumnya. Langkah ini tidak dapat menyetujuinya; hubungi operator."
            )
        )
    conflict = four_eyes_conflict(step, obj, user, workflow_state)
    if conflict:
        raise PermissionDenied(conflict)
    return Approval(latest, content)


def content_authors(obj):
    """The users who changed `obj`'s content since it was last approved for publication.

    The baseline is the live revision (approved through the SOP, or published in an emergency
    under a superuser's name); for an item never published, every revision counts. A revision
    whose content equals the one before it (a comment, a submission as it was) has no author.
    """
    baseline = obj.live_revision if getattr(obj, "live", False) else None
    revisions = Revision.objects.filter(
        base_content_type_id=obj.get_base_content_type().pk, object_id=str(obj.pk)
    )
    previous = None
    if baseline is not None:
        revisions = revisions.filter(pk__gt=baseline.pk)
        previous = revision_hash(baseline)
    authors = set()
    for user_id, content in revisions.order_by("pk").values_list("user_id", "content"):
        current = content_hash(content)
        if current != previous and user_id is not None:
            authors.add(user_id)
        previous = current
    return authors


def four_eyes_conflict(step, obj, user, workflow_state=None):
    """Why `user` may not approve `obj` at `step` under the four-eyes rule, or None."""
    if not step.four_eyes:
        return None
    if workflow_state is None:
        workflow_state = obj.current_workflow_state
    if workflow_state is not None and workflow_state.requested_by_id == user.pk:
        return gettext(
            "Prinsip empat mata: Anda mengajukan berita ini, jadi langkah ini harus "
            "disetujui oleh pejabat lain."
        )
    if user.pk in content_authors(obj):
        return gettext(
            "Prinsip empat mata: Anda ikut mengubah isi berita ini sejak terakhir disetujui "
            "terbit, jadi langkah ini harus disetujui oleh pejabat lain."
        )
    return None


def approved_revision(workflow_state):
    """The revision the last step of `workflow_state` approved, its content checked against
    the hash the approval recorded. Raises PermissionDenied if it changed since."""
    task_state = workflow_state.current_task_state
    revision = task_state.revision
    kept = (
        StepRecord.objects.filter(task_state_id=task_state.pk)
        .values_list("revision_id", "content_hash")
        .first()
    )
    if kept is not None and kept[0] is not None and kept[0] != revision.pk:
        revision = Revision.objects.get(pk=kept[0])
    if kept is not None and kept[1] and revision_hash(revision) != kept[1]:
        raise PermissionDenied(
            gettext(
                "Isi revisi yang disetujui telah berubah sejak disetujui; berita tidak "
                "diterbitkan. Hubungi operator."
            )
        )
    return revision


# Publications ------------------------------------------------------------------------------------


def publication_approval(page, revision):
    """The record on which `revision` of `page` was approved for publication: its SOP's last
    step approving it (with the same content as now), or a superuser's emergency publication.
    None when nothing on record approved it."""
    approvals = (
        StepRecord.objects.filter(page_id=page.pk, revision_id=revision.pk)
        .filter(
            Q(outcome__in=[StepRecord.OUTCOME_PUBLISHED, StepRecord.OUTCOME_EMERGENCY])
            | Q(finished_at__isnull=True, approved_at__isnull=False)
        )
        .select_related("step")
        .order_by("-pk")
    )
    content = None
    for approval in approvals:
        content = content or revision_hash(revision)
        if approval.content_hash == content:
            return approval
    return None


def log_resumed_elsewhere(workflow_state, rejecting, target, user):
    """The page's history says why a resubmission did not resume at the rejecting step."""
    reason = gettext(
        "Diajukan ulang dengan isi yang berubah sejak dikembalikan di Langkah %(rejecting)s; "
        "persetujuan diulang mulai Langkah %(target)s."
    ) % {"rejecting": rejecting.number, "target": target.number}
    log(
        instance=workflow_state.content_object.specific,
        action=SENT_BACK_ACTION,
        user=user,
        revision=workflow_state.content_object.get_latest_revision(),
        data={"reason": reason, "from_step": rejecting.number, "to_step": target.number},
    )


@dataclass(frozen=True)
class VoidedApproval:
    """An approval of the same SOP run that a later change of content voided."""

    revision_id: int
    step_number: int | None
    actor_name: str
    page_id: int

    @property
    def compare_url(self):
        """Wagtail's comparison of the approved revision with the one to approve now."""
        return reverse(
            "wagtailadmin_pages:revisions_compare",
            args=(self.page_id, self.revision_id, "latest"),
        )


def voided_approval(task_state):
    """The latest approval in `task_state`'s SOP run of content other than the content this
    step works on: what changed since is what its actors must look at. None when nothing
    approved before differs (a first run, or the same content)."""
    basis = basis_hash(task_state)
    earlier = (
        StepRecord.objects.filter(
            workflow_state_id=task_state.workflow_state_id,
            outcome=StepRecord.OUTCOME_APPROVED,
            revision_id__isnull=False,
            before_submission=False,
        )
        .exclude(content_hash=basis)
        .exclude(content_hash="")
        .order_by("-finished_at", "-pk")
        .values_list("revision_id", "step_number", "actor_name", "page_id")
        .first()
    )
    return VoidedApproval(*earlier) if earlier else None
