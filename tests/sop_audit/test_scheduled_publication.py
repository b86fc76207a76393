"""Scheduled publishing through the SOP (the audit's attack 4).

An item with a go-live time ahead passes every step: the last approval schedules the revision
the SOP approved, the worker's clock (apps.sop_audit.tasks.publish_due, Wagtail's
publish_scheduled) publishes it when its time comes, with the SOP's social media posts, its
audit outcome "published" and nothing "outside the SOP". Before that the ledger holds nothing
to retract and nobody is reminded of a step that waits for the clock.
"""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision

from apps.social_sync.models import Delivery, SocialAccount
from apps.sop_audit import reminders, tasks
from apps.sop_audit.models import Sop, StepRecord
from apps.sop_audit.publications import OUTSIDE_SOP_ACTION

from .conftest import DISPOSITION
from .test_sop_end_to_end import ROUTES, assert_not_published

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def at(day, hour, minute=0, second=0):
    """A moment of the week of Monday 23 November 2026 (day 0), Asia/Jakarta."""
    return datetime.datetime(2026, 11, 23 + day, hour, minute, second, tzinfo=JAKARTA)


GO_LIVE = at(1, 8)  # Tuesday 08:00


@pytest.fixture(autouse=True)
def approvals_bound_before_the_week(sop_newsroom):
    """The SOPs were loaded (and their approvals bound to revisions) before the travelled-to
    week, as they would be in real time."""
    Sop.objects.update(approvals_bound_since=at(0, 0))


def dry_run_accounts(agency):
    for network in ("x", "telegram"):
        SocialAccount.objects.create(
            site=agency.site, network="dry_run", name=f"Uji {network}", simulates=network
        )


def scheduled_item(sop_admin, agency, clock, title):
    """Submitted on Monday at 09:00 to go live on Tuesday at 08:00; each step approved five
    minutes after the one before."""
    author = agency.user(ROUTES[agency.key]["author"])
    response, page = sop_admin.create(
        author, agency, title, go_live_at=GO_LIVE.strftime("%Y-%m-%d %H:%M")
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    for number, username, comment in ROUTES[agency.key]["steps"]:
        clock.shift(datetime.timedelta(minutes=5))
        assert sop_admin.current_task_state(page).task.specific.number == number
        note = comment or (DISPOSITION if agency.step(number).note_required else "")
        assert sop_admin.approve(agency.user(username), page, note).status_code == 302
    return sop_admin.fresh(page)


def last_record(agency, page):
    return StepRecord.objects.get(page_id=page.pk, step_number=agency.steps[-1].number)


def verify():
    out = io.StringIO()
    call_command("sop_audit_verify", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("key", ["kominfo", "dpkpp"])
def test_a_scheduled_item_goes_live_through_its_sop_at_its_time_with_its_posts(
    sop_newsroom, sop_admin, mailoutbox, django_capture_on_commit_callbacks, key
):
    agency = getattr(sop_newsroom, key)
    dry_run_accounts(agency)
    with time_machine.travel(at(0, 9), tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            page = scheduled_item(sop_admin, agency, clock, "Peresmian rusunawa")
        approved_at = at(0, 9, 15)

        # Approved and scheduled: not live, nothing posted or retracted, the SOP's step waits.
        assert_not_published(sop_admin, page)
        scheduled = Revision.objects.get(approved_go_live_at__isnull=False)
        assert scheduled.approved_go_live_at == GO_LIVE
        assert scheduled == page.get_latest_revision()
        assert not Delivery.objects.exists()
        record = last_record(agency, page)
        assert (record.finished_at, record.scheduled_for, record.approved_at) == (
            None,
            GO_LIVE,
            approved_at,
        )
        assert any("akan tayang pada" in mail.body for mail in mailoutbox)
        assert "1 dijadwalkan tayang setelah disetujui" in verify()

        # The step's time is long past its baseline: nobody is reminded or escalated to.
        clock.move_to(at(0, 15))
        assert reminders.send_step_warnings() == {"reminders": 0, "escalations": 0}

        # The worker's clock, a minute before and just after the go-live time.
        clock.move_to(at(1, 7, 59))
        with django_capture_on_commit_callbacks(execute=True):
            tasks.publish_due.enqueue()
        assert_not_published(sop_admin, page)
        clock.move_to(at(1, 8, 0, 30))
        with django_capture_on_commit_callbacks(execute=True):
            tasks.publish_due.enqueue()

    page = sop_admin.fresh(page)
    assert page.live
    assert page.live_revision == scheduled
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    assert Delivery.objects.count() == 2
    assert set(Delivery.objects.values_list("publication", flat=True)) == {scheduled.pk}
    assert not PageLogEntry.objects.filter(page=page, action=OUTSIDE_SOP_ACTION).exists()
    record = last_record(agency, page)
    assert record.outcome == StepRecord.OUTCOME_PUBLISHED
    # The step took its five minutes; the night it waited for its go-live time was nobody's.
    if agency.steps[-1].posts_to_social_media:
        assert record.finished_at == at(1, 8, 0, 30)  # its posts went out at publication
    else:
        assert record.finished_at == approved_at
    assert record.wall_seconds == 5 * 60
    assert record.on_time
    assert "1 berita tayang sesuai persetujuan SOP" in verify()


def test_a_cancelled_schedule_ends_its_waiting_step_as_cancelled(
    sop_newsroom, sop_admin, django_capture_on_commit_callbacks
):
    agency = sop_newsroom.kominfo
    with time_machine.travel(at(0, 9), tick=False) as clock:
        page = scheduled_item(sop_admin, agency, clock, "Festival budaya")
        scheduled = Revision.objects.get(approved_go_live_at__isnull=False)
        # The operator cancels the scheduled publication (Wagtail's "Cancel scheduled publish").
        sop_admin.login(sop_newsroom.operator)
        url = reverse("wagtailadmin_pages:revisions_unschedule", args=(page.pk, scheduled.pk))
        assert sop_admin.client.post(url).status_code == 302
        clock.move_to(at(1, 9))
        with django_capture_on_commit_callbacks(execute=True):
            tasks.publish_due.enqueue()

    assert_not_published(sop_admin, page)
    record = last_record(agency, page)
    assert record.outcome == StepRecord.OUTCOME_CANCELLED
    assert record.note == "Jadwal tayang dibatalkan."
    assert record.finished_at == at(0, 9, 15)


def test_an_expired_item_is_taken_down_by_the_workers_clock(
    sop_newsroom, sop_admin, django_capture_on_commit_callbacks
):
    """The same clock ends what the SOP approved to expire (Wagtail's expire_at)."""
    agency = sop_newsroom.kominfo
    with time_machine.travel(at(0, 9), tick=False):
        response, page = sop_admin.create(
            agency.editor,
            agency,
            "Pengumuman pendaftaran",
            expire_at=at(2, 17).strftime("%Y-%m-%d %H:%M"),
        )
        assert response.status_code == 302
        for _number, username, comment in ROUTES["kominfo"]["steps"]:
            sop_admin.approve(agency.user(username), page, comment)
        assert sop_admin.fresh(page).live
    with (
        time_machine.travel(at(2, 17, 1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.publish_due.enqueue()

    page = sop_admin.fresh(page)
    assert not page.live
    assert page.expired
