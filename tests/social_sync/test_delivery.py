"""The delivery engine: exactly once per (item, account, publication), after commit, with
backoff, sweeping and reconciliation."""

import datetime

import pytest
import requests
import responses
import time_machine
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.signals import page_published

from apps.news.models import NewsPage
from apps.social_sync.accounts import notify_account_paused
from apps.social_sync.delivery import claim, deliver
from apps.social_sync.models import Delivery, PageSocialSettings
from apps.social_sync.retraction import retract
from apps.social_sync.schedule import backoff_delay
from apps.social_sync.sweep import sweep

from .conftest import TELEGRAM_API, X_TIMELINE, X_TWEETS, telegram_message, x_tweet_body

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def test_a_second_publish_signal_writes_no_second_delivery(fake, social_account, kominfo, publish):
    social_account("dry_run")
    social_account("telegram")
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(1, photo=False))
    page = publish(kominfo, "Sekali saja")
    revision = page.live_revision
    page_published.send(sender=NewsPage, instance=page.specific, revision=revision)
    page_published.send(sender=NewsPage, instance=page.specific, revision=revision)
    assert Delivery.objects.count() == 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    assert len(fake.calls) == 1


def test_the_database_refuses_a_second_row_for_one_publication(social_account, kominfo):
    account = social_account("dry_run")
    page = kominfo.publish_news("Kunci unik")
    fields = {"page_key": page.pk, "page_title": "x", "account": account, "publication": 7}
    Delivery.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(**fields)


def test_deliveries_are_written_in_the_publish_transaction_and_sent_after_commit(
    fake, social_account, kominfo, publish, django_capture_on_commit_callbacks
):
    social_account("telegram")
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(5, photo=False))
    page = kominfo.publish_news("Setelah commit", publish=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page.save_revision().publish()
        delivery = Delivery.objects.get()
        assert delivery.status == Delivery.Status.PENDING
        assert delivery.publication == NewsPage.objects.get(pk=page.pk).live_revision_id
        assert len(fake.calls) == 0  # publishing never waits on a network
    assert callbacks
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT


def test_editing_a_live_item_does_not_post_again_unless_asked(
    fake, social_account, kominfo, publish
):
    social_account("telegram")
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(5, photo=False))
    page = publish(kominfo, "Diedit")
    publish(kominfo, page=page)
    assert Delivery.objects.count() == 1

    PageSocialSettings.objects.create(page=page, repost_requested=True)
    publish(kominfo, page=page)
    assert Delivery.objects.count() == 2
    assert not PageSocialSettings.objects.get(page=page).repost_requested
    assert len(fake.calls) == 2


def test_only_the_chosen_accounts_and_none_when_not_shared(social_account, kominfo, publish):
    chosen = social_account("dry_run", name="Dipilih")
    social_account("dry_run", name="Lain")
    social_account("dry_run", name="Mati", enabled=False)
    page = kominfo.publish_news("Pilihan", publish=False)
    PageSocialSettings.objects.create(page=page).accounts.set([chosen])
    publish(kominfo, page=page)
    assert list(Delivery.objects.values_list("account__name", flat=True)) == ["Dipilih"]

    other = kominfo.publish_news("Tidak dibagikan", publish=False)
    PageSocialSettings.objects.create(page=other, share=False)
    publish(kominfo, page=other)
    assert not Delivery.objects.filter(page_key=other.pk).exists()


