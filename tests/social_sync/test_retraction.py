"""Unpublishing a news item: nothing more goes out, and what went out is deleted where the
account asks for it and the network allows it, by the worker, with retries."""

import datetime
import json

import pytest
import time_machine
from django.utils import timezone

from apps.social_sync.models import Delivery
from apps.social_sync.sweep import sweep

from .conftest import (
    FB_PAGE_ID,
    GRAPH_RATE_LIMIT,
    TELEGRAM_API,
    X_TWEETS,
    graph,
    telegram_error,
    telegram_message,
    x_tweet_body,
)

pytestmark = pytest.mark.django_db

Status = Delivery.Status


@pytest.fixture
def unpublish(django_capture_on_commit_callbacks):
    """Unpublish as Wagtail does, then run what was handed to the worker after commit."""

    def run(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.specific.unpublish()

    return run


def test_a_sent_tweet_is_deleted_once_when_the_item_is_unpublished(
    fake, social_account, kominfo, publish, unpublish
):
    social_account("x", delete_on_unpublish=True)
    fake.post(X_TWEETS, json=x_tweet_body("1800000000000000001"), status=201)
    page = publish(kominfo, "Ralat jadwal")
    deleted = fake.delete(f"{X_TWEETS}/1800000000000000001", json={"data": {"deleted": True}})

    unpublish(page)

    delivery = Delivery.objects.get()
    assert delivery.status == Status.RETRACTED
    assert deleted.call_count == 1
    sweep.call()  # nothing left to do
    assert deleted.call_count == 1


def test_an_account_that_keeps_its_posts_is_left_alone(
    fake, social_account, kominfo, publish, unpublish
):
    social_account("telegram")  # delete_on_unpublish is off by default
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(7, photo=False))
    page = publish(kominfo, "Tetap di kanal")

    unpublish(page)

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.remote_id) == (Status.SENT, "7")
    assert len(fake.calls) == 1  # the post, no deletion


def test_instagram_cannot_delete_so_a_person_is_told(
    fake, social_account, kominfo, publish, unpublish
):
    account = social_account("instagram", delete_on_unpublish=True)
    page = publish(kominfo, "Foto kegiatan", execute=False)
    delivery = Delivery.objects.get(account=account)
    Delivery.objects.filter(pk=delivery.pk).update(status=Status.SENT, remote_id="17900000001")

    unpublish(page)

    delivery.refresh_from_db()
    assert delivery.status == Status.SENT
    assert "Hapus unggahan ini secara manual" in delivery.last_error
    assert len(fake.calls) == 0


def test_a_delivery_not_sent_yet_is_never_sent(fake, social_account, kominfo, publish, unpublish):
    social_account("telegram")
    page = publish(kominfo, "Batal tayang", execute=False)  # the worker has not run yet

    unpublish(page)
    sweep.call()

    delivery = Delivery.objects.get()
    assert delivery.status == Status.RETRACTED
    assert "ditarik sebelum terkirim" in delivery.last_error
    assert len(fake.calls) == 0


def test_a_post_that_lands_while_the_item_is_unpublished_is_taken_down(
    fake, social_account, kominfo, publish
):
    social_account("telegram", delete_on_unpublish=True)
    page = kominfo.publish_news("Tayang sesaat", publish=False)

    def sent_while_unpublishing(request):
        # The editor unpublishes while the worker waits for Telegram's answer.
        page.refresh_from_db()
        page.specific.unpublish()
        return 200, {}, json.dumps(telegram_message(9, photo=False))

    fake.add_callback("POST", f"{TELEGRAM_API}/sendMessage", callback=sent_while_unpublishing)
    deleted = fake.post(f"{TELEGRAM_API}/deleteMessage", json={"ok": True, "result": True})

    publish(kominfo, page=page)

    delivery = Delivery.objects.get()
    assert delivery.status == Status.RETRACTED
    assert delivery.remote_id == "9"
    assert deleted.call_count == 1


def test_a_rate_limited_deletion_is_retried_by_the_sweep_after_the_hint(
    fake, social_account, kominfo, publish, unpublish
):
    social_account("facebook", delete_on_unpublish=True)
    fake.post(graph(f"{FB_PAGE_ID}/feed"), json={"id": f"{FB_PAGE_ID}_777"})
    page = publish(kominfo, "Dihapus nanti")
    post_url = graph(f"{FB_PAGE_ID}_777")
    refused = fake.delete(post_url, json=GRAPH_RATE_LIMIT, status=400)
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        unpublish(page)
    delivery = Delivery.objects.get()
    assert delivery.status == Status.RETRACTING
    assert delivery.next_attempt_at > start
    assert refused.call_count == 1

    fake.replace("DELETE", post_url, json={"success": True})
    # Just before its time (the jittered backoff may be as short as a second).
    with time_machine.travel(
        delivery.next_attempt_at - datetime.timedelta(milliseconds=1), tick=False
    ):
        sweep.call()  # not due yet
    delivery.refresh_from_db()
    assert delivery.status == Status.RETRACTING

    with time_machine.travel(delivery.next_attempt_at + datetime.timedelta(seconds=1)):
        sweep.call()
    delivery.refresh_from_db()
    assert delivery.status == Status.RETRACTED
    assert delivery.attempts == 2


def test_telegram_refusing_the_deletion_leaves_the_post_flagged(
    fake, social_account, kominfo, publish, unpublish
):
    social_account("telegram", delete_on_unpublish=True)
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(11, photo=False))
    page = publish(kominfo, "Lewat 48 jam")
    fake.post(
        f"{TELEGRAM_API}/deleteMessage",
        json=telegram_error(400, "Bad Request: message can't be deleted for everyone"),
        status=400,
    )

    unpublish(page)

    delivery = Delivery.objects.get()
    assert delivery.status == Status.SENT
    assert "Hapus secara manual" in delivery.last_error


def test_republishing_after_a_retraction_posts_again(
    fake, social_account, kominfo, publish, unpublish
):
    social_account("x", delete_on_unpublish=True)
    fake.post(X_TWEETS, json=x_tweet_body("1800000000000000002"), status=201)
    page = publish(kominfo, "Tayang lagi")
    fake.delete(f"{X_TWEETS}/1800000000000000002", json={"data": {"deleted": True}})
    unpublish(page)

    publish(kominfo, page=page)

    statuses = sorted(Delivery.objects.values_list("status", flat=True))
    assert statuses == [Status.RETRACTED, Status.SENT]


def test_with_a_deferring_queue_the_sweep_leaves_a_queued_deletion_alone(
    fake, social_account, kominfo, publish, unpublish, settings
):
    from django_tasks_db.models import DBTaskResult

    social_account("x", delete_on_unpublish=True)
    fake.post(X_TWEETS, json=x_tweet_body("1800000000000000002"), status=201)
    page = publish(kominfo, "Antre dihapus")  # sent at once (the tests' immediate queue)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        unpublish(page)  # its deletion task is queued at commit
        deletions = DBTaskResult.objects.filter(task_path__endswith="retract")
        assert deletions.count() == 1
        traveller.shift(settings.SOCIAL_SYNC_LEASE * 10)
        assert sweep.call() == 0  # long overdue, behind a slow queue: still waiting
        # A worker took the task and was killed before it claimed the deletion.
        deletions.update(status="RUNNING", started_at=timezone.now())
        assert sweep.call() == 1
    assert deletions.count() == 2
    assert Delivery.objects.get().status == Status.RETRACTING
