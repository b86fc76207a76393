"""Helpers for the public site's templates: canonical URLs, navigation, JSON-LD, share text."""

import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Page, Site

from apps.core.models import AgencySettings
from apps.news.models import HomePage, NewsIndexPage, NewsPage

register = template.Library()

# The rendition og:image (includes/meta.html) and the JSON-LD image share: the 1.91:1 crop
# Facebook, X and WhatsApp previews expect, in JPEG because not every crawler reads WebP.
SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg"
LOGO_SPEC = "max-600x60|format-png"

# What json_script escapes, so no value can close the <script> element or open a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

TEMPLATE_BRACES = re.compile(r"[{}]")
BRACE_TAGS = {"{": "{% templatetag openbrace %}", "}": "{% templatetag closebrace %}"}


@register.simple_tag(takes_context=True)
def canonical_url(context, **params):
    """The absolute address of this view, with only the parameters that select its content.

    Pass the validated values (``kategori=active_filters.category.slug``); empty ones and
    ``page=1`` are dropped, so tracking and junk parameters never reach the canonical URL.
    """
    request = context.get("request")
    page = context.get("page")
    base = page.full_url if isinstance(page, Page) else None
    if not base and request is not None:
        base = request.build_absolute_uri(request.path)
    kept = {key: value for key, value in params.items() if value not in (None, "")}
    if str(kept.get("page")) == "1":
        del kept["page"]
    return f"{base}?{urlencode(kept)}" if kept and base else base or ""


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """An absolute URL for a rendition or static path, for crawlers that need one."""
    request = context.get("request")
    if not url or request is None:
        return url or ""
    return request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The breadcrumb trail and the agency's news section, at most one query on a page.

    A news item's section is its parent, already in the trail; the home page has it
    cached; only views outside the page tree (search, 404) look it up.
    """
    page = context.get("page")
    trail = []
    news_index = None
    if isinstance(page, Page):
        if page.depth > 2:
            # Depth 1 is the tree root, which no reader can visit.
            trail = list(page.get_ancestors().filter(depth__gt=1))
        if isinstance(page, NewsIndexPage):
            news_index = page
        elif isinstance(page, HomePage):
            news_index = page.news_index
        elif isinstance(page, NewsPage) and trail:
            news_index = trail[-1]
    else:
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        if site is not None:
            news_index = NewsIndexPage.objects.in_site(site).live().first()
    return {"trail": trail, "news_index": news_index}


@register.filter
def template_literal(value):
    """Text that django-social-share's compile_text() renders back to itself.

    Its share tags run their text through the template engine: a headline holding "{%"
    or "{{" would otherwise be evaluated, or crash the page when it does not parse.
    """
    return TEMPLATE_BRACES.sub(lambda match: BRACE_TAGS[match.group()], str(value))


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, page):
    """A schema.org NewsArticle for search engines, serialised by json.dumps."""
    request = context.get("request")

    def absolute(url):
        return request.build_absolute_uri(url) if request is not None else url

    agency = AgencySettings.for_request(request) if request is not None else None
    agency_name = ""
    if agency is not None:
        agency_name = agency.full_name or agency.short_name or agency.government
    publisher = {"@type": "GovernmentOrganization", "name": agency_name}
    if agency is not None and agency.logo:
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": absolute(get_rendition_or_not_found(agency.logo, LOGO_SPEC).url),
        }
    if page.reporter:
        author = {"@type": "Person", "name": page.reporter}
    else:
        author = {"@type": "GovernmentOrganization", "name": agency_name}

    published = timezone.localtime(page.date)
    modified = published
    if page.last_published_at and page.last_published_at > page.date:
        modified = timezone.localtime(page.last_published_at)

    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.summary,
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "inLanguage": "id",
        "author": [author],
        "publisher": publisher,
    }
    if page.full_url:
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": page.full_url}
        data["url"] = page.full_url
    image = page.share_image
    if image:
        data["image"] = [absolute(get_rendition_or_not_found(image, SOCIAL_IMAGE_SPEC).url)]
    if page.location:
        data["contentLocation"] = {"@type": "Place", "name": page.location}

    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_SCRIPT_ESCAPES)),
    )


@register.simple_tag(takes_context=True)
def agency_settings(context):
    """This site's AgencySettings, or None where no site matches the request's host.

    Wagtail's ``settings`` proxy raises for an unknown host; the error pages must still
    render there.
    """
    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return None
    return AgencySettings.for_request(request)
