"""A reader in a real browser: home page, a news item, its share buttons."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Site

from apps.news.models import HomePage, NewsIndexPage, NewsPage

from .conftest import chromium, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _jpeg(name):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), (20, 90, 160)).save(buffer, "JPEG")
    return get_image_model().objects.create(title=name, file=ImageFile(buffer, name=f"{name}.jpg"))


@pytest.fixture
def published_item(live_server, wagtail_root):
    home = wagtail_root.add_child(
        instance=HomePage(title="Diskominfostandi", slug="diskominfostandi")
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    index = home.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
    item = index.add_child(
        instance=NewsPage(
            title="Wi-Fi publik hadir di 56 kelurahan",
            slug="wifi-publik",
            summary="Titik akses gratis kini tersedia di seluruh kelurahan Kota Bekasi.",
            hero_image=_jpeg("wifi"),
            hero_alt="Warga memakai Wi-Fi publik di taman kota",
            body=[("paragraph", "<p>Layanan dibuka untuk umum setiap hari.</p>")],
        )
    )
    item.save_revision().publish()
    return item


def test_reader_opens_a_news_item_and_sees_share_buttons(live_server, published_item):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == "id"
        page.get_by_role("link", name="Wi-Fi publik hadir di 56 kelurahan").first.click()
        page.wait_for_url("**/berita/wifi-publik/")
        assert page.locator("h1").inner_text() == "Wi-Fi publik hadir di 56 kelurahan"
        share_links = page.locator(".share a")
        hrefs = [share_links.nth(i).get_attribute("href") for i in range(share_links.count())]
        for network in ("whatsapp", "facebook", "t.me", "mailto:"):
            assert any(network in href for href in hrefs), (network, hrefs)
        assert any("twitter.com" in href or "x.com" in href for href in hrefs), hrefs
        screenshot(page, "reader-news-item-360")
