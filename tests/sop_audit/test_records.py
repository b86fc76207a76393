"""Step records: one per step execution, written as the people act in the admin.

Each test drives the workflow through the admin views (as test_sop_end_to_end.py does), with
the clock moved by ``time_machine``, and reads back the records an audit report would show:
who acted, when, how long against the baseline, with which note and outcome. Times are on a
working Monday in office hours (Asia/Jakarta), so working time equals wall-clock time.
"""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from wagtail.models import Revision, TaskState, WorkflowState

from apps.sop_audit import chain
from apps.sop_audit.models import FinishedRecordError, StepRecord

from .conftest import DISPOSITION
from .test_concurrency import acting, race, running_step
from .test_sop_end_to_end import ROUTES, submit

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
MONDAY = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)  # a working day, office hours
MINUTE = datetime.timedelta(minutes=1)


def at(hour, minute=0):
    return MONDAY.replace(hour=hour, minute=minute)


def records_of(page):
    """The item's records in the order its steps ran (a step before submission first: with
    the clock frozen it may start at the very moment of the submission)."""
    records = StepRecord.objects.filter(page_id=page.pk)
    return list(records.order_by("started_at", "-before_submission", "pk"))


def approve(sop_admin, agency, page, comment=""):
    """The running step's official approves it from the action modal."""
    number = sop_admin.current_task_state(page).task.specific.number
    username = {n: u for n, u, _c in ROUTES[agency.key]["steps"]}[number]
    response = sop_admin.approve(agency.user(username), page, comment)
    assert response.status_code == 302
    return agency.user(username)


def group_names(step):
    return ", ".join(sorted(group.name for group in step.groups.all()))


def assert_chain_intact():
    assert chain.verify() is None


# The whole way, SOP A ----------------------------------------------------------------------


def test_sop_a_records_every_step_with_its_actor_note_and_duration(sop_newsroom, sop_admin):
    agency = sop_newsroom.kominfo
    kabid = agency.user("kabid.pip")
    kabid.first_name, kabid.last_name = "Siti", "Rahmawati"
    kabid.save()

    with time_machine.travel(at(9), tick=False) as clock:
        page = submit(sop_admin, agency, "Rapat koordinasi Wi-Fi publik")

        # Step 1 runs: its record is open, due its baseline (10 minutes) later.
        [running] = records_of(page)
        assert running.finished_at is None
        assert running.step_number == 1
        assert running.started_at == at(9)
        assert running.due_at == at(9, 10)

        clock.move_to(at(9, 8))
        approve(sop_admin, agency, page, DISPOSITION)
        clock.move_to(at(9, 53))  # step 2's baseline is 30 minutes: 15 minutes late
        approve(sop_admin, agency, page, "Sudah diperiksa.")
        clock.move_to(at(9, 56))
        approve(sop_admin, agency, page)

    # What the official was called then stays in the record.
    kabid.first_name = "Siti R."
    kabid.save()
    page = sop_admin.fresh(page)
    assert page.live
    records = records_of(page)
    assert [
        (
            r.step_number,
            r.step_name,
            r.actor_username,
            r.actor_name,
            r.outcome,
            r.note,
            r.started_at,
            r.finished_at,
            r.wall_seconds,
            r.working_seconds,
            r.on_time,
        )
        for r in records
    ] == [
        (1, agency.step(1).name, "kabid.pip", "Siti Rahmawati", "approved", DISPOSITION,
         at(9), at(9, 8), 480, 480, True),
        (2, agency.step(2).name, "kasi.lkip", "Kasi", "approved", "Sudah diperiksa.",
         at(9, 8), at(9, 53), 2700, 2700, False),
        (3, agency.step(3).name, "pelaksana.kominfo", "Pelaksana", "published", "",
         at(9, 53), at(9, 56), 180, 180, True),
    ]  # fmt: skip
    for record in records:
        step = agency.step(record.step_number)
        assert record.agency == agency.site.site_name
        assert record.sop_name == agency.sop.name
        assert record.actor_group == group_names(step)
        assert record.baseline == step.baseline
        assert record.due_at == record.started_at + step.baseline
        assert record.page_id == page.pk
        assert record.page_title == "Rapat koordinasi Wi-Fi publik"
        assert not record.before_submission
        assert record.actor == agency.user(record.actor_username)
    assert [r.sequence for r in records] == [1, 2, 3]
    assert_chain_intact()


