"""The news editor's "Media sosial" tab: a caption per network, hashtags and the image, saved
in the item's revision, checked as each network will count them, with a live count and a
preview of every post.

Driven through the page editor's add view; the SOP's approval of the texts is in
tests/sop_audit/test_social_captions_approval.py.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from apps.news.models import NewsPage

pytestmark = pytest.mark.django_db

LONG_LINK = "https://bekasikota.go.id/berita/2026/03/pembangunan-jembatan-kali-malang-dimulai"


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser(
        username="redaktur", email="redaktur@example.go.id", password="rahasia-uji"
    )
    client.force_login(user)
    return user


def add_url(agency):
    return reverse("wagtailadmin_pages:add", args=("news", "newspage", agency.index.pk))


def form_data(title="Jembatan Kali Malang dibangun", **social):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "date": "2026-11-23 09:00",
            "summary": "Pembangunan jembatan Kali Malang dimulai hari ini.",
            "hero_alt": "",
            "hero_caption": "",
            "body": streamfield([("paragraph", rich_text("<p>Isi berita.</p>"))]),
            "tags": "",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0},
            "social_hashtags": "",
            **social,
        }
    )


def saved_item(agency, title="Jembatan Kali Malang dibangun"):
    page = NewsPage.objects.child_of(agency.index).get(slug=slugify(title))
    return page.get_latest_revision_as_object()


def test_the_tab_offers_a_caption_per_network_with_a_live_count(client, editor, kominfo):
    html = client.get(add_url(kominfo)).content.decode()

    assert "Media sosial" in html
    assert "news/caption-count.js" in html
    for network in ("x", "facebook", "instagram", "telegram"):
        assert f'data-caption-count="{network}"' in html
    # The link the count includes is the section's address plus the slug being typed.
    assert f'data-caption-link-base="{kominfo.index.get_full_url()}"' in html
    assert 'data-caption-limit="280"' in html
    assert 'data-caption-photo-limit="1024"' in html  # Telegram under a photo
    assert "karakter berbobot" in html  # the count's wording, in Indonesian


def test_the_captions_are_saved_in_the_items_revision(client, editor, kominfo):
    response = client.post(
        add_url(kominfo),
        form_data(
            social_caption_x="Jembatan Kali Malang mulai dibangun.",
            social_caption_telegram="Pembangunan jembatan dimulai.",
            social_hashtags="#KotaBekasi, kali malang",
        ),
    )

    assert response.status_code == 302
    item = saved_item(kominfo)
    assert item.social_caption_x == "Jembatan Kali Malang mulai dibangun."
    assert item.social_caption_telegram == "Pembangunan jembatan dimulai."
    assert item.social_hashtags == "#KotaBekasi, kali malang"
    assert item.social_text("telegram").endswith("#KotaBekasi #kalimalang")


def test_an_x_caption_over_280_weighted_characters_is_refused_in_indonesian(
    client, editor, kominfo
):
    # 250 Latin letters and the item's link (23) fit on their own; 5 emoji (2 each) do not.
    too_long = "a" * 250 + " 🎉🎉🎉🎉🎉"

    response = client.post(
        add_url(kominfo),
        form_data(social_caption_x=too_long, social_caption_facebook="Tetap di formulir."),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Teks untuk X terlalu panjang" in html
    assert "setiap tautan dihitung 23" in html
    assert "Halaman tidak dapat dibuat karena ada isian yang belum benar." in html
    assert "Tetap di formulir." in html  # nothing the editor typed is lost
    assert too_long in html
    assert not NewsPage.objects.child_of(kominfo.index).exists()


def test_a_long_url_counts_23_on_x(client, editor, kominfo):
    caption = "b" * 200 + " " + LONG_LINK  # 262 characters as typed, 224 as X counts them

    response = client.post(add_url(kominfo), form_data(social_caption_x=caption))

    assert response.status_code == 302
    assert saved_item(kominfo).social_caption_x == caption


def test_a_telegram_caption_under_a_photo_keeps_to_1024(client, editor, kominfo, image):
    photo = image("Banjir")
    data = form_data(social_caption_telegram="c" * 1100)
    data.update({"hero_image": str(photo.pk), "hero_alt": "Banjir di Jalan Ahmad Yani"})

    response = client.post(add_url(kominfo), data)

    assert response.status_code == 200
    assert "Teks untuk Telegram terlalu panjang: " in response.content.decode()
    # Without a photo, Telegram takes 4096: the same caption is fine.
    response = client.post(add_url(kominfo), form_data(social_caption_telegram="c" * 1100))
    assert response.status_code == 302


def test_the_social_preview_shows_every_post_as_it_would_go_out(client, editor, kominfo):
    url = reverse("wagtailadmin_pages:preview_on_add", args=("news", "newspage", kominfo.index.pk))
    data = form_data(
        social_caption_x="Jembatan <b>baru</b> untuk warga.", social_hashtags="#Bekasi"
    )

    assert client.post(url, data).json()["is_valid"]
    html = client.get(url, {"mode": "media-sosial"}).content.decode()

    assert "Unggahan media sosial" in html
    assert "Jembatan &lt;b&gt;baru&lt;/b&gt; untuk warga." in html  # escaped, never markup
    link = f"{kominfo.index.get_full_url()}jembatan-kali-malang-dibangun/"
    assert f"Jembatan &lt;b&gt;baru&lt;/b&gt; untuk warga. {link} #Bekasi" in html
    assert "Teks dari penyunting" in html
    assert "Teks otomatis dari judul dan ringkasan" in html  # the networks left empty
    assert "karakter berbobot" in html
    # An item without an image cannot go to Instagram, and the moderators see why.
    assert "Instagram memerlukan gambar" in html
    # The page's own preview comes first, and shows the posts below the article too, so a
    # moderator who previews from the dashboard reads them.
    page_preview = client.get(url).content.decode()
    assert "Pembangunan jembatan Kali Malang dimulai hari ini." in page_preview
    assert "Unggahan media sosial (hanya di pratinjau)" in page_preview
    assert f"Jembatan &lt;b&gt;baru&lt;/b&gt; untuk warga. {link} #Bekasi" in page_preview


def test_readers_never_see_the_posts_preview(client, kominfo):
    item = kominfo.publish_news("Jembatan dibuka", social_caption_x="Teks untuk X saja.")
    html = client.get(item.url, HTTP_HOST=kominfo.host).content.decode()
    assert "Jembatan dibuka" in html
    assert "Teks untuk X saja." not in html
    assert "Unggahan media sosial" not in html
