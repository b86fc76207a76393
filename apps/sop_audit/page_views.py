"""Wagtail's page views as the SOP changes them.

- A workflow action that a step refuses (four-eyes, a missing disposition or reason, changed
  content, a step already acted on) says why, in the modal or as a message, and nothing of the
  refused request is kept. Wagtail would answer with its generic "no permission" on the
  dashboard, and the page editor would keep the revision it saved before the step refused.
- The page editor's action data is checked before anything happens: data that is not what the
  action's form posts is a 400 with the reason.
- A change of content at a step that may not edit cannot be saved together with an action;
  saved on its own, it sends the item back (approvals.py) and the editor is told where to.
- SOP news has no Publish: it goes live through its SOP's last step or, for a superuser, by the
  emergency publication (EmergencyPublishView), which asks why and records it.
"""

import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, TaskState, WorkflowState

from . import approvals
from .emergency import EmergencyRefused, emergency_publish
from .governance import is_sop_news, sop_of
from .models import sop_step_of
from .moderation import ACTION_FIELDS
from .records import scheduled_go_live
from .sendback import running_task_state_id

PUBLISH_REFUSED = gettext_lazy(
    "Berita ini hanya terbit melalui SOP-nya: ajukan untuk dimoderasi; langkah terakhir SOP "
    "menerbitkannya. Bila keadaan darurat, operator dapat memakai “Terbitkan darurat (di luar "
    "SOP)” dengan menyebutkan alasannya."
)


def is_modal_request(request):
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


def action_data_problem(raw):
    """Why the editor's posted action data (``workflow-action-extra-data``) is not what an
    action's form posts, or None. Wagtail would hand it on to the step as keyword arguments."""
    try:
        data = json.loads(raw)
    except ValueError:
        return gettext("Data tindakan alur kerja tidak sah: bukan JSON.")
    if not isinstance(data, dict):
        return gettext("Data tindakan alur kerja tidak sah: harus berupa objek JSON.")
    unknown = sorted(set(data) - ACTION_FIELDS)
    if unknown:
        return gettext("Data tindakan alur kerja tidak sah: isian tidak dikenal %(fields)s.") % {
            "fields": ", ".join(unknown)
        }
    if not all(isinstance(value, str) for value in data.values()):
        return gettext("Data tindakan alur kerja tidak sah: setiap isian harus berupa teks.")
    return None


def running_task_state(page):
    """The task state running on `page`'s workflow now, read from the database."""
    state_id = running_task_state_id(page)
    if state_id is None:
        return None
    return TaskState.objects.select_related("task").filter(pk=state_id).first()


class SopWorkflowActionView(WorkflowActionView):
    """The workflow action modal's view (and the dashboard's direct "Setujui" buttons)."""

    refused_template_name = "sop_audit/admin/workflow_action_refused.html"

    def get_base_object_queryset(self):
        # What the action checks read (the item's running workflow state, for Wagtail's "in
        # moderation" test and four-eyes, and its latest revision), loaded with the item.
        return (
            super()
            .get_base_object_queryset()
            .select_related("latest_revision")
            .prefetch_workflow_states()
        )

    def get_task_state(self):
        # With its workflow state: the step locks the item that state names (moderation.py).
        # Wagtail does not check that the step in the URL belongs to the item in the URL.
        task_state = get_object_or_404(
            TaskState.objects.select_related("task", "workflow_state"), id=self.task_state_id
        )
        if task_state.workflow_state.object_id != str(self.object.pk):
            raise Http404
        return task_state.specific

    def check_action(self):
        try:
            super().check_action()
        except PermissionDenied:
            explain = getattr(self.task, "action_refusal", None)
            reason = explain and explain(self.object, self.request.user, self.action_name)
            if reason:
                raise PermissionDenied(reason) from None
            raise

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as refusal:
            if not str(refusal):
                raise  # not ours: Wagtail's own answer (the dashboard, or a 403 to the modal)
            return self.refused(str(refusal))

    def refused(self, reason):
        if is_modal_request(self.request):
            # The modal shows what it is sent; an error status would only give it a generic
            # "server error" alert.
            return render_modal_workflow(
                self.request,
                self.refused_template_name,
                None,
                {"reason": reason, "object": self.object},
                json_data={"step": "refused"},
            )
        messages.error(self.request, reason)
        return redirect(self.redirect_url)