# The whole way, SOP B, with its step before submission -------------------------------------


def test_sop_b_records_the_drafting_step_from_first_draft_to_submission(sop_newsroom, sop_admin):
    agency = sop_newsroom.dpkpp
    kabid = agency.user("kabid.perumahan")

    with time_machine.travel(at(8), tick=False) as clock:
        _response, page = sop_admin.create(
            kabid, agency, "Penataan kawasan permukiman", action=None
        )
        assert records_of(page) == []  # a draft is no step yet: nothing was submitted
        clock.move_to(at(10))
        response = sop_admin.edit(kabid, page, summary="Lengkap.", **{"action-submit": "1"})
        assert response.status_code == 302
        clock.move_to(at(11))
        approve(sop_admin, agency, page, "Foto dan naskah sudah disunting.")
        clock.move_to(at(11, 30))
        approve(sop_admin, agency, page)
        clock.move_to(at(11, 40))
        approve(sop_admin, agency, page)

    assert sop_admin.fresh(page).live
    records = records_of(page)
    assert [
        (r.step_number, r.before_submission, r.actor_username, r.outcome, r.note,
         r.started_at, r.finished_at, r.wall_seconds, r.on_time)
        for r in records
    ] == [
        (1, True, "kabid.perumahan", "approved", "", at(8), at(10), 7200, True),
        (2, False, "admin.dpkpp", "approved", "Foto dan naskah sudah disunting.",
         at(10), at(11), 3600, True),
        (3, False, "kadis.dpkpp", "approved", "", at(11), at(11, 30), 1800, True),
        (4, False, "admin.dpkpp", "published", "", at(11, 30), at(11, 40), 600, True),
    ]  # fmt: skip
    drafting = records[0]
    assert drafting.step_name == agency.step(1).name
    assert drafting.baseline == datetime.timedelta(days=1)
    assert drafting.actor_group == group_names(agency.step(1))
    assert drafting.task_state_id is None  # no workflow task: it happened before
    assert drafting.workflow_state_id == records[1].workflow_state_id
    # Chained in the order the steps finished, in the agency's own chain.
    assert [r.sequence for r in records] == [1, 2, 3, 4]
    assert {r.chain for r in records} == {f"site:{agency.site.pk}"}
    assert_chain_intact()


# Rejection, resubmission, cancellation -----------------------------------------------------


def test_a_rejected_step_is_recorded_with_its_reason_and_runs_again_on_resubmission(
    sop_newsroom, sop_admin
):
    agency = sop_newsroom.dpkpp
    author = agency.user("kabid.perumahan")
    reason = "Foto kurang jelas; tambahkan sumber data."

    with time_machine.travel(at(9), tick=False) as clock:
        page = submit(sop_admin, agency, "Pelayanan izin mendirikan bangunan")
        clock.move_to(at(9, 30))
        approve(sop_admin, agency, page)
        clock.move_to(at(10))
        rejected = sop_admin.current_task_state(page)
        assert sop_admin.reject(agency.user("kadis.dpkpp"), page, reason).status_code == 302
        clock.move_to(at(13))
        response = sop_admin.edit(author, page, summary="Diperbaiki.", **{"action-submit": "1"})
        assert response.status_code == 302
        # The content changed since the Admin's edit was approved: from step 2 again.
        clock.move_to(at(13, 20))
        approve(sop_admin, agency, page)
        clock.move_to(at(13, 25))
        approve(sop_admin, agency, page)
        clock.move_to(at(13, 30))
        approve(sop_admin, agency, page)

    records = records_of(page)
    assert [
        (r.step_number, r.actor_username, r.outcome, r.note, r.started_at, r.finished_at)
        for r in records
    ] == [
        (1, "kabid.perumahan", "approved", "", at(9), at(9)),
        (2, "admin.dpkpp", "approved", "", at(9), at(9, 30)),
        (3, "kadis.dpkpp", "rejected", reason, at(9, 30), at(10)),
        (2, "admin.dpkpp", "approved", "", at(13), at(13, 20)),
        (3, "kadis.dpkpp", "approved", "", at(13, 20), at(13, 25)),
        (4, "admin.dpkpp", "published", "", at(13, 25), at(13, 30)),
    ]
    # Steps ran twice: one record per execution, each tied to its own task state.
    assert records[2].task_state_id == rejected.pk
    assert records[4].task_state_id != rejected.pk
    assert_chain_intact()


