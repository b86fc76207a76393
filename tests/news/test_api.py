"""The headless API (/api/v2/) as a front end sees it: shape, filters, errors, scope, CORS."""

import datetime
import zoneinfo

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from apps.news.models import SourceUnit

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=news.NewsPage"
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def wib(day, hour=12, minute=0):
    """A moment in March 2026, Western Indonesia Time, as an editor would type it."""
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=JAKARTA)


def get_json(client, url, host, status=200, **extra):
    response = client.get(url, HTTP_HOST=host, **extra)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def titles(data):
    return sorted(item["title"] for item in data["items"])


@pytest.fixture
def wifi(kominfo, category, image):
    return kominfo.publish_news(
        "Wi-Fi publik di 50 taman",
        date=wib(15, 9, 30),
        summary="Diskominfostandi memasang Wi-Fi gratis.",
        categories=[category("Teknologi"), category("Layanan Publik")],
        tags=["wifi", "taman"],
        hero_image=image("Taman kota", size=(1000, 750)),
        hero_alt="Warga memakai Wi-Fi di taman",
        source_unit=SourceUnit.objects.create(name="Bidang Aplikasi Informatika"),
        reporter="Rina Marlina",
        location="Alun-alun Kota Bekasi",
        body=[
            ("paragraph", "<p>Pemasangan dimulai pekan ini.</p>"),
            ("quote", {"text": "Gratis untuk warga.", "attribution": "Wali Kota"}),
        ],
    )


def test_news_listing_gives_each_field_a_front_end_needs(client, kominfo, wifi):
    data = get_json(client, LISTING + "&fields=*", kominfo.host)
    assert data["meta"]["total_count"] == 1
    (item,) = data["items"]
    assert item["id"] == wifi.pk
    assert item["title"] == "Wi-Fi publik di 50 taman"
    assert datetime.datetime.fromisoformat(item["date"]) == wib(15, 9, 30)
    assert item["summary"] == "Diskominfostandi memasang Wi-Fi gratis."
    assert item["hero_alt"] == "Warga memakai Wi-Fi di taman"
    sizes = {"hero_thumbnail": (400, 300), "hero_medium": (800, 600), "hero_large": (1000, 750)}
    for name, size in sizes.items():
        rendition = item[name]
        assert (rendition["width"], rendition["height"]) == size, name
        assert rendition["url"].startswith("/media/images/"), name
        assert rendition["url"].endswith(".webp"), name
        assert rendition["full_url"] == "http://localhost" + rendition["url"], name
    assert sorted(item["category_list"], key=lambda c: c["slug"]) == [
        {"name": "Layanan Publik", "slug": "layanan-publik"},
        {"name": "Teknologi", "slug": "teknologi"},
    ]
    assert sorted(item["tag_list"]) == ["taman", "wifi"]
    assert item["source_unit_name"] == "Bidang Aplikasi Informatika"
    assert item["reporter"] == "Rina Marlina"
    assert item["location"] == "Alun-alun Kota Bekasi"
    assert item["public_url"] == "http://localhost/berita/wi-fi-publik-di-50-taman/"


def test_listing_costs_a_fixed_number_of_queries(
    client, settings, kominfo, wifi, django_assert_max_num_queries
):
    settings.WARTA_PAGE_CACHE_SECONDS = 0
    kominfo.publish_news("Sertifikat tanah", hero_image=wifi.hero_image, hero_alt="Tanah")
    client.get(LISTING + "&fields=*", HTTP_HOST=kominfo.host)  # renditions made here
    with django_assert_max_num_queries(8):
        data = get_json(client, LISTING + "&fields=*", kominfo.host)
    assert data["meta"]["total_count"] == 2


def test_rendered_body_is_served_on_the_detail_only(client, kominfo, wifi):
    listing = get_json(client, LISTING + "&fields=*", kominfo.host)
    assert "rendered_body" not in listing["items"][0]
    error = get_json(client, LISTING + "&fields=rendered_body", kominfo.host, status=400)
    assert "rendered_body" in error["message"]

    detail = get_json(client, f"/api/v2/pages/{wifi.pk}/", kominfo.host)
    body = detail["rendered_body"]
    assert [block["type"] for block in body] == ["paragraph", "quote"]
    assert all(set(block) == {"type", "id", "html"} and block["id"] for block in body)
    assert "Pemasangan dimulai pekan ini." in body[0]["html"]
    assert "Gratis untuk warga." in body[1]["html"]


@pytest.fixture
def march(kominfo, category):
    teknologi = category("Teknologi")
    category("Olahraga")
    kominfo.publish_news("Tanggal 10", date=wib(10), categories=[teknologi])
    kominfo.publish_news("Tanggal 15 pagi", date=wib(15, 0, 30))
    kominfo.publish_news("Tanggal 15 malam", date=wib(15, 23, 30), categories=[teknologi])
    # 16 March 00:30 in Bekasi is still the 15th in UTC.
    kominfo.publish_news("Tanggal 16 dini hari", date=wib(16, 0, 30))


