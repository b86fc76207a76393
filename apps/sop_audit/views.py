"""The SOP's admin views.

Read-only views of the SOPs in force: a list, one SOP, and its printable form. What is shown is
the live configuration (the step tasks and their groups), not the YAML file: the printed form is
the SOP the system actually enforces. Each agency sees its own SOPs: those of the sites on whose
news section its groups hold any page permission; superusers see all.

Wagtail's page views, extended where an SOP step refuses a workflow action (four-eyes, a missing
disposition or reason, a step already acted on): the person is told why, and nothing of the
refused request is kept. Wagtail would answer with its generic "no permission" on the dashboard,
and the page editor would keep the revision it saved before the step refused.
"""

import functools
import operator

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.models import GroupPagePermission, Page, TaskState, WorkflowPage

from apps.news.models import NewsIndexPage

from .deadlines import format_due
from .models import Sop, SopStepTask


def visible_sops(user):
    """The SOPs `user` may read: all for a superuser, else those of their agencies' sites."""
    sops = Sop.objects.select_related("site", "workflow").order_by("site__hostname", "name")
    if not user.is_active:
        return sops.none()
    if user.is_superuser:
        return sops
    granted = set(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    )
    if not granted:
        return sops.none()
    # A permission on the news section or above it applies to the section.
    sections = NewsIndexPage.objects.filter(
        functools.reduce(operator.or_, (Q(path__startswith=path) for path in granted))
    ).values_list("path", flat=True)
    homes = {path[: -Page.steplen] for path in sections}
    return sops.filter(site__root_page__path__in=homes)


def user_can_see_sops(user):
    return visible_sops(user).exists()


def actor_names(sop):
    """{group id: the actor's name as the SOP writes it}, in the SOP file's order."""
    return {actor.group_id: actor.name for actor in sop.actor_groups.order_by("pk")}


def steps_of(sop):
    """The steps in force, with their actor groups and the groups' active members."""
    members = get_user_model().objects.filter(is_active=True)
    groups = Group.objects.order_by("pk").prefetch_related(
        Prefetch(
            "user_set",
            queryset=members.order_by("first_name", "last_name", "username"),
            to_attr="active_members",
        )
    )
    return list(
        sop.current_steps().prefetch_related(
            Prefetch("groups", queryset=groups, to_attr="actor_groups")
        )
    )


def actor_columns(steps, names):
    """The form's "Pelaksana" columns, and for each step the columns it is marked in.

    Groups that only ever act together (SOP B's "Kepala Dinas/Sekretaris/Kasubag Tata Usaha",
    any one of them) share a column, as on the signed form; otherwise each group has its own.
    Columns come in the order the steps first name them.
    """
    order = {group_id: position for position, group_id in enumerate(names)}

    def key(group):
        return (order.get(group.pk, len(order)), group.pk)

    sets = []
    for step in steps:
        together = tuple(group.pk for group in sorted(step.actor_groups, key=key))
        if together and together not in sets:
            sets.append(together)
    flat = [group_id for together in sets for group_id in together]
    if len(flat) != len(set(flat)):  # a group acts alone here and with others there
        sets = [(group_id,) for group_id in dict.fromkeys(flat)]

    group_names = {group.pk: group.name for step in steps for group in step.actor_groups}
    columns = [
        {
            "names": [names.get(group_id, group_names[group_id]) for group_id in together],
            "groups": set(together),
        }
        for together in sets
    ]
    for column in columns:
        column["name"] = "/".join(column["names"])
    rows = []
    for step in steps:
        step_groups = {group.pk for group in step.actor_groups}
        rows.append(
            {
                "step": step,
                "marks": [bool(column["groups"] & step_groups) for column in columns],
                "remarks": step_remarks(step),
                "actors": [
                    {
                        "name": names.get(group.pk, group.name),
                        "group": group,
                        "members": group.active_members,
                    }
                    for group in step.actor_groups
                ],
            }
        )
    add_flow_lines(rows)
    return columns, rows


def add_flow_lines(rows):
    """Give each actor cell the line segments that join one step's marker to the next one's.

    A step's marker sits in the middle of its cell. The line leaves it downwards; in the next
    row it runs across, just below the row's top edge, to the next step's column, then drops
    onto that marker with an arrow. ``row["cells"]`` lists, per column, whether the cell is
    marked and which segments it draws (the print stylesheet knows each segment by name).
    """
    anchors = [row["marks"].index(True) if True in row["marks"] else None for row in rows]
    for position, row in enumerate(rows):
        segments = [[] for _ in row["marks"]]
        here = anchors[position]
        following = anchors[position + 1] if position + 1 < len(rows) else None
        previous = anchors[position - 1] if position else None
        if here is not None and following is not None:
            segments[here].append("out")
        if here is not None and previous is not None:
            if previous == here:
                segments[here].append("in")
            else:
                step = 1 if here > previous else -1
                segments[previous] += ["stub", "right" if step > 0 else "left"]
                for column in range(previous + step, here, step):
                    segments[column].append("across")
                segments[here] += ["left" if step > 0 else "right", "drop"]
        row["cells"] = [
            {"marked": marked, "segments": cell}
            for marked, cell in zip(row["marks"], segments, strict=True)
        ]


