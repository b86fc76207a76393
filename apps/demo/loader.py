"""Build the demo in an empty database: sites, settings, people, groups, media and news.

`demo_status()` says whether the database is fresh; `DemoLoader.load()` fills a fresh one and
must run inside a transaction (the command wraps it), so a failure leaves nothing half made.
Nothing here updates what exists: the demo is loaded once, and whatever people change after
that is theirs. The people and their rights are made in `roles`, the pages in `pages`, the
pictures and attachments in `media`.
"""

import datetime
import time
from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Collection, Page, Site

from apps.core.models import AgencySettings
from apps.news.models import NewsCategory, SourceUnit
from apps.social_sync.models import SocialAccount

from . import content, pages, roles
from .media import MediaFiles

FRESH, LOADED, OCCUPIED = "fresh", "loaded", "occupied"
# Wagtail's migrations create these two groups with page rights on the root, publish
# included. In the demo nobody may publish outside the SOP, so they go (when nobody is in them).
WAGTAIL_STARTER_GROUPS = ("Editors", "Moderators")


def demo_sites():
    query = Q()
    for agency in content.AGENCIES:
        query |= Q(hostname=agency.hostname, port=agency.port)
    return Site.objects.filter(query).order_by("-is_default_site", "hostname")


def wagtail_welcome_page():
    """Wagtail's own untouched "Welcome to your new Wagtail site!" page, or None."""
    page_type = ContentType.objects.get_for_model(Page)
    return (
        Page.objects.filter(depth=2, content_type=page_type, numchild=0, slug="home")
        .order_by("pk")
        .first()
    )


def wagtail_initial_sites(welcome):
    """Wagtail's own default site (localhost:80 on the welcome page), as a queryset."""
    if welcome is None:
        return Site.objects.none()
    return Site.objects.filter(hostname="localhost", port=80, root_page=welcome)


def demo_status():
    """(FRESH | LOADED | OCCUPIED, explanation). Only a FRESH database gets the demo."""
    found = list(demo_sites())
    if found:
        names = ", ".join(f"{s.hostname}:{s.port}" for s in found)
        return LOADED, f"the demo sites exist ({names})"
    welcome = wagtail_welcome_page()
    others = Site.objects.exclude(pk__in=wagtail_initial_sites(welcome).values("pk"))
    if others.exists():
        names = ", ".join(f"{s.hostname}:{s.port}" for s in others)
        return OCCUPIED, f"the database already has sites of its own ({names})"
    own_pages = Page.objects.filter(depth=2).exclude(pk=welcome.pk if welcome else None)
    if own_pages.exists():
        return OCCUPIED, "the database already has pages of its own under the root page"
    return FRESH, ""


@dataclass
class AgencyReport:
    name: str
    url: str
    published: int = 0
    drafts: int = 0
    pending: int = 0
    images: int = 0
    documents: int = 0
    seconds: float = 0.0


@dataclass
class Report:
    users_created: list = field(default_factory=list)
    users_kept: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    agencies: list = field(default_factory=list)


class DemoLoader:
    def __init__(self, *, write=None, verbosity=1, now=None):
        self.write = write or (lambda message: None)
        self.verbosity = verbosity
        self.now = now or timezone.now()
        self.today = self.now.astimezone(pages.JAKARTA).date()
        self.media = MediaFiles()
        self.report = Report()
        self.users = {}
        self.categories = {}

    def say(self, message, level=1):
        if self.verbosity >= level:
            self.write(message)

    def load(self):
        self.remove_wagtail_starter_content()
        self.create_categories()
        self.users, self.report.users_created, self.report.users_kept = roles.create_people(
            self.say
        )
        for agency in content.AGENCIES:
            self.load_agency(agency)
        return self.report

    def discard_files(self):
        """Delete the files this run stored; for when its transaction was rolled back."""
        self.media.discard()

    def remove_wagtail_starter_content(self):
        welcome = wagtail_welcome_page()
        if welcome:
            wagtail_initial_sites(welcome).delete()
            welcome.delete()
            self.say("Removed Wagtail's welcome page and default site")
        for name in WAGTAIL_STARTER_GROUPS:
            group = Group.objects.filter(name=name).first()
            if group and not group.user_set.exists():
                group.delete()
                self.say(
                    f"Removed Wagtail's starter group {name!r} (it had rights over every page)"
                )

    def create_categories(self):
        for name, slug, description in content.CATEGORIES:
            category, _ = NewsCategory.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description}
            )
            self.categories[slug] = category
        self.say(f"Categories: {len(self.categories)}")

    def load_agency(self, agency):
        started = time.monotonic()
        report = AgencyReport(agency.site_name, f"http://{agency.hostname}:{agency.port}/")
        self.report.agencies.append(report)
        self.say(f"{agency.site_name}:")
        author = self.users[agency.author]
        publisher = self.users[agency.publisher]
        operator = self.users["admin"]

        collection = Collection.get_first_root_node().add_child(name=agency.site_name)
        units = {}
        for name, short_name in agency.units:
            units[name], _ = SourceUnit.objects.get_or_create(
                name=name, defaults={"short_name": short_name}
            )

        logo = self.media.logo(agency, collection=collection, user=operator)
        report.images += 1

        founded = self.now - datetime.timedelta(days=120)
        home, index = pages.create_home_and_index(agency, owner=operator, at=founded)
        site = Site.objects.create(
            hostname=agency.hostname,
            port=agency.port,
            site_name=agency.site_name,
            root_page=home,
            is_default_site=agency.is_default_site,
        )
        AgencySettings.objects.create(site=site, logo=logo, **agency.settings)
        self.say(f"  site {report.url} (home, {index.title}), identitas instansi")

        self.report.groups += roles.create_groups(
            agency, index=index, collection=collection, users=self.users, say=self.say
        )
        roles.follow_sop(agency, site, users=self.users, say=self.say)

        attachments = {}
        for item in agency.news:
            if item.document and item.document not in attachments:
                attachments[item.document] = self.media.save_document(
                    item.document,
                    collection=collection,
                    user=author,
                    year=self.today.year,
                    created=self.now,
                )
                report.documents += 1

        for item in agency.news:
            page, image_count = pages.create_news(
                item,
                index=index,
                units=units,
                categories=self.categories,
                attachments=attachments,
                picture=partial(
                    self.media.news_picture, agency, item, collection=collection, user=author
                ),
                author=author,
                publisher=publisher,
                today=self.today,
                now=self.now,
            )
            report.images += image_count
            if item.status == content.DRAFT:
                report.drafts += 1
            else:
                report.published += 1
                report.pending += item.status == content.LIVE_WITH_DRAFT
            self.say(f"  [{item.status}] {page.title}", 2)

        # After the news: the demo's old items are not posted, the ones published later are.
        for name, network in content.DEMO_SOCIAL_ACCOUNTS:
            SocialAccount.objects.create(
                site=site, network=SocialAccount.Network.DRY_RUN, name=name, simulates=network
            )
        names = ", ".join(name for name, _network in content.DEMO_SOCIAL_ACCOUNTS)
        self.say(f"  akun media sosial uji coba: {names}")

        report.seconds = time.monotonic() - started
        self.say(
            f"  {report.published} news published ({report.pending} with a newer draft), "
            f"{report.drafts} drafts, {report.images} images, {report.documents} documents "
            f"({report.seconds:.1f} s)"
        )
