"""The delivery ledger and the account list in the admin, as their users meet them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.social_sync.models import Delivery, SocialAccount

from .admin_people import make_user
from .conftest import TELEGRAM_API, telegram_error, telegram_message

pytestmark = pytest.mark.django_db

LEDGER = reverse("social_sync_delivery_modeladmin_index")
ACCOUNTS = reverse("social_sync_socialaccount_modeladmin_index")


@pytest.fixture
def editor_a(kominfo):
    return make_user("editor.kominfo", agency=kominfo)


@pytest.fixture
def tg_account(social_account):
    return social_account("telegram")


def assert_refused(response):
    """Wagtail answers a refused admin view by sending the user back to the dashboard with
    "no permission", not with a page of the thing refused."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def failed_delivery(fake, kominfo, publish, title="Kanal salah"):
    """A real failure: Telegram refuses the post (the chat id is wrong)."""
    fake.post(
        f"{TELEGRAM_API}/sendMessage",
        json=telegram_error(400, "Bad Request: chat not found"),
        status=400,
    )
    publish(kominfo, title)
    fake.reset()
    delivery = Delivery.objects.get(page_title=title)
    assert delivery.status == Delivery.Status.FAILED
    return delivery


def dry_run_delivery(agency, publish, title):
    account, _ = SocialAccount.objects.get_or_create(
        site=agency.site, network="dry_run", name=f"Uji coba {agency.host}"
    )
    publish(agency, title)
    return Delivery.objects.get(page_title=title, account=account)


def test_an_editor_sees_the_deliveries_of_their_agency_only(
    client, editor_a, kominfo, dpkpp, publish
):
    dry_run_delivery(kominfo, publish, "Posyandu Kominfo")
    dry_run_delivery(dpkpp, publish, "Rusunawa DPKPP")
    client.force_login(editor_a)

    response = client.get(LEDGER)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Posyandu Kominfo" in html
    assert "Rusunawa DPKPP" not in html
    assert "terkirim" in html
    for column in ("berita", "akun", "status", "percobaan", "galat terakhir", "unggahan"):
        assert f">{column}<" in html.lower().replace("\n", "").replace("  ", "")


def test_the_agency_filter_offers_only_the_users_agencies(
    client, editor_a, kominfo, dpkpp, publish
):
    dry_run_delivery(kominfo, publish, "Ada kiriman")  # filters show once there are rows
    client.force_login(editor_a)
    html = client.get(LEDGER).content.decode()
    assert "Diskominfostandi Kota Bekasi" in html
    assert "DPKPP Kota Bekasi" not in html
    # The filters and the count speak Indonesian, like the rest of the admin.
    assert "Berdasarkan instansi" in " ".join(html.split())
    assert "1 dari 1" in html
    assert " By " not in html and "out of" not in html


def test_search_and_status_filter(client, editor_a, kominfo, publish, fake, tg_account):
    failed_delivery(fake, kominfo, publish, "Kanal salah")
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(7, photo=False))
    publish(kominfo, "Jalan baru")
    client.force_login(editor_a)

    found = client.get(LEDGER, {"q": "kanal"}).content.decode()
    assert "Kanal salah" in found and "Jalan baru" not in found

    failed = client.get(LEDGER, {"status__exact": "failed"}).content.decode()
    assert "Kanal salah" in failed and "Jalan baru" not in failed
    assert "Telegram menolak kiriman: Bad Request: chat not found" in failed

    sent = client.get(LEDGER, {"status__exact": "sent"}).content.decode()
    assert "Jalan baru" in sent
    assert 'href="https://t.me/kominfobekasi/7" target="_blank"' in sent.replace("'", '"')