class SopEditorMixin:
    """The page editor (edit and revert views) under an SOP.

    The combined save-and-act ("Setujui", "Kembalikan" in its action menu): Wagtail saves the
    form (and a revision, if the content changed) before it asks the step to act. A step that
    refuses the combination outright (a step that may not edit, or four-eyes: whoever changes
    the text becomes its author) is asked first, before anything is saved. Otherwise saving and
    acting are one transaction: when the step refuses, the save is undone. Either way the
    editor is shown again with what was posted and the reason.
    """

    def post(self, request, *args, **kwargs):
        # The item's row is locked first, as an approval locks it before its step's row
        # (moderation.py): a save that sends the item back and an approval of the same step
        # then follow each other instead of each waiting for the other.
        with transaction.atomic():
            list(Page.objects.select_for_update().filter(pk=self.page.pk).values_list("pk"))
            return super().post(request, *args, **kwargs)

    def publish_action(self):
        if is_sop_news(self.page):
            messages.error(self.request, PUBLISH_REFUSED)
            self.has_unsaved_changes = True
            return self.render_to_response(self.get_context_data())
        return super().publish_action()

    def perform_workflow_action(self):
        problem = action_data_problem(self.request.POST.get("workflow-action-extra-data", "{}"))
        if problem:
            return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
        if self.has_content_changes or self.is_reverting:
            explain = getattr(self.page.current_workflow_task, "edit_and_act_refusal", None)
            reason = explain and explain(self.page, self.request.user, self.workflow_action)
            if reason:
                return self.workflow_action_refused(reason)
        try:
            with transaction.atomic():
                return super().perform_workflow_action()
        except PermissionDenied as refusal:
            return self.workflow_action_refused(str(refusal))

    def workflow_action_refused(self, reason):
        reason = reason or gettext("Tindakan ini tidak diizinkan pada langkah ini.")
        if self.has_content_changes or self.is_reverting:
            reason = " ".join([reason, gettext("Perubahan Anda belum disimpan.")])
        messages.error(self.request, reason)
        # The saved objects were rolled back but not their copies in memory: bind the posted
        # data again to the item as the database has it.
        self.page = self.get_object()
        self.form = self.form_class(
            self.request.POST,
            self.request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=self.request.user,
        )
        self.form.is_valid()
        self.has_unsaved_changes = self.has_content_changes or self.is_reverting
        return self.render_to_response(self.get_context_data())

    def save_action(self):
        before = running_task_state(self.page)
        response = super().save_action()
        self.tell_if_sent_back(before)
        return response

    def submit_action(self):
        rejected = None
        if self.workflow_state and self.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            rejected = self.workflow_state.current_task_state
        response = super().submit_action()
        if rejected is not None:
            self.tell_where_resumed(rejected)
        return response

    def tell_if_sent_back(self, before):
        """A save that sent the item back (sendback.send_back) says so, and where to."""
        if before is None:
            return
        before.refresh_from_db(fields=["status", "comment"])
        if before.status == TaskState.STATUS_CANCELLED and before.comment:
            messages.warning(self.request, before.comment)

    def tell_where_resumed(self, rejected):
        """A resubmission that starts before the rejecting step (changed content) says so."""
        now = running_task_state(self.page)
        if now is None or now.task_id == rejected.task_id:
            return
        messages.warning(
            self.request,
            gettext(
                "Isi berita berubah sejak dikembalikan di Langkah %(rejecting)s, jadi berita "
                "diperiksa ulang mulai Langkah %(restart)s."
            )
            % {
                "rejecting": rejected.task.specific.number,
                "restart": now.task.specific.number,
            },
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Autosave would send the item back while its moderator is still typing: only an
        # explicit save does, with the editor saying so beforehand (sop_tags).
        state = self.page.current_workflow_task_state
        step = sop_step_of(state)
        if step is not None and not approvals.may_change_content(step, self.request.user):
            context["autosave_enabled"] = False
        return context


class SopEditView(SopEditorMixin, EditView):
    pass


class SopRevisionsRevertView(SopEditorMixin, RevisionsRevertView):
    pass


class SopCreateView(CreateView):
    """A new item under an SOP is saved or submitted, never published from here."""

    def publish_action(self):
        if is_sop_news(self.parent_page, self.page_class):
            messages.error(self.request, PUBLISH_REFUSED)
            self.has_unsaved_changes = True
            return self.render_to_response(self.get_context_data())
        return super().publish_action()


class SopPageViewSet(PageViewSet):
    """Wagtail's default page views, with the SOP's editor and workflow action views."""

    add_view_class = SopCreateView
    edit_view_class = SopEditView
    revisions_revert_view_class = SopRevisionsRevertView
    workflow_action_view_class = SopWorkflowActionView


page_viewset = SopPageViewSet()


# Emergency publication ---------------------------------------------------------------------------


class EmergencyPublicationForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan penerbitan darurat"),
        max_length=2000,
        widget=forms.Textarea({"rows": 4}),
        error_messages={
            "required": gettext_lazy(
                "Alasan wajib diisi: tuliskan mengapa berita ini harus tayang di luar SOP."
            )
        },
        help_text=gettext_lazy(
            "Wajib diisi. Alasan ini masuk ke catatan SOP yang tidak dapat diubah, ke riwayat "
            "berita, dan dikirim ke atasan yang ditunjuk SOP."
        ),
    )


