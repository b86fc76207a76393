"""Reminders at three quarters of a step's baseline and escalations to the SOP's supervisor at
the breach: in Indonesian, sent by the worker's periodic task, each exactly once.

The open steps are StepRecord rows made here as the audit makes them when a step starts, with
the due time the working calendar gives. Time travels; nothing sleeps.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django_tasks import TaskResultStatus
from wagtail.users.models import UserProfile

from apps.sop_audit import tasks, workcalendar
from apps.sop_audit.models import StepRecord

from .conftest import make_sop_user

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
# SOP A's step 2 (periksa, 30 minutes) starts Monday 23 November 2026 at 10:00: at risk from
# 10:22:30, due 10:30.
MONDAY_1000 = datetime.datetime(2026, 11, 23, 10, tzinfo=WIB)


def open_step(agency, number, started, *, title="Rapat koordinasi Diskominfostandi"):
    """The record the audit keeps for a step that started at `started` and is still open."""
    step = agency.step(number)
    page = agency.draft(title)
    return StepRecord.objects.create(
        site=agency.site,
        agency=agency.sop.agency,
        chain=f"site-{agency.site.pk}",
        sop=agency.sop,
        sop_name=agency.sop.name,
        step=step,
        step_number=step.number,
        step_name=step.name,
        actor_group=", ".join(group.name for group in step.groups.all()),
        baseline=step.baseline,
        page_id=page.pk,
        page_title=title,
        started_at=started,
        due_at=workcalendar.due_at(agency.site.pk, started, step.baseline),
    )


def run_worker_at(moment):
    """The periodic task as the worker runs it, at `moment`; returns what it sent."""
    with time_machine.travel(moment, tick=False):
        result = tasks.send_step_warnings.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    return result.return_value


@pytest.fixture
def kepala_dinas(sop_newsroom):
    """Diskominfostandi's Kepala Dinas, in SOP A's supervisor group."""
    user = make_sop_user("kadis.kominfo", first_name="Encu", last_name="Hermana")
    user.groups.add(sop_newsroom.kominfo.sop.supervisor_group)
    return user


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_worker_runs_the_warnings_every_minute():
    assert ("apps.sop_audit.tasks.send_step_warnings", 60) in settings.WARTA_PERIODIC_TASKS


def test_nothing_is_sent_before_three_quarters_of_the_baseline(sop_newsroom, kepala_dinas):
    open_step(sop_newsroom.kominfo, 2, MONDAY_1000)

    sent = run_worker_at(MONDAY_1000 + datetime.timedelta(minutes=22))

    assert sent == {"reminders": 0, "escalations": 0}
    assert mail.outbox == []


def test_the_actors_are_reminded_once_at_three_quarters(sop_newsroom, kepala_dinas):
    kominfo = sop_newsroom.kominfo
    record = open_step(kominfo, 2, MONDAY_1000)

    first = run_worker_at(MONDAY_1000 + datetime.timedelta(minutes=23))
    again = run_worker_at(MONDAY_1000 + datetime.timedelta(minutes=24))

    assert first == {"reminders": 1, "escalations": 0}
    assert again == {"reminders": 0, "escalations": 0}
    assert recipients() == ["kasi.lkip@uji.warta.test"]
    message = mail.outbox[0]
    assert message.subject == (
        '[Warta] Pengingat langkah 2: "Rapat koordinasi Diskominfostandi", '
        "tenggat Senin, 23 November 2026 10:30 WIB"
    )
    assert "mendekati batas mutu baku waktunya" in message.body
    assert "Tenggat: Senin, 23 November 2026 10:30 WIB (sisa 7 menit)" in message.body
    assert f"/admin/pages/{record.page_id}/edit/" in message.body
    record.refresh_from_db()
    assert record.reminded_at is not None
    assert record.escalated_at is None


def test_the_supervisor_is_told_once_at_the_breach(sop_newsroom, kepala_dinas):
    record = open_step(sop_newsroom.kominfo, 2, MONDAY_1000)
    run_worker_at(MONDAY_1000 + datetime.timedelta(minutes=23))
    mail.outbox.clear()

    at_due = run_worker_at(MONDAY_1000 + datetime.timedelta(minutes=30))
    later = run_worker_at(MONDAY_1000 + datetime.timedelta(hours=3))

    assert at_due == {"reminders": 0, "escalations": 1}
    assert later == {"reminders": 0, "escalations": 0}
    assert recipients() == ["kadis.kominfo@uji.warta.test"]
    message = mail.outbox[0]
    assert message.subject == (
        '[Warta] Terlambat: langkah 2 "Rapat koordinasi Diskominfostandi" melewati mutu baku waktu'
    )
    assert "Yth. Encu Hermana," in message.body
    assert "Kepala Seksi Layanan Komunikasi dan Informasi Publik" in message.body
    record.refresh_from_db()
    assert record.escalated_at is not None


def test_a_step_found_late_gets_its_reminder_and_its_escalation(sop_newsroom, kepala_dinas):
    """The worker was down through the step: both mails go out on its first run, once."""
    open_step(sop_newsroom.kominfo, 2, MONDAY_1000)

    first = run_worker_at(MONDAY_1000 + datetime.timedelta(hours=1))
    again = run_worker_at(MONDAY_1000 + datetime.timedelta(hours=2))

    assert first == {"reminders": 1, "escalations": 1}
    assert again == {"reminders": 0, "escalations": 0}
    assert recipients() == ["kadis.kominfo@uji.warta.test", "kasi.lkip@uji.warta.test"]
    assert "terlambat 30 menit" in mail.outbox[0].body


def test_the_weekend_does_not_bring_the_reminder_forward(sop_newsroom, kepala_dinas):
    # Friday 16:20 + 30 working minutes: 10 on Friday, 20 on Monday, due Monday 07:50.
    # Three quarters (22.5 min) are gone on Monday at 07:42:30.
    friday = datetime.datetime(2026, 11, 27, 16, 20, tzinfo=WIB)
    record = open_step(sop_newsroom.kominfo, 2, friday)
    assert record.due_at == datetime.datetime(2026, 11, 30, 7, 50, tzinfo=WIB)

    saturday = run_worker_at(datetime.datetime(2026, 11, 28, 10, tzinfo=WIB))
    monday_early = run_worker_at(datetime.datetime(2026, 11, 30, 7, 42, tzinfo=WIB))
    monday = run_worker_at(datetime.datetime(2026, 11, 30, 7, 43, tzinfo=WIB))

    assert saturday["reminders"] == monday_early["reminders"] == 0
    assert monday == {"reminders": 1, "escalations": 0}


def test_finished_steps_are_left_alone(sop_newsroom, kepala_dinas):
    kominfo = sop_newsroom.kominfo
    step = kominfo.step(2)
    StepRecord.objects.bulk_create(
        [
            StepRecord(
                site=kominfo.site,
                agency=kominfo.sop.agency,
                chain=f"site-{kominfo.site.pk}",
                sop=kominfo.sop,
                sop_name=kominfo.sop.name,
                step=step,
                step_number=2,
                step_name=step.name,
                actor_group="Kepala Seksi",
                baseline=step.baseline,
                page_id=1,
                page_title="Sudah disetujui",
                started_at=MONDAY_1000,
                due_at=MONDAY_1000 + datetime.timedelta(minutes=30),
                finished_at=MONDAY_1000 + datetime.timedelta(minutes=50),
                outcome=StepRecord.OUTCOME_APPROVED,
            )
        ]
    )

    assert run_worker_at(MONDAY_1000 + datetime.timedelta(hours=2)) == {
        "reminders": 0,
        "escalations": 0,
    }
    assert mail.outbox == []


def test_a_step_another_worker_claimed_is_not_sent_again(sop_newsroom, kepala_dinas):
    record = open_step(sop_newsroom.kominfo, 2, MONDAY_1000)
    claimed_at = MONDAY_1000 + datetime.timedelta(minutes=30)
    StepRecord.objects.filter(pk=record.pk).update(reminded_at=claimed_at, escalated_at=claimed_at)

    assert run_worker_at(MONDAY_1000 + datetime.timedelta(minutes=31)) == {
        "reminders": 0,
        "escalations": 0,
    }
    assert mail.outbox == []


def test_an_actor_who_switched_off_submission_mails_is_not_reminded(sop_newsroom, kepala_dinas):
    kasi = sop_newsroom.kominfo.approver(2)
    profile = UserProfile.get_for_user(kasi)
    profile.submitted_notifications = False
    profile.save()
    record = open_step(sop_newsroom.kominfo, 2, MONDAY_1000)

    run_worker_at(MONDAY_1000 + datetime.timedelta(minutes=25))

    assert mail.outbox == []
    record.refresh_from_db()
    assert record.reminded_at is not None  # nobody else to tell: not tried again


def test_sop_b_escalates_to_its_kepala_dinas(sop_newsroom):
    dpkpp = sop_newsroom.dpkpp
    # Step 2 (penyuntingan, 2 hours) from Monday 10:00: due 12:00.
    open_step(dpkpp, 2, MONDAY_1000, title="Penyerahan sertifikat tanah")

    run_worker_at(MONDAY_1000 + datetime.timedelta(hours=2, minutes=1))

    escalations = [message for message in mail.outbox if "Terlambat" in message.subject]
    assert [message.to for message in escalations] == [["kadis.dpkpp@uji.warta.test"]]
    reminders = [message for message in mail.outbox if "Pengingat" in message.subject]
    assert [message.to for message in reminders] == [["admin.dpkpp@uji.warta.test"]]
