"""Query budgets of the pages readers hit most, measured on a real render (page cache off).

Each page is requested once to make its renditions, then counted on the second request.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_image

pytestmark = pytest.mark.django_db

DETAIL_BUDGET = 12


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 0


def count_queries(client, url, host):
    assert client.get(url, HTTP_HOST=host).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    return len(queries)


def rich_item(agency, category, title, *, images, categories, tags):
    pictures = [make_image(f"{title} {n}") for n in range(images)]
    body = [("paragraph", "<p>Pembuka.</p>")]
    body += [("image", {"image": p, "caption": "Foto"}) for p in pictures[:2]]
    if len(pictures) > 2:
        body.append(
            ("gallery", {"title": "Galeri", "images": [{"image": p} for p in pictures[2:]]})
        )
    body.append(("quote", {"text": "Kutipan.", "attribution": "Wali Kota"}))
    return agency.publish_news(
        title,
        hero_image=make_image(f"{title} utama"),
        hero_alt="Gambar utama",
        body=body,
        categories=[category(f"{title} kategori {n}") for n in range(categories)],
        tags=[f"{title}-tag-{n}" for n in range(tags)],
    )


def test_news_detail_stays_within_budget_whatever_its_size(client, kominfo, category):
    # The same kinds of block in both: each kind of chooser block costs one query.
    small = rich_item(kominfo, category, "Kecil", images=3, categories=1, tags=1)
    large = rich_item(kominfo, category, "Besar", images=9, categories=6, tags=12)
    small_count = count_queries(client, small.url, kominfo.host)
    large_count = count_queries(client, large.url, kominfo.host)
    assert large_count <= DETAIL_BUDGET, large_count
    assert large_count == small_count


def publish_many(agency, category, count, prefix):
    teknologi = category(f"{prefix} teknologi")
    for n in range(count):
        agency.publish_news(
            f"{prefix} {n}",
            days_ago=n,
            hero_image=make_image(f"{prefix} {n}"),
            hero_alt="Gambar",
            categories=[teknologi],
            tags=[f"{prefix}-{n}"],
        )


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/berita/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/json/",
        "/api/v2/pages/?type=news.NewsPage&fields=*",
        "/sitemap.xml",
    ],
)
def test_lists_cost_the_same_for_3_or_10_items(client, agencies, category, url):
    kominfo, dpkpp = agencies
    publish_many(kominfo, category, 3, "Sedikit")
    publish_many(dpkpp, category, 10, "Banyak")
    assert count_queries(client, url, kominfo.host) == count_queries(client, url, dpkpp.host)
