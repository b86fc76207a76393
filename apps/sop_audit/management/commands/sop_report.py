"""Write an agency's SOP report for a period to a file: CSV, XLSX, PDF or JSON."""

import datetime
import os
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from apps.sop_audit import exports, hardcopy
from apps.sop_audit.loading import find_site
from apps.sop_audit.reports import ReportFilter, build_report, finished_records
from apps.sop_audit.sopfile import LoadError

FORMATS = ("csv", "xlsx", "pdf", "json")
RECORD_FORMATS = ("csv", "xlsx", "json")
PROGRESS_EVERY = 50_000


def parse_day(value, option):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("%(option)s: %(value)r bukan tanggal TTTT-BB-HH") % {"option": option, "value": value}
        ) from None


class Command(BaseCommand):
    help = (
        "Tulis laporan SOP satu instansi untuk satu periode ke sebuah berkas: per langkah dan "
        "per pelaksana jumlah, median, p90 dan maksimum durasi kerja, jumlah dan persentase "
        "tepat waktu, serta persentase tepat waktu per minggu (sama dengan Laporan SOP di "
        "admin). Dengan --records, semua catatan langkah yang selesai dalam periode itu. "
        "Berkas ditulis utuh atau tidak sama sekali; kemajuan ditulis ke stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site",
            required=True,
            metavar="HOSTNAME",
            help=(
                "Hostname situs instansi seperti di Pengaturan > Situs (mis. dpkpp.localhost); "
                "tambahkan :PORT bila beberapa situs memakai hostname yang sama."
            ),
        )
        parser.add_argument(
            "--from",
            dest="date_from",
            required=True,
            metavar="TTTT-BB-HH",
            help="Tanggal awal periode (WIB), termasuk.",
        )
        parser.add_argument(
            "--to",
            dest="date_to",
            required=True,
            metavar="TTTT-BB-HH",
            help="Tanggal akhir periode (WIB), termasuk.",
        )
        parser.add_argument(
            "--format",
            dest="file_format",
            required=True,
            metavar="|".join(FORMATS),
            help="Format berkas: csv, xlsx, pdf (siap ditandatangani) atau json.",
        )
        parser.add_argument(
            "--output",
            required=True,
            metavar="BERKAS",
            help="Berkas yang ditulis; ditimpa bila sudah ada.",
        )
        parser.add_argument(
            "--records",
            action="store_true",
            help="Tulis semua catatan langkah (csv, xlsx, json), bukan ringkasannya.",
        )

    def handle(self, *args, site, date_from, date_to, file_format, output, records, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self.run(site, date_from, date_to, file_format, output, records)

    def run(self, hostname, date_from, date_to, file_format, output, records):
        file_format = file_format.lower()
        allowed = RECORD_FORMATS if records else FORMATS
        if file_format not in allowed:
            raise CommandError(
                _("--format %(value)r tidak dikenal; pilih salah satu: %(allowed)s")
                % {"value": file_format, "allowed": ", ".join(allowed)}
            )
        start = parse_day(date_from, "--from")
        end = parse_day(date_to, "--to")
        if start > end:
            raise CommandError(
                _("--from %(start)s sesudah --to %(end)s")
                % {"start": start.isoformat(), "end": end.isoformat()}
            )
        try:
            site = find_site(hostname)
        except LoadError as exc:
            raise CommandError(f"--site: {exc}") from None
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(
                _("--output: folder %(folder)s tidak ada") % {"folder": str(target.parent)}
            )

        filters = ReportFilter(site=site, date_from=start, date_to=end)
        started = time.monotonic()
        # Written beside the target, then renamed over it: a failed run leaves no half file.
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "wb") as out:
                if records:
                    count = self.write_records(filters, file_format, out)
                else:
                    count = self.write_report(filters, file_format, out)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
        self.stdout.write(
            self.style.SUCCESS(
                _("%(path)s ditulis (%(count)d catatan, %(seconds).1f detik)")
                % {"path": str(target), "count": count, "seconds": time.monotonic() - started}
            )
        )

    def progress(self, message):
        self.stderr.write(message)
        self.stderr.flush()

    def write_report(self, filters, file_format, out):
        self.progress(_("Menghitung laporan %(site)s…") % {"site": filters.site.hostname})
        report = build_report(filters)
        self.progress(
            _("%(count)d catatan dalam %(steps)d baris langkah dan %(actors)d pelaksana")
            % {
                "count": report.total.count,
                "steps": len(report.steps),
                "actors": len(report.actors),
            }
        )
        if file_format == "csv":
            out.write(exports.summary_csv(report).encode())
        elif file_format == "xlsx":
            exports.summary_xlsx(report, out)
        elif file_format == "pdf":
            hardcopy.report_pdf(report, out)
        else:
            out.write(exports.report_json(report).encode())
        return report.total.count

    def write_records(self, filters, file_format, out):
        queryset = finished_records(filters)
        total = queryset.count()
        self.progress(
            _("Menulis %(total)d catatan %(site)s…")
            % {"total": total, "site": filters.site.hostname}
        )
        written = 0

        def counted(rows):
            nonlocal written
            for row in rows:
                yield row
                written += 1
                if written % PROGRESS_EVERY == 0:
                    self.progress(
                        _("%(done)d dari %(total)d catatan (%(percent)d %%)")
                        % {"done": written, "total": total, "percent": written * 100 // total}
                    )

        rows = counted(exports.export_records(queryset))
        if file_format == "csv":
            for line in exports.iter_records_csv(rows):
                out.write(line.encode())
        elif file_format == "xlsx":
            exports.records_xlsx(rows, out)
        else:
            exports.records_json(rows, out)
        return written
