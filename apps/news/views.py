from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .models import NewsPage
from .search import MAX_QUERY_LENGTH, search_terms

SEARCH_PER_PAGE = 10


@require_GET
def search(request):
    """Full-text search in this agency's live news; odd input gives an empty result."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    site = Site.find_for_request(request)
    results = NewsPage.objects.none()
    if terms and site is not None:
        results = (
            NewsPage.objects.live()
            .public()
            .descendant_of(site.root_page)
            .select_related("hero_image")
            .search(terms)
        )
    paginator = Paginator(results, SEARCH_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    return render(
        request,
        "news/search.html",
        {"query": query, "page_obj": page_obj, "results": page_obj.object_list},
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: this runs when things are broken.
    return HttpResponseServerError(loader.get_template("500.html").render())
