"""The demo's attachments: PDFs any reader opens, and CSV tables a spreadsheet reads right."""

import codecs
import csv
import datetime
import io

import pypdf
import pytest

from apps.demo import documents
from apps.demo.pdf import build_pdf

CREATED = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
PDF_KEYS = [
    "statistik-sektoral",
    "surat-edaran-sandi",
    "daftar-informasi-publik",
    "persyaratan-rtlh",
    "standar-pelayanan-informasi",
]
CSV_KEYS = ["titik-wifi", "rekap-rtlh", "rekap-psu"]


def render(key):
    return documents.render_document(key, year=2026, created=CREATED)


def pdf_text(data):
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_every_recipe_is_checked_here():
    assert set(PDF_KEYS) | set(CSV_KEYS) == set(documents.RECIPES)


@pytest.mark.parametrize("key", PDF_KEYS)
def test_pdf_attachment_is_a_valid_pdf_with_its_title_and_the_illustrative_note(key):
    document = render(key)

    assert document.filename.endswith(".pdf")
    reader = pypdf.PdfReader(io.BytesIO(document.data), strict=True)
    assert reader.metadata.title == document.title
    text = " ".join(pdf_text(document.data))
    assert document.title in text
    assert "bersifat ilustratif, bukan data resmi" in text
    assert f"{document.title} - halaman 1 dari {len(reader.pages)}" in text


def test_statistics_report_keeps_its_tables_and_figures():
    first = pdf_text(render("statistik-sektoral").data)
    again = pdf_text(render("statistik-sektoral").data)

    assert first == again  # seeded by the year: the same figures on every run
    text = " ".join(first)
    assert "Kecamatan Kelurahan Penduduk (jiwa) Kepadatan/km2" in text
    assert "Perangkat daerah terhubung jaringan intra pemerintah 48 dari 48" in text
    assert "Jumlah 56 " in text


def test_long_pdf_numbers_each_page_out_of_the_total():
    blocks = [("h1", "Uji halaman")] + [("p", "Kalimat contoh yang panjang. " * 12)] * 60
    pages = pdf_text(build_pdf("Uji halaman", blocks, author="Tim uji"))

    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert f"Uji halaman - halaman {number} dari {len(pages)}" in text


def test_pdf_text_is_not_read_as_markup():
    data = build_pdf("Uji & <teks>", [("p", "Pasal 1 & 2 <berlaku>")], author="Tim uji")

    assert "Pasal 1 & 2 <berlaku>" in pdf_text(data)[0]


@pytest.mark.parametrize("key", CSV_KEYS)
def test_csv_attachment_starts_with_a_byte_order_mark_for_spreadsheets(key):
    document = render(key)

    assert document.filename.endswith(".csv")
    assert document.data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(document.data.decode("utf-8-sig"))))
    assert len(rows) > 1
    assert {len(row) for row in rows} == {len(rows[0])}
    assert document.data == render(key).data
