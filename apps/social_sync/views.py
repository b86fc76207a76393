"""Admin views of social sync: the ledger's actions, an account's resume, and a news item's
social settings with its per-account status.

Thin by design: who may act is access.py's and the model permissions' answer, what happens is
actions.py's. Each action is a GET that asks for confirmation and a POST (CSRF-protected by
Django's middleware) that does it; a refused action becomes an admin message, never a 500.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.log_actions import LogContext
from wagtail.models import Page

from . import access, actions
from .forms import MarkSentForm, PageSocialSettingsForm
from .modeladmin import accounts_url, ledger_url
from .models import Delivery, PageSocialSettings, SocialAccount
from .publication import is_shareable

# The ledger's actions ---------------------------------------------------------------------------


class DeliveryActionView(View):
    template_name = "social_sync/admin/delivery_action.html"
    heading = ""
    question = ""
    submit_label = ""

    def dispatch(self, request, pk):
        if not access.can_act_on_deliveries(request.user):
            raise PermissionDenied
        self.delivery = get_object_or_404(
            access.deliveries_for_user(request.user).select_related("account", "account__site"),
            pk=pk,
        )
        return super().dispatch(request, pk)

    def get_form(self):
        return None

    def render(self, form=None):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "delivery": self.delivery,
                "form": form,
                "heading": self.heading,
                "question": self.question,
                "submit_label": self.submit_label,
                "ledger_url": ledger_url(),
            },
        )

    def get(self, request, pk):
        return self.render(self.get_form())

    def perform(self, action, success):
        """Run one ledger action as the signed-in user, in one transaction; a refusal becomes
        an error message, success the given message, and both return to the ledger."""
        try:
            with LogContext(user=self.request.user), transaction.atomic():
                action()
        except actions.ActionRefused as error:
            messages.error(self.request, error.message)
        else:
            messages.success(
                self.request,
                success % {"title": self.delivery.page_title, "account": self.delivery.account},
            )
        return redirect(ledger_url())


class RetryView(DeliveryActionView):
    heading = gettext_lazy("Coba lagi")
    submit_label = gettext_lazy("Ya, kirim lagi")

    @property
    def question(self):
        return _("Kirim lagi \u201c%(title)s\u201d ke %(account)s?") % {
            "title": self.delivery.page_title,
            "account": self.delivery.account,
        }

    def post(self, request, pk):
        return self.perform(
            lambda: actions.retry(self.delivery, user=request.user),
            _("Kiriman \u201c%(title)s\u201d ke %(account)s masuk antrean lagi."),
        )


class MarkSentView(DeliveryActionView):
    heading = gettext_lazy("Tandai terkirim")
    submit_label = gettext_lazy("Tandai terkirim")

    @property
    def question(self):
        return _(
            "Anda sudah memeriksa %(account)s dan menemukan unggahan \u201c%(title)s\u201d di sana?"
        ) % {"title": self.delivery.page_title, "account": self.delivery.account}

    def get_form(self):
        return MarkSentForm()

    def post(self, request, pk):
        form = MarkSentForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        return self.perform(
            lambda: actions.mark_sent(self.delivery, form.cleaned_data["remote_url"], request.user),
            _("Kiriman \u201c%(title)s\u201d ke %(account)s ditandai terkirim."),
        )


# Accounts ---------------------------------------------------------------------------------------


class ResumeAccountView(View):
    template_name = "social_sync/admin/resume_account.html"

    def dispatch(self, request, pk):
        if not access.can_change_accounts(request.user):
            raise PermissionDenied
        self.account = get_object_or_404(
            access.accounts_for_user(request.user).select_related("site"), pk=pk
        )
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return TemplateResponse(
            request,
            self.template_name,
            {"account": self.account, "accounts_url": accounts_url()},
        )

    def post(self, request, pk):
        if not self.account.paused:
            messages.warning(
                request, _("Akun %(account)s tidak sedang dijeda.") % {"account": self.account}
            )
            return redirect(accounts_url())
        with transaction.atomic():
            waiting = actions.resume_account(self.account)
        messages.success(
            request,
            _("Akun %(account)s dilanjutkan; %(count)s kiriman yang menunggu dikirim sekarang.")
            % {"account": self.account, "count": len(waiting)},
        )
        return redirect(accounts_url())


# A news item's social media ---------------------------------------------------------------------


def latest_by_account(page, accounts):
    """Each account's latest delivery of the item (or None), in two queries whatever the count."""
    latest = {}
    rows = (
        Delivery.objects.filter(page_key=page.pk)
        .select_related("account")
        .order_by("account_id", "-created_at", "-pk")
    )
    for delivery in rows:
        latest.setdefault(delivery.account_id, delivery)
    shown = {account.pk: account for account in accounts}
    for delivery in latest.values():  # an account since disabled still shows what it got
        shown.setdefault(delivery.account_id, delivery.account)
    return [(account, latest.get(pk)) for pk, account in shown.items()]


class PageSocialMixin:
    """The item, when it is a news item and the user may edit it; 404 or 403 otherwise."""

    def dispatch(self, request, page_id):
        page = get_object_or_404(Page, pk=page_id)
        if not is_shareable(page.specific_deferred):
            raise Http404
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.page = page.specific
        return super().dispatch(request, page_id)

    def status_rows(self):
        accounts = SocialAccount.objects.filter(site=self.page.get_site(), enabled=True).order_by(
            "network", "name"
        )
        return latest_by_account(self.page, accounts)


class PageSocialSettingsView(PageSocialMixin, View):
    template_name = "social_sync/admin/page_settings.html"

    def get_instance(self):
        return PageSocialSettings.objects.filter(page=self.page).first() or PageSocialSettings(
            page=self.page
        )

    def render(self, form):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "page": self.page,
                "form": form,
                # The texts of the newest revision: what the next approval would send.
                "posts": self.page.get_latest_revision_as_object().social_posts(),
                "rows": self.status_rows(),
                "ledger_url": ledger_url() if access.can_view_deliveries(self.request.user) else "",
            },
        )

    def get(self, request, page_id):
        return self.render(PageSocialSettingsForm(instance=self.get_instance(), page=self.page))

    def post(self, request, page_id):
        form = PageSocialSettingsForm(request.POST, instance=self.get_instance(), page=self.page)
        if not form.is_valid():
            messages.validation_error(
                request, _("Pengaturan media sosial belum disimpan; periksa isian di bawah."), form
            )
            return self.render(form)
        form.save()
        messages.success(
            request,
            _("Pengaturan media sosial \u201c%(title)s\u201d disimpan.")
            % {"title": self.page.title},
        )
        return redirect("social_sync:page_settings", self.page.pk)


class PageSocialStatusView(PageSocialMixin, View):
    """The fragment the edit view's status panel loads (edit-panel.js): every account's
    latest delivery of the item."""

    template_name = "social_sync/admin/page_status.html"

    def get(self, request, page_id):
        rows = self.status_rows()
        if not rows:
            return HttpResponse(status=204)
        return TemplateResponse(
            request,
            self.template_name,
            {
                "page": self.page,
                "rows": rows,
                "ledger_url": ledger_url() if access.can_view_deliveries(request.user) else "",
            },
        )
