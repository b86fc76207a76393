"""Facebook Page and Instagram through the Graph API, answered with its real bodies."""

import datetime

import pytest
import requests
import time_machine
from responses import matchers

from apps.social_sync.actions import resume_account
from apps.social_sync.models import Delivery
from apps.social_sync.sweep import sweep

from .conftest import (
    FB_PAGE_ID,
    GRAPH_DUPLICATE,
    GRAPH_PERMISSION,
    GRAPH_RATE_LIMIT,
    GRAPH_TOKEN_EXPIRED,
    GRAPH_UNKNOWN,
    IG_EXPIRED,
    IG_TOO_LARGE,
    IG_USER_ID,
    form,
    graph,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
CONTAINER = "17889455560051444"
MEDIA = "17920238422030506"


def only_delivery():
    return Delivery.objects.get()


# Facebook --------------------------------------------------------------------------------------


@pytest.fixture
def fb_account(social_account):
    return social_account("facebook")


def test_facebook_link_post(fake, fb_account, kominfo, publish, settings):
    fake.post(graph(f"{FB_PAGE_ID}/feed"), json={"id": f"{FB_PAGE_ID}_555"})
    page = publish(kominfo, "Posyandu keliling")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_id == f"{FB_PAGE_ID}_555"
    assert delivery.remote_url == f"https://www.facebook.com/{FB_PAGE_ID}_555"
    sent = form(fake.calls[0])
    assert sent["link"] == page.full_url
    assert sent["message"].startswith("Posyandu keliling\n\nRingkasan Posyandu keliling.")
    assert sent["access_token"] == "EAAGpage"
    # The version is pinned in the URL.
    assert f"/{settings.SOCIAL_SYNC_GRAPH_API_VERSION}/" in fake.calls[0].request.url


def test_facebook_photo_post_uses_a_public_jpeg_url(fake, fb_account, kominfo, image, publish):
    fake.post(graph(f"{FB_PAGE_ID}/photos"), json={"id": "778", "post_id": f"{FB_PAGE_ID}_778"})
    publish(kominfo, "Foto kegiatan", hero_image=image("Kegiatan"), hero_alt="Kegiatan")
    delivery = only_delivery()
    assert delivery.remote_id == f"{FB_PAGE_ID}_778"
    sent = form(fake.calls[0])
    assert sent["url"].startswith("http://localhost/")
    assert sent["url"].endswith(".jpg")
    assert "Foto kegiatan" in sent["caption"]


def test_facebook_expired_token_pauses_the_account(fake, fb_account, kominfo, publish):
    fake.post(graph(f"{FB_PAGE_ID}/feed"), json=GRAPH_TOKEN_EXPIRED, status=400)
    publish(kominfo, "Token habis")
    fb_account.refresh_from_db()
    assert fb_account.paused
    assert "Token akses" in fb_account.paused_reason
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.last_error_kind == Delivery.ErrorKind.AUTH

    # While paused, the sweep leaves it alone; resuming sends it.
    fake.replace("POST", graph(f"{FB_PAGE_ID}/feed"), json={"id": f"{FB_PAGE_ID}_9"})
    assert sweep.call() == 0
    resume_account(fb_account)
    sweep.call()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT


def test_facebook_rate_limit_backs_off_without_reconciling(fake, fb_account, kominfo, publish):
    fake.post(graph(f"{FB_PAGE_ID}/feed"), json=GRAPH_RATE_LIMIT, status=400)
    with time_machine.travel(NOW, tick=False):
        publish(kominfo, "Terlalu sering")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.PENDING
    assert not delivery.outcome_unknown
    assert NOW < delivery.next_attempt_at <= NOW + datetime.timedelta(seconds=30)


def test_facebook_unknown_error_is_reconciled_from_published_posts(
    fake, fb_account, kominfo, publish
):
    fake.post(graph(f"{FB_PAGE_ID}/feed"), json=GRAPH_UNKNOWN, status=500)
    with time_machine.travel(NOW, tick=False):
        page = publish(kominfo, "Galat dua")
    delivery = only_delivery()
    assert delivery.outcome_unknown
    fake.get(
        graph(f"{FB_PAGE_ID}/published_posts"),
        json={
            "data": [
                {"id": f"{FB_PAGE_ID}_1", "message": "Berita lain", "created_time": "x"},
                {
                    "id": f"{FB_PAGE_ID}_2",
                    "message": f"Galat dua\n\n{page.full_url}",
                    "permalink_url": "https://www.facebook.com/kominfo/posts/2",
                    "created_time": "2026-03-02T10:00:03+0000",
                },
            ],
            "paging": {"cursors": {"before": "a", "after": "b"}},
        },
        match=[
            matchers.query_param_matcher({"since": str(int(NOW.timestamp()))}, strict_match=False)
        ],
    )
    with time_machine.travel(delivery.next_attempt_at + datetime.timedelta(seconds=1)):
        sweep.call()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_url == "https://www.facebook.com/kominfo/posts/2"
    assert [c.request.method for c in fake.calls] == ["POST", "GET"]


def test_facebook_permission_error_fails(fake, fb_account, kominfo, publish):
    fake.post(graph(f"{FB_PAGE_ID}/feed"), json=GRAPH_PERMISSION, status=403)
    publish(kominfo, "Tanpa izin")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.FAILED
    assert "izin" in delivery.last_error


def test_facebook_duplicate_not_found_needs_a_person(fake, fb_account, kominfo, publish):
    fake.post(graph(f"{FB_PAGE_ID}/feed"), json=GRAPH_DUPLICATE, status=400)
    fake.get(graph(f"{FB_PAGE_ID}/published_posts"), json={"data": []})
    publish(kominfo, "Pesan kembar")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.NEEDS_ATTENTION
    assert delivery.last_error_kind == Delivery.ErrorKind.DUPLICATE


def test_facebook_retraction_call_deletes_the_post(fake, fb_account):
    from apps.social_sync.backends.base import get_backend

    fake.delete(graph(f"{FB_PAGE_ID}_555"), json={"success": True})
    get_backend(fb_account).delete(f"{FB_PAGE_ID}_555")
    assert fake.calls[0].request.method == "DELETE"


# Instagram -------------------------------------------------------------------------------------


@pytest.fixture
def ig_account(social_account):
    return social_account("instagram")


def ig_success(fake, *statuses):
    fake.post(graph(f"{IG_USER_ID}/media"), json={"id": CONTAINER})
    for status in statuses or ("FINISHED",):
        fake.get(graph(CONTAINER), json={"status_code": status, "id": CONTAINER})
    fake.post(graph(f"{IG_USER_ID}/media_publish"), json={"id": MEDIA})
    fake.get(graph(MEDIA), json={"permalink": "https://www.instagram.com/p/DAbc123/", "id": MEDIA})


def test_instagram_container_poll_publish(fake, ig_account, kominfo, image, publish):
    ig_success(fake, "IN_PROGRESS", "FINISHED")
    publish(kominfo, "Taman kota", hero_image=image("Taman", size=(1000, 400)), hero_alt="Taman")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_id == MEDIA
    assert delivery.remote_url == "https://www.instagram.com/p/DAbc123/"
    assert delivery.progress == {"container_id": CONTAINER, "media_id": MEDIA}
    created = form(fake.calls[0])
    # A wide hero (2.5:1) is cropped into Instagram's range as a JPEG.
    assert created["image_url"].endswith(".jpg")
    assert "fill-1440x754" in created["image_url"] or "fill" in created["image_url"]
    assert "http" not in created["caption"]  # links are not clickable there
    assert form(fake.calls[3]) == {"creation_id": CONTAINER, "access_token": "EAAGig"}


def test_instagram_needs_an_image(fake, ig_account, kominfo, publish):
    publish(kominfo, "Tanpa foto")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.FAILED
    assert "gambar" in delivery.last_error
    assert len(fake.calls) == 0


def test_instagram_image_too_large_fails(fake, ig_account, kominfo, image, publish):
    fake.post(graph(f"{IG_USER_ID}/media"), json=IG_TOO_LARGE, status=400)
    publish(kominfo, "Foto besar", hero_image=image("Besar"), hero_alt="Besar")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.last_error == "Gambar terlalu besar untuk Instagram."


def test_instagram_published_container_proves_the_post_after_a_crash(
    fake, ig_account, kominfo, image, publish
):
    """The worker dies after media_publish was sent: the container says PUBLISHED."""
    fake.post(graph(f"{IG_USER_ID}/media"), json={"id": CONTAINER})
    fake.get(graph(CONTAINER), json={"status_code": "FINISHED", "id": CONTAINER})
    fake.post(graph(f"{IG_USER_ID}/media_publish"), body=requests.ReadTimeout("read timed out"))
    with time_machine.travel(NOW, tick=False):
        publish(kominfo, "Putus di tengah", hero_image=image("Foto"), hero_alt="Foto")
    delivery = only_delivery()
    assert delivery.outcome_unknown
    assert delivery.progress == {"container_id": CONTAINER}

    fake.replace("GET", graph(CONTAINER), json={"status_code": "PUBLISHED", "id": CONTAINER})
    with time_machine.travel(delivery.next_attempt_at + datetime.timedelta(seconds=1)):
        sweep.call()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_id == CONTAINER
    publishes = [c for c in fake.calls if c.request.url.endswith("media_publish")]
    assert len(publishes) == 1


def test_instagram_expired_container_is_made_again(fake, ig_account, kominfo, image, publish):
    fake.post(graph(f"{IG_USER_ID}/media"), json={"id": CONTAINER})
    fake.get(graph(CONTAINER), json={"status_code": "FINISHED", "id": CONTAINER})
    fake.post(graph(f"{IG_USER_ID}/media_publish"), json=IG_EXPIRED, status=400)
    with time_machine.travel(NOW, tick=False):
        publish(kominfo, "Kontainer basi", hero_image=image("Foto"), hero_alt="Foto")
    delivery = only_delivery()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.progress == {}
    assert not delivery.outcome_unknown
