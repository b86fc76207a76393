"""The headless API: Wagtail API v2, with the news filters a front end needs.

Wagtail serves only live, public pages of the request's site, so a draft, a never-published
page or a pending revision never appears. Bad parameters answer 400 with a message.
"""

import datetime

from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .models import NewsCategory, NewsPage
from .search import search_terms


def _parse_date(name, value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise BadRequestError(
            _("%(name)s harus berformat TTTT-BB-HH, bukan %(value)r")
            % {"name": name, "value": value[:40]}
        ) from exc


class NewsFilter(BaseFilterBackend):
    """?kategori=<slug>, ?date_from=YYYY-MM-DD, ?date_to=YYYY-MM-DD on any pages listing."""

    def filter_queryset(self, request, queryset, view):
        params = request.GET
        news = None
        if "kategori" in params:
            slug = params["kategori"]
            if not NewsCategory.objects.filter(slug=slug).exists():
                raise BadRequestError(_("kategori %(slug)r tidak dikenal") % {"slug": slug[:80]})
            news = NewsPage.objects.filter(categories__slug=slug)
        for name, lookup in (("date_from", "date__date__gte"), ("date_to", "date__date__lte")):
            if name in params:
                day = _parse_date(name, params[name])
                news = (news if news is not None else NewsPage.objects.all()).filter(
                    **{lookup: day}
                )
        if news is None:
            return queryset
        return queryset.filter(pk__in=news.values("pk"))


class WordsSearchFilter(SearchFilter):
    """Wagtail's ?search=, given only the words of the query (see search.search_terms)."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            terms = search_terms(request.GET["search"])
            if not terms:
                return queryset.none()
            # SearchFilter reads the raw parameter; hand it the cleaned words instead.
            params = request._request.GET.copy()
            params["search"] = terms
            request._request.GET = params
        return super().filter_queryset(request, queryset, view)


class BoundedPagination(WagtailPagination):
    """Wagtail's paging, refusing an offset no database column can hold (a 500 otherwise)."""

    MAX_OFFSET = 1_000_000

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > self.MAX_OFFSET:
            raise BadRequestError(_("offset paling besar %(max)d") % {"max": self.MAX_OFFSET})
        return super().paginate_queryset(queryset, request, view)


class NewsPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [
        *[b for b in PagesAPIViewSet.filter_backends if b is not SearchFilter],
        NewsFilter,
        WordsSearchFilter,  # must stay last: search results cannot be filtered further
    ]
    pagination_class = BoundedPagination
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["kategori", "date_from", "date_to"]
    )
    # The body is rendered block by block, with its own image and document look-ups:
    # a listing of N items would cost N times that, so the body is served on detail only.
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "rendered_body"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is NewsPage:
            queryset = (
                queryset.for_detail()
                .select_related("locale")
                .prefetch_related("hero_image__renditions")
            )
        return queryset


class NewsImagesAPIViewSet(ImagesAPIViewSet):
    pagination_class = BoundedPagination


class NewsDocumentsAPIViewSet(DocumentsAPIViewSet):
    pagination_class = BoundedPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", NewsPagesAPIViewSet)
api_router.register_endpoint("images", NewsImagesAPIViewSet)
api_router.register_endpoint("documents", NewsDocumentsAPIViewSet)
