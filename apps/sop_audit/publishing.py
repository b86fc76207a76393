"""How an item goes live: by approving the last step of its SOP, or in an emergency, on record.

No group holds Wagtail's publish permission (load_sop never grants it), so the default finish
action, which publishes as the approving user, would refuse and roll the approval back. This
one publishes on the SOP's authority instead: the revision the last step approved, its content
checked against the approval's record (approvals.py); the approver is still recorded as the
user. A revision scheduled for later is published by the worker's clock when its time comes
(``publish_due``), still as the SOP's publication.

Wagtail's own Publish is not offered on SOP news (views.py, wagtail_hooks.py). A superuser who
must publish outside the SOP uses the emergency publication, which asks why, records it in
the audit chain and tells the SOP's supervisor.

This module is named by WAGTAIL_FINISH_WORKFLOW_ACTION and resolved while wagtail.models is
loading, so it imports nothing of the models at module level.
"""

from django.utils.translation import gettext

OUTSIDE_SOP_ACTION = "sop_audit.outside_sop"
EMERGENCY_ACTION = "sop_audit.emergency_publish"


def publish_through_sop(workflow_state, user=None):
    from .approvals import approved_revision

    revision = approved_revision(workflow_state)
    revision.publish(user=user, skip_permission_checks=True)


def sop_of(page):
    """The SOP whose workflow governs `page`, or None."""
    from .models import Sop

    workflow = page.get_workflow()
    if workflow is None:
        return None
    return Sop.objects.filter(workflow=workflow).first()


def is_sop_news(page, page_class=None):
    """Whether `page` is a news item under an SOP: only its SOP may publish it.

    For an item not yet created, `page` is its parent and `page_class` its type.
    """
    from apps.news.models import NewsPage

    page_class = page_class or page.specific_class or type(page)
    return issubclass(page_class, NewsPage) and sop_of(page) is not None


def has_sop_news_drafts_below(page):
    """Whether a bulk publication of `page` with its unpublished descendants would publish SOP
    news."""
    from apps.news.models import NewsPage

    drafts = NewsPage.objects.descendant_of(page).not_live()
    return any(sop_of(draft) is not None for draft in drafts.iterator())


def publication_happened(page, revision):
    """page_published, for a page now live: a publication of SOP news that nothing on record
    approved is logged in the page's history as outside the SOP; a scheduled one that the SOP
    approved finishes its last step's record.

    A publication no approval covers can only come from code or the database now (Publish is
    not offered on SOP news); it is attributed to whoever Wagtail's log context names.
    """
    from wagtail.log_actions import log

    from . import records
    from .approvals import publication_approval

    approval = publication_approval(page, revision)
    if approval is not None:
        records.scheduled_publication_went_live(approval)
        return
    sop = sop_of(page)
    if sop is not None:
        log(instance=page, action=OUTSIDE_SOP_ACTION, revision=revision, data={"sop": sop.name})


# Emergency publication ---------------------------------------------------------------------------


class EmergencyRefused(Exception):
    """Why an emergency publication cannot be made, in words for the operator."""


def emergency_publish(page, user, reason):
    """Publish `page`'s latest revision now, outside its SOP, as superuser `user`, because of
    `reason`: recorded in the audit chain, in the page's history, and mailed to the SOP's
    supervisor. A running workflow is cancelled (its step's record ends "cancelled")."""
    from django.db import transaction
    from wagtail.log_actions import LogContext, log
    from wagtail.models import Page, WorkflowState

    from . import records, tasks
    from .models import sop_step_of

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


# Scheduled publications --------------------------------------------------------------------------


def publish_due(now=None):
    """Periodic (WARTA_PERIODIC_TASKS): publish what is scheduled and due, take down what has
    expired, and settle last steps whose schedule will not come.

    What Wagtail's ``publish_scheduled`` command does for pages, one revision or page at a
    time, each under a row lock taken without waiting: several workers may run this at once,
    and each publication must happen once. A scheduled revision the SOP approved goes live
    as the SOP's publication: its social media posts and its audit record follow from it.
    """
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page, Revision

    from . import records

    now = now or timezone.now()
    published = expired = 0
    due = Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")
    for revision_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            revision = due.select_for_update(skip_locked=True).filter(pk=revision_id).first()
            if revision is None:
                continue  # another worker has it, or its item went live meanwhile
            revision.publish(log_action="wagtail.publish.scheduled")
            published += 1
    ending = Page.objects.filter(live=True, expire_at__lt=now).order_by("expire_at")
    for page_id in list(ending.values_list("pk", flat=True)):
        with transaction.atomic():
            page = ending.select_for_update(skip_locked=True).filter(pk=page_id).first()
            if page is None:
                continue
            page.specific.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
            expired += 1
    return {
        "published": published,
        "expired": expired,
        "orphaned_schedules": len(records.close_orphaned_schedules(now)),
    }
