"""SOP news going live other than at its last step's approval: by the clock, or on record.

- The worker's clock publishes what is scheduled and due (publish_due), as Wagtail's
  ``publish_scheduled`` command would: a scheduled revision the SOP approved goes live as the
  SOP's publication, and its social media posts and its audit record follow from it.
- Every publication of a live page is checked against what the SOP approved
  (publication_happened): a scheduled one the SOP approved finishes its last step's record;
  one that nothing on record approved is written into the page's history as outside the SOP.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from . import records
from .approvals import publication_approval
from .governance import sop_of

OUTSIDE_SOP_ACTION = "sop_audit.outside_sop"


def publication_happened(page, revision):
    """page_published, for a page now live: a publication of SOP news that nothing on record
    approved is logged in the page's history as outside the SOP; a scheduled one that the SOP
    approved finishes its last step's record.

    A publication no approval covers can only come from code or the database now (Publish is
    not offered on SOP news); it is attributed to whoever Wagtail's log context names.
    """
    approval = publication_approval(page, revision)
    if approval is not None:
        records.scheduled_publication_went_live(approval)
        return
    sop = sop_of(page)
    if sop is not None:
        log(instance=page, action=OUTSIDE_SOP_ACTION, revision=revision, data={"sop": sop.name})


def publish_due(now=None):
    """Periodic (WARTA_PERIODIC_TASKS): publish what is scheduled and due, take down what has
    expired, and settle last steps whose schedule will not come.

    What Wagtail's ``publish_scheduled`` command does for pages, one revision or page at a
    time, each under a row lock taken without waiting: several workers may run this at once,
    and each publication must happen once.
    """
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
