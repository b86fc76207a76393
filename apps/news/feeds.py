"""RSS, Atom and JSON Feed 1.1 of an agency's latest news, one set per site.

RSS and Atom are Django's syndication framework; JSON Feed is the same items written out
by hand because Django has no generator for it.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404, JsonResponse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .models import NewsIndexPage

FEED_SIZE = 50
FEED_IMAGE_SPEC = "width-1200|format-jpeg"


def feed_source(request):
    """(site, news index, items) for this request's agency, filtered by ?kategori=."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404(_("Situs tidak dikenal"))
    index = NewsIndexPage.objects.descendant_of(site.root_page).live().first()
    if index is None:
        raise Http404(_("Situs ini belum memiliki halaman berita"))
    items = index.news_items()
    category = request.GET.get("kategori", "").strip()
    if category:
        items = items.filter(categories__slug=category[:80])
    return site, index, list(items[:FEED_SIZE])


def agency_name(site):
    from apps.core.models import AgencySettings

    return str(AgencySettings.for_site(site)) or site.site_name


def hero_rendition(item):
    return item.hero_image.get_rendition(FEED_IMAGE_SPEC) if item.hero_image_id else None


class NewsRssFeed(Feed):
    def get_object(self, request):
        self.request = request
        return feed_source(request)

    def title(self, obj):
        site, index, _items = obj
        return f"{index.title} · {agency_name(site)}"

    def link(self, obj):
        return obj[1].full_url

    def description(self, obj):
        return obj[1].intro or _("Berita terbaru dari %(agency)s") % {"agency": agency_name(obj[0])}

    def items(self, obj):
        return obj[2]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url

    def item_guid(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.last_published_at or item.date

    def item_author_name(self, item):
        return item.reporter or None

    def item_categories(self, item):
        return [c.name for c in item.categories.all()]

    def item_enclosures(self, item):
        rendition = hero_rendition(item)
        if rendition is None:
            return []
        return [
            Enclosure(
                self.request.build_absolute_uri(rendition.url),
                str(rendition.file.size),
                "image/jpeg",
            )
        ]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


@require_GET
def json_feed(request):
    site, index, items = feed_source(request)
    feed_url = request.build_absolute_uri(request.get_full_path())
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{index.title} · {agency_name(site)}",
        "home_page_url": index.full_url,
        "feed_url": feed_url,
        "language": "id",
        "items": [],
    }
    for item in items:
        entry = {
            "id": item.full_url,
            "url": item.full_url,
            "title": item.title,
            "summary": item.summary,
            "content_text": item.summary,
            "date_published": item.date.isoformat(),
            "tags": [c.name for c in item.categories.all()],
        }
        if item.last_published_at:
            entry["date_modified"] = item.last_published_at.isoformat()
        if item.reporter:
            entry["authors"] = [{"name": item.reporter}]
        rendition = hero_rendition(item)
        if rendition is not None:
            entry["image"] = request.build_absolute_uri(rendition.url)
        data["items"].append(entry)
    return JsonResponse(
        data, content_type="application/feed+json", json_dumps_params={"ensure_ascii": False}
    )
