"""The admin screens for social accounts and the delivery ledger, on wagtail-modeladmin.

modeladmin rather than a ModelViewSet because the user asked for it: these are plain model
screens (a list with filters, a form), which is what modeladmin does, and it works on
Wagtail 8 without warnings. What a user may see is scoped to their agencies by
access.py; the actions that change something (resume, retry, mark as sent) are POST views in
views.py that call actions.py.
"""

from django.contrib.admin import SimpleListFilter, display
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.models import Site
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup

from . import access, actions
from .models import Delivery, SocialAccount


def ledger_url():
    """The ledger's list screen (views.py and the dashboard panel link to it)."""
    return reverse("social_sync_delivery_modeladmin_index")


def accounts_url():
    """The accounts' list screen."""
    return reverse("social_sync_socialaccount_modeladmin_index")


class ScopedPermissionHelper(PermissionHelper):
    """The model's permissions, and on top of them: only rows of the user's agencies."""

    def in_scope(self, user, obj):
        raise NotImplementedError

    def user_can_inspect_obj(self, user, obj):
        return super().user_can_inspect_obj(user, obj) and self.in_scope(user, obj)

    def user_can_edit_obj(self, user, obj):
        return super().user_can_edit_obj(user, obj) and self.in_scope(user, obj)

    def user_can_delete_obj(self, user, obj):
        return super().user_can_delete_obj(user, obj) and self.in_scope(user, obj)


# Accounts ---------------------------------------------------------------------------------------


class AccountPermissionHelper(ScopedPermissionHelper):
    def in_scope(self, user, obj):
        return access.can_see_site(user, obj.site_id)


class AccountForm(WagtailAdminModelForm):
    """Only the user's own agencies can be chosen for an account."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "site" in self.fields:
            self.fields["site"].queryset = Site.objects.filter(
                pk__in=access.site_ids_for_user(for_user)
            ).order_by("hostname")


class AccountButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if obj.paused and self.permission_helper.user_can_edit_obj(self.request.user, obj):
            buttons.insert(
                0,
                {
                    "url": reverse("social_sync:resume_account", args=[obj.pk]),
                    "label": _("Lanjutkan"),
                    "classname": self.finalise_classname(["button-small"]),
                    "title": _("Lanjutkan kiriman ke akun ini setelah kredensial diperbaiki"),
                },
            )
        return buttons


class SocialAccountAdmin(ModelAdmin):
    model = SocialAccount
    menu_label = gettext_lazy("Akun")
    menu_icon = "group"
    permission_helper_class = AccountPermissionHelper
    button_helper_class = AccountButtonHelper
    list_display = ("name", "agency", "network", "enabled", "pause_state")
    list_filter = ("network", "enabled", "paused")
    list_select_related = ("site",)
    search_fields = ("name",)
    history_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("site"), FieldPanel("network")]),
            FieldPanel("name"),
            FieldPanel("simulates"),
            FieldPanel("enabled"),
            FieldPanel("credentials_env"),
            FieldPanel("delete_on_unpublish"),
        ],
        base_form_class=AccountForm,
    )

    def get_queryset(self, request):
        return access.accounts_for_user(request.user).select_related("site")

    @display(description=gettext_lazy("instansi"))
    def agency(self, obj):
        return obj.site.site_name or obj.site.hostname

    @display(description=gettext_lazy("dijeda"))
    def pause_state(self, obj):
        if not obj.paused:
            return _("tidak")
        return format_html(
            "<strong>{}</strong><div class='w-help-text'>{}</div>", _("dijeda"), obj.paused_reason
        )


# The delivery ledger ----------------------------------------------------------------------------


class DeliveryPermissionHelper(ScopedPermissionHelper):
    """Read-only: rows are written by publication and the worker, never by hand. The two
    things a person may do (retry, mark as sent) are separate POST views."""

    def in_scope(self, user, obj):
        return access.can_see_site(user, obj.account.site_id)

    def user_can_list(self, user):
        return access.can_view_deliveries(user)

    def user_can_inspect_obj(self, user, obj):
        return access.can_view_deliveries(user) and self.in_scope(user, obj)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class DeliveryButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if not access.can_act_on_deliveries(self.request.user):
            return buttons
        small = self.finalise_classname(["button-small"])
        if obj.status in actions.RETRYABLE:
            buttons.insert(
                0,
                {
                    "url": reverse("social_sync:retry", args=[obj.pk]),
                    "label": _("Coba lagi"),
                    "classname": small,
                    "title": _("Kirim ulang kiriman ini"),
                },
            )
        if obj.status == Delivery.Status.NEEDS_ATTENTION:
            buttons.insert(
                1,
                {
                    "url": reverse("social_sync:mark_sent", args=[obj.pk]),
                    "label": _("Tandai terkirim"),
                    "classname": small,
                    "title": _("Unggahan sudah ada di jaringan; catat sebagai terkirim"),
                },
            )
        return buttons


class AgencyFilter(SimpleListFilter):
    """By agency, offering only the user's own (the stock related filter would list all)."""

    title = gettext_lazy("instansi")
    parameter_name = "instansi"

    def lookups(self, request, model_admin):
        sites = Site.objects.filter(pk__in=access.site_ids_for_user(request.user))
        return [(str(site.pk), site.site_name or site.hostname) for site in sites]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(account__site_id=self.value())
        return queryset


class DeliveryAdmin(ModelAdmin):
    model = Delivery
    menu_label = gettext_lazy("Buku kiriman")
    menu_icon = "list-ul"
    permission_helper_class = DeliveryPermissionHelper
    button_helper_class = DeliveryButtonHelper
    inspect_view_enabled = True
    history_view_enabled = False
    list_display = (
        "item",
        "account_display",
        "status_display",
        "attempts",
        "next_attempt_at",
        "error_display",
        "remote_link",
        "created_at",
    )
    list_display_add_buttons = "item"
    list_filter = ("status", "account__network", AgencyFilter, "created_at")
    list_select_related = ("account", "account__site")
    search_fields = ("page_title",)
    inspect_view_fields = (
        "page_title",
        "account",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error_kind",
        "last_error",
        "remote_url",
        "created_at",
        "sent_at",
        "payload",
    )

    def get_queryset(self, request):
        return access.deliveries_for_user(request.user).select_related("account", "account__site")

    @display(description=gettext_lazy("berita"), ordering="page_title")
    def item(self, obj):
        return obj.page_title

    @display(description=gettext_lazy("akun"))
    def account_display(self, obj):
        return format_html(
            "{}<div class='w-help-text'>{}</div>",
            obj.account.name,
            obj.account.get_network_display(),
        )

    @display(description=gettext_lazy("status"), ordering="status")
    def status_display(self, obj):
        return format_html(
            "<span class='w-status social-status social-status--{}'>{}</span>",
            obj.status,
            obj.get_status_display(),
        )

    @display(description=gettext_lazy("galat terakhir"))
    def error_display(self, obj):
        if not obj.last_error:
            return ""
        return format_html(
            "{}<div class='w-help-text'>{}</div>", obj.last_error, obj.get_last_error_kind_display()
        )

    @display(description=gettext_lazy("unggahan"))
    def remote_link(self, obj):
        if not obj.remote_url:
            return ""
        return format_html(
            "<a href='{}' target='_blank' rel='noopener noreferrer'>{}</a>",
            obj.remote_url,
            _("Lihat unggahan"),
        )


class SocialSyncAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Media sosial")
    menu_icon = "globe"
    menu_order = 260
    items = (DeliveryAdmin, SocialAccountAdmin)
