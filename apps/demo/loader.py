"""Build the demo in an empty database: sites, settings, people, groups, media and news.

`demo_status()` says whether the database is fresh; `DemoLoader.load()` fills a fresh one and
must run inside a transaction (the command wraps it), so a failure leaves nothing half made.
Nothing here updates what exists: the demo is loaded once, and whatever people change after
that is theirs.
"""

import datetime
import hashlib
import time
import uuid
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Site,
)

from apps.core.models import AgencySettings
from apps.news.models import HomePage, NewsCategory, NewsIndexPage, NewsPage, SourceUnit
from apps.social_sync.models import SocialAccount
from apps.sop_audit.loading import load_sop, read_sop_file, resolve_source

from . import content, documents, images, people

JAKARTA = ZoneInfo("Asia/Jakarta")
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
    pages = Page.objects.filter(depth=2).exclude(pk=welcome.pk if welcome else None)
    if pages.exists():
        return OCCUPIED, "the database already has pages of its own under the root page"
    return FRESH, ""


def local_datetime(today, days_ago, hhmm):
    hour, minute = (int(part) for part in hhmm.split(":"))
    day = today - datetime.timedelta(days=days_ago)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=JAKARTA)


def stable_seed(*parts):
    return int.from_bytes(hashlib.sha1("/".join(parts).encode()).digest()[:4], "big")


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
        self.today = self.now.astimezone(JAKARTA).date()
        self.saved_files = []  # (storage, name): removed by discard_files() on failure
        self.report = Report()
        self.users = {}
        self.categories = {}

    def say(self, message, level=1):
        if self.verbosity >= level:
            self.write(message)

    # The whole run ------------------------------------------------------------------------

    def load(self):
        self.remove_wagtail_starter_content()
        self.create_categories()
        self.create_people()
        for agency in content.AGENCIES:
            self.load_agency(agency)
        return self.report

    def discard_files(self):
        """Delete the files this run stored; for when its transaction was rolled back."""
        for storage, name in self.saved_files:
            storage.delete(name)
        self.saved_files.clear()

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

    def create_people(self):
        User = get_user_model()
        password = make_password(people.DEMO_PASSWORD)  # hashed once: the slow part
        for person in people.PEOPLE:
            user = User.objects.filter(username=person.username).first()
            if user:
                self.report.users_kept.append(person.username)
                self.say(f"  kept existing user {person.username}", 2)
            else:
                user = User.objects.create(
                    username=person.username,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    email=person.email,
                    job_title=person.job_title,
                    password=password,
                    is_staff=person.is_superuser,
                    is_superuser=person.is_superuser,
                )
                self.report.users_created.append(person.username)
                self.say(f"  user {person.username}: {person.job_title}", 2)
            self.users[person.username] = user
        self.say(
            f"Users: {len(self.report.users_created)} created"
            + (f", {len(self.report.users_kept)} kept" if self.report.users_kept else "")
        )

    # One agency ---------------------------------------------------------------------------

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

        logo = self.save_image(
            title=f"Logo {agency.settings['short_name']}",
            filename=f"logo-{agency.key}.png",
            data=images.render_logo(initials=agency.initials, palette=agency.palette),
            collection=collection,
            user=operator,
            credit="",
            description=f"Logo {agency.site_name}",
            size=(512, 512),
        )
        report.images += 1

        founded = self.now - datetime.timedelta(days=120)
        home = HomePage(
            title=agency.site_name, slug=agency.home_slug, intro=agency.home_intro, owner=operator
        )
        Page.get_first_root_node().add_child(instance=home)
        self.publish(home, author=operator, publisher=operator, at=founded)
        index = NewsIndexPage(
            title=content.NEWS_INDEX_TITLE,
            slug=content.NEWS_INDEX_SLUG,
            intro=agency.index_intro,
            owner=operator,
        )
        home.add_child(instance=index)
        self.publish(index, author=operator, publisher=operator, at=founded)

        site = Site.objects.create(
            hostname=agency.hostname,
            port=agency.port,
            site_name=agency.site_name,
            root_page=home,
            is_default_site=agency.is_default_site,
        )
        AgencySettings.objects.create(site=site, logo=logo, **agency.settings)
        self.say(f"  site {report.url} (home, {index.title}), identitas instansi")

        self.create_groups(agency, index, collection)
        self.follow_sop(agency, site)

        attachments = {}
        for item in agency.news:
            if item.document and item.document not in attachments:
                attachments[item.document] = self.save_document(
                    item.document, collection=collection, user=author
                )
                report.documents += 1

        for item in agency.news:
            page, image_count = self.create_news(
                agency, item, index, collection, units, attachments, author, publisher
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

    def follow_sop(self, agency, site):
        """Load the agency's signed SOP and seat each official in the group of their step,
        and its supervisor in the SOP's supervisor group."""
        result = load_sop(read_sop_file(resolve_source(agency.sop_preset)), site)
        actor_groups = {actor.key: actor.group for actor in result.sop.actor_groups.all()}
        supervisors = result.sop.supervisor_group
        for person in people.PEOPLE:
            if person.agency == agency.key:
                for key in person.sop_actors:
                    actor_groups[key].user_set.add(self.users[person.username])
                if person.supervises and supervisors is not None:
                    supervisors.user_set.add(self.users[person.username])
        self.say(f"  SOP {result.sop.name}: {len(actor_groups)} pelaksana, alur kerja terpasang")

    def create_groups(self, agency, index, collection):
        short = agency.settings["short_name"]
        access_admin = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        page_type = ContentType.objects.get_for_model(Page)

        def page_permission(action):
            return Permission.objects.get(content_type=page_type, codename=f"{action}_page")

        def media_permissions(*actions):
            return [
                Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
                for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
                for action in actions
            ]

        # Least privilege. Editors draft news under this agency's index and upload media to its
        # collection; moderators review (change) and can pick existing media while fixing a
        # draft. Nobody gets publish, bulk_delete or lock: publishing is the SOP's last step.
        # Both read the social media delivery ledger of their agency and may retry a delivery.
        social = [
            Permission.objects.get(content_type__app_label="social_sync", codename=codename)
            for codename in ("view_delivery", "change_delivery", "view_socialaccount")
        ]
        rights = {
            people.EDITOR: (("add", "change"), ("add", "choose")),
            people.MODERATOR: (("change",), ("choose",)),
        }
        groups = {}
        for kind, (page_actions, media_actions) in rights.items():
            group, _ = Group.objects.get_or_create(name=people.group_name(kind, short))
            group.permissions.add(access_admin, *social)
            for action in page_actions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=index, permission=page_permission(action)
                )
            for permission in media_permissions(*media_actions):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
            groups[kind] = group
            self.report.groups.append(group.name)

        members = {people.EDITOR: [], people.MODERATOR: []}
        for person in people.PEOPLE:
            if person.agency == agency.key and person.group:
                self.users[person.username].groups.add(groups[person.group])
                members[person.group].append(person.username)
        for kind, group in groups.items():
            self.say(f"  group {group.name}: {', '.join(members[kind])}")

    # Media --------------------------------------------------------------------------------

    def save_image(self, *, title, filename, data, collection, user, credit, description, size):
        image = get_image_model()(
            title=title[:255],
            collection=collection,
            uploaded_by_user=user,
            credit=credit,
            description=description[:255],
            file_size=len(data),
            file_hash=hashlib.sha1(data).hexdigest(),
        )
        image.file.save(filename, ContentFile(data), save=False)
        image.width, image.height = size  # known: no need to read the file back
        self.saved_files.append((image.file.storage, image.file.name))
        image.save()
        return image

    def picture(self, agency, item, picture, number, collection, user):
        data = images.render_scene(
            picture.scene,
            seed=stable_seed(agency.key, item.slug, str(number)),
            palette=agency.palette,
            caption=picture.caption,
            label=agency.label,
        )
        return self.save_image(
            title=picture.caption,
            filename=f"{item.slug[:70]}-{number}.jpg",
            data=data,
            collection=collection,
            user=user,
            credit=agency.credit,
            description=picture.alt,
            size=(images.WIDTH, images.HEIGHT),
        )

    def save_document(self, key, *, collection, user):
        rendered = documents.render_document(key, year=self.today.year, created=self.now)
        document = get_document_model()(
            title=rendered.title,
            collection=collection,
            uploaded_by_user=user,
            file_size=len(rendered.data),
            file_hash=hashlib.sha1(rendered.data).hexdigest(),
        )
        document.file.save(rendered.filename, ContentFile(rendered.data), save=False)
        self.saved_files.append((document.file.storage, document.file.name))
        document.save()
        return document

    # News ---------------------------------------------------------------------------------

    def create_news(self, agency, item, index, collection, units, attachments, author, publisher):
        number = 0

        def next_picture(picture):
            nonlocal number
            number += 1
            return self.picture(agency, item, picture, number, collection, author)

        hero = next_picture(item.hero)
        body = [self.rich_text(item.paragraphs[:2])]
        if item.image:
            picture = item.image
            body.append(block("image", image_value(next_picture(picture), picture)))
        if item.quote:
            text, attribution = item.quote
            body.append(block("quote", {"text": text, "attribution": attribution}))
        if item.paragraphs[2:]:
            body.append(self.rich_text(item.paragraphs[2:]))
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

        date = min(local_datetime(self.today, item.days_ago, item.time), self.now)
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
        page.categories = [self.categories[slug] for slug in item.categories]
        page.tags.add(*item.tags)
        index.add_child(instance=page)

        if item.status == content.DRAFT:
            self.save_draft(page, author=author, at=date)
        else:
            self.publish(page, author=author, publisher=publisher, at=date)
        if item.status == content.LIVE_WITH_DRAFT:
            page = NewsPage.objects.get(pk=page.pk)
            page.title = item.draft_title
            page.summary = item.draft_summary
            edited_at = min(date + datetime.timedelta(days=1), self.now)
            self.save_draft(page, author=author, at=edited_at, edit=True)
        return page, number

    def rich_text(self, paragraphs):
        html = "".join(
            f"<h2>{escape(text[3:])}</h2>" if text.startswith("## ") else f"<p>{escape(text)}</p>"
            for text in paragraphs
        )
        return block("paragraph", html)

    # Revisions, back-dated ----------------------------------------------------------------

    def publish(self, page, *, author, publisher, at):
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

    def save_draft(self, page, *, author, at, edit=False):
        """A revision that stays unpublished: a never-published draft, or a newer edit."""
        revision = page.save_revision(user=author, log_action=edit)
        page.revisions.filter(pk=revision.pk).update(created_at=at)
        Page.objects.filter(pk=page.pk).update(latest_revision_created_at=at)
        action = "wagtail.edit" if edit else "wagtail.create"
        PageLogEntry.objects.filter(page_id=page.pk, action=action).update(timestamp=at)


def image_value(image, picture):
    """The raw value of a captioned image block (news.blocks.CaptionedImageBlock)."""
    return {
        "image": {"image": image.pk, "alt_text": picture.alt, "decorative": False},
        "caption": picture.caption,
    }


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}
