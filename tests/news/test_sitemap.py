"""sitemap.xml and robots.txt: what a search engine is told about each agency's site."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


@pytest.fixture
def published(kominfo, dpkpp):
    kominfo.publish_news("Wi-Fi publik")
    kominfo.publish_news("Sertifikat tanah")
    kominfo.publish_news("Draf belum terbit", publish=False)
    private = kominfo.publish_news("Rapat internal")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    dpkpp.publish_news("Perbaikan jalan")


def test_sitemap_lists_the_live_pages_of_the_requested_site(client, kominfo, published):
    assert sorted(sitemap_locations(client, kominfo.host)) == [
        "http://localhost/",
        "http://localhost/berita/",
        "http://localhost/berita/sertifikat-tanah/",
        "http://localhost/berita/wi-fi-publik/",
    ]


def test_sitemap_of_the_other_agency_lists_only_its_own_pages(client, dpkpp, published):
    # Fails while config/urls.py routes /sitemap.xml through Django's sitemap view: it builds
    # Wagtail's Sitemap without the request, which then falls back to the default site.
    assert sorted(sitemap_locations(client, dpkpp.host)) == [
        "http://dpkpp.localhost/",
        "http://dpkpp.localhost/berita/",
        "http://dpkpp.localhost/berita/perbaikan-jalan/",
    ]


def test_sitemap_gives_news_items_their_last_publication_date(client, kominfo, published):
    response = client.get("/sitemap.xml", HTTP_HOST=kominfo.host)
    root = ET.fromstring(response.content)
    lastmod = {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }
    page = kominfo.index.get_children().get(slug="wi-fi-publik")
    # Django prints the date in the site's time zone (Asia/Jakarta).
    published_on = timezone.localdate(page.last_published_at).isoformat()
    assert lastmod["http://localhost/berita/wi-fi-publik/"] == published_on


@pytest.mark.parametrize("agency", ["kominfo", "dpkpp"])
def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, request, agency):
    host = request.getfixturevalue(agency).host
    response = client.get("/robots.txt", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: http://{host}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "User-agent: *" in lines
