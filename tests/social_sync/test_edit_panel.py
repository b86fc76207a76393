"""A news item's social media, from its edit view: the status of every account, the posts its
newest revision would send, and where it goes (sharing, accounts, posting again).

The texts themselves are written in the page editor and approved with the item: see
tests/news/test_social_captions.py and tests/sop_audit/test_social_captions_approval.py."""

import pytest
from django.urls import reverse

from apps.social_sync.models import Delivery, PageSocialSettings, SocialAccount

from .admin_people import make_user
from .conftest import TELEGRAM_API, telegram_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_a(kominfo):
    return make_user("editor.kominfo", agency=kominfo, codenames=())


@pytest.fixture
def accounts(kominfo):
    return {
        "dry_run": SocialAccount.objects.create(
            site=kominfo.site, network="dry_run", name="Uji coba X"
        ),
        "telegram": SocialAccount.objects.create(
            site=kominfo.site,
            network="telegram",
            name="@kominfobekasi",
            credentials_env="SOCIAL_UJI_TG",
        ),
    }


def settings_url(page):
    return reverse("social_sync:page_settings", args=[page.pk])


def settings_data(**values):
    return {"share": "on", **values}


def test_the_edit_view_offers_the_social_media_button_and_status_panel(client, editor_a, kominfo):
    page = kominfo.publish_news("Jembatan Kali Malang", publish=False)
    client.force_login(editor_a)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    assert settings_url(page) in html  # "Media sosial" in the page header
    assert "social_sync/edit-panel.js" in html
    assert 'data-social-status-url="/admin/media-sosial/berita/0/status/"' in html


def test_the_status_panel_shows_every_accounts_latest_delivery(
    client, editor_a, kominfo, accounts, fake, publish
):
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(42, photo=False))
    page = publish(kominfo, "Jembatan Kali Malang")
    client.force_login(editor_a)

    response = client.get(reverse("social_sync:page_status", args=[page.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Uji coba X" in html and "@kominfobekasi" in html
    assert html.count("terkirim") >= 2
    assert 'href="https://t.me/kominfobekasi/42" target="_blank" rel="noopener noreferrer"' in html


def test_an_account_that_never_got_the_item_says_so(client, editor_a, kominfo, accounts):
    page = kominfo.publish_news("Belum tayang", publish=False)
    client.force_login(editor_a)
    html = client.get(reverse("social_sync:page_status", args=[page.pk])).content.decode()
    assert html.count("belum pernah dikirim") == 2


def test_no_panel_for_pages_that_are_not_news(client, kominfo, accounts):
    client.force_login(make_user("admin", superuser=True))
    assert (
        client.get(reverse("social_sync:page_status", args=[kominfo.index.pk])).status_code == 404
    )
    assert client.get(settings_url(kominfo.index)).status_code == 404


def test_the_settings_page_shows_the_posts_and_saves_where_they_go(
    client, editor_a, kominfo, accounts
):
    page = kominfo.publish_news(
        "Jembatan Kali Malang",
        publish=False,
        social_caption_telegram="Pembangunan jembatan dimulai.",
        social_hashtags="#KotaBekasi",
    )
    client.force_login(editor_a)
    form = client.get(settings_url(page))
    assert form.status_code == 200
    html = form.content.decode()
    # The texts are shown as the newest revision has them, and changed in the page editor.
    assert "Pembangunan jembatan dimulai." in html
    assert "#KotaBekasi" in html
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert 'name="caption_x"' not in html

    response = client.post(settings_url(page), settings_data(accounts=[accounts["telegram"].pk]))

    assert response.status_code == 302
    saved = PageSocialSettings.objects.get(page=page)
    assert saved.share
    assert list(saved.accounts.all()) == [accounts["telegram"]]


def test_the_accounts_chosen_are_the_ones_the_next_publication_goes_to(
    client, editor_a, kominfo, accounts, publish, fake
):
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(5, photo=False))
    page = kominfo.publish_news(
        "Jembatan Kali Malang",
        publish=False,
        social_caption_telegram="Teks khusus Telegram.",
        social_hashtags="#Bekasi",
    )
    client.force_login(editor_a)
    client.post(settings_url(page), settings_data(accounts=[accounts["telegram"].pk]))
    publish(kominfo, page=page)
    delivery = Delivery.objects.get()
    assert delivery.account == accounts["telegram"]
    assert delivery.payload["text"].startswith("Teks khusus Telegram.")
    assert delivery.payload["text"].endswith("#Bekasi")


def test_only_people_who_can_edit_the_item_reach_its_settings(client, kominfo, dpkpp, accounts):
    page = kominfo.publish_news("Jembatan Kali Malang", publish=False)
    url = settings_url(page)
    status = reverse("social_sync:page_status", args=[page.pk])

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]

    client.force_login(make_user("editor.dpkpp", agency=dpkpp, codenames=()))
    for response in (client.get(url), client.post(url, settings_data()), client.get(status)):
        assert response.status_code in (302, 403)
        assert "Jembatan" not in response.content.decode()
    assert not PageSocialSettings.objects.exists()
