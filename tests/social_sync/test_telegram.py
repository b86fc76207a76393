"""A Telegram channel through the Bot API: no read-back, so doubt goes to a person."""

import datetime

import pytest
import requests
import time_machine

from apps.social_sync.models import Delivery

from .conftest import TELEGRAM_API, TELEGRAM_TOKEN, form, telegram_error, telegram_message

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def tg_account(social_account):
    return social_account("telegram")


def only_delivery():
    return Delivery.objects.get()


def test_send_message_escapes_html(fake, tg_account, kominfo, publish):
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(42, photo=False))
    publish(kominfo, "Harga <beras> & minyak")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_id == "42"
    assert delivery.remote_url == "https://t.me/kominfobekasi/42"
    sent = form(fake.calls[0])
    assert sent["chat_id"] == "@kominfobekasi"
    assert sent["parse_mode"] == "HTML"
    assert sent["text"].startswith("Harga &lt;beras&gt; &amp; minyak")


def test_send_photo_uploads_the_image(fake, tg_account, kominfo, image, publish):
    fake.post(f"{TELEGRAM_API}/sendPhoto", json=telegram_message(43))
    publish(kominfo, "Foto banjir", hero_image=image("Banjir"), hero_alt="Banjir")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.SENT
    body = fake.calls[0].request.body
    assert b'name="photo"; filename="' in body
    assert b'name="caption"' in body


def test_retry_after_from_parameters(fake, tg_account, kominfo, publish):
    fake.post(
        f"{TELEGRAM_API}/sendMessage",
        json=telegram_error(429, "Too Many Requests: retry after 35", retry_after=35),
        status=429,
    )
    with time_machine.travel(NOW, tick=False):
        publish(kominfo, "Antre")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.next_attempt_at == NOW + datetime.timedelta(seconds=35)


def test_unknown_outcome_is_flagged_for_a_person(fake, tg_account, kominfo, publish):
    fake.post(f"{TELEGRAM_API}/sendMessage", body=requests.ReadTimeout("read timed out"))
    publish(kominfo, "Entah terkirim")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.NEEDS_ATTENTION
    assert delivery.last_error_kind == Delivery.ErrorKind.UNKNOWN
    assert "tidak dapat diperiksa otomatis" in delivery.last_error
    assert len(fake.calls) == 1


def test_gateway_error_is_flagged_too(fake, tg_account, kominfo, publish):
    fake.post(f"{TELEGRAM_API}/sendMessage", body="<html>502 Bad Gateway</html>", status=502)
    publish(kominfo, "Gerbang rusak")
    assert only_delivery().status == Delivery.Status.NEEDS_ATTENTION


def test_unauthorized_bot_pauses_the_account(fake, tg_account, kominfo, publish):
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_error(401, "Unauthorized"), status=401)
    publish(kominfo, "Bot dicabut")
    tg_account.refresh_from_db()
    assert tg_account.paused
    assert "Token bot Telegram ditolak" in tg_account.paused_reason


def test_bot_removed_from_channel_pauses_the_account(fake, tg_account, kominfo, publish):
    fake.post(
        f"{TELEGRAM_API}/sendMessage",
        json=telegram_error(403, "Forbidden: bot is not a member of the channel chat"),
        status=403,
    )
    publish(kominfo, "Bot dikeluarkan")
    tg_account.refresh_from_db()
    assert tg_account.paused


def test_bad_request_fails_with_the_reason(fake, tg_account, kominfo, publish):
    fake.post(
        f"{TELEGRAM_API}/sendMessage",
        json=telegram_error(400, "Bad Request: chat not found"),
        status=400,
    )
    publish(kominfo, "Kanal salah")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.last_error == "Telegram menolak kiriman: Bad Request: chat not found"


def test_connection_refused_before_sending_is_retried(fake, tg_account, kominfo, publish):
    fake.post(f"{TELEGRAM_API}/sendMessage", body=requests.ConnectTimeout("connect timed out"))
    publish(kominfo, "Belum tersambung")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.PENDING
    assert TELEGRAM_TOKEN not in delivery.last_error