@pytest.mark.parametrize("how", ["author cancels", "operator publishes in an emergency"])
def test_a_cancelled_workflow_finishes_the_running_step_as_cancelled(sop_newsroom, sop_admin, how):
    agency = sop_newsroom.kominfo
    with time_machine.travel(at(9), tick=False) as clock:
        page = submit(sop_admin, agency, "Layanan aduan warga 24 jam")
        clock.move_to(at(9, 5))
        approve(sop_admin, agency, page, DISPOSITION)
        clock.move_to(at(9, 20))
        workflow_state = sop_admin.fresh(page).current_workflow_state
        if how == "author cancels":
            actor = agency.editor
            sop_admin.edit(actor, page, **{"action-cancel-workflow": "1"})
        else:
            actor = sop_newsroom.operator
            sop_admin.login(actor)
            url = reverse("sop_audit:emergency_publish", args=[page.pk])
            sop_admin.client.post(url, {"reason": "Informasi bencana harus segera tayang."})
            assert sop_admin.fresh(page).live
        workflow_state.refresh_from_db()
        assert workflow_state.status == WorkflowState.STATUS_CANCELLED

    first, second, *emergency = sorted(records_of(page), key=lambda record: record.sequence)
    assert first.outcome == "approved"
    assert (second.step_number, second.outcome, second.actor_username) == (
        2,
        "cancelled",
        actor.username,
    )
    assert (second.finished_at, second.wall_seconds) == (at(9, 20), 15 * 60)
    if emergency:
        (record,) = emergency
        assert (record.step_number, record.outcome, record.note) == (
            2,
            "emergency",
            "Informasi bencana harus segera tayang.",
        )
    assert not StepRecord.objects.open().exists()
    assert_chain_intact()


# What changes later does not change a record -----------------------------------------------


def test_a_baseline_changed_later_applies_only_to_steps_started_afterwards(sop_newsroom, sop_admin):
    agency = sop_newsroom.kominfo
    step = agency.step(1)
    with time_machine.travel(at(9), tick=False) as clock:
        running = submit(sop_admin, agency, "Sosialisasi rumah susun")
        step.baseline = datetime.timedelta(minutes=20)
        step.save()
        clock.move_to(at(9, 15))
        later = submit(sop_admin, agency, "Kunjungan kerja wali kota")
        clock.move_to(at(9, 18))
        approve(sop_admin, agency, running, DISPOSITION)

    [first, _next] = records_of(running)
    assert first.baseline == datetime.timedelta(minutes=10)
    assert first.due_at == at(9, 10)
    assert first.on_time is False  # 18 minutes against the 10 it started under
    [started_later] = records_of(later)
    assert started_later.baseline == datetime.timedelta(minutes=20)
    assert started_later.due_at == at(9, 35)


def test_records_outlive_purged_revisions_and_the_deleted_page(sop_newsroom, sop_admin):
    agency = sop_newsroom.kominfo
    page = submit(sop_admin, agency, "Penghargaan keterbukaan informasi")
    approve(sop_admin, agency, page, DISPOSITION)
    approve(sop_admin, agency, page, "Sudah diperiksa.")
    approve(sop_admin, agency, page)
    # Two more drafts after publication: the revisions the workflow ran on become purgeable.
    sop_admin.edit(agency.editor, page, summary="Ralat pertama.")
    sop_admin.edit(agency.editor, page, summary="Ralat kedua.")
    before = [(r.pk, r.step_number, r.outcome, r.actor_username, r.hash) for r in records_of(page)]
    assert len(before) == 3

    call_command("purge_revisions")

    assert Revision.objects.filter(object_id=str(page.pk)).count() < 4
    assert not TaskState.objects.filter(workflow_state__object_id=str(page.pk)).exists()
    after = [(r.pk, r.step_number, r.outcome, r.actor_username, r.hash) for r in records_of(page)]
    assert after == before

    sop_admin.login(sop_newsroom.operator)
    response = sop_admin.client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    assert response.status_code == 302
    assert not type(page).objects.filter(pk=page.pk).exists()
    after = [(r.pk, r.step_number, r.outcome, r.actor_username, r.hash) for r in records_of(page)]
    assert after == before
    assert records_of(page)[0].page_title == "Penghargaan keterbukaan informasi"
    assert_chain_intact()