def test_retry_makes_a_failed_delivery_pending_then_the_worker_sends_it(
    client, editor_a, kominfo, publish, fake, tg_account, django_capture_on_commit_callbacks
):
    delivery = failed_delivery(fake, kominfo, publish)
    client.force_login(editor_a)
    url = reverse("social_sync:retry", args=[delivery.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Ya, kirim lagi" in confirm.content.decode()
    assert LEDGER in client.get(LEDGER, {"status__exact": "failed"}).content.decode()
    assert url in client.get(LEDGER).content.decode()  # the row's "Coba lagi" button

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(url)
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 0
    assert len(queued) == 1  # handed to the worker after commit, not sent in the request
    assert not fake.calls

    # The test settings' ImmediateBackend runs the task as soon as it is enqueued.
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(9, photo=False))
    for callback in queued:
        callback()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_url == "https://t.me/kominfobekasi/9"
    messages = [str(m) for m in client.get(LEDGER).context["messages"]]
    assert any("masuk antrean lagi" in m for m in messages)


def test_retry_is_refused_without_error_on_a_sent_delivery(
    client, editor_a, kominfo, publish, django_capture_on_commit_callbacks
):
    delivery = dry_run_delivery(kominfo, publish, "Sudah terkirim")
    client.force_login(editor_a)

    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.post(reverse("social_sync:retry", args=[delivery.pk]), follow=True)

    assert response.status_code == 200
    assert "Hanya kiriman yang gagal atau perlu diperiksa yang dapat dicoba lagi." in (
        response.content.decode()
    )
    assert not queued
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT


def test_retry_is_refused_for_an_item_too_old(client, editor_a, kominfo, publish, fake, tg_account):
    delivery = failed_delivery(fake, kominfo, publish)
    Delivery.objects.filter(pk=delivery.pk).update(
        created_at=delivery.created_at - datetime.timedelta(days=3)
    )
    client.force_login(editor_a)
    response = client.post(reverse("social_sync:retry", args=[delivery.pk]), follow=True)
    assert "sudah terlalu lama untuk dicoba lagi" in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED


def test_mark_sent_records_the_link_a_person_found(
    client, editor_a, kominfo, publish, fake, tg_account
):
    import requests

    fake.post(f"{TELEGRAM_API}/sendMessage", body=requests.ReadTimeout("read timed out"))
    publish(kominfo, "Entah terkirim")
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.NEEDS_ATTENTION
    client.force_login(editor_a)
    url = reverse("social_sync:mark_sent", args=[delivery.pk])

    invalid = client.post(url, {"remote_url": "bukan tautan"})
    assert invalid.status_code == 200
    assert "Masukkan tautan yang valid." in invalid.content.decode()

    client.post(url, {"remote_url": "https://t.me/kominfobekasi/77"})
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.remote_url == "https://t.me/kominfobekasi/77"
    again = client.post(url, {"remote_url": ""}, follow=True)
    assert "Hanya kiriman yang perlu diperiksa" in again.content.decode()


def test_the_ledger_is_read_only(client, editor_a, kominfo, publish):
    delivery = dry_run_delivery(kominfo, publish, "Hanya dibaca")
    client.force_login(editor_a)
    assert_refused(client.get(reverse("social_sync_delivery_modeladmin_create")))
    assert_refused(client.get(reverse("social_sync_delivery_modeladmin_edit", args=[delivery.pk])))
    assert_refused(
        client.post(reverse("social_sync_delivery_modeladmin_delete", args=[delivery.pk]))
    )
    assert Delivery.objects.filter(pk=delivery.pk).exists()
    inspect = reverse("social_sync_delivery_modeladmin_inspect", args=[delivery.pk])
    assert client.get(inspect).status_code == 200


def test_strangers_are_kept_out(client, kominfo, dpkpp, publish):
    delivery = dry_run_delivery(kominfo, publish, "Rahasia instansi")
    retry = reverse("social_sync:retry", args=[delivery.pk])
    inspect = reverse("social_sync_delivery_modeladmin_inspect", args=[delivery.pk])

    anonymous = client.get(LEDGER)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert client.post(retry).status_code == 302

    # Page rights on the agency but none on the ledger: refused.
    client.force_login(make_user("penulis", agency=kominfo, codenames=()))
    assert_refused(client.get(LEDGER))
    assert_refused(client.post(retry))

    # The ledger's permissions, but for another agency: the row does not exist for them.
    client.force_login(make_user("editor.dpkpp", agency=dpkpp))
    assert "Rahasia instansi" not in client.get(LEDGER).content.decode()
    assert_refused(client.get(inspect))
    assert client.post(retry).status_code == 404


def test_the_ledger_costs_the_same_queries_for_few_rows_or_many(client, editor_a, kominfo, publish):
    client.force_login(editor_a)
    dry_run_delivery(kominfo, publish, "Berita 0")

    def queries():
        client.get(LEDGER)  # warm up what publishing left cold (site and page caches)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LEDGER).status_code == 200
        return len(captured)

    few = queries()
    for number in range(1, 8):
        dry_run_delivery(kominfo, publish, f"Berita {number}")
    assert queries() == few


# Accounts ---------------------------------------------------------------------------------------


def test_accounts_list_is_scoped_and_shows_the_pause(client, editor_a, kominfo, dpkpp):
    SocialAccount.objects.create(
        site=kominfo.site,
        network="telegram",
        name="@kominfobekasi",
        credentials_env="SOCIAL_UJI_TG",
        paused=True,
        paused_reason="Token bot Telegram ditolak.",
    )
    SocialAccount.objects.create(site=dpkpp.site, network="dry_run", name="Akun DPKPP")
    client.force_login(editor_a)
    html = client.get(ACCOUNTS).content.decode()
    assert "@kominfobekasi" in html
    assert "Token bot Telegram ditolak." in html
    assert "Akun DPKPP" not in html
    assert reverse("social_sync:resume_account", args=[1]) not in html  # view only: no resume


def test_resume_lifts_the_pause_and_sends_what_waited(
    client, kominfo, publish, fake, tg_account, django_capture_on_commit_callbacks
):
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_error(401, "Unauthorized"), status=401)
    publish(kominfo, "Menunggu akun")
    tg_account.refresh_from_db()
    assert tg_account.paused
    manager = make_user(
        "pengelola", agency=kominfo, codenames=("view_socialaccount", "change_socialaccount")
    )
    client.force_login(manager)
    url = reverse("social_sync:resume_account", args=[tg_account.pk])
    assert url in client.get(ACCOUNTS).content.decode()
    assert "Lanjutkan" in client.get(url).content.decode()

    fake.reset()
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(11, photo=False))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    tg_account.refresh_from_db()
    assert not tg_account.paused
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_an_account_can_only_be_created_for_ones_own_agency(client, kominfo, dpkpp):
    manager = make_user(
        "pengelola", agency=kominfo, codenames=("view_socialaccount", "add_socialaccount")
    )
    client.force_login(manager)
    create = reverse("social_sync_socialaccount_modeladmin_create")
    form = client.get(create).content.decode()
    assert "Diskominfostandi Kota Bekasi" in form and "DPKPP Kota Bekasi" not in form

    refused = client.post(create, {"site": dpkpp.site.pk, "network": "dry_run", "name": "Uji"})
    assert refused.status_code == 200
    assert not SocialAccount.objects.exists()

    client.post(
        create, {"site": kominfo.site.pk, "network": "dry_run", "name": "Uji", "enabled": "on"}
    )
    assert SocialAccount.objects.get().site == kominfo.site
