"""A news item's social media, from its edit view: the status of every account, and the
settings (accounts, captions, hashtags, image) an editor can change."""

import pytest
from django.urls import reverse

from apps.social_sync.models import Delivery, PageSocialSettings, SocialAccount

from .admin_people import make_user
from .conftest import TELEGRAM_API, telegram_message

pytestmark = pytest.mark.django_db

LINK = "https://bekasikota.go.id/berita/2026/03/pembangunan-jembatan-kali-malang-dimulai"


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


def captions(**values):
    data = {
        "share": "on",
        "caption_x": "",
        "caption_facebook": "",
        "caption_instagram": "",
        "caption_telegram": "",
        "hashtags": "",
        "image": "",
    }
    data.update(values)
    return data


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


def test_the_settings_form_saves_captions_accounts_and_hashtags(
    client, editor_a, kominfo, accounts
):
    page = kominfo.publish_news("Jembatan Kali Malang", publish=False)
    client.force_login(editor_a)
    form = client.get(settings_url(page))
    assert form.status_code == 200
    assert "social_sync/caption-count.js" in form.content.decode()
    assert 'data-caption-count="x"' in form.content.decode()

    response = client.post(
        settings_url(page),
        captions(
            accounts=[accounts["telegram"].pk],
            caption_x="Jembatan Kali Malang mulai dibangun hari ini.",
            caption_telegram="Pembangunan jembatan dimulai.",
            hashtags="#KotaBekasi, kali malang",
        ),
    )

    assert response.status_code == 302
    saved = PageSocialSettings.objects.get(page=page)
    assert saved.caption_x == "Jembatan Kali Malang mulai dibangun hari ini."
    assert saved.caption_telegram == "Pembangunan jembatan dimulai."
    assert list(saved.accounts.all()) == [accounts["telegram"]]
    assert saved.hashtags == "#KotaBekasi, kali malang"


def test_an_x_caption_over_280_weighted_characters_is_refused_in_indonesian(
    client, editor_a, kominfo, accounts
):
    page = kominfo.publish_news("Jembatan Kali Malang", publish=False)
    client.force_login(editor_a)
    # 250 Latin letters and the item's link (23) fit on their own; 5 emoji (2 each) do not.
    too_long = "a" * 250 + " 🎉🎉🎉🎉🎉"

    response = client.post(
        settings_url(page),
        captions(caption_x=too_long, caption_facebook="Tetap di formulir."),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Teks untuk X terlalu panjang" in html
    assert "setiap tautan dihitung 23" in html
    assert "Tetap di formulir." in html  # nothing the editor typed is lost
    assert too_long in html
    assert not PageSocialSettings.objects.filter(page=page).exists()


def test_a_long_url_counts_23_on_x(client, editor_a, kominfo, accounts):
    page = kominfo.publish_news("Jembatan Kali Malang", publish=False)
    client.force_login(editor_a)
    caption = "b" * 200 + " " + LINK  # 260 characters as typed, 224 as X counts them

    response = client.post(settings_url(page), captions(caption_x=caption))

    assert response.status_code == 302
    assert PageSocialSettings.objects.get(page=page).caption_x == caption


def test_a_telegram_caption_under_a_photo_keeps_to_1024(client, editor_a, kominfo, image):
    page = kominfo.publish_news(
        "Foto banjir", publish=False, hero_image=image("Banjir"), hero_alt="Banjir"
    )
    client.force_login(editor_a)
    response = client.post(settings_url(page), captions(caption_telegram="c" * 1100))
    assert "Teks untuk Telegram terlalu panjang" in response.content.decode()


def test_the_captions_saved_are_what_the_next_publication_sends(
    client, editor_a, kominfo, accounts, publish, fake
):
    fake.post(f"{TELEGRAM_API}/sendMessage", json=telegram_message(5, photo=False))
    page = kominfo.publish_news("Jembatan Kali Malang", publish=False)
    client.force_login(editor_a)
    client.post(
        settings_url(page),
        captions(
            accounts=[accounts["telegram"].pk],
            caption_telegram="Teks khusus Telegram.",
            hashtags="#Bekasi",
        ),
    )
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
    for response in (client.get(url), client.post(url, captions()), client.get(status)):
        assert response.status_code in (302, 403)
        assert "Jembatan" not in response.content.decode()
    assert not PageSocialSettings.objects.exists()
