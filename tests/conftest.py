"""Small page trees built in the test: two agencies, each a Site with a home and a news section.

Nothing here loads the demo: each test states the little it needs.
"""

import datetime
import io
import itertools

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from apps.core.models import AgencySettings
from apps.news.models import HomePage, NewsCategory, NewsIndexPage, NewsPage

KOMINFO_HOST = "localhost"
DPKPP_HOST = "dpkpp.localhost"
_serial = itertools.count(1)


def jpeg_bytes(size=(800, 450), colour=(20, 90, 160), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


def make_image(title="Foto", size=(800, 450), credit=""):
    name = f"{title.lower().replace(' ', '-')}-{next(_serial)}.jpg"
    return get_image_model().objects.create(
        title=title, credit=credit, file=ImageFile(io.BytesIO(jpeg_bytes(size)), name=name)
    )


class Agency:
    def __init__(self, site, home, index):
        self.site, self.home, self.index = site, home, index
        self.host = site.hostname

    def publish_news(self, title, *, days_ago=0, categories=(), tags=(), publish=True, **fields):
        """A news item under this agency's news section, published unless told otherwise."""
        fields.setdefault("summary", f"Ringkasan {title}.")
        fields.setdefault("body", [("paragraph", f"<p>Isi berita {title}.</p>")])
        fields.setdefault("date", timezone.now() - datetime.timedelta(days=days_ago))
        page = self.index.add_child(instance=NewsPage(title=title, live=False, **fields))
        if categories:
            page.categories.set(categories)
        if tags:
            page.tags.set(list(tags))
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page


def _agency(root, *, title, slug, hostname, short_name, default):
    home = root.add_child(instance=HomePage(title=title, slug=slug))
    index = home.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
    site = Site.objects.create(
        hostname=hostname, port=80, site_name=title, root_page=home, is_default_site=default
    )
    AgencySettings.objects.create(site=site, full_name=title, short_name=short_name)
    return Agency(site, home, index)


@pytest.fixture
def wagtail_root(db):
    """Wagtail's root page, root collection and default locale. They come from data
    migrations, which the flush ending a transactional test does not replay: made again here
    when missing, so every test that builds a page tree or adds an image can run after one."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if not Locale.objects.exists():
        Locale.objects.create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
    root = Page.get_first_root_node()
    if root is None:
        root = Page.objects.create(
            title="Root",
            slug="root",
            content_type=ContentType.objects.get_for_model(Page),
            path="0001",
            depth=1,
            numchild=0,
            url_path="/",
        )
    return root


@pytest.fixture
def agencies(wagtail_root):
    """(Diskominfostandi at localhost, DPKPP at dpkpp.localhost), Wagtail's welcome site gone."""
    Site.objects.all().delete()
    kominfo = _agency(
        wagtail_root,
        title="Diskominfostandi Kota Bekasi",
        slug="diskominfostandi",
        hostname=KOMINFO_HOST,
        short_name="Diskominfostandi",
        default=True,
    )
    dpkpp = _agency(
        wagtail_root,
        title="DPKPP Kota Bekasi",
        slug="dpkpp",
        hostname=DPKPP_HOST,
        short_name="DPKPP",
        default=False,
    )
    return kominfo, dpkpp


@pytest.fixture
def kominfo(agencies):
    return agencies[0]


@pytest.fixture
def dpkpp(agencies):
    return agencies[1]


@pytest.fixture
def category(db):
    def make(name):
        return NewsCategory.objects.create(name=name)

    return make


@pytest.fixture
def image(db):
    return make_image


@pytest.fixture(autouse=True)
def _empty_caches():
    """The page cache, the cached Site and rendition look-ups must not leak between tests."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
    yield
