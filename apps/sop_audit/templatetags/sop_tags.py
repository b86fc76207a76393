"""Where an item stands in its SOP, for the admin's templates (inbox panel, editor header)."""

from django import template

from .. import approvals, deadlines

register = template.Library()


@register.simple_tag(takes_context=True)
def sop_step(context, task_state):
    """{% sop_step task_state as step %}: a deadlines.StepStatus, or None if not an SOP step.

    In a listing, each SOP's step count is read once per render, not once per row.
    """
    totals = context.render_context.setdefault("sop_audit_step_totals", {})
    return deadlines.step_status(task_state, totals=totals)


@register.inclusion_tag("sop_audit/admin/includes/editor_status.html", takes_context=True)
def sop_editor_status(context, task_state):
    """The line under the editor's header: step, due time and time left.

    A moderator of the step whom the four-eyes rule keeps from approving is told why here,
    since Wagtail simply leaves the approve action out of their menu. Whoever may save at a
    step that does not edit is told beforehand that a change sends the item back, and the
    step's actors see what changed since an earlier approval that a change voided.
    """
    step = deadlines.step_status(task_state)
    request, page = context.get("request"), context.get("page")
    four_eyes = restart = voided = None
    if step is not None and request is not None and page is not None:
        task, user = task_state.task.specific, request.user
        acts_here = user.is_superuser or task._user_in_groups(user)
        if acts_here:
            four_eyes = approvals.four_eyes_conflict(task, page, user)
            voided = approvals.voided_approval(task_state)
        if not context.get("page_locked") and not approvals.may_change_content(task, user):
            restart = approvals.restart_step(task_state.workflow_state, task)
    return {"step": step, "four_eyes": four_eyes, "restart": restart, "voided": voided}
