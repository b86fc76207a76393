from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from apps.core import views as core_views
from apps.news import feeds as news_feeds
from apps.news import views as news_views
from apps.news.api import api_router
from apps.sop_audit import api as sop_audit_api

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Before Wagtail's router: staff only, never public (apps/sop_audit/api.py).
    path("api/v2/sop-records/", sop_audit_api.records_view, name="sop_records_api"),
    path("api/v2/", api_router.urls),
    path("feeds/rss/", news_feeds.NewsRssFeed(), name="feed_rss"),
    path("feeds/atom/", news_feeds.NewsAtomFeed(), name="feed_atom"),
    path("feeds/json/", news_feeds.json_feed, name="feed_json"),
    # Wagtail's view builds the sitemap of the request's site (Django's falls back to the
    # default site for every host).
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("ping/", core_views.ping, name="ping"),
    path("cari/", news_views.search, name="search"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "apps.news.views.page_not_found"
handler500 = "apps.news.views.server_error"
