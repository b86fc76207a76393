"""Which agency a request is for, answered from the cache.

Wagtail finds the Site for every request with a query, then loads its root page twice (the
base row, then the specific HomePage) before routing. Sites and home pages change rarely,
so the Site is cached together with its specific root page, keyed by the raw host and the
page-cache generation: any publication, and any Site change, makes the entry stale.
"""

import contextlib

from django.core.cache import cache
from django.db import DatabaseError
from wagtail.models import Site

from . import page_cache


def _key(request):
    return f"site-for:{page_cache.current_generation()}:{request._get_raw_host()}"


def find_site(request):
    key = _key(request)
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            # Attach the specific root page, as Wagtail's router will ask for it.
            site.root_page = site.root_page.specific
        cache.set(key, site or False, 300)
    return site or None


class CachedSiteMiddleware:
    """Hands Wagtail the cached Site before anything asks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # /ping/ and /healthz/ must answer for themselves while the database is down; a
        # view that needs the site looks it up (and fails) on its own.
        with contextlib.suppress(DatabaseError):
            request._wagtail_site = find_site(request)
        return self.get_response(request)
