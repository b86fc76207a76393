"""Softcopy of the SOP audit, as both signed SOPs ask records to be kept (hardcopy: hardcopy.py).

CSV (UTF-8 with a byte-order mark, so Excel opens it with the right characters) and XLSX of
the records and of the aggregates, and the same as JSON for the command line and the API.
Durations are given twice: in seconds, a number a spreadsheet can compute with, and written
out as the SOP forms write times ("2 jam 5 menit"). Times are Asia/Jakarta (WIB) local times.
openpyxl is imported where a workbook is written: every process would load it at start.
"""

import csv
import datetime
import io
import json

from django.utils import timezone
from django.utils.translation import gettext as _

from .wording import format_duration, format_seconds, yes_no

BOM = "\ufeff"
# How a time stands in a CSV cell (a spreadsheet cell holds the time itself).
CSV_DATETIME = "%Y-%m-%d %H:%M:%S"


def local(moment):
    """A naive Asia/Jakarta datetime (spreadsheets hold no time zone), or None."""
    if moment is None:
        return None
    return timezone.localtime(moment, timezone.get_default_timezone()).replace(tzinfo=None)


def seconds_number(seconds):
    """Seconds for a spreadsheet cell: a whole number where it is one, else one decimal."""
    if seconds is None:
        return None
    if float(seconds).is_integer():
        return int(seconds)
    return round(float(seconds), 1)


def share_number(share):
    """A share as a percentage with one decimal, for spreadsheet cells."""
    return None if share is None else round(share * 100, 1)


# Records ---------------------------------------------------------------------------------------


def record_columns():
    """(heading, value of a record) for every column of the records export."""
    return [
        (_("ID catatan"), lambda r: r.pk),
        (_("Instansi"), lambda r: r.agency),
        (_("SOP"), lambda r: r.sop_name),
        (_("No. langkah"), lambda r: r.step_number),
        (_("Langkah"), lambda r: r.step_name),
        (_("Pelaksana (jabatan)"), lambda r: r.actor_group),
        (_("Nama pelaksana"), lambda r: r.actor_name),
        (_("Nama pengguna"), lambda r: r.actor_username),
        (_("ID berita"), lambda r: r.page_id),
        (_("Judul berita"), lambda r: r.page_title),
        (_("Mulai (WIB)"), lambda r: local(r.started_at)),
        (_("Batas waktu (WIB)"), lambda r: local(r.due_at)),
        (_("Selesai (WIB)"), lambda r: local(r.finished_at)),
        (_("Hasil"), lambda r: r.get_outcome_display()),
        (_("Mutu baku waktu (detik)"), lambda r: int(r.baseline.total_seconds())),
        (_("Mutu baku waktu"), lambda r: format_duration(r.baseline)),
        (_("Durasi kerja (detik)"), lambda r: r.working_seconds),
        (_("Durasi kerja"), lambda r: format_seconds(r.working_seconds)),
        (_("Durasi kalender (detik)"), lambda r: r.wall_seconds),
        (_("Tepat waktu"), lambda r: yes_no(r.on_time)),
        (_("Catatan"), lambda r: r.note),
    ]


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime(CSV_DATETIME)
    return value


class _Echo:
    """A file-like object whose write returns what it is given (for streaming CSV)."""

    def write(self, value):
        return value


def iter_records_csv(records):
    """The records as CSV text, line by line: the admin streams it, the command writes it."""
    columns = record_columns()
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([heading for heading, _value in columns])
    for record in records:
        yield writer.writerow([_csv_value(value(record)) for _heading, value in columns])


def records_xlsx(records, out):
    """The records as one XLSX sheet, written to the binary file `out`."""
    from openpyxl import Workbook

    columns = record_columns()
    # Write-only: rows go to disk as they come, so a year of records fits in little memory.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Catatan"))
    sheet.append([heading for heading, _value in columns])
    for record in records:
        sheet.append([value(record) for _heading, value in columns])
    workbook.save(out)


def export_records(records):
    """The iterable the exports read: finished records in the order they finished."""
    return records.order_by("finished_at", "pk").iterator(chunk_size=2000)


