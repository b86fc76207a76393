"""Where an item stands in its SOP, for the admin's templates (inbox panel, editor header)."""

from django import template

from .. import deadlines

register = template.Library()


@register.simple_tag(takes_context=True)
def sop_step(context, task_state):
    """{% sop_step task_state as step %}: a deadlines.StepStatus, or None if not an SOP step.

    In a listing, each SOP's step count is read once per render, not once per row.
    """
    totals = context.render_context.setdefault("sop_audit_step_totals", {})
    return deadlines.step_status(task_state, totals=totals)


@register.inclusion_tag("sop_audit/admin/includes/editor_status.html")
def sop_editor_status(task_state):
    """The line under the editor's header: step, due time and time left."""
    return {"step": deadlines.step_status(task_state)}
