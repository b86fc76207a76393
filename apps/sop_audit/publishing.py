"""How an item goes live through its SOP: approving the last step publishes what it approved.

No group holds Wagtail's publish permission (load_sop never grants it), so the default finish
action, which publishes as the approving user, would refuse and roll the approval back. This
one publishes on the SOP's authority instead: the revision the last step approved, its content
checked against the approval's record (approvals.approved_revision); the approver is still
recorded as the user. A revision scheduled for later is published by the worker's clock when
its time comes, still as the SOP's publication (publications.publish_due).

Wagtail's own Publish is not offered on SOP news (page_views.py, wagtail_hooks.py). A superuser
who must publish outside the SOP uses the emergency publication (emergency.py).

This module is named by WAGTAIL_FINISH_WORKFLOW_ACTION and resolved while wagtail.models is
loading, so it imports nothing at module level that imports wagtail.models.
"""


def publish_through_sop(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish the revision the last step approved."""
    # Not at module level: approvals.py imports wagtail.models, which is loading (see above).
    from .approvals import approved_revision

    revision = approved_revision(workflow_state)
    revision.publish(user=user, skip_permission_checks=True)
