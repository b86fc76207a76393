"""``manage.py sop_report``: each format written and read back; bad input refused, nothing written.

A CommandError is what makes manage.py print the one-line reason and exit with status 1.
"""

import csv
import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from .records_factory import AGENCY_B, SOP_A, SOP_B, make_record, make_sop_a, wib

pytestmark = pytest.mark.django_db

SECONDS = [100, 200, 900]  # step 1, baseline 600 s: median 200, max 900, one late


@pytest.fixture
def records(kominfo, dpkpp):
    make_sop_a(kominfo.site)
    for day, seconds in zip((2, 3, 4), SECONDS, strict=True):
        make_record(kominfo.site, finished=wib(2026, 3, day), seconds=seconds)
    make_record(kominfo.site, finished=wib(2026, 4, 1, 8), seconds=5000)  # after the period
    make_record(
        dpkpp.site,
        finished=wib(2026, 3, 2),
        seconds=7000,
        agency=AGENCY_B,
        sop_name=SOP_B,
        page_title="Rahasia DPKPP",
    )


def report(path, file_format, *extra, site="localhost", start="2026-03-01", end="2026-03-31"):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "sop_report",
        "--site",
        site,
        "--from",
        start,
        "--to",
        end,
        "--format",
        file_format,
        "--output",
        str(path),
        *extra,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def test_csv_report(tmp_path, records):
    target = tmp_path / "laporan.csv"
    out, err = report(target, "csv")

    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig"))))
    (step,) = [row for row in rows if row["Kelompok"] == "Langkah"]
    assert step["SOP"] == SOP_A
    assert (step["Jumlah"], step["Median (detik)"], step["Maks (detik)"]) == ("3", "200", "900")
    assert (step["Tepat waktu"], step["Terlambat"]) == ("2", "1")
    assert "Rahasia DPKPP" not in target.read_text("utf-8-sig")
    assert "laporan.csv" in out
    assert "3 catatan" in err  # progress goes to stderr


def test_xlsx_report(tmp_path, records):
    target = tmp_path / "laporan.xlsx"
    report(target, "xlsx")

    rows = list(openpyxl.load_workbook(target)["Per langkah"].iter_rows(values_only=True))
    step = dict(zip(rows[0], rows[1], strict=True))
    assert (step["Jumlah"], step["Median (detik)"], step["Tepat waktu (%)"]) == (3, 200, 66.7)


def test_pdf_report(tmp_path, records):
    target = tmp_path / "laporan.pdf"
    report(target, "pdf")

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert "PEMERINTAH KOTA BEKASI" in text
    assert "DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN" in text
    assert "3 menit" in text  # the median, 200 s
    assert "66,7 %" in text
    assert "ENCU HERMANA RADHMAN" in text


def test_json_report(tmp_path, records):
    target = tmp_path / "laporan.json"
    report(target, "json")

    data = json.loads(target.read_text())
    assert (data["site"], data["date_from"], data["date_to"]) == (
        "localhost",
        "2026-03-01",
        "2026-03-31",
    )
    (step,) = data["steps"]
    assert (step["count"], step["median_seconds"], step["max_seconds"], step["late"]) == (
        3,
        200,
        900,
        1,
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_records_export(tmp_path, records, file_format):
    target = tmp_path / f"catatan.{file_format}"
    out, err = report(target, file_format, "--records")

    if file_format == "csv":
        rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig"))))
        seconds = [int(row["Durasi kerja (detik)"]) for row in rows]
    elif file_format == "xlsx":
        sheet = list(openpyxl.load_workbook(target)["Catatan"].iter_rows(values_only=True))
        seconds = [
            dict(zip(sheet[0], row, strict=True))["Durasi kerja (detik)"] for row in sheet[1:]
        ]
    else:
        seconds = [record["working_seconds"] for record in json.loads(target.read_text())]
    assert seconds == SECONDS
    assert "Menulis 3 catatan" in err


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"site": "tidak-ada.localhost"}, 'no site has the hostname "tidak-ada.localhost"'),
        ({"start": "2026-02-30"}, "--from: '2026-02-30' bukan tanggal TTTT-BB-HH"),
        ({"end": "31-03-2026"}, "--to: '31-03-2026' bukan tanggal"),
        ({"start": "2026-04-01", "end": "2026-03-01"}, "--from 2026-04-01 sesudah --to 2026-03-01"),
        ({"file_format": "docx"}, "--format 'docx' tidak dikenal"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(tmp_path, records, options, reason):
    target = tmp_path / "laporan.out"
    file_format = options.pop("file_format", "csv")
    with pytest.raises(CommandError, match=reason.replace("(", r"\(")):
        report(target, file_format, **options)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_run_leaves_the_previous_file_as_it_was(tmp_path, records):
    target = tmp_path / "laporan.pdf"
    target.write_bytes(b"laporan bulan lalu")
    with pytest.raises(CommandError, match="tidak dikenal"):
        report(target, "pdf", "--records")
    assert target.read_bytes() == b"laporan bulan lalu"
    assert [path.name for path in tmp_path.iterdir()] == ["laporan.pdf"]


def test_missing_output_folder_is_refused(tmp_path, records):
    with pytest.raises(CommandError, match="tidak ada"):
        report(tmp_path / "tidak-ada" / "laporan.csv", "csv")
