"""How an item goes live: only by approving the last step of its SOP.

No group holds Wagtail's publish permission (load_sop never grants it), so the default finish
action, which publishes as the approving user, would refuse and roll the approval back. This
one publishes on the SOP's authority instead; the approver is still recorded as the user.
This module is named by WAGTAIL_FINISH_WORKFLOW_ACTION and resolved while wagtail.models is
loading, so it must not import wagtail.models at module level.
"""

OUTSIDE_SOP_ACTION = "sop_audit.outside_sop"


def publish_through_sop(workflow_state, user=None):
    revision = workflow_state.content_object.get_latest_revision()
    # Read by record_if_outside_sop, which the publication's page_published signal reaches.
    revision.published_through_sop = True
    revision.publish(user=user, skip_permission_checks=True)


def record_if_outside_sop(page, revision):
    """Log a publication of an SOP-governed page that did not come from its last step.

    Only a superuser can do this (no group holds the publish permission); the record says
    so in the page's history, attributed to the acting user through Wagtail's log context.
    """
    from wagtail.log_actions import log

    from .models import Sop

    if getattr(revision, "published_through_sop", False):
        return
    workflow = page.get_workflow()
    if workflow is None or not Sop.objects.filter(workflow=workflow).exists():
        return
    log(instance=page, action=OUTSIDE_SOP_ACTION, revision=revision, data={"sop": workflow.name})
