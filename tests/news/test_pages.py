"""Page types and how a reader sees them."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

from apps.news.models import HomePage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def test_page_types_only_nest_as_an_agency_site_expects():
    assert HomePage.allowed_subpage_models() == [NewsIndexPage]
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert NewsPage.allowed_subpage_models() == []
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]


def test_hero_image_without_alt_text_is_refused(kominfo, image):
    page = NewsPage(title="Banjir surut", slug="banjir-surut", summary="Ringkas.", body=[])
    page.hero_image = image("Banjir")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "hero_alt" in error.value.message_dict


def test_news_detail_shows_the_story_with_its_metadata(client, kominfo, category, image):
    teknologi = category("Teknologi")
    page = kominfo.publish_news(
        "Wi-Fi publik hadir di 56 kelurahan",
        summary="Titik akses gratis di seluruh kelurahan.",
        hero_image=image("Wifi", credit="Humas Diskominfostandi"),
        hero_alt="Warga memakai Wi-Fi publik",
        hero_caption="Taman kota Bekasi",
        categories=[teknologi],
        tags=["wifi", "layanan publik"],
        reporter="Nur Aini",
        location="Bekasi Selatan",
    )
    response = client.get(page.url, HTTP_HOST=kominfo.host)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id"' in html
    assert "Wi-Fi publik hadir di 56 kelurahan" in html
    assert "Titik akses gratis di seluruh kelurahan." in html
    assert "Teknologi" in html and "#wifi" in html
    assert "Foto: Humas Diskominfostandi" in html
    assert 'alt="Warga memakai Wi-Fi publik"' in html
    assert f'<link rel="canonical" href="{page.full_url}"' in html
    assert 'property="og:title"' in html and 'name="twitter:card"' in html
    for share in ("api.whatsapp.com", "facebook.com/sharer", "t.me/share", "mailto:"):
        assert share in html, share
    assert "twitter.com/intent" in html or "x.com/intent" in html
    # Breadcrumbs lead back through the news section.
    assert 'aria-label="Jejak navigasi"' in html and kominfo.index.url in html

    ld = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    data = json.loads(ld.group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    assert data["publisher"]["name"] == "Diskominfostandi Kota Bekasi"


def test_headline_is_escaped_everywhere_it_is_printed(client, kominfo):
    page = kominfo.publish_news(
        'Tes <script>alert(1)</script> & "{% now %}"', body=[("paragraph", "<p>Isi.</p>")]
    )
    html = client.get(page.url, HTTP_HOST=kominfo.host).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_home_features_one_story_and_lists_the_latest(client, kominfo):
    kominfo.publish_news("Berita biasa", days_ago=1)
    kominfo.publish_news("Berita utama pekan ini", days_ago=3, featured=True)
    kominfo.publish_news("Draf rahasia", publish=False)
    html = client.get("/", HTTP_HOST=kominfo.host).content.decode()
    assert "Berita utama pekan ini" in html
    assert "Berita biasa" in html
    assert "Draf rahasia" not in html


def test_each_agency_sees_only_its_own_news(client, kominfo, dpkpp):
    kominfo.publish_news("Command center Kominfo")
    item = dpkpp.publish_news("Sertifikasi tanah DPKPP")
    html = client.get("/berita/", HTTP_HOST=dpkpp.host).content.decode()
    assert "Sertifikasi tanah DPKPP" in html
    assert "Command center Kominfo" not in html
    # The other agency's host does not serve this item.
    assert client.get(item.url, HTTP_HOST=kominfo.host).status_code == 404


class TestAdminCanCreateNews(WagtailTestUtils):
    def test_editor_form_creates_a_draft_news_item(self, client, kominfo, django_user_model):
        from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

        admin = django_user_model.objects.create_superuser("admin", "a@example.test", "x")
        client.force_login(admin)
        data = nested_form_data(
            {
                "title": "Rapat koordinasi",
                "slug": "rapat-koordinasi",
                "date": "2026-11-20 09:00",
                "summary": "Rapat koordinasi humas.",
                "body": streamfield([("paragraph", rich_text("<p>Isi rapat.</p>"))]),
                "hero_alt": "",
                "tags": "",
            }
        )
        response = client.post(
            f"/admin/pages/add/news/newspage/{kominfo.index.pk}/", data, HTTP_HOST=kominfo.host
        )
        assert response.status_code == 302, response.content[:2000]
        page = Page.objects.get(slug="rapat-koordinasi").specific
        assert isinstance(page, NewsPage) and not page.live
