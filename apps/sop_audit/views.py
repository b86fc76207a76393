"""The SOP's admin views.

Read-only views of the SOPs in force: a list, one SOP, and its printable form. What is shown is
the live configuration (the step tasks and their groups), not the YAML file: the printed form is
the SOP the system actually enforces. Each agency sees its own SOPs (access.visible_sops);
superusers see all.

Wagtail's page views as the SOP changes them are in page_views.py.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.models import WorkflowPage

from .access import visible_sops
from .models import SopStepTask
from .wording import format_due


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
    if step.may_edit:
        remarks.append(gettext("Boleh menyunting isi; yang disetujui adalah hasil suntingannya"))
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


class ObjectPageMixin:
    """An admin page about one object below an index page (an SOP; one item's SOP record):
    the object is read once (get_object), its name is the page's subtitle and the breadcrumb
    after the index's, and the header has one button (get_header_button)."""

    index_url_name = ""
    index_label = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = None

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.get_object_name()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": str(self.index_label)},
            {"url": "", "label": self.get_object_name()},
        ]

    def get_header_buttons(self):
        return [self.get_header_button()]


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


class SopDetailView(SopMixin, ObjectPageMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "sop_audit/admin/sop_detail.html"
    header_icon = "clipboard-list"
    index_url_name = "sop_audit:index"
    index_label = gettext_lazy("SOP")

    def get_object(self):
        return self.get_sop()

    def get_object_name(self):
        return self.object.name

    def get_page_title(self):
        return gettext("SOP")

    def get_header_button(self):
        return HeaderButton(
            gettext("Cetak formulir SOP"),
            url=reverse("sop_audit:print", args=[self.object.pk]),
            icon_name="doc-full",
            attrs={"target": "_blank", "rel": "noopener"},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(sop_context(self.object))
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
