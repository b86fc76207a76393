"""Documents attached to demo news: small valid PDFs written by hand, and CSV tables.

The PDF writer knows just enough of PDF 1.4 for text pages: the standard Type 1 fonts (no
embedding), WinAnsi encoding, one content stream per page, and a cross-reference table with
exact byte offsets. It saves a dependency for a demo that needs a few one-page reports.
Figures are drawn from a seeded generator: the same document every run, marked illustrative.
"""

import csv
import io
import random
import textwrap
from dataclasses import dataclass

PAGE_W, PAGE_H = 595, 842  # A4 in points
MARGIN = 56
FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Courier"}
# (font, size, leading, wrap width in characters) per kind of line
STYLES = {
    "h1": ("F2", 16, 24, 60),
    "h2": ("F2", 12, 20, 75),
    "p": ("F1", 10, 14, 98),
    "note": ("F1", 9, 13, 108),
    "row": ("F3", 8.5, 12, 94),
}
ILLUSTRATIVE = (
    "Dokumen contoh untuk demo Warta. Angka di dalamnya bersifat ilustratif, bukan data resmi."
)

KECAMATAN = {
    "Bantargebang": ["Bantargebang", "Cikiwul", "Ciketing Udik", "Sumur Batu"],
    "Bekasi Barat": ["Bintara", "Bintara Jaya", "Jakasampurna", "Kota Baru", "Kranji"],
    "Bekasi Selatan": ["Jakamulya", "Jakasetia", "Kayuringin Jaya", "Marga Jaya", "Pekayon Jaya"],
    "Bekasi Timur": ["Aren Jaya", "Bekasi Jaya", "Duren Jaya", "Margahayu"],
    "Bekasi Utara": [
        "Harapan Baru",
        "Harapan Jaya",
        "Kaliabang Tengah",
        "Marga Mulya",
        "Perwira",
        "Teluk Pucung",
    ],
    "Jatiasih": ["Jatiasih", "Jatikramat", "Jatiluhur", "Jatimekar", "Jatirasa", "Jatisari"],
    "Jatisampurna": ["Jatikarya", "Jatiraden", "Jatirangga", "Jatiranggon", "Jatisampurna"],
    "Medan Satria": ["Harapan Mulya", "Kali Baru", "Medan Satria", "Pejuang"],
    "Mustikajaya": ["Cimuning", "Mustikajaya", "Mustikasari", "Padurenan"],
    "Pondok Gede": ["Jatibening", "Jatibening Baru", "Jaticempaka", "Jatimakmur", "Jatiwaringin"],
    "Pondok Melati": ["Jatimelati", "Jatimurni", "Jatirahayu", "Jatiwarna"],
    "Rawalumbu": ["Bojong Menteng", "Bojong Rawalumbu", "Pengasinan", "Sepanjang Jaya"],
}


@dataclass(frozen=True)
class DocumentFile:
    title: str
    filename: str
    data: bytes


# PDF ---------------------------------------------------------------------------------------


def _pdf_text(text):
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _layout(blocks):
    """Split (kind, text) blocks into pages of (font, size, x, y, text) lines."""
    pages, lines = [], []
    y = PAGE_H - MARGIN
    for kind, text in blocks:
        if kind == "gap":
            y -= 8
            continue
        font, size, leading, width = STYLES[kind]
        wrapped = textwrap.wrap(text, width) if kind != "row" else [text[:width]]
        if kind in ("h1", "h2"):
            y -= 4
        for part in wrapped or [""]:
            if y - leading < MARGIN + 20:
                pages.append(lines)
                lines, y = [], PAGE_H - MARGIN
            y -= leading
            lines.append((font, size, MARGIN, y, part))
    pages.append(lines)
    return pages


