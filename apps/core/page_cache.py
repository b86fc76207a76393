"""A whole-response cache for anonymous readers, emptied by every publication.

Readers outnumber editors by orders of magnitude, and a news page changes only when
something is published or unpublished. Every cached entry's key carries a generation
number; publishing bumps it, so every page, list and feed is rebuilt on its next request
without having to know which URLs a publication touches. wagtail-cache would do this but
supports Wagtail < 8 only.

The cache must be shared by all web processes (Redis in production, REDIS_URL) for a
publication in one process to reach the others.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Warta-Cache"


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def invalidate():
    """Make every cached response stale; called after a publication commits."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # a signed-in editor sees the userbar and previews
    path = request.path_info
    return not any(path.startswith(prefix) for prefix in settings.WARTA_PAGE_CACHE_SKIP_PREFIXES)


def _is_cacheable_response(response):
    return (
        response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
    )
    # "Vary: Cookie" is not a reason to skip: the userbar reads request.user, which adds
    # it to every page, and only requests without a session cookie are ever cached or
    # served from here, so the anonymous rendering is the only one stored.


def _key(request, generation):
    raw = f"{request.get_host()}|{request.get_full_path()}|{request.method == 'HEAD'}"
    return f"page-cache:{generation}:{hashlib.sha1(raw.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.WARTA_PAGE_CACHE_SECONDS
        if not seconds or not _is_cacheable_request(request):
            return self.get_response(request)
        key = _key(request, current_generation())
        response = cache.get(key)
        if response is not None:
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _is_cacheable_response(response):
            cache.set(key, response, seconds)
            response[HEADER] = "miss"
        return response
