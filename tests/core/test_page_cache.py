"""The anonymous page cache: readers get stored pages until something is published.

Every test turns the cache on explicitly (WARTA_PAGE_CACHE_SECONDS) and reads the
X-Warta-Cache header the middleware sets: "miss" when it stored the page, "hit" when it
served it from the cache, absent when it neither served nor stored it.
"""

import pytest

pytestmark = pytest.mark.django_db

HEADER = "X-Warta-Cache"
USERBAR = b"<wagtail-userbar"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def story(kominfo):
    return kominfo.publish_news(
        "Wi-Fi publik di 50 taman",
        summary="Gratis untuk warga.",
        body=[("paragraph", "<p>Pemasangan dimulai pekan ini.</p>")],
    )


@pytest.fixture
def url(kominfo, story):
    return story.relative_url(kominfo.site)


def get(client, url, host, status=200):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == status
    return response


def test_anonymous_reader_gets_a_miss_then_a_hit_with_the_same_page(client, kominfo, url):
    first = get(client, url, kominfo.host)
    second = get(client, url, kominfo.host)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert b"Wi-Fi publik di 50 taman" in second.content


def test_signed_in_editor_is_never_served_nor_stored(client, kominfo, url, django_user_model):
    editor = django_user_model.objects.create_superuser("redaktur", "r@example.com", "x")
    reader = client.__class__()
    client.force_login(editor)

    signed_in = get(client, url, kominfo.host)
    assert HEADER not in signed_in and USERBAR in signed_in.content
    assert get(reader, url, kominfo.host)[HEADER] == "miss"  # the editor stored nothing
    assert get(reader, url, kominfo.host)[HEADER] == "hit"

    again = get(client, url, kominfo.host)
    assert HEADER not in again and USERBAR in again.content
    assert USERBAR not in get(reader, url, kominfo.host).content


def test_publishing_a_new_title_shows_on_the_next_request(
    client, kominfo, story, url, django_capture_on_commit_callbacks
):
    for path in (url, "/"):
        get(client, path, kominfo.host)
        assert get(client, path, kominfo.host)[HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Wi-Fi publik kini di 80 taman"
        story.save_revision().publish()

    for path in (url, "/"):
        response = get(client, path, kominfo.host)
        assert response[HEADER] == "miss", path
        assert b"Wi-Fi publik kini di 80 taman" in response.content, path
        assert b"Wi-Fi publik di 50 taman" not in response.content, path


def test_unpublishing_makes_the_page_404_on_the_next_request(
    client, kominfo, story, url, django_capture_on_commit_callbacks
):
    get(client, url, kominfo.host)
    assert get(client, url, kominfo.host)[HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()

    get(client, url, kominfo.host, status=404)
    assert b"Wi-Fi publik" not in get(client, "/berita/", kominfo.host).content


def test_not_found_is_never_cached(client, kominfo):
    for _ in range(2):
        response = get(client, "/berita/tidak-ada/", kominfo.host, status=404)
        assert HEADER not in response


@pytest.mark.parametrize("path", ["/cari/?q=taman", "/admin/login/"])
def test_search_and_admin_are_never_cached(client, kominfo, story, path):
    for _ in range(2):
        assert HEADER not in get(client, path, kominfo.host)


def test_each_host_gets_its_own_cached_home_page(client, kominfo, dpkpp):
    for _ in range(2):
        kominfo_home = get(client, "/", kominfo.host)
        dpkpp_home = get(client, "/", dpkpp.host)
        assert b"Diskominfostandi Kota Bekasi" in kominfo_home.content
        assert b"DPKPP Kota Bekasi" not in kominfo_home.content
        assert b"DPKPP Kota Bekasi" in dpkpp_home.content
        assert b"Diskominfostandi Kota Bekasi" not in dpkpp_home.content
    assert (kominfo_home[HEADER], dpkpp_home[HEADER]) == ("hit", "hit")
