"""Every SOP report export, read back as its reader would: csv, openpyxl, pypdf.

The files are produced by the functions the admin and the command use, and then once through
the admin's download links, as an agency's editor clicks them.
"""

import csv
import datetime
import io
import statistics

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.sop_audit import exports, hardcopy
from apps.sop_audit.reports import ReportFilter, build_report, finished_records, item_record

from .records_factory import AGENCY_B, SOP_A, SOP_B, make_record, make_sop_a, make_staff, wib

pytestmark = pytest.mark.django_db

STEP1 = [120, 300, 660, 1200]  # baseline 600 s: two on time, two late
STEP2 = [1500, 1700, 2000]  # baseline 1800 s: two on time, one late
MARCH = ReportFilter(date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 31))


@pytest.fixture
def sop_a(kominfo):
    return make_sop_a(kominfo.site)


@pytest.fixture
def records(kominfo, dpkpp, sop_a):
    site = kominfo.site
    for day, seconds in enumerate(STEP1, start=2):
        make_record(site, finished=wib(2026, 3, day, 10), seconds=seconds, step=1)
    for day, seconds in enumerate(STEP2, start=2):
        make_record(
            site,
            finished=wib(2026, 3, day, 15),
            seconds=seconds,
            step=2,
            actor="kasi.lkip",
            actor_name="Siti Aminah",
            note='Periksa foto & "judul" <segera>',
        )
    make_record(
        dpkpp.site,
        finished=wib(2026, 3, 3),
        seconds=4444,
        agency=AGENCY_B,
        sop_name=SOP_B,
        actor="admin.dpkpp",
        page_title="Rahasia DPKPP",
    )
    return site


@pytest.fixture
def report(records):
    return build_report(MARCH, site_ids=[records.pk])


def pdf_text(data):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def read_csv(text):
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_summary_csv_reads_back_with_the_report_numbers(report):
    rows = read_csv(exports.summary_csv(report))

    steps = [row for row in rows if row["Kelompok"] == "Langkah"]
    assert [row["No. langkah"] for row in steps] == ["1", "2"]
    first = steps[0]
    assert first["SOP"] == SOP_A
    assert first["Mutu baku waktu"] == "10 menit"
    assert int(first["Jumlah"]) == 4
    assert float(first["Median (detik)"]) == statistics.median(STEP1) == 480
    assert first["Median"] == "8 menit"
    assert float(first["Maks (detik)"]) == 1200
    assert (first["Tepat waktu"], first["Terlambat"]) == ("2", "2")
    assert float(first["Tepat waktu (%)"]) == 50.0
    second = steps[1]
    assert float(second["P90 (detik)"]) == pytest.approx(
        statistics.quantiles(STEP2, n=10, method="inclusive")[8], abs=0.05
    )

    actors = {row["Nama pengguna"]: row for row in rows if row["Kelompok"] == "Pelaksana"}
    assert set(actors) == {"kabid.pip", "kasi.lkip"}
    assert actors["kasi.lkip"]["Nama pelaksana"] == "Siti Aminah"
    (total,) = [row for row in rows if row["Kelompok"] == "Total"]
    assert int(total["Jumlah"]) == 7
    weeks = [row for row in rows if row["Kelompok"] == "Minggu"]
    assert weeks[0]["Minggu mulai (Senin)"] == "2026-02-23"
    assert sum(int(row["Jumlah"]) for row in weeks) == 7


def test_records_csv_has_every_finished_record_of_the_agency(records):
    text = "".join(
        exports.iter_records_csv(exports.export_records(finished_records(MARCH, [records.pk])))
    )
    rows = read_csv(text)

    assert len(rows) == 7
    assert {row["Instansi"] for row in rows} == {
        "Dinas Komunikasi, Informatika, Statistik dan Persandian"
    }
    assert [row["Selesai (WIB)"][:10] for row in rows] == [
        "2026-03-02",
        "2026-03-02",
        "2026-03-03",
        "2026-03-03",
        "2026-03-04",
        "2026-03-04",
        "2026-03-05",
    ]
    (late_check,) = [row for row in rows if row["Selesai (WIB)"] == "2026-03-04 15:00:00"]
    assert late_check["No. langkah"] == "2"
    assert late_check["Durasi kerja (detik)"] == "2000"
    assert late_check["Durasi kerja"] == "33 menit"
    assert late_check["Tepat waktu"] == "Tidak"
    assert late_check["Hasil"] == "disetujui"
    assert late_check["Catatan"] == 'Periksa foto & "judul" <segera>'


def test_summary_xlsx_reads_back_with_openpyxl(report):
    out = io.BytesIO()
    exports.summary_xlsx(report, out)
    workbook = openpyxl.load_workbook(io.BytesIO(out.getvalue()))

    assert workbook.sheetnames == [
        "Ringkasan",
        "Per langkah",
        "Per pelaksana",
        "Per minggu",
        "Terbit darurat",
    ]
    steps = list(workbook["Per langkah"].iter_rows(values_only=True))
    head = steps[0]
    first = dict(zip(head, steps[1], strict=True))
    assert first["Langkah"] == "Menerima dan mendisposisi bahan berita"
    assert first["Jumlah"] == 4
    assert first["Median (detik)"] == 480
    assert first["Tepat waktu (%)"] == 50.0
    summary = {row[0]: row[1] for row in workbook["Ringkasan"].iter_rows(values_only=True) if row}
    assert summary["Instansi"] == "Dinas Komunikasi, Informatika, Statistik dan Persandian"
    assert summary["Nomor SOP"] == "800/015/Diskominfostandi"


