"""X through tweepy: upload then create_tweet, and every error shape X answers with."""

import datetime

import pytest
import requests
import time_machine

from apps.social_sync.models import Delivery
from apps.social_sync.sweep import sweep

from .conftest import (
    X_DUPLICATE,
    X_INVALID,
    X_METADATA,
    X_TIMELINE,
    X_TOO_MANY,
    X_TWEETS,
    X_UNAUTHORIZED,
    X_UNAVAILABLE,
    X_UPLOAD,
    sent_json,
    x_media_body,
    x_timeline_body,
    x_tweet_body,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def x_account(social_account):
    return social_account("x")


def only_delivery():
    return Delivery.objects.get()


def test_post_with_image_uploads_then_creates_the_tweet(fake, x_account, kominfo, image, publish):
    fake.post(X_UPLOAD, json=x_media_body())
    fake.post(X_METADATA, body="")
    fake.post(X_TWEETS, json=x_tweet_body("1445880548472328192"), status=201)

    page = publish(
        kominfo, "Jembatan baru dibuka", hero_image=image("Jembatan"), hero_alt="Jembatan"
    )

    delivery = only_delivery()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_id == "1445880548472328192"
    assert delivery.remote_url == "https://x.com/i/web/status/1445880548472328192"
    assert delivery.attempts == 1
    tweet = sent_json(fake.calls[-1])
    assert tweet["media"] == {"media_ids": ["710511363345354753"]}
    assert tweet["text"].startswith("Jembatan baru dibuka ")
    assert page.full_url in tweet["text"]
    assert sent_json(fake.calls[1]) == {
        "media_id": "710511363345354753",
        "alt_text": {"text": "Jembatan"},
    }
    # OAuth 1.0a user context on both calls.
    assert all(c.request.headers["Authorization"].startswith("OAuth ") for c in fake.calls)


def test_post_without_image_sends_text_only(fake, x_account, kominfo, publish):
    fake.post(X_TWEETS, json=x_tweet_body("1"), status=201)
    publish(kominfo, "Tanpa gambar")
    assert only_delivery().status == Delivery.Status.SENT
    assert "media" not in sent_json(fake.calls[0])


def test_rate_limit_waits_until_x_rate_limit_reset(fake, x_account, kominfo, publish):
    reset = int(NOW.timestamp()) + 900
    fake.post(X_TWEETS, json=X_TOO_MANY, status=429, headers={"x-rate-limit-reset": str(reset)})
    with time_machine.travel(NOW, tick=False):
        publish(kominfo, "Kena batas")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.last_error_kind == Delivery.ErrorKind.TRANSIENT
    assert delivery.next_attempt_at == NOW + datetime.timedelta(seconds=900)
    assert not delivery.outcome_unknown


def test_server_error_is_an_unknown_outcome_reconciled_before_posting_again(
    fake, x_account, kominfo, publish
):
    fake.post(X_TWEETS, json=X_UNAVAILABLE, status=503)
    with time_machine.travel(NOW, tick=False):
        page = publish(kominfo, "Server sibuk")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.outcome_unknown
    assert delivery.last_error_kind == Delivery.ErrorKind.UNKNOWN

    # The tweet did go out: the timeline shows it, so nothing is posted again.
    fake.get(X_TIMELINE, json=x_timeline_body("1500", page.full_url))
    with time_machine.travel(delivery.next_attempt_at + datetime.timedelta(seconds=1)):
        assert sweep.call() == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_id == "1500"
    assert [c.request.method for c in fake.calls] == ["POST", "GET"]


def test_read_timeout_then_not_found_posts_again(fake, x_account, kominfo, publish):
    fake.post(X_TWEETS, body=requests.ReadTimeout("read timed out"))
    with time_machine.travel(NOW, tick=False):
        publish(kominfo, "Waktu habis")
    delivery = only_delivery()
    assert delivery.outcome_unknown

    fake.get(X_TIMELINE, json={"meta": {"result_count": 0}})
    fake.replace("POST", X_TWEETS, json=x_tweet_body("1600"), status=201)
    with time_machine.travel(delivery.next_attempt_at + datetime.timedelta(seconds=1)):
        sweep.call()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_id == "1600"
    assert delivery.attempts == 2


def test_connection_refused_is_retried_without_reconciliation(fake, x_account, kominfo, publish):
    fake.post(X_TWEETS, body=requests.ConnectTimeout("connect timed out"))
    publish(kominfo, "Tak tersambung")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.PENDING
    assert not delivery.outcome_unknown


def test_duplicate_content_is_reconciled_not_retried(fake, x_account, kominfo, publish):
    fake.post(X_TWEETS, json=X_DUPLICATE, status=403)
    fake.get(X_TIMELINE, json={"meta": {"result_count": 0}})
    publish(kominfo, "Sudah pernah")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.NEEDS_ATTENTION
    assert delivery.last_error_kind == Delivery.ErrorKind.DUPLICATE
    assert "duplikat" in delivery.last_error


def test_duplicate_found_on_the_timeline_counts_as_sent(fake, x_account, kominfo, publish):
    page = kominfo.publish_news("Duplikat ditemukan", publish=False)
    fake.post(X_TWEETS, json=X_DUPLICATE, status=403)
    fake.get(X_TIMELINE, json=x_timeline_body("1700", page.full_url))
    publish(kominfo, page=page)
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_id == "1700"


def test_unauthorized_pauses_the_account(fake, x_account, kominfo, publish, mailoutbox, admin_user):
    fake.post(X_TWEETS, json=X_UNAUTHORIZED, status=401)
    publish(kominfo, "Token dicabut")
    delivery = only_delivery()
    x_account.refresh_from_db()
    assert x_account.paused
    assert "Kredensial X ditolak" in x_account.paused_reason
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.last_error_kind == Delivery.ErrorKind.AUTH
    assert [m.to for m in mailoutbox] == [[admin_user.email]]
    assert "dijeda" in mailoutbox[0].subject


def test_invalid_request_fails_permanently(fake, x_account, kominfo, publish):
    fake.post(X_TWEETS, json=X_INVALID, status=400)
    publish(kominfo, "Ditolak")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.last_error_kind == Delivery.ErrorKind.PERMANENT
    assert delivery.next_attempt_at is None


def test_every_call_has_a_timeout(fake, x_account, kominfo, image, publish, settings):
    settings.SOCIAL_SYNC_TIMEOUT = 7.5
    seen = []

    def record(request):
        seen.append(request.req_kwargs["timeout"])
        return (201, {}, '{"data": {"id": "9", "text": "t"}}')

    fake.post(X_UPLOAD, json=x_media_body())
    fake.post(X_METADATA, body="")
    fake.add_callback("POST", X_TWEETS, callback=record)
    publish(kominfo, "Batas waktu", hero_image=image("Foto"), hero_alt="Foto")
    assert seen == [7.5]
    assert [c.request.req_kwargs["timeout"] for c in fake.calls] == [7.5, 7.5, 7.5]


def test_missing_credentials_pause_the_account(fake, x_account, kominfo, publish, monkeypatch):
    monkeypatch.delenv("SOCIAL_UJI_X_ACCESS_TOKEN")
    publish(kominfo, "Tanpa kunci")
    x_account.refresh_from_db()
    assert x_account.paused
    assert "SOCIAL_UJI_X_ACCESS_TOKEN" in x_account.paused_reason
    assert len(fake.calls) == 0