def build_pdf(title, blocks, *, author, created):
    """A PDF 1.4 file of text `blocks`: [(kind, text)], kind in h1, h2, p, note, row, gap."""
    pages = _layout(blocks)
    objects = {}  # number -> body bytes
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    for number, (name, base) in enumerate(FONTS.items(), start=3):
        objects[number] = (
            f"<< /Type /Font /Subtype /Type1 /Name /{name} /BaseFont /{base} "
            f"/Encoding /WinAnsiEncoding >>"
        ).encode()
    font_refs = " ".join(f"/{name} {n} 0 R" for n, name in enumerate(FONTS, start=3))
    stamp = created.strftime("D:%Y%m%d%H%M%S+07'00'").encode()
    objects[6] = (
        b"<< /Title "
        + _pdf_text(title)
        + b" /Author "
        + _pdf_text(author)
        + b" /Producer (Warta demo loader) /CreationDate ("
        + stamp
        + b") >>"
    )
    kids = []
    for index, lines in enumerate(pages):
        page_no, content_no = 7 + 2 * index, 8 + 2 * index
        kids.append(f"{page_no} 0 R")
        stream = [b"0.75 w 0.2 0.2 0.2 RG"]
        stream.append(
            f"{MARGIN} {PAGE_H - MARGIN + 14} m {PAGE_W - MARGIN} {PAGE_H - MARGIN + 14} l S".encode()
        )
        for font, size, x, y, text in lines:
            stream.append(
                f"BT /{font} {size} Tf {x} {y:.1f} Td ".encode() + _pdf_text(text) + b" Tj ET"
            )
        footer = f"{title}  -  halaman {index + 1} dari {len(pages)}"
        stream.append(
            f"BT /F1 8 Tf {MARGIN} {MARGIN - 24} Td ".encode() + _pdf_text(footer) + b" Tj ET"
        )
        content = b"\n".join(stream)
        objects[page_no] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
            f"/Resources << /Font << {font_refs} >> >> /Contents {content_no} 0 R >>"
        ).encode()
        objects[content_no] = (
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
        )
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref_at = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n".encode() + b"0000000000 65535 f \n"
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


