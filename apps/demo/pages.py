"""The demo's pages: each agency's home and news section, and its news items.

Every revision, publication and log entry is back-dated to when the story says it happened
(`publish`, `save_draft`), so the news lists, feeds and page histories read like weeks of
work rather than one second of loading.
"""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.utils.html import escape
from wagtail.models import Page, PageLogEntry

from apps.news.models import HomePage, NewsIndexPage, NewsPage

from . import content

JAKARTA = ZoneInfo("Asia/Jakarta")


def local_datetime(today, days_ago, hhmm):
    hour, minute = (int(part) for part in hhmm.split(":"))
    day = today - datetime.timedelta(days=days_ago)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=JAKARTA)


def create_home_and_index(agency, *, owner, at):
    """The agency's home page under the root and its news section, both published at `at`."""
    home = HomePage(
        title=agency.site_name, slug=agency.home_slug, intro=agency.home_intro, owner=owner
    )
    Page.get_first_root_node().add_child(instance=home)
    publish(home, author=owner, publisher=owner, at=at)
    index = NewsIndexPage(
        title=content.NEWS_INDEX_TITLE,
        slug=content.NEWS_INDEX_SLUG,
        intro=agency.index_intro,
        owner=owner,
    )
    home.add_child(instance=index)
    publish(index, author=owner, publisher=owner, at=at)
    return home, index


def create_news(
    item, *, index, units, categories, attachments, picture, author, publisher, today, now
):
    """The news item under `index`, published, drafted or both as `item.status` says.

    `picture(picture, number)` stores the item's `number`th picture and returns the image.
    Returns the page and how many pictures it got.
    """
    number = 0

    def next_picture(p):
        nonlocal number
        number += 1
        return picture(p, number)

    hero = next_picture(item.hero)
    body = [rich_text(item.paragraphs[:2])]
    if item.image:
        body.append(block("image", image_value(next_picture(item.image), item.image)))
    if item.quote:
        text, attribution = item.quote
        body.append(block("quote", {"text": text, "attribution": attribution}))
    if item.paragraphs[2:]:
        body.append(rich_text(item.paragraphs[2:]))
    if item.gallery:
        title, pictures = item.gallery
        items = [
            {"type": "item", "id": str(uuid.uuid4()), "value": image_value(next_picture(p), p)}
            for p in pictures
        ]
        body.append(block("gallery", {"title": title, "images": items}))
    if item.document:
        body.append(
            block(
                "document",
                {"document": attachments[item.document].pk, "title": item.document_label},
            )
        )

    # A story dated "today" at a later hour would be published in the future.
    date = min(local_datetime(today, item.days_ago, item.time), now)
    page = NewsPage(
        title=item.title,
        slug=item.slug,
        date=date,
        summary=item.summary,
        hero_image=hero,
        hero_alt=item.hero.alt,
        hero_caption=item.hero.caption,
        body=body,
        source_unit=units[item.unit],
        reporter=item.reporter,
        location=item.location,
        featured=item.featured,
        owner=author,
        live=False,
    )
    page.categories = [categories[slug] for slug in item.categories]
    page.tags.add(*item.tags)
    index.add_child(instance=page)

    if item.status == content.DRAFT:
        save_draft(page, author=author, at=date)
    else:
        publish(page, author=author, publisher=publisher, at=date)
    if item.status == content.LIVE_WITH_DRAFT:
        page = NewsPage.objects.get(pk=page.pk)
        page.title = item.draft_title
        page.summary = item.draft_summary
        edited_at = min(date + datetime.timedelta(days=1), now)
        save_draft(page, author=author, at=edited_at, edit=True)
    return page, number


def rich_text(paragraphs):
    html = "".join(
        f"<h2>{escape(text[3:])}</h2>" if text.startswith("## ") else f"<p>{escape(text)}</p>"
        for text in paragraphs
    )
    return block("paragraph", html)


def image_value(image, picture):
    """The raw value of a captioned image block (news.blocks.CaptionedImageBlock)."""
    return {
        "image": {"image": image.pk, "alt_text": picture.alt, "decorative": False},
        "caption": picture.caption,
    }


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def publish(page, *, author, publisher, at):
    """Draft by `author`, publish by `publisher`, both dated as if it happened at `at`."""
    drafted_at = at - datetime.timedelta(minutes=45)
    revision = page.save_revision(user=author)
    revision.publish(user=publisher, skip_permission_checks=True)
    Page.objects.filter(pk=page.pk).update(
        first_published_at=at, last_published_at=at, latest_revision_created_at=drafted_at
    )
    page.revisions.filter(pk=revision.pk).update(created_at=drafted_at)
    entries = PageLogEntry.objects.filter(page_id=page.pk)
    entries.filter(action="wagtail.create").update(timestamp=drafted_at)
    entries.exclude(action="wagtail.create").update(timestamp=at)


def save_draft(page, *, author, at, edit=False):
    """A revision that stays unpublished: a never-published draft, or a newer edit."""
    revision = page.save_revision(user=author, log_action=edit)
    page.revisions.filter(pk=revision.pk).update(created_at=at)
    Page.objects.filter(pk=page.pk).update(latest_revision_created_at=at)
    action = "wagtail.edit" if edit else "wagtail.create"
    PageLogEntry.objects.filter(page_id=page.pk, action=action).update(timestamp=at)
