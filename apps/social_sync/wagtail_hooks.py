"""Admin registration of social sync: the "Media sosial" menu (ledger and accounts, on
wagtail-modeladmin, see modeladmin.py for why), the action and per-item URLs under
/admin/media-sosial/, the "Media sosial" button of a news item's header, the status panel of
its edit view, and the dashboard warning.

apps.news knows nothing of this app, so the edit view gets its panel without a change to
NewsPage: edit-panel.js (inserted in every editor by ``insert_editor_js``) loads the
status fragment of the page being edited into Wagtail's status side panel.
"""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail_modeladmin.options import modeladmin_register

from . import views
from .modeladmin import SocialSyncAdminGroup
from .panels import SocialWarningPanel
from .publication import is_shareable

modeladmin_register(SocialSyncAdminGroup)


@hooks.register("register_admin_urls")
def register_social_sync_urls():
    urls = [
        path("kiriman/<int:pk>/coba-lagi/", views.RetryView.as_view(), name="retry"),
        path("kiriman/<int:pk>/tandai-terkirim/", views.MarkSentView.as_view(), name="mark_sent"),
        path(
            "akun/<int:pk>/lanjutkan/",
            views.ResumeAccountView.as_view(),
            name="resume_account",
        ),
        path(
            "berita/<int:page_id>/",
            views.PageSocialSettingsView.as_view(),
            name="page_settings",
        ),
        path(
            "berita/<int:page_id>/status/",
            views.PageSocialStatusView.as_view(),
            name="page_status",
        ),
    ]
    return [path("media-sosial/", include((urls, "social_sync"), namespace="social_sync"))]


@hooks.register("register_page_header_buttons")
def social_settings_button(page, user, view_name, next_url=None):
    if is_shareable(page.specific_deferred) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Media sosial"),
            reverse("social_sync:page_settings", args=[page.pk]),
            icon_name="globe",
            priority=40,
        )


@hooks.register("insert_editor_js")
def social_status_panel_js():
    # "0" stands for the page id, which the script reads from the edit form's action URL.
    return format_html(
        '<script src="{}" data-social-status-url="{}" defer></script>',
        static("social_sync/edit-panel.js"),
        reverse("social_sync:page_status", args=[0]),
    )


@hooks.register("construct_homepage_panels")
def add_social_warning_panel(request, panels):
    panel = SocialWarningPanel.for_user(request.user)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_log_actions")
def register_social_sync_log_actions(actions):
    actions.register_action(
        "social_sync.retry", _("Coba kirim lagi ke media sosial"), _("Dicoba kirim lagi")
    )
    actions.register_action(
        "social_sync.mark_sent", _("Tandai terkirim ke media sosial"), _("Ditandai terkirim")
    )
