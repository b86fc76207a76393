"""How many queries one approval costs at each step of SOP A, through the admin's workflow
action view as the modal posts it.

benchmarks/approval_bench.py measures the same on PostgreSQL with thousands of items; this keeps
the count in the suite, so that a change adding queries to an approval fails here. Tasks go to
the database queue as in production (one INSERT each, Wagtail's search and reference index
updates included), and the callbacks run after the commit are counted, since they belong to the
request. The measured approval follows an unmeasured one that filled the process-wide caches.
(The benchmark counts two or three more: its transaction's BEGIN and COMMIT, and at step 3 the
site lookup that a publication makes stale.)

Steps 1 and 2 stay under the target of 60, audit records included (see MAX_QUERIES). Step 3
publishes: Wagtail's publication alone costs about 40 (see benchmarks/README.md).
"""

import pytest
from django.urls import reverse
from wagtail.models import TaskState

from .conftest import DISPOSITION, current_task_state

pytestmark = pytest.mark.django_db

# Step 3 includes social_sync's page_published receiver (5 queries).
# The audit records (recording.py) add 5 to steps 1 and 2: the next step's record opens (its
# SOP, site and groups in one read, one insert) and this step's finishes (read with the chain
# head locked, update the record, update the head); step 3 only finishes its record (3). The
# working calendar they ask comes from the cache (workcalendar.py), not the database: the
# measured approval follows one that filled it.
# Step 3's publication also asks whether an open record waits for its social media posts
# (SOP B's last step does; records.publication_settled): one query more, 4 in all.
# Binding the approval to its content (approvals.py) reads, at every step, the content hash the
# step started on (+1), and the step names the next one itself, which spares Wagtail's query
# for it at steps 1 and 2 (-1); a four-eyes step (step 2) also reads the revisions since the
# item was last approved for publication, whose authors may not approve it (+1). At step 3 the
# publication's check that the SOP approved it replaces the outside-the-SOP check, and the
# approved revision's record is read once more before it is published (+1).
# The publication also records the live content's references at once, so that media the item
# now shows is protected before the worker's reference index task runs (media.py): the item's
# child relations and its current index rows are read, 3 queries (more only if references
# change).
MAX_QUERIES = {1: 47 + 5, 2: 47 + 5 + 2, 3: 85 + 3 + 1 + 1 + 3}


@pytest.fixture
def database_task_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def approval(client, agency, page):
    """The running step's official, logged in, and the request that approves it."""
    state = current_task_state(page)
    step = state.task.specific
    client.force_login(agency.approver(step.number))
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
    return state, url, {"comment": DISPOSITION if step.note_required else ""}


def assert_approved(response, state):
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED


@pytest.mark.parametrize("step", [1, 2, 3])
def test_one_approval_costs_a_bounded_number_of_queries(
    sop_newsroom,
    client,
    database_task_queue,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
    step,
):
    agency = sop_newsroom.kominfo
    warmup, measured = (agency.draft(f"Berita uji kueri {n}") for n in (1, 2))
    for page in (warmup, measured):
        agency.submit(page)
        for _number in range(1, step):
            agency.approve_current(page)
    state, url, data = approval(client, agency, warmup)
    assert_approved(client.post(url, data), state)
    state, url, data = approval(client, agency, measured)

    with (
        django_assert_max_num_queries(MAX_QUERIES[step]),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url, data)

    assert_approved(response, state)
    if step == 3:
        measured.refresh_from_db()
        assert measured.live