def test_the_default_is_every_enabled_account_of_the_agency(
    social_account, kominfo, dpkpp, publish
):
    from apps.social_sync.models import SocialAccount

    social_account("dry_run", name="Satu")
    social_account("dry_run", name="Dua")
    SocialAccount.objects.create(site=dpkpp.site, network="dry_run", name="Instansi lain")
    publish(kominfo, "Semua akun")
    assert sorted(Delivery.objects.values_list("account__name", flat=True)) == ["Dua", "Satu"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_an_editor_caption_too_long_for_x_fails_before_any_call(
    fake, social_account, kominfo, publish
):
    social_account("x")
    page = kominfo.publish_news("Panjang", publish=False, social_caption_x="é" * 250 + " 🇮🇩" * 10)
    publish(kominfo, page=page)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    # 250 + ten flags (a space and 2 each) = 280, then " " and the item URL counted as 23.
    assert delivery.last_error.startswith("Teks untuk X terlalu panjang: 304 dari 280 karakter")
    assert len(fake.calls) == 0


def test_backoff_grows_with_jitter_up_to_the_cap(fake, social_account, kominfo, publish):
    social_account("x")
    fake.post(X_TWEETS, body=requests.ConnectTimeout("connect timed out"))
    base, cap = settings.SOCIAL_SYNC_BACKOFF_BASE, settings.SOCIAL_SYNC_BACKOFF_CAP
    with time_machine.travel(NOW, tick=False) as traveller:
        publish(kominfo, "Mundur")
        delivery = Delivery.objects.get()
        for attempt in range(1, settings.SOCIAL_SYNC_MAX_ATTEMPTS):
            delivery.refresh_from_db()
            assert delivery.attempts == attempt
            assert delivery.status == Delivery.Status.PENDING
            now = datetime.datetime.now(tz=datetime.UTC)
            delay = (delivery.next_attempt_at - now).total_seconds()
            assert 1 <= delay <= min(cap, base * 2 ** (attempt - 1))
            # Not before its time...
            traveller.move_to(delivery.next_attempt_at - datetime.timedelta(seconds=0.5))
            assert sweep.call() == 0
            # ...and picked up once due.
            traveller.move_to(delivery.next_attempt_at)
            assert sweep.call() == 1
    delivery.refresh_from_db()
    assert delivery.attempts == settings.SOCIAL_SYNC_MAX_ATTEMPTS
    assert delivery.status == Delivery.Status.FAILED
    assert "Berhenti setelah 10 percobaan" in delivery.last_error


def test_backoff_delay_honours_the_hint_and_the_cap(settings):
    settings.SOCIAL_SYNC_BACKOFF_BASE, settings.SOCIAL_SYNC_BACKOFF_CAP = 30, 600
    assert backoff_delay(3, retry_after=1800) == 1800  # the server knows best
    assert all(1 <= backoff_delay(20) <= 600 for _ in range(200))
    delays = {round(backoff_delay(5)) for _ in range(200)}
    assert len(delays) > 20  # jittered, so retries of many posts do not arrive together


def test_a_worker_killed_mid_call_is_reconciled_before_posting_again(
    fake, social_account, kominfo, publish
):
    social_account("x")
    with time_machine.travel(NOW, tick=False) as traveller:
        page = publish(kominfo, "Pekerja mati", execute=False)
        delivery = Delivery.objects.get()
        # A worker claims the row, the POST leaves, and the worker is killed before recording.
        assert claim(delivery.pk) is not None
        assert claim(delivery.pk) is None  # nobody else takes it while leased
        traveller.shift(settings.SOCIAL_SYNC_LEASE - 1)
        assert sweep.call() == 0
        traveller.shift(2)
        fake.get(
            X_TIMELINE,
            json={
                "data": [
                    {
                        "id": "1900",
                        "text": "Pekerja mati https://t.co/x",
                        "edit_history_tweet_ids": ["1900"],
                        "entities": {
                            "urls": [{"url": "https://t.co/x", "expanded_url": page.full_url}]
                        },
                    }
                ],
                "meta": {"result_count": 1},
            },
        )
        assert sweep.call() == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_id == "1900"
    assert delivery.attempts == 2
    assert not any(c.request.url == X_TWEETS for c in fake.calls)


def test_a_stuck_delivery_not_found_is_posted_once(fake, social_account, kominfo, publish):
    social_account("x")
    fake.get(X_TIMELINE, json={"meta": {"result_count": 0}})
    fake.post(X_TWEETS, json=x_tweet_body("2000"), status=201)
    with time_machine.travel(NOW, tick=False) as traveller:
        publish(kominfo, "Belum sempat", execute=False)
        claim(Delivery.objects.get().pk)
        traveller.shift(settings.SOCIAL_SYNC_LEASE + 1)
        sweep.call()
        sweep.call()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SENT
    assert [c.request.method for c in fake.calls] == ["GET", "POST"]


def test_a_stuck_telegram_delivery_goes_to_a_person(fake, social_account, kominfo, publish):
    social_account("telegram")
    with time_machine.travel(NOW, tick=False) as traveller:
        publish(kominfo, "Tak terlacak", execute=False)
        claim(Delivery.objects.get().pk)
        traveller.shift(settings.SOCIAL_SYNC_LEASE + 1)
        sweep.call()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.NEEDS_ATTENTION
    assert len(fake.calls) == 0


def test_a_lost_task_is_picked_up_by_the_sweep(social_account, kominfo, publish):
    social_account("dry_run")
    publish(kominfo, "Tugas hilang", execute=False)  # the on-commit enqueue never ran
    assert Delivery.objects.get().status == Delivery.Status.PENDING
    assert sweep.call() == 1
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_an_item_too_old_is_not_posted_late(social_account, kominfo, publish, settings):
    social_account("dry_run")
    with time_machine.travel(NOW, tick=False) as traveller:
        publish(kominfo, "Basi", execute=False)
        traveller.shift(settings.SOCIAL_SYNC_MAX_AGE + 1)
        sweep.call()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert "terlalu lama" in delivery.last_error


def test_the_sweep_runs_on_the_worker_clock():
    assert ("apps.social_sync.sweep.sweep", 60) in settings.WARTA_PERIODIC_TASKS


def test_runs_queued_under_the_old_task_paths_still_find_their_task():
    # The database queue stores each run's task path; runs queued before the tasks moved
    # beside their work name apps.social_sync.tasks.<name> (see tasks.py).
    for task in (deliver, retract, sweep, notify_account_paused):
        assert import_string(f"apps.social_sync.tasks.{task.name}") is task


def test_publication_through_the_sop_creates_deliveries_after_commit(
    fake, social_account, kominfo, admin_user, django_user_model, django_capture_on_commit_callbacks
):
    from apps.sop_audit.loading import load_sop_source

    sop = load_sop_source("sop-a", kominfo.host)[1].sop
    social_account("dry_run")
    social_account("telegram")
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(77, photo=False))
    page = kominfo.publish_news("Lewat SOP", publish=False)
    author = django_user_model.objects.create_user("penulis", "penulis@example.test", "x")
    state = sop.workflow.start(page, author)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            task_state = state.current_task_state
            task_state.task.specific.on_action(task_state, admin_user, "approve", comment="OK")
            state.refresh_from_db()
        page.refresh_from_db()
        assert page.live
        assert Delivery.objects.filter(status=Delivery.Status.PENDING).count() == 2
        assert len(fake.calls) == 0
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    assert set(Delivery.objects.values_list("publication", flat=True)) == {page.live_revision_id}


