"""Admin registration of the SOP app: its URLs under /admin/sop/, the "SOP" menu item, and
the page views that explain a refused workflow action.

The views and their permission rule live in views.py; the workflow inbox and the page
editor show the current step through template overrides (templates/wagtailadmin/) that use
the sop_tags template tags.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .panels import MyStepsPanel
from .publishing import OUTSIDE_SOP_ACTION
from .viewsets import working_calendar_viewset


@hooks.register("register_admin_urls")
def register_sop_urls():
    urls = [
        path("", views.SopIndexView.as_view(), name="index"),
        path("<int:pk>/", views.SopDetailView.as_view(), name="detail"),
        path("<int:pk>/cetak/", views.SopPrintView.as_view(), name="print"),
    ]
    return [path("sop/", include((urls, "sop_audit"), namespace="sop_audit"))]


class SopMenuItem(MenuItem):
    def is_shown(self, request):
        return views.user_can_see_sops(request.user)


# After Wagtail's own (order 0): the last viewset registered for Page serves every page type
# that has none of its own.
@hooks.register("register_admin_viewset", order=1)
def register_page_viewset():
    return views.page_viewset


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
    from . import report_views

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
        from .access import sites_for_user

        return sites_for_user(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_sop_report_menu_item():
    return SopReportMenuItem(
        _("Laporan SOP"),
        reverse("sop_reports:index"),
        name="sop-report",
        icon_name="table",
        order=251,
    )
