"""Lists, filters, search and odd input: the reader gets a page or a clean 404, never a 500."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(kominfo, category):
    teknologi, tanah = category("Teknologi"), category("Pertanahan")
    now = timezone.localtime()
    last_month = (now.replace(day=1) - datetime.timedelta(days=1)).replace(day=10)
    return {
        "wifi": kominfo.publish_news("Wi-Fi publik", categories=[teknologi], tags=["wifi"]),
        "tanah": kominfo.publish_news("Sertifikat tanah", categories=[tanah], tags=["aset"]),
        "lama": kominfo.publish_news("Kabar bulan lalu", date=last_month),
        "draf": kominfo.publish_news("Draf belum terbit", categories=[teknologi], publish=False),
    }


def titles(response):
    return [item.title for item in response.context["news"]]


def test_category_filter_keeps_only_that_category(client, kominfo, stories):
    response = client.get("/berita/?kategori=teknologi", HTTP_HOST=kominfo.host)
    assert titles(response) == ["Wi-Fi publik"]


def test_tag_filter_keeps_only_that_tag(client, kominfo, stories):
    response = client.get("/berita/?tag=aset", HTTP_HOST=kominfo.host)
    assert titles(response) == ["Sertifikat tanah"]


def test_month_filter_keeps_only_that_month(client, kominfo, stories):
    month = timezone.localtime(stories["lama"].date).strftime("%Y-%m")
    response = client.get(f"/berita/?bulan={month}", HTTP_HOST=kominfo.host)
    assert titles(response) == ["Kabar bulan lalu"]


def test_list_pages_ten_at_a_time(client, kominfo):
    for number in range(12):
        kominfo.publish_news(f"Berita {number:02d}", days_ago=number)
    first = client.get("/berita/", HTTP_HOST=kominfo.host)
    second = client.get("/berita/?page=2", HTTP_HOST=kominfo.host)
    assert len(titles(first)) == 10 and titles(first)[0] == "Berita 00"
    assert titles(second) == ["Berita 10", "Berita 11"]


@pytest.mark.parametrize(
    "query, status",
    [
        ("?kategori=tidak-ada", 200),
        ("?tag=tidak-ada", 200),
        ("?bulan=2026-13", 200),
        ("?bulan=kemarin", 200),
        ("?page=999", 404),
        ("?page=abc", 404),
        ("?page=-1", 404),
        ("?kategori=" + "x" * 5000, 200),
    ],
)
def test_odd_list_parameters_never_break_the_page(client, kominfo, stories, query, status):
    response = client.get("/berita/" + query, HTTP_HOST=kominfo.host)
    assert response.status_code == status
    if status == 200:
        assert titles(response) == []


def test_search_finds_published_news_and_never_drafts(client, kominfo, stories):
    response = client.get("/cari/?q=publik", HTTP_HOST=kominfo.host)
    found = [page.title for page in response.context["results"]]
    assert "Wi-Fi publik" in found
    draft = client.get("/cari/?q=Draf", HTTP_HOST=kominfo.host)
    assert [page.title for page in draft.context["results"]] == []


def test_search_stays_within_the_agency_of_the_host(client, kominfo, dpkpp, stories):
    dpkpp.publish_news("Wi-Fi rusunawa")
    response = client.get("/cari/?q=Wi-Fi", HTTP_HOST=dpkpp.host)
    assert [page.title for page in response.context["results"]] == ["Wi-Fi rusunawa"]


@pytest.mark.parametrize(
    "query",
    ["", "q=", "q=" + "bekasi " * 2000, "q=%22%27%3B--", "q=<script>alert(1)</script>"],
)
def test_odd_search_input_answers_200_and_escapes_it(client, kominfo, stories, query):
    response = client.get("/cari/?" + query, HTTP_HOST=kominfo.host)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_unknown_address_gets_the_indonesian_404_page(client, kominfo):
    response = client.get("/tidak-ada-halaman/", HTTP_HOST=kominfo.host)
    assert response.status_code == 404
    assert "tidak ditemukan" in response.content.decode().lower()


@pytest.mark.parametrize("search", ["%22", "%27%3B--", "wifi%20%22publik"])
def test_odd_api_search_answers_200(client, kominfo, stories, search):
    response = client.get(f"/api/v2/pages/?search={search}", HTTP_HOST=kominfo.host)
    assert response.status_code == 200


def test_api_search_finds_by_words(client, kominfo, stories):
    response = client.get("/api/v2/pages/?search=%22publik%22", HTTP_HOST=kominfo.host)
    assert [item["title"] for item in response.json()["items"]] == ["Wi-Fi publik"]


def test_month_filter_follows_bekasi_time_not_utc(client, kominfo):
    jakarta = zoneinfo.ZoneInfo("Asia/Jakarta")
    # 00:30 on 1 March in Bekasi is still 28 February in UTC.
    kominfo.publish_news("Awal Maret", date=datetime.datetime(2026, 3, 1, 0, 30, tzinfo=jakarta))
    kominfo.publish_news(
        "Akhir Februari", date=datetime.datetime(2026, 2, 28, 23, 30, tzinfo=jakarta)
    )
    march = client.get("/berita/?bulan=2026-03", HTTP_HOST=kominfo.host)
    february = client.get("/berita/?bulan=2026-02", HTTP_HOST=kominfo.host)
    assert (titles(march), titles(february)) == (["Awal Maret"], ["Akhir Februari"])
    # The month menu offers both months, newest first.
    assert [m.strftime("%Y-%m") for m in march.context["months"]] == ["2026-03", "2026-02"]


def test_search_shows_the_query_back_escaped(client, kominfo, stories):
    response = client.get("/cari/", {"q": '"><publik>'}, HTTP_HOST=kominfo.host)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<publik>" not in html
    assert 'value="&quot;&gt;&lt;publik&gt;"' in html  # the search box keeps it, inert
    assert "“&quot;&gt;&lt;publik&gt;”" in html  # and so does the result summary
    # The word in it still finds the item.
    assert [page.title for page in response.context["results"]] == ["Wi-Fi publik"]


# A NUL byte is the one character PostgreSQL refuses in a text parameter: passed to a
# query it raises DataError, a 500. SQLite takes it, so these fail on PostgreSQL only.
# Whether the answer is an empty list or a 400 is the view's choice; a 500 is not.
@pytest.mark.parametrize(
    "url",
    [
        "/berita/?kategori=%00",
        "/berita/?tag=%00",
        "/berita/?bulan=%00",
        "/cari/?q=%00&page=%00",
        "/feeds/rss/?kategori=%00",
        "/feeds/atom/?kategori=%00",
        "/feeds/json/?kategori=%00",
        "/api/v2/pages/?kategori=%00",
        "/api/v2/pages/?type=news.NewsPage&slug=%00",
        "/api/v2/pages/find/?html_path=%00",
    ],
)
def test_nul_byte_in_a_parameter_never_breaks_a_page(client, kominfo, stories, url):
    response = client.get(url, HTTP_HOST=kominfo.host)
    assert response.status_code < 500


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize(
    "query", ["offset=99999999999999999999", "offset=-1", "limit=abc", "limit=100000"]
)
def test_odd_api_paging_answers_400_not_500(client, kominfo, stories, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/?{query}", HTTP_HOST=kominfo.host)
    assert response.status_code == 400
    assert response.json()["message"]


def test_page_made_private_in_the_admin_disappears_for_readers_at_once(
    client, settings, kominfo, django_user_model, django_capture_on_commit_callbacks
):
    """Readers must not keep getting a page from the page cache once it is made private."""
    settings.WARTA_PAGE_CACHE_SECONDS = 300
    secret = kominfo.publish_news(
        "Rapat anggaran", body=[("paragraph", "<p>Angka sementara yang belum final.</p>")]
    )
    urls = [secret.url, "/berita/", "/api/v2/pages/?type=news.NewsPage", "/feeds/rss/"]
    reader = client.__class__()
    for url in urls:
        reader.get(url, HTTP_HOST=kominfo.host)
        assert reader.get(url, HTTP_HOST=kominfo.host)["X-Warta-Cache"] == "hit", url

    client.force_login(django_user_model.objects.create_superuser("admin", "a@x.test", "x"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:set_privacy", args=[secret.pk]),
            {"restriction_type": "password", "password": "rahasia", "groups": []},
        )
    assert response.status_code == 200
    assert secret.get_view_restrictions().exists()

    detail = reader.get(secret.url, HTTP_HOST=kominfo.host)
    assert b"Angka sementara yang belum final." not in detail.content
    for url in urls[1:]:
        assert b"Rapat anggaran" not in reader.get(url, HTTP_HOST=kominfo.host).content, url