# Nothing edits a finished record -----------------------------------------------------------


def test_deleting_an_item_in_moderation_closes_its_open_step(sop_newsroom, sop_admin):
    agency = sop_newsroom.kominfo
    page = submit(sop_admin, agency, "Berita yang batal")
    approve(sop_admin, agency, page, DISPOSITION)
    assert StepRecord.objects.open().filter(page_id=page.pk).count() == 1

    sop_admin.login(sop_newsroom.operator)
    response = sop_admin.client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))

    assert response.status_code == 302
    assert not StepRecord.objects.open().filter(page_id=page.pk).exists()
    cancelled = records_of(page)[-1]
    assert cancelled.outcome == StepRecord.OUTCOME_CANCELLED
    assert cancelled.actor_username == "operator"
    assert cancelled.note == "Berita dihapus saat dalam alur SOP."
    out = StringIO()
    call_command("sop_audit_verify", stdout=out)  # the chain holds the cancelled record
    assert "catatan utuh" in out.getvalue()


def test_a_finished_record_cannot_be_changed_or_deleted(sop_newsroom, sop_admin):
    agency = sop_newsroom.kominfo
    page = submit(sop_admin, agency, "Rapat evaluasi layanan")
    stale = StepRecord.objects.get(page_id=page.pk)  # read while step 1 is still open
    approve(sop_admin, agency, page, DISPOSITION)
    finished, running = records_of(page)
    original = (finished.note, finished.actor_username, finished.hash)

    finished.note = "Disposisi diubah belakangan."
    with pytest.raises(FinishedRecordError):
        finished.save()
    with pytest.raises(FinishedRecordError):
        StepRecord.objects.filter(pk=finished.pk).update(note="Diubah.")
    with pytest.raises(FinishedRecordError):
        StepRecord.objects.filter(page_id=page.pk).update(page_title="Diubah.")
    with pytest.raises(FinishedRecordError):
        StepRecord.objects.filter(pk=finished.pk).delete()
    with pytest.raises(FinishedRecordError):
        finished.delete()
    # An instance read before the step finished cannot overwrite it either.
    stale.note = "Ditimpa."
    with pytest.raises(FinishedRecordError), transaction.atomic():
        stale.save()

    finished.refresh_from_db()
    assert (finished.note, finished.actor_username, finished.hash) == original
    assert_chain_intact()
    # An open record may still be marked, e.g. when its reminder was sent.
    assert StepRecord.objects.filter(pk=running.pk).update(reminded_at=at(9)) == 1
    running.refresh_from_db()
    running.escalated_at = at(10)
    running.save()
    assert StepRecord.objects.get(pk=running.pk).escalated_at == at(10)


# Records of one agency join its chain one at a time -----------------------------------------


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (TEST_DATABASE_URL)"
)
@pytest.mark.django_db(transaction=True)
def test_approvals_at_the_same_moment_each_get_their_own_place_in_the_chain(sop_newsroom):
    """Four officials of one agency approve four items at once: the chain head lock makes
    their records join the chain one after another, none lost, none sharing a number."""
    agency = sop_newsroom.kominfo
    states = []
    for number in range(4):
        page, state = running_step(agency, f"Berita serentak {number}", 1)
        states.append(state)
    before = StepRecord.objects.finished().count()

    outcomes = race(
        *(acting(state.pk, agency.approver(1), "approve", DISPOSITION) for state in states)
    )

    assert outcomes == ["done"] * 4
    finished = StepRecord.objects.finished().filter(task_state_id__in=[s.pk for s in states])
    assert finished.count() == 4
    sequences = sorted(StepRecord.objects.finished().values_list("sequence", flat=True))
    assert sequences == list(range(1, before + 5))
    assert_chain_intact()
