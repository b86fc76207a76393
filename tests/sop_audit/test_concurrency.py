"""Two officials acting on the same step at the same moment give exactly one transition.

The step task locks its task state row (SELECT ... FOR UPDATE) and re-reads its status before
anything changes, so the second action waits for the first to commit, then finds the step done
and is refused. Only PostgreSQL takes row locks: SQLite serialises whole-database writes and
would prove nothing, so these tests run on PostgreSQL only (TEST_DATABASE_URL).

Each official acts from a thread of their own, with their own database connection, released
together by a barrier, each inside ``transaction.atomic()`` as the admin view does.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection, connections, transaction
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from .conftest import current_task_state, fresh, make_sop_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks (set TEST_DATABASE_URL)",
    ),
    pytest.mark.django_db(transaction=True),
]

ROUNDS = 5


def race(*actions):
    """Run each callable in its own thread, all released at once; return their outcomes."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(position, action):
        try:
            barrier.wait(timeout=10)
            action()
            outcomes[position] = "done"
        except PermissionDenied:
            outcomes[position] = "refused"
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcomes[position] = f"error: {error!r}"
        finally:
            connections.close_all()  # this thread's own connection

    threads = [
        threading.Thread(target=run, args=(position, action))
        for position, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "an action never finished"
    return outcomes


def acting(state_pk, user, action_name, comment):
    """What the workflow action view does for `user`, from a fresh read of the task state."""

    def act():
        with transaction.atomic():
            state = TaskState.objects.get(pk=state_pk).specific
            state.task.specific.on_action(state, user, action_name, comment=comment)

    return act


def running_step(agency, title, number):
    """A submitted item whose step `number` is running."""
    page = agency.draft(title)
    agency.submit(page)
    while current_task_state(page).task.specific.number != number:
        agency.approve_current(page)
    return page, current_task_state(page)


@pytest.mark.parametrize(
    ("key", "number", "actor_key", "first", "second"),
    [
        # SOP B step 3: any one of three officials; two of them act at once.
        ("dpkpp", 3, None, "kadis.dpkpp", "sekretaris.dpkpp"),
        # SOP A step 1, with a second Kepala Bidang: the disposition, twice.
        ("kominfo", 1, "kepala-bidang-pip", "kabid.pip", "kabid.kedua"),
    ],
)
def test_two_approvals_at_once_give_one_transition(
    sop_newsroom, key, number, actor_key, first, second
):
    agency = getattr(sop_newsroom, key)
    if actor_key:
        make_sop_user(second).groups.add(agency.group(actor_key))
    officials = [get_user_model().objects.get(username=name) for name in (first, second)]
    step = agency.step(number)
    next_step = agency.step(number + 1)

    for round_number in range(ROUNDS):
        page, state = running_step(agency, f"Berita serentak {key} {round_number}", number)

        outcomes = race(
            *(
                acting(state.pk, user, "approve", f"Disposisi dari {user.username}.")
                for user in officials
            )
        )

        assert sorted(outcomes) == ["done", "refused"], outcomes
        workflow_state = state.workflow_state
        steps = TaskState.objects.filter(workflow_state=workflow_state)
        approved = steps.filter(task_id=step.pk, status=TaskState.STATUS_APPROVED)
        assert approved.count() == 1
        winner = officials[outcomes.index("done")]
        assert approved.get().finished_by == winner
        assert steps.filter(task_id=step.pk).count() == 1
        assert steps.filter(task_id=next_step.pk).count() == 1
        assert steps.filter(task_id=next_step.pk).get().status == TaskState.STATUS_IN_PROGRESS
        assert (
            PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count()
            == number - agency.steps[0].number + 1
        )
        assert not fresh(page).live


def test_two_last_approvals_at_once_publish_once(sop_newsroom):
    """SOP A step 3 with two Pelaksana: the item goes live once, by one of them."""
    agency = sop_newsroom.kominfo
    second = make_sop_user("pelaksana.kedua")
    second.groups.add(agency.group("pelaksana"))
    officials = [agency.user("pelaksana.kominfo"), second]

    for round_number in range(ROUNDS):
        page, state = running_step(agency, f"Berita tayang serentak {round_number}", 3)

        outcomes = race(*(acting(state.pk, user, "approve", "") for user in officials))

        assert sorted(outcomes) == ["done", "refused"], outcomes
        winner = officials[outcomes.index("done")]
        page = fresh(page)
        assert page.live
        [publication] = PageLogEntry.objects.filter(page=page, action="wagtail.publish")
        assert publication.user == winner
        state.refresh_from_db()
        assert state.status == TaskState.STATUS_APPROVED
        assert state.finished_by == winner
        assert state.workflow_state.status == WorkflowState.STATUS_APPROVED


def test_approval_and_rejection_at_once_give_one_transition(sop_newsroom):
    """SOP B step 3: one official passes the item while another sends it back."""
    agency = sop_newsroom.dpkpp
    kadis, sekretaris = agency.user("kadis.dpkpp"), agency.user("sekretaris.dpkpp")

    for round_number in range(ROUNDS):
        page, state = running_step(agency, f"Berita diperebutkan {round_number}", 3)

        outcomes = race(
            acting(state.pk, kadis, "approve", ""),
            acting(state.pk, sekretaris, "reject", "Data belum lengkap."),
        )

        assert sorted(outcomes) == ["done", "refused"], outcomes
        state.refresh_from_db()
        workflow_state = state.workflow_state
        following = TaskState.objects.filter(
            workflow_state=workflow_state, task_id=agency.step(4).pk
        )
        if outcomes[0] == "done":
            assert state.status == TaskState.STATUS_APPROVED
            assert state.finished_by == kadis
            assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
            assert following.count() == 1
        else:
            assert state.status == TaskState.STATUS_REJECTED
            assert state.finished_by == sekretaris
            assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
            assert not following.exists()
        assert not fresh(page).live


def saving(page_pk, user, summary):
    """What the page editor's save does for `user`: a new revision, in one transaction."""

    def save():
        with transaction.atomic():
            page = fresh(type("Ref", (), {"pk": page_pk})())
            page.summary = summary
            page.save_revision(user=user)

    return save


@pytest.mark.parametrize("step_number", [2, 3])
def test_a_change_saved_while_a_step_is_approved_is_never_approved_unseen(
    sop_newsroom, step_number
):
    """SOP A: the operator saves a change while the step's official approves. Whichever comes
    first, the change is never approved unseen: either the approval is refused and the item is
    back at step 1 with the change, or the approval went through on the old content, and then
    the change sends back the step after it (step 1 again) or, after the last step, is a new
    draft of the item that went live as approved."""
    agency = sop_newsroom.kominfo
    official = agency.approver(step_number)
    operator = sop_newsroom.operator

    for round_number in range(ROUNDS):
        page, state = running_step(agency, f"Berita diubah serentak {round_number}", step_number)
        summary = f"Ringkasan diubah operator {round_number}."

        outcomes = race(
            acting(state.pk, official, "approve", ""),
            saving(page.pk, operator, summary),
        )

        assert outcomes[1] == "done", outcomes
        assert outcomes[0] in ("done", "refused"), outcomes
        page = fresh(page)
        if outcomes[0] == "done" and step_number == 3:
            assert page.live
            assert page.summary != summary
            assert page.has_unpublished_changes
            assert current_task_state(page) is None
            continue
        running = current_task_state(page)
        assert running is not None and running.task.specific == agency.step(1)
        assert running.revision.as_object().summary == summary
        assert not page.live


def test_two_workers_publish_a_scheduled_item_once(sop_newsroom):
    """Every worker enqueues the periodic tasks: two clocks reach a go-live time together."""
    import datetime

    import time_machine
    from django.utils import timezone

    from apps.sop_audit.publications import publish_due

    agency = sop_newsroom.kominfo
    for round_number in range(ROUNDS):
        go_live = timezone.now() + datetime.timedelta(hours=1)
        page = agency.draft(f"Berita terjadwal serentak {round_number}", go_live_at=go_live)
        agency.publish_through_sop(page)
        assert not fresh(page).live

        with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
            outcomes = race(publish_due, publish_due)

        assert outcomes == ["done", "done"], outcomes
        assert fresh(page).live
        assert (
            PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
        )
