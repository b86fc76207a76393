"""Four-eyes at SOP A's step 2: whoever submitted the item cannot approve it, and is told why."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState

from apps.sop_audit.loading import load_sop_source

pytestmark = pytest.mark.django_db


def test_submitter_cannot_approve_a_four_eyes_step_and_is_told_why(
    client, kominfo, django_user_model, django_capture_on_commit_callbacks
):
    _path, result = load_sop_source("sop-a", kominfo.host)
    groups = {actor.key: actor.group for actor in result.sop.actor_groups.all()}
    kabid = django_user_model.objects.create_user("kabid", "kabid@example.test", "x")
    kasi = django_user_model.objects.create_user("kasi", "kasi@example.test", "x")
    kabid.groups.add(groups["kepala-bidang-pip"])
    kasi.groups.add(groups["kepala-seksi-lkip"])
    # The Kepala Seksi writes and submits the item himself.
    page = kominfo.publish_news("Berita dari Kasi", publish=False)
    page.save_revision(user=kasi)
    with django_capture_on_commit_callbacks(execute=True):
        workflow_state = result.sop.workflow.start(page, kasi)
        step1 = workflow_state.current_task_state
        step1.task.specific.on_action(step1, kabid, "approve", comment="Segera analisis.")
    step2 = TaskState.objects.get(workflow_state=workflow_state, status="in_progress")
    assert step2.task.specific.four_eyes

    client.force_login(kasi)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)), HTTP_HOST=kominfo.host)
    assert "Prinsip empat mata" in editor.content.decode()
    assert [name for name, *_ in step2.task.specific.get_actions(page, kasi)] == ["reject"]

    approve = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", step2.pk))
    client.post(approve, {"comment": "Saya setujui sendiri."}, HTTP_HOST=kominfo.host)
    step2.refresh_from_db()
    assert step2.status == TaskState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert not page.live
