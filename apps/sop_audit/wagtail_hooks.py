"""Admin registration of the SOP app: its URLs under /admin/sop/, the "SOP" menu item, the
page views that explain a refused workflow action, and every way to publish a page, closed to
SOP news but its SOP and the operators' emergency publication.

The views and their permission rule live in views.py and page_views.py; the workflow inbox
and the page editor show the current step through template overrides (templates/wagtailadmin/)
that use the sop_tags template tags.
"""

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from . import access, page_views, report_views, views
from .approvals import SENT_BACK_ACTION
from .emergency import EMERGENCY_ACTION
from .governance import has_sop_news_drafts_below, is_sop_news, sop_of
from .panels import MyStepsPanel
from .publications import OUTSIDE_SOP_ACTION
from .viewsets import working_calendar_viewset


@hooks.register("register_admin_urls")
def register_sop_urls():
    urls = [
        path("", views.SopIndexView.as_view(), name="index"),
        path("<int:pk>/", views.SopDetailView.as_view(), name="detail"),
        path("<int:pk>/cetak/", views.SopPrintView.as_view(), name="print"),
        path(
            "darurat/<int:page_id>/",
            page_views.EmergencyPublishView.as_view(),
            name="emergency_publish",
        ),
    ]
    return [path("sop/", include((urls, "sop_audit"), namespace="sop_audit"))]


class SopMenuItem(MenuItem):
    def is_shown(self, request):
        return access.user_can_see_sops(request.user)


# After Wagtail's own (order 0): the last viewset registered for Page serves every page type
# that has none of its own.
@hooks.register("register_admin_viewset", order=1)
def register_page_viewset():
    return page_views.page_viewset


@hooks.register("register_admin_menu_item")
def register_sop_menu_item():
    return SopMenuItem(
        _("SOP"), reverse("sop_audit:index"), name="sop", icon_name="clipboard-list", order=250
    )


