"""A superuser can still publish directly; the page's history says it bypassed the SOP."""

import pytest
from wagtail.log_actions import LogContext
from wagtail.models import PageLogEntry

from apps.sop_audit.loading import load_sop_source
from apps.sop_audit.publications import OUTSIDE_SOP_ACTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def sop_a(kominfo):
    return load_sop_source("sop-a", kominfo.host)[1].sop


def test_direct_publication_is_recorded_as_outside_the_sop(kominfo, sop_a, admin_user):
    page = kominfo.publish_news("Terbit tanpa SOP", publish=False)
    # What the admin does for a superuser's "Publish": it runs under the user's log context.
    with LogContext(user=admin_user):
        page.save_revision(user=admin_user).publish(user=admin_user)
    page.refresh_from_db()
    assert page.live
    entry = PageLogEntry.objects.get(page=page, action=OUTSIDE_SOP_ACTION)
    assert entry.user == admin_user


def test_publication_by_the_last_step_is_not_flagged(kominfo, sop_a, admin_user, django_user_model):
    page = kominfo.publish_news("Terbit lewat SOP", publish=False)
    author = django_user_model.objects.create_user("penulis", "penulis@example.test", "x")
    state = sop_a.workflow.start(page, author)
    for _ in range(3):
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, admin_user, "approve", comment="OK")
        state.refresh_from_db()
    page.refresh_from_db()
    assert page.live
    assert not PageLogEntry.objects.filter(page=page, action=OUTSIDE_SOP_ACTION).exists()