FILTERS = {
    "&kategori=teknologi": ["Tanggal 10", "Tanggal 15 malam"],
    "&kategori=olahraga": [],
    "&date_from=2026-03-15": ["Tanggal 15 malam", "Tanggal 15 pagi", "Tanggal 16 dini hari"],
    "&date_to=2026-03-15": ["Tanggal 10", "Tanggal 15 malam", "Tanggal 15 pagi"],
    "&date_from=2026-03-15&date_to=2026-03-15": ["Tanggal 15 malam", "Tanggal 15 pagi"],
    "&date_from=2026-03-11&kategori=teknologi": ["Tanggal 15 malam"],
}


def test_filters_by_category_and_inclusive_local_dates(client, kominfo, march):
    for query, expected in FILTERS.items():
        assert titles(get_json(client, LISTING + query, kominfo.host)) == expected, query


@pytest.mark.parametrize(
    "query, fragment",
    [
        ("?kategori=tidak-ada", "tidak-ada"),
        ("?date_from=kemarin", "kemarin"),
        ("?date_to=2026-02-30", "2026-02-30"),
        ("?warna=merah", "warna"),
        ("?type=news.TidakAda", "type"),
    ],
)
def test_bad_parameters_answer_400_with_a_message(client, kominfo, query, fragment):
    data = get_json(client, "/api/v2/pages/" + query, kominfo.host, status=400)
    assert fragment in data["message"]


def test_never_published_page_is_neither_listed_nor_found(client, kominfo, wifi):
    draft = kominfo.publish_news("Draf rahasia", publish=False)
    assert titles(get_json(client, LISTING, kominfo.host)) == ["Wi-Fi publik di 50 taman"]
    get_json(client, f"/api/v2/pages/{draft.pk}/", kominfo.host, status=404)


def test_pending_revision_never_replaces_the_published_title(client, kominfo, wifi):
    wifi.title = "Judul draf yang belum disetujui"
    wifi.summary = "Ringkasan draf."
    wifi.save_revision()
    listing = get_json(client, LISTING + "&fields=summary", kominfo.host)
    assert [item["title"] for item in listing["items"]] == ["Wi-Fi publik di 50 taman"]
    assert listing["items"][0]["summary"] == "Diskominfostandi memasang Wi-Fi gratis."
    detail = get_json(client, f"/api/v2/pages/{wifi.pk}/", kominfo.host)
    assert (detail["title"], detail["summary"]) == (
        "Wi-Fi publik di 50 taman",
        "Diskominfostandi memasang Wi-Fi gratis.",
    )


def test_password_protected_page_is_not_served(client, kominfo, wifi):
    private = kominfo.publish_news("Rapat internal")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    assert titles(get_json(client, LISTING, kominfo.host)) == ["Wi-Fi publik di 50 taman"]
    get_json(client, f"/api/v2/pages/{private.pk}/", kominfo.host, status=404)


def test_listing_is_scoped_to_the_requested_site(client, kominfo, dpkpp, wifi):
    jalan = dpkpp.publish_news("Perbaikan jalan")
    assert titles(get_json(client, LISTING, kominfo.host)) == ["Wi-Fi publik di 50 taman"]
    assert titles(get_json(client, LISTING, dpkpp.host)) == ["Perbaikan jalan"]
    get_json(client, f"/api/v2/pages/{jalan.pk}/", kominfo.host, status=404)
    every_page = get_json(client, "/api/v2/pages/", dpkpp.host)
    assert titles(every_page) == ["Berita", "DPKPP Kota Bekasi", "Perbaikan jalan"]


def test_images_and_documents_endpoints_answer(client, kominfo, image):
    photo = image("Taman kota")
    get_document_model().objects.create(
        title="Laporan kinerja", file=ContentFile(b"%PDF-1.4\n", name="lkj.pdf")
    )
    images = get_json(client, "/api/v2/images/", kominfo.host)
    assert [item["title"] for item in images["items"]] == [photo.title]
    documents = get_json(client, "/api/v2/documents/", kominfo.host)
    assert [item["title"] for item in documents["items"]] == ["Laporan kinerja"]


def test_cors_allows_only_the_configured_origin(client, settings, kominfo, wifi):
    settings.CORS_ALLOWED_ORIGINS = ["https://portal.bekasikota.go.id"]
    allowed = client.get(
        LISTING, HTTP_HOST=kominfo.host, HTTP_ORIGIN="https://portal.bekasikota.go.id"
    )
    assert allowed["Access-Control-Allow-Origin"] == "https://portal.bekasikota.go.id"
    other = client.get(LISTING, HTTP_HOST=kominfo.host, HTTP_ORIGIN="https://evil.example")
    assert other.status_code == 200
    assert "Access-Control-Allow-Origin" not in other