def test_records_xlsx_reads_back_with_local_times(records):
    out = io.BytesIO()
    exports.records_xlsx(exports.export_records(finished_records(MARCH, [records.pk])), out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue()))["Catatan"]
    rows = list(sheet.iter_rows(values_only=True))

    assert len(rows) == 1 + 7
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Selesai (WIB)"] == datetime.datetime(2026, 3, 2, 10, 0)
    assert first["Durasi kerja (detik)"] == 120
    assert first["Mutu baku waktu (detik)"] == 600
    assert first["Tepat waktu"] == "Ya"


def test_report_pdf_carries_the_agency_header_figures_and_a_signature_block(report):
    out = io.BytesIO()
    hardcopy.report_pdf(report, out)
    text = pdf_text(out.getvalue())

    assert "PEMERINTAH KOTA BEKASI" in text
    assert "DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN" in text
    assert "800/015/Diskominfostandi" in text
    assert SOP_A in text
    assert "LAPORAN PELAKSANAAN SOP" in text
    assert "1 Maret 2026 s.d. 31 Maret 2026" in text
    assert "Menerima dan mendisposisi bahan berita" in text
    assert "8 menit" in text  # step 1's median
    assert "50,0 %" in text  # step 1's share on time
    assert "Siti Aminah" in text
    assert "ENCU HERMANA RADHMAN" in text  # the signatory named on the SOP
    assert "Bekasi," in text
    assert "Rahasia DPKPP" not in text


def test_item_pdf_is_the_filled_in_sop_record(records):
    make_record(
        records,
        finished=wib(2026, 3, 20, 9, 5),
        seconds=300,
        step=1,
        page_id=42,
        page_title="Wi-Fi publik di 50 taman",
        note="Disposisi: Kasi LKIP periksa & tayangkan",
    )
    make_record(
        records,
        finished=wib(2026, 3, 20, 10, 0),
        seconds=2400,
        step=2,
        page_id=42,
        actor="kasi.lkip",
        actor_name="Siti Aminah",
    )
    out = io.BytesIO()
    hardcopy.item_pdf(item_record(42, [records.pk]), out)
    text = pdf_text(out.getvalue())

    assert "PEMERINTAH KOTA BEKASI" in text
    assert "CATATAN PELAKSANAAN SOP" in text
    assert "Wi-Fi publik di 50 taman" in text
    assert "Disposisi: Kasi LKIP periksa & tayangkan" in text
    assert "Budi Santoso" in text and "Siti Aminah" in text
    assert "20 Mar 2026 09:05" in text
    assert "40 menit" in text  # step 2's working time, against its 30 menit baseline
    assert "Tidak" in text  # and so late
    assert "ENCU HERMANA RADHMAN" in text


def test_report_json_has_the_same_numbers(report):
    import json

    data = json.loads(exports.report_json(report))
    assert data["date_from"] == "2026-03-01"
    step1 = data["steps"][0]
    assert (step1["count"], step1["median_seconds"], step1["late"]) == (4, 480, 2)
    assert data["total"]["count"] == 7


# Through the admin ---------------------------------------------------------------------------


@pytest.fixture
def editor(client, kominfo):
    user = make_staff(kominfo, "editor.kominfo")
    client.force_login(user)
    return user


def download(client, kind, extension, **params):
    url = reverse("sop_reports:download", args=[kind, extension])
    response = client.get(url, {"dari": "2026-03-01", "sampai": "2026-03-31", **params})
    assert response.status_code == 200, response.content[:500]
    return response


def test_report_page_shows_tables_chart_and_download_links(client, editor, records):
    response = client.get(
        reverse("sop_reports:index"), {"dari": "2026-03-01", "sampai": "2026-03-31"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Per langkah" in html and "Per pelaksana" in html
    assert "<svg" in html and "Tepat waktu per minggu" in html
    assert "Minggu 2 Maret 2026: 4 dari 7 tepat waktu (57,1 %)" in html
    assert "Rahasia DPKPP" not in html
    for kind, extension in (("ringkasan", "csv"), ("ringkasan", "pdf"), ("catatan", "xlsx")):
        assert reverse("sop_reports:download", args=[kind, extension]) in html


def test_admin_downloads_read_back(client, editor, records):
    summary = read_csv(download(client, "ringkasan", "csv").content.decode())
    assert [row["Jumlah"] for row in summary if row["Kelompok"] == "Total"] == ["7"]

    records_csv = read_csv(b"".join(download(client, "catatan", "csv").streaming_content).decode())
    assert len(records_csv) == 7

    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(download(client, "catatan", "xlsx").streaming_content))
    )
    assert workbook["Catatan"].max_row == 8

    pdf = download(client, "ringkasan", "pdf")
    assert pdf["Content-Disposition"].startswith("attachment")
    text = pdf_text(b"".join(pdf.streaming_content))
    assert "PEMERINTAH KOTA BEKASI" in text and "8 menit" in text


def test_bad_period_in_a_download_is_refused_with_the_reason(client, editor, records):
    url = reverse("sop_reports:download", args=["ringkasan", "csv"])
    response = client.get(url, {"dari": "2026-03-31", "sampai": "2026-03-01"})
    assert response.status_code == 400
    assert "sesudah tanggal akhir" in response.content.decode()


def test_item_record_page_and_pdf(client, editor, records):
    make_record(records, finished=wib(2026, 3, 20, 9, 5), seconds=300, page_id=42, note="<b>x</b>")

    page = client.get(reverse("sop_reports:item", args=[42]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Menerima dan mendisposisi bahan berita" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "5 menit / 10 menit" in html

    pdf = client.get(reverse("sop_reports:item_pdf", args=[42]))
    assert pdf.status_code == 200
    assert "CATATAN PELAKSANAAN SOP" in pdf_text(b"".join(pdf.streaming_content))