def build_csv(header, rows):
    """UTF-8 CSV with a byte-order mark, so spreadsheet programs read the accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _rupiah(value):
    return f"Rp{value:,.0f}".replace(",", ".")


def _spread(rng, total, keys, minimum=0):
    """Split `total` over `keys` at random, each at least `minimum`."""
    counts = dict.fromkeys(keys, minimum)
    for _ in range(total - minimum * len(keys)):
        counts[rng.choice(keys)] += 1
    return counts


# The demo's documents ---------------------------------------------------------------------


def statistik_sektoral(ctx):
    rng = random.Random(f"statistik-{ctx.year}")
    title = f"Laporan Statistik Sektoral Kota Bekasi {ctx.year}"
    blocks = [
        ("h1", title),
        ("p", "Pemerintah Kota Bekasi - Dinas Komunikasi, Informatika, Statistik dan Persandian"),
        ("note", ILLUSTRATIVE),
        ("h2", "1. Pendahuluan"),
        (
            "p",
            "Laporan ini menghimpun data sektoral yang dihasilkan perangkat daerah di lingkungan "
            "Pemerintah Kota Bekasi dan dikompilasi Bidang Statistik sebagai walidata, sesuai "
            "prinsip Satu Data Indonesia: satu standar data, satu metadata baku, "
            "interoperabilitas data, dan kode referensi yang sama.",
        ),
        ("h2", "2. Penduduk menurut Kecamatan"),
        ("row", f"{'Kecamatan':<18}{'Kelurahan':>10}{'Penduduk (jiwa)':>18}{'Kepadatan/km2':>16}"),
    ]
    total = 0
    for kecamatan, kelurahan in KECAMATAN.items():
        people = rng.randint(105, 330) * 1000 + rng.randint(0, 999)
        total += people
        density = rng.randint(9000, 17500)
        blocks.append(
            (
                "row",
                f"{kecamatan:<18}{len(kelurahan):>10}{people:>18,}{density:>16,}".replace(",", "."),
            )
        )
    blocks += [
        ("row", f"{'Jumlah':<18}{56:>10}{total:>18,}".replace(",", ".")),
        ("h2", "3. Indikator Layanan Digital"),
        ("row", f"{'Indikator':<58}{'Nilai':>12}"),
        ("row", f"{'Titik Wi-Fi publik aktif':<58}{rng.randint(620, 700):>12}"),
        ("row", f"{'Perangkat daerah terhubung jaringan intra pemerintah':<58}{'48 dari 48':>12}"),
        ("row", f"{'Aplikasi layanan publik terintegrasi':<58}{rng.randint(30, 45):>12}"),
        ("row", f"{'Permohonan informasi publik diterima PPID':<58}{rng.randint(1100, 1400):>12}"),
        ("row", f"{'Indeks kepuasan layanan digital (skala 100)':<58}{'84,6':>12}"),
        ("h2", "4. Catatan Metodologi"),
        (
            "p",
            "Data dikumpulkan melalui formulir standar data dari setiap produsen data, diperiksa "
            "konsistensinya oleh walidata, lalu disepakati dalam Forum Satu Data Kota Bekasi "
            "sebelum dipublikasikan di portal data daerah.",
        ),
    ]
    return DocumentFile(
        title,
        f"laporan-statistik-sektoral-{ctx.year}.pdf",
        build_pdf(title, blocks, author="Bidang Statistik Diskominfostandi", created=ctx.created),
    )


def titik_wifi(ctx):
    rng = random.Random(f"wifi-{ctx.year}")
    title = f"Daftar Titik Wi-Fi Publik Kota Bekasi {ctx.year}"
    places = [
        ("Kantor Kelurahan", "kantor pemerintahan"),
        ("RPTRA", "ruang publik"),
        ("Taman", "ruang terbuka"),
        ("Posyandu", "fasilitas kesehatan"),
        ("Balai Warga", "ruang publik"),
    ]
    pairs = [(kec, kel) for kec, kels in KECAMATAN.items() for kel in kels]
    counts = _spread(rng, 150, pairs, minimum=2)
    rows = []
    for number, (kec, kel) in enumerate(pairs, start=1):
        place, kind = rng.choice(places)
        status = "aktif" if rng.random() < 0.85 else "uji coba"
        rows.append([number, kec, kel, f"{place} {kel}", kind, counts[(kec, kel)], 50, status])
    data = build_csv(
        [
            "no",
            "kecamatan",
            "kelurahan",
            "lokasi",
            "jenis_lokasi",
            "jumlah_titik",
            "bandwidth_mbps",
            "status",
        ],
        rows,
    )
    return DocumentFile(title, f"titik-wifi-publik-{ctx.year}.csv", data)


def surat_edaran_sandi(ctx):
    title = "Surat Edaran Pengelolaan Kata Sandi dan Keamanan Akun Aparatur"
    points = [
        "Gunakan kata sandi minimal 12 karakter yang memadukan huruf, angka dan tanda baca; "
        "jangan memakai tanggal lahir, NIP atau nama instansi.",
        "Satu kata sandi untuk satu layanan. Simpan di pengelola kata sandi yang disediakan "
        "Diskominfostandi, bukan di kertas atau pesan singkat.",
        "Aktifkan verifikasi dua langkah pada surel dinas, aplikasi naskah dinas elektronik dan "
        "akun media sosial perangkat daerah.",
        "Jangan membagikan kode OTP kepada siapa pun, termasuk yang mengaku petugas TIK.",
        "Laporkan surel mencurigakan, akun yang diambil alih atau kebocoran data ke Tim Tanggap "
        "Insiden Siber Kota Bekasi paling lambat 1 x 24 jam.",
        "Akun pegawai yang pensiun, mutasi atau cuti panjang dinonaktifkan oleh pengelola "
        "kepegawaian bersama Bidang Persandian.",
    ]
    blocks = [
        ("h1", title),
        ("p", "Kepada Yth. Kepala Perangkat Daerah di lingkungan Pemerintah Kota Bekasi"),
        ("note", "Nomor: contoh/Diskominfostandi  -  Sifat: Penting  -  " + ILLUSTRATIVE),
        ("h2", "Latar belakang"),
        (
            "p",
            "Sebagian besar insiden keamanan informasi yang ditangani sepanjang tahun berawal "
            "dari kata sandi yang lemah atau dipakai ulang. Untuk melindungi data warga dan "
            "kelangsungan layanan, setiap aparatur diminta menerapkan ketentuan berikut.",
        ),
        ("h2", "Ketentuan"),
    ]
    blocks += [("p", f"{i}. {text}") for i, text in enumerate(points, start=1)]
    blocks += [
        ("gap", ""),
        ("p", "Demikian surat edaran ini untuk dilaksanakan dengan penuh tanggung jawab."),
        ("p", f"Bekasi, {ctx.created:%d-%m-%Y}"),
        ("p", "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Bekasi"),
    ]
    return DocumentFile(
        title,
        "surat-edaran-keamanan-akun-asn.pdf",
        build_pdf(title, blocks, author="Bidang Persandian Diskominfostandi", created=ctx.created),
    )


def daftar_informasi_publik(ctx):
    title = f"Daftar Informasi Publik Diskominfostandi {ctx.year}"
    rows = [
        ("Profil, struktur organisasi dan LHKPN pejabat", "Sekretariat", "Berkala"),
        ("Rencana strategis dan rencana kerja tahunan", "Sekretariat", "Berkala"),
        ("Laporan kinerja dan laporan keuangan", "Sekretariat", "Berkala"),
        ("Data statistik sektoral Kota Bekasi", "Bidang Statistik", "Setiap saat"),
        ("Daftar titik Wi-Fi publik", "Bidang Infrastruktur TIK", "Setiap saat"),
        ("Siaran pers dan berita kegiatan", "Bidang PIP", "Setiap saat"),
        ("Informasi peringatan dini dan keadaan darurat", "Bidang PIP", "Serta-merta"),
        ("Standar layanan dan maklumat PPID", "Bidang PIP", "Setiap saat"),
    ]
    blocks = [
        ("h1", title),
        ("p", "Pejabat Pengelola Informasi dan Dokumentasi (PPID) Pelaksana Diskominfostandi"),
        ("note", ILLUSTRATIVE),
        (
            "p",
            "Disusun berdasarkan Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi "
            "Publik dan Peraturan Pemerintah Nomor 61 Tahun 2010 tentang pelaksanaannya.",
        ),
        ("row", f"{'No':<4}{'Ringkasan informasi':<48}{'Penanggung jawab':<26}{'Jenis':<14}"),
    ]
    blocks += [
        ("row", f"{i:<4}{text:<48}{owner:<26}{kind:<14}")
        for i, (text, owner, kind) in enumerate(rows, start=1)
    ]
    blocks += [
        ("gap", ""),
        (
            "p",
            "Permohonan informasi diajukan langsung, melalui surel, atau melalui formulir daring; "
            "jawaban diberikan paling lambat 10 hari kerja dan dapat diperpanjang 7 hari kerja.",
        ),
    ]
    return DocumentFile(
        title,
        f"daftar-informasi-publik-{ctx.year}.pdf",
        build_pdf(title, blocks, author="PPID Pelaksana Diskominfostandi", created=ctx.created),
    )


def rekap_rtlh(ctx):
    rng = random.Random(f"rtlh-{ctx.year}")
    title = f"Rekapitulasi Penanganan Rumah Tidak Layak Huni {ctx.year}"
    kecamatan = list(KECAMATAN)
    handled = _spread(rng, 320, kecamatan, minimum=12)
    rows = []
    for kec in kecamatan:
        done = handled[kec]
        verified = done + rng.randint(3, 15)
        proposed = verified + rng.randint(5, 30)
        rows.append([kec, proposed, verified, done, 20_000_000, done * 20_000_000])
    data = build_csv(
        [
            "kecamatan",
            "usulan_unit",
            "terverifikasi_unit",
            "ditangani_unit",
            "bantuan_per_unit_rp",
            "total_bantuan_rp",
        ],
        rows,
    )
    return DocumentFile(title, f"rekap-rtlh-{ctx.year}.csv", data)


def rekap_psu(ctx):
    rng = random.Random(f"psu-{ctx.year}")
    title = f"Rekapitulasi Serah Terima PSU Perumahan {ctx.year}"
    estates = [
        (
            "Griya Mustika Asri",
            "PT Mustika Griya Lestari",
            "Mustikajaya",
            "Mustikasari",
            "diserahkan",
        ),
        (
            "Villa Padurenan Indah",
            "PT Karya Padurenan Mandiri",
            "Mustikajaya",
            "Padurenan",
            "diserahkan",
        ),
        (
            "Cimuning Residence",
            "PT Bumi Cimuning Sejahtera",
            "Mustikajaya",
            "Cimuning",
            "diserahkan",
        ),
        (
            "Taman Rawalumbu Permai",
            "PT Sentosa Lumbu Jaya",
            "Rawalumbu",
            "Sepanjang Jaya",
            "verifikasi",
        ),
        (
            "Bekasi Timur Regensi",
            "PT Timur Regensi Properti",
            "Bekasi Timur",
            "Duren Jaya",
            "verifikasi",
        ),
        ("Harapan Indah Asri", "PT Harapan Griya Utama", "Medan Satria", "Pejuang", "proses BAST"),
        (
            "Jatiasih Hijau Residence",
            "PT Hijau Jatiasih Lestari",
            "Jatiasih",
            "Jatiluhur",
            "proses BAST",
        ),
        (
            "Pesona Bantargebang",
            "PT Pesona Tanah Bekasi",
            "Bantargebang",
            "Cikiwul",
            "belum diajukan",
        ),
    ]
    rows = []
    for number, (name, developer, kec, kel, status) in enumerate(estates, start=1):
        area = rng.randint(18, 95) * 100
        rows.append(
            [
                number,
                f"Perumahan {name}",
                developer,
                kec,
                kel,
                area,
                "jalan, saluran, taman, makam",
                status,
            ]
        )
    data = build_csv(
        [
            "no",
            "perumahan",
            "pengembang",
            "kecamatan",
            "kelurahan",
            "luas_psu_m2",
            "jenis_psu",
            "status",
        ],
        rows,
    )
    return DocumentFile(title, f"rekap-serah-terima-psu-{ctx.year}.csv", data)


def persyaratan_rtlh(ctx):
    title = "Persyaratan Bantuan Perbaikan Rumah Tidak Layak Huni"
    blocks = [
        ("h1", title),
        ("p", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan Kota Bekasi - Bidang Perumahan"),
        ("note", ILLUSTRATIVE),
        ("h2", "Kriteria penerima"),
        (
            "p",
            "1. Warga Kota Bekasi yang berkeluarga dan terdaftar dalam data terpadu kesejahteraan sosial.",
        ),
        (
            "p",
            "2. Memiliki atau menguasai tanah dengan alas hak yang sah dan tidak dalam sengketa.",
        ),
        (
            "p",
            "3. Rumah yang dihuni merupakan satu-satunya rumah dan tidak layak huni: atap, lantai atau dinding rusak, atau tanpa sanitasi yang layak.",
        ),
        (
            "p",
            "4. Belum pernah menerima bantuan perumahan dari pemerintah dalam sepuluh tahun terakhir.",
        ),
        ("h2", "Dokumen"),
        (
            "p",
            "Fotokopi KTP dan kartu keluarga; fotokopi bukti kepemilikan tanah (sertipikat, akta jual beli atau girik); surat keterangan tidak mampu dari kelurahan; foto kondisi rumah tampak depan, samping dan dalam.",
        ),
        ("h2", "Alur"),
        (
            "p",
            "Usulan disampaikan melalui RT/RW ke kelurahan, diteruskan kecamatan ke DPKPP. Tim verifikasi melakukan survei lapangan, lalu calon penerima yang memenuhi syarat ditetapkan dengan keputusan kepala dinas. Bantuan diberikan dalam bentuk bahan bangunan senilai "
            + _rupiah(20_000_000)
            + " per unit dan dikerjakan secara swadaya bersama warga.",
        ),
        ("p", "Seluruh layanan tidak dipungut biaya."),
    ]
    return DocumentFile(
        title,
        "persyaratan-bantuan-rtlh.pdf",
        build_pdf(title, blocks, author="Bidang Perumahan DPKPP", created=ctx.created),
    )


def standar_pelayanan_informasi(ctx):
    title = "Standar Pelayanan Permohonan Informasi Publik DPKPP"
    blocks = [
        ("h1", title),
        ("p", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan Kota Bekasi - Sekretariat"),
        ("note", ILLUSTRATIVE),
        ("h2", "Dasar hukum"),
        (
            "p",
            "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik; Peraturan Pemerintah Nomor 61 Tahun 2010; keputusan wali kota tentang biaya penggandaan informasi publik.",
        ),
        ("h2", "Persyaratan"),
        (
            "p",
            "Pemohon mengisi formulir permohonan informasi dan melampirkan fotokopi kartu identitas. Permohonan atas nama badan hukum melampirkan akta pendirian.",
        ),
        ("h2", "Alur dan waktu"),
        ("p", "1. Petugas mencatat permohonan dalam buku agenda dan memberikan nomor pendaftaran."),
        (
            "p",
            "2. Bidang pemilik informasi menyiapkan jawaban; sekretariat memeriksa kelengkapannya.",
        ),
        (
            "p",
            "3. Jawaban diberikan paling lambat 10 hari kerja sejak permohonan diterima, dapat diperpanjang 7 hari kerja dengan pemberitahuan tertulis.",
        ),
        ("h2", "Biaya"),
        (
            "p",
            "Layanan tidak dipungut biaya. Penggandaan dokumen mengikuti tarif yang ditetapkan keputusan wali kota.",
        ),
        ("h2", "Publikasi"),
        (
            "p",
            "Informasi yang wajib diumumkan secara berkala ditayangkan di situs web dan media sosial dinas sesuai SOP Pengelolaan Website dan Medsos.",
        ),
    ]
    return DocumentFile(
        title,
        "standar-pelayanan-informasi-publik-dpkpp.pdf",
        build_pdf(title, blocks, author="Sekretariat DPKPP", created=ctx.created),
    )


RECIPES = {
    "statistik-sektoral": statistik_sektoral,
    "titik-wifi": titik_wifi,
    "surat-edaran-sandi": surat_edaran_sandi,
    "daftar-informasi-publik": daftar_informasi_publik,
    "rekap-rtlh": rekap_rtlh,
    "rekap-psu": rekap_psu,
    "persyaratan-rtlh": persyaratan_rtlh,
    "standar-pelayanan-informasi": standar_pelayanan_informasi,
}


@dataclass(frozen=True)
class Context:
    year: int
    created: object  # an aware datetime


def render_document(key, *, year, created):
    return RECIPES[key](Context(year=year, created=created))
