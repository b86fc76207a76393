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
from .publishing import OUTSIDE_SOP_ACTION


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