def record_json(record):
    """A record as the API and the JSON export give it: ISO times with their offset."""

    def moment(value):
        if value is None:
            return None
        return timezone.localtime(value, timezone.get_default_timezone()).isoformat()

    return {
        "id": record.pk,
        "site": record.site.hostname if record.site_id and record.site else None,
        "agency": record.agency,
        "sop_name": record.sop_name,
        "step_number": record.step_number,
        "step_name": record.step_name,
        "actor_group": record.actor_group,
        "actor_username": record.actor_username,
        "actor_name": record.actor_name,
        "page_id": record.page_id,
        "page_title": record.page_title,
        "started_at": moment(record.started_at),
        "due_at": moment(record.due_at),
        "finished_at": moment(record.finished_at),
        "outcome": record.outcome,
        "baseline_seconds": int(record.baseline.total_seconds()),
        "working_seconds": record.working_seconds,
        "wall_seconds": record.wall_seconds,
        "on_time": record.on_time,
        "note": record.note,
    }


def records_json(records, out):
    """The records as a JSON array, written to the binary `out` one record at a time."""
    out.write(b"[")
    for position, record in enumerate(records):
        if position:
            out.write(b",\n")
        out.write(json.dumps(record_json(record), ensure_ascii=False).encode())
    out.write(b"]\n")


# Aggregates ------------------------------------------------------------------------------------


def stats_headings():
    return [
        _("Jumlah"),
        _("Median (detik)"),
        _("Median"),
        _("P90 (detik)"),
        _("P90"),
        _("Maks (detik)"),
        _("Maks"),
        _("Tepat waktu"),
        _("Terlambat"),
        _("Tepat waktu (%)"),
    ]


def stats_values(stats):
    return [
        stats.count,
        seconds_number(stats.median),
        stats.median_display,
        seconds_number(stats.p90),
        stats.p90_display,
        seconds_number(stats.max),
        stats.max_display,
        stats.on_time,
        stats.late,
        share_number(stats.on_time_share),
    ]


def step_table(report):
    head = [
        _("Instansi"),
        _("SOP"),
        _("No. langkah"),
        _("Langkah"),
        _("Mutu baku waktu"),
        *stats_headings(),
    ]
    rows = [
        [
            row.agency,
            row.sop_name,
            row.step_number,
            row.step_name,
            format_duration(row.baseline),
            *stats_values(row.stats),
        ]
        for row in report.steps
    ]
    return head, rows


def actor_table(report):
    head = [_("Instansi"), _("Nama pelaksana"), _("Nama pengguna"), *stats_headings()]
    rows = [
        [row.agency, row.actor_name, row.actor_username, *stats_values(row.stats)]
        for row in report.actors
    ]
    return head, rows


def week_table(report):
    head = [
        _("Minggu mulai (Senin)"),
        _("Jumlah"),
        _("Tepat waktu"),
        _("Terlambat"),
        _("Tepat waktu (%)"),
    ]
    rows = [
        [week.week_start, week.count, week.on_time, week.late, share_number(week.on_time_share)]
        for week in report.weeks
    ]
    return head, rows