def step_remarks(step):
    """The Ket. column: the checks the system adds to the step."""
    remarks = []
    if step.before_submission:
        remarks.append(gettext("Sebelum pengajuan (di luar alur kerja)"))
    if step.note_required:
        remarks.append(gettext("Wajib catatan/disposisi saat menyetujui"))
    if step.four_eyes:
        remarks.append(gettext("Prinsip empat mata"))
    return remarks


def sop_context(sop):
    names = actor_names(sop)
    steps = steps_of(sop)
    columns, rows = actor_columns(steps, names)
    sections = (
        WorkflowPage.objects.filter(workflow_id=sop.workflow_id)
        .select_related("page")
        .order_by("page__path")
        if sop.workflow_id
        else []
    )
    return {
        "sop": sop,
        "columns": columns,
        "rows": rows,
        "sections": [link.page for link in sections],
        "dates": sop_dates(sop),
    }


def sop_dates(sop):
    """The form's date rows. SOP B prints "Tanggal Efektif" where SOP A prints "Pengesahan"."""
    dates = [
        (gettext("Tanggal Pembuatan"), sop.made_on),
        (gettext("Tanggal Revisi"), sop.revised_on),
    ]
    if sop.approved_on or not sop.effective_on:
        dates.append((gettext("Tanggal Pengesahan"), sop.approved_on))
    if sop.effective_on:
        dates.append((gettext("Tanggal Efektif"), sop.effective_on))
    return dates


class SopMixin:
    def get_sop(self):
        return get_object_or_404(visible_sops(self.request.user), pk=self.kwargs["pk"])


class SopIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "sop_audit/admin/sop_index.html"
    page_title = gettext_lazy("SOP")
    header_icon = "clipboard-list"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": gettext("SOP")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sops = list(visible_sops(self.request.user))
        counts = dict(
            SopStepTask.objects.filter(sop__in=sops, number__isnull=False)
            .values("sop")
            .annotate(count=Count("pk"))
            .values_list("sop", "count")
        )
        for sop in sops:
            sop.step_count = counts.get(sop.pk, 0)
        context["sops"] = sops
        return context


class SopDetailView(SopMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "sop_audit/admin/sop_detail.html"
    header_icon = "clipboard-list"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.sop = None

    def get(self, request, *args, **kwargs):
        self.sop = self.get_sop()
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("SOP")

    def get_page_subtitle(self):
        return self.sop.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("sop_audit:index"), "label": gettext("SOP")},
            {"url": "", "label": self.sop.name},
        ]

    def get_header_buttons(self):
        return [
            HeaderButton(
                gettext("Cetak formulir SOP"),
                url=reverse("sop_audit:print", args=[self.sop.pk]),
                icon_name="doc-full",
                attrs={"target": "_blank", "rel": "noopener"},
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(sop_context(self.sop))
        return context


class SopPrintView(SopMixin, TemplateView):
    """The SOP form as signed, generated from the configuration, ready to print (A4 landscape)."""

    template_name = "sop_audit/admin/sop_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sop = self.get_sop()
        context.update(sop_context(sop))
        context["printed_at"] = format_due(timezone.now())
        context["signer"] = sop.signed_by or sop.approved_by
        context["signer_name"] = (
            sop.approver_name if not sop.signed_by or sop.signed_by == sop.approved_by else ""
        )
        return context


# Workflow actions ------------------------------------------------------------------------------


def is_modal_request(request):
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


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
        return get_object_or_404(
            TaskState.objects.select_related("task"), id=self.task_state_id
        ).specific

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


class RefusedEditorActionMixin:
    """The page editor's combined save-and-act ("Setujui", "Kembalikan" in its action menu).

    Wagtail saves the form (and a revision, if the content changed) before it asks the step to
    act. A step that refuses the combination outright (four-eyes: whoever changes the text
    becomes its last editor) is asked first, before anything is saved. Otherwise saving and
    acting are one transaction: when the step refuses, the save is undone. Either way the
    editor is shown again with what was posted and the reason.
    """

    def perform_workflow_action(self):
        if self.has_content_changes:
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
        if self.has_content_changes:
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
        self.has_unsaved_changes = self.has_content_changes
        return self.render_to_response(self.get_context_data())


class SopEditView(RefusedEditorActionMixin, EditView):
    pass


class SopRevisionsRevertView(RefusedEditorActionMixin, RevisionsRevertView):
    pass


class SopPageViewSet(PageViewSet):
    """Wagtail's default page views, with the workflow action views above."""

    edit_view_class = SopEditView
    revisions_revert_view_class = SopRevisionsRevertView
    workflow_action_view_class = SopWorkflowActionView


page_viewset = SopPageViewSet()
