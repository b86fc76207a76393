"""The news page types: where each may be created, what an editor must fill in, and what a
reader (and a crawler, and a share button) gets from the home page, the list and an item.

The markup is read with the standard library's HTML parser, so attribute order and
whitespace in the templates do not matter; only what the browser would see does.
"""

import datetime
import json
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from apps.news.models import HomePage, NewsIndexPage, NewsPage
from tests.conftest import make_image

pytestmark = pytest.mark.django_db


class Markup(HTMLParser):
    """The parts of a page a crawler or a share sheet reads: head tags, links, JSON-LD."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.links = []  # <link> attributes
        self.meta = {}  # property or name -> content
        self.anchors = []  # (attributes, text)
        self.jsonld = []  # raw text of each <script type="application/ld+json">
        self.breadcrumbs = []  # (href or None, text)
        self._anchor = None
        self._script = None
        self._in_breadcrumbs = False
        self._crumb = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and "content" in attrs:
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs["content"]
        elif tag == "a":
            self._anchor = (attrs, [])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = []
        elif tag == "nav" and "breadcrumbs" in attrs.get("class", ""):
            self._in_breadcrumbs = True
        elif tag == "li" and self._in_breadcrumbs:
            self._crumb = [None, []]
        if tag == "a" and self._crumb is not None:
            self._crumb[0] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "a" and self._anchor is not None:
            attrs, text = self._anchor
            self.anchors.append((attrs, " ".join("".join(text).split())))
            self._anchor = None
        elif tag == "script" and self._script is not None:
            self.jsonld.append("".join(self._script))
            self._script = None
        elif tag == "li" and self._crumb is not None:
            href, text = self._crumb
            self.breadcrumbs.append((href, " ".join("".join(text).split())))
            self._crumb = None
        elif tag == "nav":
            self._in_breadcrumbs = False

    def handle_data(self, data):
        if self._anchor is not None:
            self._anchor[1].append(data)
        if self._script is not None:
            self._script.append(data)
        if self._crumb is not None:
            self._crumb[1].append(data)

    def link(self, rel, **match):
        return [
            attrs
            for attrs in self.links
            if rel in attrs.get("rel", "").split()
            and all(attrs.get(key) == value for key, value in match.items())
        ]

    def hrefs(self, css_class=None):
        return [
            attrs["href"]
            for attrs, _text in self.anchors
            if "href" in attrs and (css_class is None or css_class in attrs.get("class", ""))
        ]

    def anchor_texts(self):
        return [text for _attrs, text in self.anchors]


def read(client, url, host, status=200):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == status, url
    assert response["Content-Type"].startswith("text/html")
    return response, Markup(response.content.decode())


# Page type rules ------------------------------------------------------------------------


class TestPageTypeRules(WagtailPageTestCase):
    """An agency site is HomePage → one NewsIndexPage → NewsPages, and nothing else."""

    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = root.add_child(instance=HomePage(title="Dinas Uji", slug="dinas-uji"))
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def test_home_page_sits_only_at_the_top_of_the_tree(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(NewsIndexPage, HomePage)
        self.assertCanNotCreateAt(NewsPage, HomePage)

    def test_news_section_sits_only_under_an_agency_home(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(HomePage, {NewsIndexPage})
        self.assertCanNotCreateAt(Page, NewsIndexPage)
        self.assertCanNotCreateAt(NewsIndexPage, NewsIndexPage)

    def test_news_items_sit_only_in_a_news_section_and_have_no_children(self):
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(Page, NewsPage)

    def test_editor_creates_the_news_section_and_then_an_item_through_the_admin(self):
        self.client.force_login(self.create_superuser("redaktur"))
        self.assertCanCreate(
            self.home, NewsIndexPage, nested_form_data({"title": "Berita", "intro": ""})
        )
        index = NewsIndexPage.objects.child_of(self.home).get()
        self.assertCanCreate(
            index,
            NewsPage,
            nested_form_data(
                {
                    "title": "Rapat koordinasi humas",
                    "date": "2026-11-20 09:00",
                    "summary": "Rapat koordinasi humas se-Kota Bekasi.",
                    "body": streamfield([("paragraph", rich_text("<p>Isi rapat.</p>"))]),
                    "tags": "",
                }
            ),
        )
        item = NewsPage.objects.child_of(index).get()
        self.assertTrue(item.live)
        self.assertPageIsRenderable(item)

    def test_a_home_holds_one_news_section_only(self):
        self.home.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
        self.assertFalse(NewsIndexPage.can_create_at(self.home))
        self.client.force_login(self.create_superuser("redaktur"))
        add_url = reverse("wagtailadmin_pages:add", args=["news", "newsindexpage", self.home.pk])
        response = self.client.post(add_url, nested_form_data({"title": "Berita kedua"}))
        # Wagtail answers a refused creation by sending the editor back to the dashboard.
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertEqual(NewsIndexPage.objects.child_of(self.home).count(), 1)


# Hero image alt text --------------------------------------------------------------------


@pytest.fixture
def story(kominfo):
    return kominfo.publish_news("Banjir surut di Bekasi Timur")


@pytest.mark.parametrize("alt", ["", "   "])
def test_hero_image_without_alt_text_fails_validation(story, alt):
    story.hero_image = make_image("Banjir")
    story.hero_alt = alt
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert list(error.value.message_dict) == ["hero_alt"]
    assert error.value.message_dict["hero_alt"] == [
        "Teks alternatif wajib diisi bila gambar utama dipasang."
    ]


def test_alt_text_is_optional_without_a_hero_image_and_enough_with_one(story):
    story.hero_alt = ""
    story.full_clean()
    story.hero_image = make_image("Banjir")
    story.hero_alt = "Warga membersihkan lumpur di depan rumah"
    story.full_clean()


def test_admin_refuses_to_publish_a_hero_image_without_alt_text(
    client, kominfo, story, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("redaktur", "r@x.test", "x"))
    photo = make_image("Banjir")
    data = nested_form_data(
        {
            "title": "Banjir surut, warga kembali",
            "slug": story.slug,
            "date": "2026-11-20 09:00",
            "summary": story.summary,
            "hero_image": photo.pk,
            "hero_alt": "",
            "body": streamfield([("paragraph", rich_text("<p>Isi.</p>"))]),
            "tags": "",
            "action-publish": "action-publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data)
    assert response.status_code == 200, "the editor form was expected back with its errors"
    assert response.context["form"].errors["hero_alt"] == [
        "Teks alternatif wajib diisi bila gambar utama dipasang."
    ]
    assert "Teks alternatif wajib diisi bila gambar utama dipasang." in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Banjir surut di Bekasi Timur"
    assert story.hero_image is None


# What readers and crawlers get ----------------------------------------------------------


@pytest.fixture
def rich_story(kominfo, category, image):
    return kominfo.publish_news(
        "Wi-Fi publik hadir di 56 kelurahan",
        date=timezone.now().replace(microsecond=0) - datetime.timedelta(hours=3),
        summary="Titik akses gratis di seluruh kelurahan.",
        hero_image=image("Wifi", size=(1600, 900)),
        hero_alt="Warga memakai Wi-Fi publik di taman",
        categories=[category("Teknologi"), category("Layanan Publik")],
        tags=["wifi", "layanan publik"],
        reporter="Nur Aini",
        location="Bekasi Selatan",
    )


def test_news_item_shows_title_summary_categories_and_tags_linking_to_the_list(
    client, kominfo, rich_story
):
    response, page = read(client, rich_story.url, kominfo.host)
    html = response.content.decode()
    assert page.html_lang == "id"
    assert "<h1" in html and "Wi-Fi publik hadir di 56 kelurahan" in html
    assert "Titik akses gratis di seluruh kelurahan." in html
    hrefs = set(page.hrefs())
    assert "/berita/?kategori=teknologi" in hrefs
    assert "/berita/?kategori=layanan-publik" in hrefs
    assert "/berita/?tag=wifi" in hrefs
    assert "/berita/?tag=layanan-publik" in hrefs
    assert "Penulis: Nur Aini" in html and "Bekasi Selatan" in html


def test_news_item_breadcrumbs_lead_from_home_through_the_news_section(client, kominfo, rich_story):
    _response, page = read(client, rich_story.url, kominfo.host)
    assert page.breadcrumbs == [
        ("/", "Beranda"),
        ("/berita/", "Berita"),
        (None, "Wi-Fi publik hadir di 56 kelurahan"),
    ]


def test_share_links_carry_the_absolute_address_of_the_item(client, kominfo, rich_story):
    _response, page = read(client, rich_story.url, kominfo.host)
    url = "http://localhost/berita/wi-fi-publik-hadir-di-56-kelurahan/"
    assert rich_story.full_url == url
    shares = {urlsplit(href).netloc or urlsplit(href).scheme: href for href in page.hrefs("share")}
    assert set(shares) >= {"api.whatsapp.com", "www.facebook.com", "t.me", "mailto"}
    x = shares.get("twitter.com") or shares.get("x.com")
    assert x is not None, shares

    def params(href):
        return {key: " ".join(values) for key, values in parse_qs(urlsplit(href).query).items()}

    assert url in params(shares["api.whatsapp.com"])["text"]
    assert params(shares["www.facebook.com"])["u"] == url
    assert url in params(x)["text"] and rich_story.title in params(x)["text"]
    assert params(shares["t.me"])["url"] == url
    assert url in params(shares["mailto"])["body"]
    assert params(shares["mailto"])["subject"] == rich_story.title


def test_head_gives_the_canonical_address_and_open_graph_card(client, kominfo, rich_story):
    _response, page = read(client, rich_story.url + "?utm_source=wa&fbclid=x", kominfo.host)
    (canonical,) = page.link("canonical")
    assert canonical["href"] == rich_story.full_url
    assert page.meta["og:title"] == "Wi-Fi publik hadir di 56 kelurahan"
    assert page.meta["og:description"] == "Titik akses gratis di seluruh kelurahan."
    assert page.meta["og:url"] == rich_story.full_url
    assert page.meta["og:type"] == "article"
    assert page.meta["og:locale"] == "id_ID"
    assert page.meta["og:image"].startswith("http://localhost/media/images/")
    assert page.meta["og:image"].endswith(".jpg")
    assert (page.meta["og:image:width"], page.meta["og:image:height"]) == ("1200", "630")
    assert page.meta["og:image:alt"] == "Warga memakai Wi-Fi publik di taman"
    assert page.meta["twitter:card"] == "summary_large_image"


def test_json_ld_describes_the_item_as_a_news_article(client, kominfo, rich_story):
    _response, page = read(client, rich_story.url, kominfo.host)
    (raw,) = page.jsonld
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Wi-Fi publik hadir di 56 kelurahan"
    assert data["description"] == "Titik akses gratis di seluruh kelurahan."
    assert data["inLanguage"] == "id"
    assert data["url"] == data["mainEntityOfPage"]["@id"] == rich_story.full_url
    assert datetime.datetime.fromisoformat(data["datePublished"]) == rich_story.date
    assert data["author"] == [{"@type": "Person", "name": "Nur Aini"}]
    assert data["publisher"]["name"] == "Diskominfostandi Kota Bekasi"
    assert data["image"] == [page.meta["og:image"]]
    assert data["contentLocation"] == {"@type": "Place", "name": "Bekasi Selatan"}


def test_json_ld_stays_one_valid_block_whatever_the_headline_holds(client, kominfo):
    title = 'Warga bertanya "kapan?" </script><script>alert(1)</script> & {{ x }}'
    story = kominfo.publish_news(title, summary="Ringkas <b>tebal</b>.")
    _response, page = read(client, story.url, kominfo.host)
    (raw,) = page.jsonld
    data = json.loads(raw)
    assert (data["headline"], data["description"]) == (title, "Ringkas <b>tebal</b>.")
    assert page.meta["og:title"] == title


def test_news_list_shows_live_items_newest_first_under_breadcrumbs(client, kominfo, category):
    teknologi = category("Teknologi")
    kominfo.publish_news("Kabar kemarin", days_ago=1, categories=[teknologi])
    kominfo.publish_news("Kabar hari ini", days_ago=0)
    kominfo.publish_news("Draf belum terbit", publish=False)
    response, page = read(client, "/berita/", kominfo.host)
    assert page.html_lang == "id"
    cards = [text for text in page.anchor_texts() if text.startswith("Kabar")]
    assert cards == ["Kabar hari ini", "Kabar kemarin"]
    assert "Draf belum terbit" not in response.content.decode()
    assert "/berita/?kategori=teknologi" in page.hrefs()
    assert page.breadcrumbs == [("/", "Beranda"), (None, "Berita")]
    (canonical,) = page.link("canonical")
    assert canonical["href"] == "http://localhost/berita/"
    assert page.meta["og:title"] == "Berita"


def test_filtered_list_is_canonical_without_tracking_parameters(client, kominfo, category):
    kominfo.publish_news("Kabar teknologi", categories=[category("Teknologi")])
    _response, page = read(
        client, "/berita/?utm_source=wa&kategori=teknologi&page=1&fbclid=abc", kominfo.host
    )
    (canonical,) = page.link("canonical")
    assert canonical["href"] == "http://localhost/berita/?kategori=teknologi"
    feeds = {attrs["type"]: attrs["href"] for attrs in page.link("alternate")}
    assert feeds == {
        "application/rss+xml": "/feeds/rss/?kategori=teknologi",
        "application/atom+xml": "/feeds/atom/?kategori=teknologi",
        "application/feed+json": "/feeds/json/?kategori=teknologi",
    }


def test_home_page_features_its_story_and_names_itself_for_crawlers(client, kominfo, dpkpp):
    kominfo.publish_news("Berita utama pekan ini", days_ago=2, featured=True)
    kominfo.publish_news("Kabar terbaru", days_ago=0)
    dpkpp.publish_news("Kabar DPKPP")
    response, page = read(client, "/", kominfo.host)
    html = response.content.decode()
    assert page.html_lang == "id"
    assert "Diskominfostandi Kota Bekasi" in html
    texts = page.anchor_texts()
    assert "Berita utama pekan ini" in texts and "Kabar terbaru" in texts
    assert "Kabar DPKPP" not in html
    assert page.breadcrumbs == []  # the home page is where the trail starts
    (canonical,) = page.link("canonical")
    assert canonical["href"] == "http://localhost/"
    assert page.meta["og:title"] == "Diskominfostandi Kota Bekasi"
    assert {attrs["href"] for attrs in page.link("alternate")} == {
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/json/",
    }


def test_home_page_of_an_agency_without_news_says_so(client, dpkpp):
    _response, page = read(client, "/", dpkpp.host)
    assert page.meta["og:title"] == "DPKPP Kota Bekasi"
    response = client.get("/", HTTP_HOST=dpkpp.host)
    assert "Belum ada berita yang diterbitkan." in response.content.decode()