def summary_csv(report):
    """The aggregates as one CSV table: each row says what it groups by (step, actor, week,
    total), so csv.DictReader and a spreadsheet filter both read it."""
    head = [
        _("Kelompok"),
        _("Instansi"),
        _("SOP"),
        _("No. langkah"),
        _("Langkah"),
        _("Mutu baku waktu"),
        _("Nama pelaksana"),
        _("Nama pengguna"),
        _("Minggu mulai (Senin)"),
        *stats_headings(),
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(head)
    for row in report.steps:
        writer.writerow(
            [
                _("Langkah"),
                row.agency,
                row.sop_name,
                row.step_number,
                row.step_name,
                format_duration(row.baseline),
                "",
                "",
                "",
                *[_csv_value(value) for value in stats_values(row.stats)],
            ]
        )
    for row in report.actors:
        writer.writerow(
            [
                _("Pelaksana"),
                row.agency,
                "",
                "",
                "",
                "",
                row.actor_name,
                row.actor_username,
                "",
                *[_csv_value(value) for value in stats_values(row.stats)],
            ]
        )
    for week in report.weeks:
        writer.writerow(
            [
                _("Minggu"),
                *[""] * 7,
                week.week_start.isoformat(),
                week.count,
                *[""] * 6,
                week.on_time,
                week.late,
                _csv_value(share_number(week.on_time_share)),
            ]
        )
    writer.writerow(
        [_("Total"), *[""] * 8, *[_csv_value(value) for value in stats_values(report.total)]]
    )
    if report.emergencies:
        # Not a grouping of the figures: a list of its own, under its own header.
        writer.writerow([])
        writer.writerow(emergency_headings())
        for record in report.emergencies:
            writer.writerow([_csv_value(value) for value in emergency_values(record)])
    return BOM + out.getvalue()


def emergency_headings():
    return [
        _("Terbit darurat (di luar SOP)"),
        _("Instansi"),
        _("SOP"),
        _("No. langkah berjalan"),
        _("Judul berita"),
        _("ID berita"),
        _("Nama pelaksana"),
        _("Nama pengguna"),
        _("Alasan"),
    ]


def emergency_values(record):
    return [
        # As text in both the CSV and the workbook's sheet.
        _csv_value(local(record.finished_at)),
        record.agency,
        record.sop_name,
        record.step_number if record.workflow_state_id else "",
        record.page_title,
        record.page_id,
        record.actor_name,
        record.actor_username,
        record.note,
    ]


def summary_xlsx(report, out):
    """The aggregates as an XLSX workbook: a sheet per grouping, and the filter it used."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    info = workbook.active
    info.title = _("Ringkasan")
    for label, value in report.description():
        info.append([label, value])
    info.append([])
    info.append([_("Total"), *stats_headings()])
    info.append(["", *stats_values(report.total)])
    emergencies = (
        emergency_headings(),
        [emergency_values(record) for record in report.emergencies],
    )
    for title, (head, rows) in (
        (_("Per langkah"), step_table(report)),
        (_("Per pelaksana"), actor_table(report)),
        (_("Per minggu"), week_table(report)),
        (_("Terbit darurat"), emergencies),
    ):
        sheet = workbook.create_sheet(title)
        sheet.append(head)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
    workbook.save(out)


def _stats_json(stats):
    return {
        "count": stats.count,
        "median_seconds": stats.median,
        "p90_seconds": stats.p90,
        "max_seconds": stats.max,
        "on_time": stats.on_time,
        "late": stats.late,
        "on_time_share": stats.on_time_share,
    }


def report_json(report):
    """The report as JSON: what it covers, its header, and every table, durations in seconds."""
    filters = report.filters
    data = {
        "site": filters.site.hostname if filters.site else None,
        "date_from": filters.date_from.isoformat() if filters.date_from else None,
        "date_to": filters.date_to.isoformat() if filters.date_to else None,
        "sop_name": filters.sop_name or None,
        "step_number": filters.step_number,
        "actor": filters.actor or None,
        "generated_at": report.generated_at.isoformat(),
        "header": {
            "government": report.head.government,
            "agency": report.head.agency,
            "sop_name": report.head.sop_name,
            "sop_number": report.head.sop_number,
        },
        "steps": [
            {
                "agency": row.agency,
                "sop_name": row.sop_name,
                "step_number": row.step_number,
                "step_name": row.step_name,
                "baseline_seconds": int(row.baseline.total_seconds()),
                **_stats_json(row.stats),
            }
            for row in report.steps
        ],
        "actors": [
            {
                "agency": row.agency,
                "actor_username": row.actor_username,
                "actor_name": row.actor_name,
                **_stats_json(row.stats),
            }
            for row in report.actors
        ],
        "weeks": [
            {
                "week_start": week.week_start.isoformat(),
                "count": week.count,
                "on_time": week.on_time,
                "late": week.late,
                "on_time_share": week.on_time_share,
            }
            for week in report.weeks
        ],
        "total": _stats_json(report.total),
        "emergency_publications": [
            {
                "finished_at": record.finished_at.isoformat(),
                "agency": record.agency,
                "sop_name": record.sop_name,
                "page_id": record.page_id,
                "page_title": record.page_title,
                "actor_username": record.actor_username,
                "actor_name": record.actor_name,
                "reason": record.note,
            }
            for record in report.emergencies
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
