"""The documents attached to demo news: PDF reports and circulars, and CSV tables.

Each recipe returns the title, file name and bytes of one document; the PDFs are laid out
by `pdf` (reportlab). Figures come from a generator seeded with the document and the year:
the same figures on every run in a year, and each document says they are illustrative.
"""

import csv
import io
import random
from dataclasses import dataclass

from .content import KECAMATAN
from .pdf import build_pdf, table

ILLUSTRATIVE = (
    "Dokumen contoh untuk demo Warta. Angka di dalamnya bersifat ilustratif, bukan data resmi."
)


@dataclass(frozen=True)
class DocumentFile:
    title: str
    filename: str
    data: bytes


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
    ]
    population = [("Kecamatan", "Kelurahan", "Penduduk (jiwa)", "Kepadatan/km2")]
    total = 0
    for kecamatan, kelurahan in KECAMATAN.items():
        people = rng.randint(105, 330) * 1000 + rng.randint(0, 999)
        total += people
        density = rng.randint(9000, 17500)
        population.append((kecamatan, len(kelurahan), people, density))
    population.append(("Jumlah", 56, total, ""))
    blocks += [
        table(population, right=(1, 2, 3)),
        ("h2", "3. Indikator Layanan Digital"),
        table(
            [
                ("Indikator", "Nilai"),
                ("Titik Wi-Fi publik aktif", rng.randint(620, 700)),
                ("Perangkat daerah terhubung jaringan intra pemerintah", "48 dari 48"),
                ("Aplikasi layanan publik terintegrasi", rng.randint(30, 45)),
                ("Permohonan informasi publik diterima PPID", rng.randint(1100, 1400)),
                ("Indeks kepuasan layanan digital (skala 100)", "84,6"),
            ],
            right=(1,),
        ),
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
        build_pdf(title, blocks, author="Bidang Statistik Diskominfostandi"),
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
        build_pdf(title, blocks, author="Bidang Persandian Diskominfostandi"),
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
        table(
            [
                ("No", "Ringkasan informasi", "Penanggung jawab", "Jenis"),
                *((i, *row) for i, row in enumerate(rows, start=1)),
            ]
        ),
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
        build_pdf(title, blocks, author="PPID Pelaksana Diskominfostandi"),
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
        build_pdf(title, blocks, author="Bidang Perumahan DPKPP"),
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
        build_pdf(title, blocks, author="Sekretariat DPKPP"),
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
