"""SOP B's last step publishes on the website and social media: its record ends when the item
is live and every post has an outcome, at that time. SOP A's ends with the publication.

The networks are faked at the HTTP layer (tests/social_sync/conftest.py has the real bodies);
the worker's tasks run when the test runs the after-commit callbacks.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import responses
import time_machine

from apps.social_sync.models import Delivery, SocialAccount
from apps.social_sync.sweep import sweep
from apps.sop_audit.models import StepRecord
from tests.social_sync.conftest import (
    CREDENTIALS,
    PREFIXES,
    TELEGRAM_API,
    telegram_error,
    telegram_message,
)

from .conftest import current_task_state

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
MONDAY = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)  # office hours: working = wall time
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def telegram(monkeypatch, settings):
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    settings.SOCIAL_SYNC_TELEGRAM_URL = "https://api.telegram.org"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as fake:
        yield fake


def channel(agency):
    return SocialAccount.objects.create(
        site=agency.site, network="telegram", name="Kanal", credentials_env=PREFIXES["telegram"]
    )


def up_to_last_step(agency, title):
    page = agency.draft(title)
    agency.submit(page)
    while current_task_state(page).task.specific.number != agency.steps[-1].number:
        agency.approve_current(page)
    return page


def last_record(agency, page):
    return StepRecord.objects.get(page_id=page.pk, step_number=agency.steps[-1].number)


def test_sop_b_last_step_ends_when_the_post_is_out(
    sop_newsroom, telegram, django_capture_on_commit_callbacks
):
    agency = sop_newsroom.dpkpp
    assert agency.steps[-1].posts_to_social_media
    channel(agency)
    send = f"{TELEGRAM_API}/sendMessage"
    telegram.post(send, json=telegram_error(429, "Too Many Requests: retry after 600", 600))

    with time_machine.travel(MONDAY, tick=False) as clock:
        page = up_to_last_step(agency, "Sosialisasi rumah layak huni")
        clock.move_to(MONDAY + 5 * MINUTE)
        with django_capture_on_commit_callbacks(execute=True):
            agency.approve_current(page)  # live now; Telegram says to come back in 10 minutes

        assert sop_newsroom.dpkpp.index.get_children().live().filter(pk=page.pk).exists()
        record = last_record(agency, page)
        assert record.finished_at is None  # the post is not out yet
        delivery = Delivery.objects.get()
        assert delivery.status == Delivery.Status.PENDING

        telegram.replace("POST", send, json=telegram_message(3, photo=False))
        clock.move_to(MONDAY + 16 * MINUTE)
        with django_capture_on_commit_callbacks(execute=True):
            sweep.call()

    delivery.refresh_from_db()
    record.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert record.outcome == StepRecord.OUTCOME_PUBLISHED
    assert record.finished_at == MONDAY + 16 * MINUTE  # when the post went out
    assert record.actor == agency.approver(record.step_number)
    assert record.wall_seconds == (record.finished_at - record.started_at).total_seconds()


def test_sop_b_last_step_ends_with_the_approval_when_nothing_is_to_be_posted(sop_newsroom):
    agency = sop_newsroom.dpkpp  # no social media account
    with time_machine.travel(MONDAY, tick=False) as clock:
        page = up_to_last_step(agency, "Pendataan rumah tidak layak huni")
        clock.move_to(MONDAY + 7 * MINUTE)
        agency.approve_current(page)

    record = last_record(agency, page)
    assert record.outcome == StepRecord.OUTCOME_PUBLISHED
    assert record.finished_at == MONDAY + 7 * MINUTE
    assert record.actor == agency.approver(record.step_number)


def test_sop_a_last_step_ends_with_the_publication_whatever_the_posts(
    sop_newsroom, telegram, django_capture_on_commit_callbacks
):
    agency = sop_newsroom.kominfo
    assert not agency.steps[-1].posts_to_social_media
    channel(agency)
    with time_machine.travel(MONDAY, tick=False) as clock:
        page = up_to_last_step(agency, "Peluncuran aplikasi layanan")
        clock.move_to(MONDAY + 2 * MINUTE)
        with django_capture_on_commit_callbacks(execute=False):
            agency.approve_current(page)  # the post waits for the worker

    assert Delivery.objects.get().status == Delivery.Status.PENDING
    record = last_record(agency, page)
    assert (record.outcome, record.finished_at) == (
        StepRecord.OUTCOME_PUBLISHED,
        MONDAY + 2 * MINUTE,
    )
