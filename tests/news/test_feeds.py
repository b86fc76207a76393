"""RSS, Atom and JSON Feed: what a feed reader gets from an agency's site.

Each feed is read back the way a reader would: RSS and Atom through feedparser, JSON Feed
(which feedparser 6.0 does not read) through json.loads.
"""

import calendar
import datetime
import json
from urllib.parse import urlsplit

import feedparser
import pytest
from django.utils import timezone

from apps.news.feeds import FEED_IMAGE_SPEC
from apps.news.models import NewsPage

pytestmark = pytest.mark.django_db

FEEDS = {
    "rss": ("/feeds/rss/", "application/rss+xml"),
    "atom": ("/feeds/atom/", "application/atom+xml"),
    "json": ("/feeds/json/", "application/feed+json"),
}


def read_feed(client, kind, host, query=""):
    """The feed's items as a reader sees them: title, link, published (UTC), author, image."""
    url, content_type = FEEDS[kind]
    response = client.get(url + query, HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    if kind == "json":
        data = json.loads(response.content)
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        return [
            {
                "title": item["title"],
                "link": item["url"],
                "published": datetime.datetime.fromisoformat(item["date_published"]),
                "author": item.get("authors", [{}])[0].get("name"),
                "image": {"href": item["image"]} if "image" in item else None,
            }
            for item in data["items"]
        ]
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [
        {
            "title": entry.title,
            "link": entry.link,
            "published": datetime.datetime.fromtimestamp(
                calendar.timegm(entry.published_parsed), tz=datetime.UTC
            ),
            "author": entry.get("author"),
            "image": entry.enclosures[0] if entry.get("enclosures") else None,
        }
        for entry in parsed.entries
    ]


def at(days_ago, hour=9):
    """A whole-second moment, as feeds print dates to the second."""
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    return moment.replace(hour=hour, minute=15, second=30, microsecond=0)


@pytest.fixture
def newsroom(kominfo, dpkpp, category, image):
    teknologi = category("Teknologi")
    category("Pertanahan")
    wifi = kominfo.publish_news(
        "Wi-Fi publik di 50 taman",
        date=at(1),
        categories=[teknologi],
        hero_image=image("Taman kota", size=(1280, 720)),
        hero_alt="Warga memakai Wi-Fi di taman",
        reporter="Rina Marlina",
    )
    tanah = kominfo.publish_news("Sertifikat tanah gratis", date=at(3), reporter="Budi")
    renamed = kominfo.publish_news("Judul yang terbit", date=at(5))
    renamed.title = "Judul draf yang belum disetujui"
    renamed.save_revision()
    kominfo.publish_news("Draf rahasia", date=at(0), categories=[teknologi], publish=False)
    dpkpp.publish_news("Perbaikan jalan DPKPP", date=at(0), categories=[teknologi])
    return {"wifi": wifi, "tanah": tanah, "renamed": renamed}


def test_feeds_list_only_live_news_of_the_requested_site_newest_first(client, kominfo, newsroom):
    # The draft is dated newest; the renamed page's pending title must not replace its own.
    for kind in FEEDS:
        items = read_feed(client, kind, kominfo.host)
        assert [item["title"] for item in items] == [
            "Wi-Fi publik di 50 taman",
            "Sertifikat tanah gratis",
            "Judul yang terbit",
        ], kind


def test_other_agency_feeds_hold_only_its_own_news(client, dpkpp, newsroom):
    for kind in FEEDS:
        items = read_feed(client, kind, dpkpp.host)
        assert [item["title"] for item in items] == ["Perbaikan jalan DPKPP"], kind
        assert items[0]["link"] == "http://dpkpp.localhost/berita/perbaikan-jalan-dpkpp/", kind


def test_feed_items_link_absolutely_with_their_date_and_reporter(client, kominfo, newsroom):
    wifi, tanah = newsroom["wifi"], newsroom["tanah"]
    for kind in FEEDS:
        first, second = read_feed(client, kind, kominfo.host)[:2]
        assert first["link"] == "http://localhost/berita/wi-fi-publik-di-50-taman/", kind
        assert second["link"] == "http://localhost/berita/sertifikat-tanah-gratis/", kind
        assert (first["published"], second["published"]) == (wifi.date, tanah.date), kind
        assert (first["author"], second["author"]) == ("Rina Marlina", "Budi"), kind
    link = urlsplit(first["link"])
    assert client.get(link.path, HTTP_HOST=link.netloc).status_code == 200


def test_feed_image_is_the_absolute_jpeg_rendition_of_the_hero(client, kominfo, newsroom):
    rendition = newsroom["wifi"].hero_image.get_rendition(FEED_IMAGE_SPEC)
    assert rendition.url.endswith(".jpg")
    assert (rendition.width, rendition.height) == (1200, 675)
    for kind in FEEDS:
        items = read_feed(client, kind, kominfo.host)
        image = items[0]["image"]
        assert image["href"] == f"http://localhost{rendition.url}", kind
        if kind != "json":
            assert image["type"] == "image/jpeg", kind
            assert int(image["length"]) == rendition.file.size > 0, kind
        assert items[1]["image"] is None, kind  # no hero, no enclosure


def test_category_filter_keeps_only_that_category(client, kominfo, newsroom):
    for kind in FEEDS:
        items = read_feed(client, kind, kominfo.host, "?kategori=teknologi")
        assert [item["title"] for item in items] == ["Wi-Fi publik di 50 taman"], kind
        assert read_feed(client, kind, kominfo.host, "?kategori=pertanahan") == [], kind


def test_unknown_category_gives_an_empty_feed_not_an_error(client, kominfo, newsroom):
    for kind in FEEDS:
        assert read_feed(client, kind, kominfo.host, "?kategori=tidak-ada") == [], kind


@pytest.mark.parametrize("kind, budget", [("rss", 7), ("atom", 8), ("json", 6)])
def test_feed_costs_a_fixed_number_of_queries(
    client, settings, kominfo, newsroom, django_assert_max_num_queries, kind, budget
):
    settings.WARTA_PAGE_CACHE_SECONDS = 0
    url = FEEDS[kind][0]
    client.get(url, HTTP_HOST=kominfo.host)  # renditions are made on the first request
    with django_assert_max_num_queries(budget):
        assert client.get(url, HTTP_HOST=kominfo.host).status_code == 200


def test_feeds_stop_at_the_fifty_newest(client, kominfo):
    # Live pages without revisions: the feed reads only live rows, and this is fast.
    for number in range(51):
        kominfo.index.add_child(
            instance=NewsPage(
                title=f"Berita {number:02d}",
                summary="Ringkasan.",
                body=[("paragraph", "<p>Isi.</p>")],
                date=at(number),
                live=True,
            )
        )
    expected = [f"Berita {number:02d}" for number in range(50)]
    for kind in FEEDS:
        assert [item["title"] for item in read_feed(client, kind, kominfo.host)] == expected