@hooks.register("register_log_actions")
def register_sop_log_actions(actions):
    actions.register_action(
        OUTSIDE_SOP_ACTION, _("Terbitkan di luar SOP"), _("Diterbitkan di luar SOP")
    )

    @actions.register_action(EMERGENCY_ACTION)
    class EmergencyPublication(LogFormatter):
        label = _("Terbit darurat (di luar SOP)")

        def format_message(self, log_entry):
            return gettext("Diterbitkan darurat di luar SOP. Alasan: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }

    @actions.register_action(SENT_BACK_ACTION)
    class SentBack(LogFormatter):
        label = _("Dikembalikan karena isi berubah")

        def format_message(self, log_entry):
            return log_entry.data.get("reason") or gettext("Dikembalikan karena isi berubah")


# Working time: the dashboard's "Langkah saya" and the agencies' working calendars.


@hooks.register("construct_homepage_panels")
def add_my_steps_panel(request, panels):
    panel = MyStepsPanel.for_user(request.user)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_admin_viewset")
def register_working_calendar_viewset():
    return working_calendar_viewset


# The SOP report ("Laporan SOP"): report, downloads, one item's SOP record (report_views.py).
# Its own namespace, mounted beside /admin/sop/: the paths of the SOP views come first.


@hooks.register("register_admin_urls")
def register_sop_report_urls():
    urls = [
        path("", report_views.ReportView.as_view(), name="index"),
        path(
            "unduh/<slug:kind>.<slug:extension>",
            report_views.ReportDownloadView.as_view(),
            name="download",
        ),
        path("berita/<int:page_id>/", report_views.ItemRecordView.as_view(), name="item"),
        path(
            "berita/<int:page_id>/pdf/", report_views.ItemRecordPdfView.as_view(), name="item_pdf"
        ),
    ]
    return [path("sop/laporan/", include((urls, "sop_reports"), namespace="sop_reports"))]


class SopReportMenuItem(MenuItem):
    def is_shown(self, request):
        return access.sites_for_user(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_sop_report_menu_item():
    return SopReportMenuItem(
        _("Laporan SOP"),
        reverse("sop_reports:index"),
        name="sop-report",
        icon_name="table",
        order=251,
    )


# Publishing SOP news: only its SOP, or the emergency publication -------------------------------


class EmergencyPublishMenuItem(ActionMenuItem):
    label = _("Terbitkan darurat (di luar SOP)")
    name = "action-emergency-publish"
    icon_name = "warning"
    order = 900

    def get_url(self, parent_context):
        return reverse("sop_audit:emergency_publish", args=[parent_context["page"].pk])


@hooks.register("construct_page_action_menu")
def replace_publish_on_sop_news(menu_items, request, context):
    """SOP news offers no Publish; its superusers get the emergency publication instead."""
    page = context.get("page")
    subject = page if page is not None else context.get("parent_page")
    if subject is None:
        return
    page_class = None if page is not None else _created_page_class(request)
    if not is_sop_news(subject, page_class):
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    if page is not None and context.get("view") == "edit" and request.user.is_superuser:
        menu_items.append(EmergencyPublishMenuItem())


def _created_page_class(request):
    """The page type the add view creates, from its URL (its action menu is not told)."""
    match = request.resolver_match
    kwargs = match.kwargs if match is not None else {}
    try:
        content_type = ContentType.objects.get_by_natural_key(
            kwargs["content_type_app_name"], kwargs["content_type_model_name"]
        )
    except (KeyError, ContentType.DoesNotExist):
        return None
    return content_type.model_class()


def _refuse(request, message):
    messages.error(request, message)
    return redirect(request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home"))


@hooks.register("before_bulk_action")
def refuse_bulk_publication_of_sop_news(request, action_type, objects, action_class_instance):
    """Bulk Publish (with the drafts below the chosen pages, if asked) and a bulk Move that a
    single move would refuse: each would put news before the public that its SOP did not
    approve."""
    if action_type == "publish":
        with_descendants = bool(request.POST.get("include_descendants"))
        if any(
            is_sop_news(page) or (with_descendants and has_sop_news_drafts_below(page))
            for page in objects
        ):
            return _refuse(request, page_views.PUBLISH_REFUSED)
    if action_type == "move":
        destination = Page.objects.filter(pk=request.POST.get("chooser") or 0).first()
        reasons = [move_refusal(page, destination) for page in objects] if destination else []
        if any(reasons):
            return _refuse(request, next(reason for reason in reasons if reason))
    return None


@hooks.register("before_copy_page")
def refuse_publishing_copies_into_sop_news(request, page):
    """A copy published at once, or an alias (live as its original is), would reach the
    public under an SOP that never approved it."""
    if request.method != "POST":
        return None
    if not (request.POST.get("publish_copies") or request.POST.get("alias")):
        return None
    destination = Page.objects.filter(pk=request.POST.get("new_parent_page") or 0).first()
    if is_sop_news(page) or (
        destination is not None and is_sop_news(destination, page.specific_class)
    ):
        return _refuse(
            request,
            gettext(
                "Salinan atau alias berita SOP tidak dapat langsung tayang: salin sebagai draf, "
                "lalu ajukan melalui SOP."
            ),
        )
    return None


MOVE_REFUSED = _(
    "Berita yang tayang tidak dapat dipindahkan ke bagian berita dengan SOP lain: di sana berita "
    "ini belum disetujui."
)
MOVE_OUT_REFUSED = _(
    "Berita SOP tidak dapat dipindahkan ke bagian berita tanpa SOP: di sana berita dapat "
    "terbit tanpa persetujuan siapa pun."
)


def move_refusal(page, destination):
    """Why moving `page` under `destination` would put news before the public that no SOP
    approved there, or None."""
    if not is_sop_news(page):
        return None
    if not is_sop_news(destination, page.specific_class):
        return MOVE_OUT_REFUSED
    if page.live and sop_of(page) != sop_of(destination):
        return MOVE_REFUSED
    return None


@hooks.register("before_move_page")
def refuse_moving_news_around_its_sop(request, page, destination):
    """Live news moved under another agency's SOP would be live there unapproved; any SOP news
    moved where no SOP governs could be published there by a superuser's plain Publish."""
    reason = move_refusal(page, destination)
    return _refuse(request, reason) if reason else None