def test_reconciliation_reads_every_page_of_a_busy_x_timeline(
    fake, social_account, kominfo, publish
):
    # More than a page of tweets since the lost attempt: the item's tweet is on page two.
    social_account("x")
    with time_machine.travel(NOW, tick=False) as traveller:
        page = publish(kominfo, "Linimasa ramai", execute=False)
        claim(Delivery.objects.get().pk)  # the worker is killed after posting
        traveller.shift(settings.SOCIAL_SYNC_LEASE + 1)
        others = [
            {"id": str(3000 + n), "text": f"Berita lain {n}", "edit_history_tweet_ids": ["1"]}
            for n in range(100)
        ]
        fake.get(
            X_TIMELINE,
            json={"data": others, "meta": {"result_count": 100, "next_token": "7140dibdnow9c7btw"}},
            match=[
                responses.matchers.query_param_matcher({"max_results": "100"}, strict_match=False)
            ],
        )
        fake.get(
            X_TIMELINE,
            json={
                "data": [
                    {
                        "id": "2999",
                        "text": f"Linimasa ramai {page.full_url}",
                        "edit_history_tweet_ids": ["2999"],
                    }
                ],
                "meta": {"result_count": 1},
            },
            match=[
                responses.matchers.query_param_matcher(
                    {"pagination_token": "7140dibdnow9c7btw"}, strict_match=False
                )
            ],
        )
        sweep.call()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.remote_id) == (Delivery.Status.SENT, "2999")
    assert not any(c.request.method == "POST" for c in fake.calls)


def test_with_a_deferring_queue_the_sweep_leaves_tasks_already_queued_alone(
    social_account, kominfo, publish, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    social_account("dry_run")
    with time_machine.travel(NOW, tick=False) as traveller:
        publish(kominfo, "Sudah antre")  # its task is queued at commit
        assert DBTaskResult.objects.filter(task_path__endswith="deliver").count() == 1
        traveller.shift(60)
        assert sweep.call() == 0  # due, but its task is waiting in the queue
        traveller.shift(settings.SOCIAL_SYNC_LEASE * 10)
        assert sweep.call() == 0  # long overdue, behind a slow queue: still waiting
        # A worker took the task and was killed before it claimed the delivery.
        DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now())
        assert sweep.call() == 1  # overdue, and nothing waits for it: its task was lost
        assert sweep.call() == 0  # the new task waits
    assert DBTaskResult.objects.filter(task_path__endswith="deliver").count() == 2
