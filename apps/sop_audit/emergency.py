"""The emergency publication: a superuser puts SOP news live outside its SOP, on record.

When information cannot wait, an operator (a superuser) publishes the item's latest revision
now, saying why. The reason goes into the audit chain (records.emergency_publication), the
page's history and a mail to the SOP's supervisor; a running workflow is cancelled. There is
no other way around the SOP: Wagtail's Publish is not offered on SOP news.
"""

from django.db import transaction
from django.utils.translation import gettext
from wagtail.log_actions import LogContext, log
from wagtail.models import Page, WorkflowState

from . import records, tasks
from .governance import sop_of
from .models import sop_step_of

EMERGENCY_ACTION = "sop_audit.emergency_publish"


class EmergencyRefused(Exception):
    """Why an emergency publication cannot be made, in words for the operator."""


def emergency_publish(page, user, reason):
    """Publish `page`'s latest revision now, outside its SOP, as superuser `user`, because of
    `reason`: recorded in the audit chain, in the page's history, and mailed to the SOP's
    supervisor. A running workflow is cancelled (its step's record ends "cancelled")."""
    reason = (reason or "").strip()
    if not user.is_superuser:
        raise EmergencyRefused(
            gettext("Hanya operator (superuser) yang dapat menerbitkan darurat.")
        )
    if not reason:
        raise EmergencyRefused(gettext("Alasan penerbitan darurat wajib diisi."))
    sop = sop_of(page)
    if sop is None:
        raise EmergencyRefused(gettext("Berita ini tidak berada di bawah SOP."))
    revision = page.get_latest_revision()
    if revision is None:
        raise EmergencyRefused(gettext("Berita ini belum memiliki revisi."))
    with transaction.atomic(), LogContext(user=user):
        # The item's row first, as an approval and an editor's save take it (moderation.py).
        list(Page.objects.select_for_update().filter(pk=page.pk).values_list("pk"))
        workflow_state = (
            WorkflowState.objects.active()
            .for_instance(page)
            .select_related("current_task_state__task")
            .first()
        )
        step = sop_step_of(workflow_state and workflow_state.current_task_state)
        if step is None:
            step = sop.current_steps().filter(before_submission=False).last()
        if workflow_state is not None:
            workflow_state.cancel(user=user)
        # On record before it is published: the publication is then not "outside the SOP"
        # but this emergency, with its reason.
        records.emergency_publication(page, revision, step, user, reason, workflow_state)
        revision.publish(user=user, skip_permission_checks=True)
        log(
            instance=page,
            action=EMERGENCY_ACTION,
            user=user,
            revision=revision,
            data={"reason": reason, "sop": sop.name},
        )
        revision_id = revision.pk
        transaction.on_commit(
            lambda: tasks.notify_emergency_publication.enqueue(page.pk, revision_id, user.pk),
            robust=True,
        )
    return revision