class EmergencyPublishView(WagtailAdminTemplateMixin, FormView):
    """A superuser publishes an SOP news item outside its SOP, saying why (emergency.py)."""

    template_name = "sop_audit/admin/emergency_publish.html"
    form_class = EmergencyPublicationForm
    page_title = gettext_lazy("Terbitkan darurat (di luar SOP)")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        if not is_sop_news(self.page):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": gettext("Terbitkan darurat")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        workflow_state = self.page.current_workflow_state
        revision = self.page.get_latest_revision()
        context.update(
            {
                "page": self.page,
                "revision": revision,
                "step": sop_step_of(workflow_state.current_task_state if workflow_state else None),
                "workflow_state": workflow_state,
                "sop": sop_of(self.page),
                "go_live_at": scheduled_go_live(revision),
                "compare_url": reverse(
                    "wagtailadmin_pages:revisions_compare",
                    args=(self.page.pk, "live", "latest"),
                )
                if self.page.live
                else "",
            }
        )
        return context

    def form_valid(self, form):
        try:
            emergency_publish(self.page, self.request.user, form.cleaned_data["reason"])
        except EmergencyRefused as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        page = Page.objects.get(pk=self.page.pk).specific
        if page.live and page.full_url:
            message = format_html(
                gettext(
                    "Diterbitkan darurat di luar SOP. Berita tayang di {}; alasannya tercatat "
                    "di catatan SOP dan atasan SOP diberi tahu."
                ),
                format_html(
                    '<a href="{}" target="_blank" rel="noopener">{}</a>',
                    page.full_url,
                    page.full_url,
                ),
            )
        else:
            message = gettext(
                "Dijadwalkan tayang di luar SOP; alasannya tercatat di catatan SOP dan atasan "
                "SOP diberi tahu."
            )
        messages.success(self.request, message)
        return redirect("wagtailadmin_pages:edit", self.page.pk)
