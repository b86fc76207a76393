"""An agency's public site: a home page, one news section and its news items.

Each agency is a Wagtail Site whose root is a HomePage; the news section beneath it is where
the SOP workflow is attached (apps.sop_audit), so every item published under it went through
the agency's procedure.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.url_routing import RouteResult

from . import captions
from .blocks import NewsBodyBlock
from .forms import NewsPageForm
from .social import NewsSocialMixin
from .widgets import CaptionTextarea

NEWS_PER_PAGE = 10


@register_snippet
class NewsCategory(models.Model):
    """A rubric readers filter by (Pemerintahan, Infrastruktur...)."""

    name = models.CharField(_("nama"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    description = models.TextField(_("deskripsi"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("kategori berita")
        verbose_name_plural = _("kategori berita")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


@register_snippet
class SourceUnit(models.Model):
    """The bidang, seksi or secretariat the material came from, as SOP B's step 1 names it."""

    name = models.CharField(_("nama unit"), max_length=150, unique=True)
    short_name = models.CharField(_("singkatan"), max_length=30, blank=True)

    panels = [FieldPanel("name"), FieldPanel("short_name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit sumber")
        verbose_name_plural = _("unit sumber")

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ViewRestrictionsInOneQueryMixin:
    """Wagtail checks view restrictions with two queries (ancestors, then restrictions);
    the ancestors' paths are known from this page's own path, so one query does."""

    def get_view_restrictions(self):
        if self.alias_of_id:
            return super().get_view_restrictions()
        step = self.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        # A restriction on an ancestor's alias source applies too, as in Wagtail's version.
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()


class HomePage(ViewRestrictionsInOneQueryMixin, Page):
    """An agency's front page: the featured story and the latest news."""

    intro = models.TextField(_("pengantar"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage"]

    class Meta:
        verbose_name = _("beranda instansi")

    @cached_property
    def news_index(self):
        return NewsIndexPage.objects.child_of(self).live().first()

    def route(self, request, path_components):
        """Find a news item (/<section>/<item>/) in one query by its stored url_path.

        Wagtail walks the tree a level at a time, two queries a level; a news item's
        url_path says where it is, and only the final page's liveness matters, as in
        Wagtail's own routing.
        """
        if len(path_components) == 2:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            item = NewsPage.objects.for_detail().filter(url_path=url_path).first()
            if item is not None:
                if not item.live:
                    raise Http404
                return RouteResult(item)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.none()
        if self.news_index:
            news = self.news_index.news_items()
        featured = news.filter(featured=True).first()
        latest = news.exclude(pk=featured.pk) if featured else news
        context["featured"] = featured
        context["latest"] = list(latest[:9])
        return context


class NewsIndexPage(ViewRestrictionsInOneQueryMixin, Page):
    """An agency's news section; its SOP workflow is attached here."""

    intro = models.TextField(_("pengantar"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indeks berita")

    def news_items(self):
        """Live, public news of this section, newest first, ready for list rendering."""
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image", "source_unit")
            .prefetch_related("categories", "hero_image__renditions")
            .order_by("-date", "-pk")
        )

    def filtered_news(self, params):
        """Apply the reader's filters; unknown values give an empty list, never an error."""
        news = self.news_items()
        active = {}
        category = params.get("kategori", "").strip()
        if category:
            news = news.filter(categories__slug=category[:80])
            active["category"] = NewsCategory.objects.filter(slug=category[:80]).first()
        tag = params.get("tag", "").strip()
        if tag:
            news = news.filter(tags__slug=tag[:100])
            active["tag"] = tag[:100]
        month = parse_month(params.get("bulan", ""))
        if params.get("bulan"):
            if month is None:
                return NewsPage.objects.none(), {"invalid_month": True}
            news = news.filter(date__year=month.year, date__month=month.month)
            active["month"] = month
        return news.distinct(), active

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news, active = self.filtered_news(request.GET)
        paginator = Paginator(news, NEWS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger as exc:
            raise Http404(_("Nomor halaman tidak valid")) from exc
        except EmptyPage as exc:
            if paginator.count == 0:
                page_obj = paginator.page(1)
            else:
                raise Http404(_("Halaman tidak ditemukan")) from exc
        context.update(
            {
                "page_obj": page_obj,
                "news": page_obj.object_list,
                "active_filters": active,
                "categories": NewsCategory.objects.all(),
                "months": self.news_items().dates("date", "month", order="DESC")[:24],
            }
        )
        return context


def parse_month(value):
    """'2026-11' -> date(2026, 11, 1); anything else -> None."""
    try:
        return datetime.datetime.strptime(value.strip()[:7], "%Y-%m").date()
    except ValueError:
        return None


class NewsPageQuerySet(PageQuerySet):
    def for_detail(self):
        """Everything the detail page shows about the item itself, in three queries."""
        return self.select_related("hero_image", "social_image", "source_unit").prefetch_related(
            "categories", "tags"
        )


class NewsPage(NewsSocialMixin, ViewRestrictionsInOneQueryMixin, Page):
    """One news item as it moves through the SOP and out to the public."""

    date = models.DateTimeField(_("tanggal terbit"), default=timezone.now, db_index=True)
    summary = models.TextField(
        _("ringkasan (lead)"),
        max_length=400,
        help_text=_(
            "Satu atau dua kalimat pembuka; dipakai di daftar berita, umpan dan media sosial."
        ),
    )
    hero_image = models.ForeignKey(
        "core.WartaImage",
        verbose_name=_("gambar utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("teks alternatif gambar utama"),
        max_length=250,
        blank=True,
        help_text=_("Deskripsikan isi gambar untuk pembaca tunanetra. Wajib bila ada gambar."),
    )
    hero_caption = models.CharField(_("keterangan gambar utama"), max_length=300, blank=True)
    body = StreamField(NewsBodyBlock(), verbose_name=_("isi berita"))
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("kategori"), blank=True, related_name="news_pages"
    )
    tags = ClusterTaggableManager(verbose_name=_("tag"), through=NewsPageTag, blank=True)
    source_unit = models.ForeignKey(
        SourceUnit,
        verbose_name=_("unit sumber"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_pages",
    )
    reporter = models.CharField(_("penulis/reporter"), max_length=150, blank=True)
    location = models.CharField(_("lokasi"), max_length=150, blank=True)
    featured = models.BooleanField(_("berita utama"), default=False)
    social_image = models.ForeignKey(
        "core.WartaImage",
        verbose_name=_("gambar media sosial"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kosongkan untuk memakai gambar utama."),
    )
    # The posts' texts are part of the item, so they are in every revision: the SOP's
    # moderators approve them with the article, and a change after approval is a new
    # revision that must be approved again before it is published or posted.
    social_caption_x = models.TextField(_("teks untuk X"), blank=True)
    social_caption_facebook = models.TextField(_("teks untuk Facebook"), blank=True)
    social_caption_instagram = models.TextField(_("teks untuk Instagram"), blank=True)
    social_caption_telegram = models.TextField(_("teks untuk Telegram"), blank=True)
    social_hashtags = models.CharField(
        _("tagar"), max_length=255, blank=True, help_text=_("Contoh: #KotaBekasi #Bekasi")
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("location")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_caption")],
            heading=_("Gambar utama"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("source_unit"),
                FieldPanel("reporter"),
                FieldPanel("featured"),
            ],
            heading=_("Klasifikasi"),
        ),
    ]
    promote_panels = Page.promote_panels
    social_panels = [
        FieldPanel("social_image"),
        FieldPanel("social_hashtags"),
        *(
            FieldPanel(f"social_caption_{network}", widget=CaptionTextarea(network))
            for network in captions.NETWORKS
        ),
    ]
    # Wagtail's own tab names (its catalog translates them) and a social media tab.
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(social_panels, heading=_("Media sosial")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("reporter"),
        index.SearchField("location"),
        index.FilterField("date"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("rendered_body"),
        APIField("hero_alt"),
        APIField("hero_caption"),
        APIField(
            "hero_thumbnail",
            serializer=ImageRenditionField("fill-400x300|format-webp", source="hero_image"),
        ),
        APIField(
            "hero_medium",
            serializer=ImageRenditionField("width-800|format-webp", source="hero_image"),
        ),
        APIField(
            "hero_large",
            serializer=ImageRenditionField("width-1600|format-webp", source="hero_image"),
        ),
        APIField("category_list"),
        APIField("tag_list"),
        APIField("source_unit_name"),
        APIField("reporter"),
        APIField("location"),
        APIField("public_url"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    base_form_class = NewsPageForm

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = _("berita")

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt.strip():
            raise ValidationError(
                {"hero_alt": _("Teks alternatif wajib diisi bila gambar utama dipasang.")}
            )

    def save_revision(self, *args, overwrite_revision=None, **kwargs):
        """Autosave overwrites its own latest revision in place, but never one that is live or
        under moderation: what was published or is being approved stays as it was, and the
        edit becomes a revision of its own."""
        if overwrite_revision is not None and (
            overwrite_revision.pk == self.live_revision_id
            or overwrite_revision.task_states.exists()
        ):
            overwrite_revision = None
        return super().save_revision(*args, overwrite_revision=overwrite_revision, **kwargs)

    # Values the API and feeds expose; derived, never stored twice.
    @property
    def rendered_body(self):
        return [
            {"type": block.block_type, "id": block.id, "html": str(block.render())}
            for block in self.body
        ]

    @property
    def category_list(self):
        return [{"name": c.name, "slug": c.slug} for c in self.categories.all()]

    @property
    def tag_list(self):
        return [t.name for t in self.tags.all()]

    @property
    def source_unit_name(self):
        return self.source_unit.name if self.source_unit_id else None

    @property
    def public_url(self):
        return self.full_url

    def related_news(self, limit=3):
        """Other live news sharing a category, newest first.

        Renditions come from the rendition cache: prefetching them would cost a query
        for three images that are almost always cached.
        """
        category_ids = [c.pk for c in self.categories.all()]
        siblings = (
            NewsPage.objects.sibling_of(self, inclusive=False)
            .live()
            .public()
            .select_related("hero_image")
            .order_by("-date")
        )
        if category_ids:
            siblings = siblings.filter(categories__in=category_ids).distinct()
        return list(siblings[:limit])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = self.related_news()
        return context
