"""The SOP report in the admin: the filtered report, its downloads, and one item's SOP record.

Thin views over reports.py (the numbers), exports.py and hardcopy.py (the files). Who sees
what is access.sites_for_user: a reader needs at least one agency, the site filter only offers
theirs, and another agency's item record answers 404, as if it did not exist.
"""

import datetime
import tempfile

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Revision

from . import exports, hardcopy
from .access import sites_for_user
from .models import Sop
from .reports import (
    ReportFilter,
    build_report,
    finished_records,
    item_record,
    recent_items,
)
from .views import ObjectPageMixin
from .wording import day_text, format_duration, format_moment, format_seconds

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportFilterForm(forms.Form):
    site = forms.ModelChoiceField(
        label=gettext_lazy("Instansi (situs)"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Semua instansi saya"),
    )
    sop = forms.ChoiceField(label=gettext_lazy("SOP"), required=False)
    langkah = forms.IntegerField(label=gettext_lazy("Nomor langkah"), required=False, min_value=1)
    pelaksana = forms.CharField(
        label=gettext_lazy("Pelaksana (nama pengguna)"), required=False, max_length=150
    )
    dari = forms.DateField(
        label=gettext_lazy("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sampai = forms.DateField(
        label=gettext_lazy("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        names = Sop.objects.filter(site__in=sites).order_by("name").values_list("name", flat=True)
        self.fields["sop"].choices = [("", gettext("Semua SOP"))] + [
            (name, name) for name in dict.fromkeys(names)
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("dari"), data.get("sampai")
        if start and end and start > end:
            raise forms.ValidationError(
                gettext("Tanggal awal (%(start)s) sesudah tanggal akhir (%(end)s).")
                % {"start": start.isoformat(), "end": end.isoformat()}
            )
        return data

    def filters(self):
        data = self.cleaned_data
        return ReportFilter(
            site=data.get("site"),
            sop_name=data.get("sop") or "",
            step_number=data.get("langkah"),
            actor=(data.get("pelaksana") or "").strip(),
            date_from=data.get("dari"),
            date_to=data.get("sampai"),
        )


def default_period():
    """This year so far, in Jakarta: what an agency reports on by default."""
    today = timezone.localdate()
    return {"dari": datetime.date(today.year, 1, 1).isoformat(), "sampai": today.isoformat()}


class ReportAccessMixin:
    """Staff of at least one agency; the agencies they may read are kept for the view."""

    def dispatch(self, request, *args, **kwargs):
        self.sites = sites_for_user(request.user)
        self.site_ids = list(self.sites.values_list("pk", flat=True))
        if not self.site_ids:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def filter_form(self):
        data = self.request.GET if self.request.GET else default_period()
        return ReportFilterForm(data, sites=self.sites)


def on_time_chart(weeks, width=720, height=200):
    """Geometry of the on-time share by week, for the template's SVG (escaped there)."""
    left, bottom, top = 40, 24, 8
    plot_height = height - bottom - top
    plot_width = width - left - 8
    slot = plot_width / max(len(weeks), 1)
    label_every = max(1, round(len(weeks) / 12))
    bars = []
    for position, week in enumerate(weeks):
        share = week.on_time_share
        bar_height = (share or 0) * plot_height
        bars.append(
            {
                "x": round(left + position * slot + slot * 0.15, 1),
                "y": round(top + plot_height - bar_height, 1),
                "width": round(max(slot * 0.7, 1), 1),
                "height": round(bar_height, 1),
                "empty": share is None,
                "none_on_time": share == 0,
                "label": date_format(week.week_start, "j M") if position % label_every == 0 else "",
                "label_x": round(left + position * slot + slot / 2, 1),
                "title": gettext(
                    "Minggu %(week)s: %(on_time)d dari %(judged)d tepat waktu (%(share)s)"
                )
                % {
                    "week": day_text(week.week_start),
                    "on_time": week.on_time,
                    "judged": week.judged,
                    "share": week.on_time_share_display,
                },
            }
        )
    gridlines = [
        {"y": round(top + plot_height * (1 - fraction), 1), "label": f"{int(fraction * 100)} %"}
        for fraction in (0, 0.5, 1)
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - 8,
        "baseline_y": top + plot_height,
        "label_y": height - 6,
        "bars": bars,
        "gridlines": gridlines,
    }


def download_name(filters, kind, extension):
    """'laporan-sop-dpkpp.localhost-2026-01-01-2026-12-31.pdf'."""
    parts = [kind, filters.site.hostname if filters.site else "semua"]
    parts += [day.isoformat() for day in (filters.date_from, filters.date_to) if day]
    return "-".join(parts) + "." + extension


class ReportView(ReportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "sop_audit/reports/report.html"
    page_title = gettext_lazy("Laporan SOP")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": gettext("Laporan SOP")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filter_form()
        context["form"] = form
        if form.is_valid():
            report = build_report(form.filters(), self.site_ids)
            query = urlencode(form.filters().as_query())
            context.update(
                report=report,
                chart=on_time_chart(report.weeks),
                items=recent_items(form.filters(), self.site_ids),
                downloads=[
                    (
                        label,
                        reverse("sop_reports:download", args=[kind, extension])
                        + (f"?{query}" if query else ""),
                    )
                    for label, kind, extension in (
                        (gettext("Ringkasan (CSV)"), "ringkasan", "csv"),
                        (gettext("Ringkasan (XLSX)"), "ringkasan", "xlsx"),
                        (gettext("Laporan untuk dicetak (PDF)"), "ringkasan", "pdf"),
                        (gettext("Semua catatan (CSV)"), "catatan", "csv"),
                        (gettext("Semua catatan (XLSX)"), "catatan", "xlsx"),
                    )
                ],
            )
        return context


class ReportDownloadView(ReportAccessMixin, View):
    """The report's files: the aggregates (ringkasan) as CSV, XLSX or PDF, the records
    (catatan) as CSV or XLSX."""

    formats = {"ringkasan": ("csv", "xlsx", "pdf"), "catatan": ("csv", "xlsx")}

    def get(self, request, kind, extension):
        if extension not in self.formats.get(kind, ()):
            raise Http404
        form = self.filter_form()
        if not form.is_valid():
            errors = "; ".join(
                f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
                for field, messages in form.errors.items()
            )
            return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
        filters = form.filters()
        if kind == "catatan":
            records = exports.export_records(finished_records(filters, self.site_ids))
            name = download_name(filters, "catatan-sop", extension)
            if extension == "csv":
                response = StreamingHttpResponse(
                    exports.iter_records_csv(records), content_type="text/csv; charset=utf-8"
                )
                response["Content-Disposition"] = f'attachment; filename="{name}"'
                return response
            return self.file_response(lambda out: exports.records_xlsx(records, out), name)
        report = build_report(filters, self.site_ids)
        name = download_name(report.filters, "laporan-sop", extension)
        if extension == "csv":
            response = HttpResponse(
                exports.summary_csv(report), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        if extension == "xlsx":
            return self.file_response(lambda out: exports.summary_xlsx(report, out), name)
        return self.file_response(lambda out: hardcopy.report_pdf(report, out), name)

    def file_response(self, write, name):
        return file_response(write, name)


def file_response(write, name):
    """A download of what `write` writes to a binary file. A year of records makes a large
    workbook: past a few megabytes it is spooled to a temporary file, not kept in memory."""
    # FileResponse closes the file once it is sent; a with block would close it before.
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    write(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=name)


class ItemRecordMixin(ReportAccessMixin):
    def get_item(self):
        item = item_record(self.kwargs["page_id"], self.site_ids)
        if item is None:
            raise Http404
        return item


class ItemRecordView(ItemRecordMixin, ObjectPageMixin, WagtailAdminTemplateMixin, TemplateView):
    """One item's filled-in SOP record: every step, who, when, how long against the baseline."""

    template_name = "sop_audit/reports/item_record.html"
    header_icon = "history"
    index_url_name = "sop_reports:index"
    index_label = gettext_lazy("Laporan SOP")

    def get_object(self):
        return self.get_item()

    def get_object_name(self):
        return self.object.page_title

    def get_page_title(self):
        return gettext("Catatan SOP")

    def get_header_button(self):
        return HeaderButton(
            gettext("Unduh PDF untuk ditandatangani"),
            url=reverse("sop_reports:item_pdf", args=[self.object.page_id]),
            icon_name="download",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.object
        # The version each step was about, where it still exists (purge_revisions removes old
        # ones; the record keeps its id and content hash either way).
        kept = set(
            Revision.objects.filter(
                pk__in=[record.revision_id for record in self.object.records if record.revision_id]
            ).values_list("pk", flat=True)
        )
        context["steps"] = [
            {
                "record": record,
                "revision_url": reverse(
                    "wagtailadmin_pages:revisions_view", args=[record.page_id, record.revision_id]
                )
                if record.revision_id in kept
                else "",
                "duration": format_seconds(record.working_seconds),
                "wall": format_seconds(record.wall_seconds),
                "baseline": format_duration(record.baseline),
                "started": format_moment(record.started_at),
                "finished": format_moment(record.finished_at) if record.finished_at else "",
                "due": format_moment(record.due_at),
            }
            for record in self.object.records
        ]
        return context


class ItemRecordPdfView(ItemRecordMixin, View):
    def get(self, request, page_id):
        item = self.get_item()
        return file_response(
            lambda out: hardcopy.item_pdf(item, out), f"catatan-sop-berita-{page_id}.pdf"
        )
