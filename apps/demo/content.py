"""What the demo shows: two agencies of Pemerintah Kota Bekasi and their news.

Plain data. Dates are relative (days before the day the demo is loaded, local time in
Asia/Jakarta) so the news always looks recent; the people quoted are fictional, and the
documents say their figures are illustrative.
"""

from dataclasses import dataclass, field

from .images import Palette

LIVE = "live"  # published
DRAFT = "draft"  # never published
LIVE_WITH_DRAFT = "live+draft"  # published, then edited: a newer revision waits unpublished


@dataclass(frozen=True)
class Picture:
    scene: str  # a key of images.SCENES
    caption: str
    alt: str


@dataclass(frozen=True)
class NewsItem:
    slug: str
    title: str
    summary: str
    days_ago: int
    time: str  # "HH:MM", Asia/Jakarta
    hero: Picture
    paragraphs: tuple[str, ...]  # plain text; "## " starts a subheading
    categories: tuple[str, ...]  # slugs of CATEGORIES
    tags: tuple[str, ...]
    unit: str  # name of one of the agency's units
    reporter: str
    location: str
    featured: bool = False
    quote: tuple[str, str] | None = None  # (text, attribution)
    image: Picture | None = None
    gallery: tuple[str, tuple[Picture, ...]] | None = None  # (title, pictures)
    document: str | None = None  # a key of documents.RECIPES
    document_label: str = ""
    status: str = LIVE
    draft_title: str = ""  # LIVE_WITH_DRAFT: the newer, unpublished revision
    draft_summary: str = ""


@dataclass(frozen=True)
class Agency:
    key: str
    site_name: str
    hostname: str
    port: int
    is_default_site: bool
    home_slug: str
    home_intro: str
    index_intro: str
    settings: dict
    palette: Palette
    initials: str
    label: str  # the badge drawn on its pictures
    credit: str  # photo credit of its pictures
    units: tuple[tuple[str, str], ...]  # (name, short name) of its bidang and secretariat
    author: str  # username that drafts its news
    publisher: str  # username that publishes, as its SOP says
    sop_preset: str = ""  # the signed SOP its news section follows (apps/sop_audit/presets)
    news: tuple[NewsItem, ...] = field(default=())


CATEGORIES = [
    ("Pemerintahan", "pemerintahan", "Kebijakan, koordinasi dan tata kelola pemerintahan daerah."),
    ("Pelayanan Publik", "pelayanan-publik", "Layanan yang langsung dirasakan warga Kota Bekasi."),
    ("Teknologi", "teknologi", "Transformasi digital, aplikasi dan infrastruktur TIK."),
    ("Infrastruktur", "infrastruktur", "Jalan lingkungan, saluran, jaringan dan sarana kota."),
    ("Statistik", "statistik", "Data sektoral dan Satu Data Kota Bekasi."),
    (
        "Keamanan Informasi",
        "keamanan-informasi",
        "Persandian, keamanan siber dan pelindungan data.",
    ),
    ("Perumahan", "perumahan", "Rumah layak huni, perumahan dan kawasan permukiman."),
    ("Pertanahan", "pertanahan", "Sertifikasi, pengadaan dan penataan tanah."),
    ("Tata Ruang", "tata-ruang", "Kesesuaian pemanfaatan ruang dan rencana kawasan."),
    ("Kemasyarakatan", "kemasyarakatan", "Kegiatan bersama warga dan komunitas."),
]

# Diskominfostandi ---------------------------------------------------------------------------

KOMINFO_UNITS = (
    ("Sekretariat Diskominfostandi", "Sekretariat"),
    ("Bidang Pengelolaan Informasi Publik", "PIP"),
    ("Bidang Aplikasi Informatika", "Aptika"),
    ("Bidang Infrastruktur Teknologi Informasi dan Komunikasi", "Infra TIK"),
    ("Bidang Statistik", "Statistik"),
    ("Bidang Persandian dan Keamanan Informasi", "Persandian"),
)
PIP, APTIKA, INFRA, STAT, SANDI = (name for name, _ in KOMINFO_UNITS[1:])

KOMINFO_NEWS = (
    NewsItem(
        slug="diskominfostandi-tambah-150-titik-wifi-publik",
        title="Diskominfostandi Tambah 150 Titik Wi-Fi Publik di Kelurahan dan Ruang Terbuka",
        summary=(
            "Sebanyak 150 titik Wi-Fi publik baru kini menjangkau seluruh 56 kelurahan di Kota "
            "Bekasi, dari kantor kelurahan hingga taman dan RPTRA, dengan kecepatan 50 Mbps."
        ),
        days_ago=3,
        time="10:15",
        featured=True,
        hero=Picture(
            "network",
            "Petugas memeriksa titik akses Wi-Fi publik di kawasan Bekasi Selatan",
            "Ilustrasi jaringan Wi-Fi publik: simbol sinyal di atas siluet gedung-gedung Kota Bekasi.",
        ),
        paragraphs=(
            "Dinas Komunikasi, Informatika, Statistik dan Persandian (Diskominfostandi) Kota "
            "Bekasi menambah 150 titik Wi-Fi publik yang tersebar di 12 kecamatan. Dengan "
            "tambahan ini, setiap kelurahan memiliki sedikitnya dua titik akses internet gratis "
            "yang dapat dipakai warga untuk belajar, mengurus layanan daring dan berusaha.",
            "Titik baru dipasang di kantor kelurahan, ruang publik terpadu ramah anak (RPTRA), "
            "taman kota, posyandu dan balai warga. Lokasi dipilih berdasarkan usulan "
            "musyawarah perencanaan pembangunan kelurahan serta data kepadatan penduduk.",
            "## Cara terhubung",
            "Warga cukup memilih jaringan bernama BekasiKota-WiFi, lalu menyetujui ketentuan "
            "penggunaan pada halaman awal. Setiap sesi berlaku dua jam dan dapat diulang. "
            "Situs yang memuat perjudian, pornografi dan konten ilegal lainnya diblokir.",
            "Bidang Infrastruktur TIK memantau kinerja setiap titik dari pusat jaringan. "
            "Gangguan dapat dilaporkan melalui kanal aduan warga dengan menyebutkan lokasi titik "
            "yang bermasalah, dan petugas menargetkan perbaikan dalam dua hari kerja.",
        ),
        gallery=(
            "Pemasangan titik Wi-Fi publik",
            (
                Picture(
                    "network",
                    "Titik akses di Taman Kota Bekasi Selatan",
                    "Ilustrasi titik akses Wi-Fi di taman kota dengan simbol sinyal.",
                ),
                Picture(
                    "phone",
                    "Warga terhubung ke jaringan BekasiKota-WiFi",
                    "Ilustrasi ponsel yang menampilkan halaman masuk Wi-Fi publik.",
                ),
                Picture(
                    "command",
                    "Pemantauan titik akses dari pusat jaringan",
                    "Ilustrasi layar pemantauan jaringan berisi grafik dan peta.",
                ),
            ),
        ),
        document="titik-wifi",
        document_label="Unduh daftar titik Wi-Fi publik per kelurahan (CSV)",
        categories=("teknologi", "pelayanan-publik"),
        tags=("wifi publik", "internet gratis", "kelurahan"),
        unit=INFRA,
        reporter="Nur Aini Rahmawati",
        location="Bekasi Selatan",
    ),
    NewsItem(
        slug="command-center-pantau-genangan-dan-lalu-lintas",
        title="Command Center Kota Bekasi Pantau Genangan dan Kepadatan Lalu Lintas",
        summary=(
            "Selama musim hujan, ruang kendali Command Center Kota Bekasi memantau 320 kamera "
            "dan sensor tinggi muka air untuk mempercepat penanganan genangan dan kemacetan."
        ),
        days_ago=6,
        time="08:40",
        status=LIVE_WITH_DRAFT,
        draft_title="Command Center Kota Bekasi Siaga 24 Jam Pantau Genangan Selama Musim Hujan",
        draft_summary=(
            "Mulai pekan ini Command Center Kota Bekasi beroperasi 24 jam dengan tiga sif "
            "petugas untuk memantau genangan, tinggi muka air dan kepadatan lalu lintas."
        ),
        hero=Picture(
            "command",
            "Operator memantau layar kamera dan sensor di Command Center Kota Bekasi",
            "Ilustrasi ruang kendali dengan dinding layar berisi grafik, peta dan operator di meja.",
        ),
        paragraphs=(
            "Command Center Kota Bekasi meningkatkan pemantauan selama musim hujan. Sebanyak "
            "320 kamera pengawas dan 18 sensor tinggi muka air di sungai dan saluran utama "
            "ditampilkan di dinding layar ruang kendali yang dijaga petugas secara bergantian.",
            "Ketika sensor menunjukkan kenaikan muka air atau kamera menangkap genangan, "
            "operator meneruskan informasi ke perangkat daerah terkait, kecamatan dan kelurahan "
            "melalui grup koordinasi, sehingga pompa dan petugas lapangan dapat dikerahkan lebih "
            "cepat.",
            "Data yang sama dipakai untuk mengatur arus lalu lintas bersama Dinas Perhubungan. "
            "Informasi ruas jalan yang tergenang dibagikan kepada warga melalui media sosial "
            "resmi Pemerintah Kota Bekasi.",
        ),
        quote=(
            "Kecepatan informasi menentukan kecepatan penanganan. Warga juga dapat melapor "
            "genangan lewat kanal aduan, dan laporan itu langsung muncul di layar kami.",
            "Andri Kurniawan, Kepala Bidang Aplikasi Informatika",
        ),
        categories=("teknologi", "pelayanan-publik"),
        tags=("command center", "banjir", "lalu lintas"),
        unit=APTIKA,
        reporter="Nur Aini Rahmawati",
        location="Command Center, Kompleks Pemkot Bekasi",
    ),
    NewsItem(
        slug="buku-statistik-sektoral-kota-bekasi-terbit",
        title="Diskominfostandi Terbitkan Laporan Statistik Sektoral Kota Bekasi",
        summary=(
            "Laporan statistik sektoral tahun ini memuat data kependudukan per kecamatan dan "
            "indikator layanan digital yang dihimpun dari seluruh perangkat daerah."
        ),
        days_ago=10,
        time="13:30",
        hero=Picture(
            "chart",
            "Grafik indikator layanan digital dalam laporan statistik sektoral",
            "Ilustrasi diagram batang, garis tren dan diagram lingkaran data statistik.",
        ),
        paragraphs=(
            "Bidang Statistik Diskominfostandi Kota Bekasi menerbitkan Laporan Statistik "
            "Sektoral tahun berjalan. Laporan ini menjadi rujukan perangkat daerah dalam "
            "menyusun perencanaan, sekaligus sumber data terbuka bagi akademisi dan masyarakat.",
            "Sebagai walidata, Bidang Statistik menghimpun data dari produsen data di setiap "
            "perangkat daerah, memeriksa konsistensinya, lalu membahasnya dalam Forum Satu Data "
            "sebelum dipublikasikan.",
            "Selain data penduduk per kecamatan, laporan memuat indikator layanan digital: "
            "jumlah titik Wi-Fi publik, perangkat daerah yang terhubung jaringan intra "
            "pemerintah, aplikasi layanan publik terintegrasi dan jumlah permohonan informasi.",
        ),
        document="statistik-sektoral",
        document_label="Laporan Statistik Sektoral Kota Bekasi (PDF)",
        categories=("statistik", "pemerintahan"),
        tags=("satu data", "statistik sektoral", "data terbuka"),
        unit=STAT,
        reporter="Tim Liputan Diskominfostandi",
        location="Kompleks Pemkot Bekasi",
    ),
    NewsItem(
        slug="forum-satu-data-sepakati-standar-data",
        title="Forum Satu Data Kota Bekasi Sepakati Standar Data Perangkat Daerah",
        summary=(
            "Forum Satu Data Kota Bekasi menyepakati standar data dan metadata baku untuk 48 "
            "perangkat daerah agar data pembangunan mudah dibagipakaikan."
        ),
        days_ago=15,
        time="09:00",
        hero=Picture(
            "meeting",
            "Peserta Forum Satu Data membahas daftar data prioritas",
            "Ilustrasi rapat: layar presentasi di depan meja panjang dan para peserta.",
        ),
        paragraphs=(
            "Forum Satu Data Kota Bekasi menggelar rapat pleno yang dihadiri walidata, produsen "
            "data dari 48 perangkat daerah dan perwakilan Badan Pusat Statistik Kota Bekasi.",
            "Rapat menyepakati daftar data prioritas, format standar dan metadata baku untuk "
            "setiap set data. Dengan standar yang sama, data dari satu perangkat daerah dapat "
            "langsung dipakai perangkat daerah lain tanpa perlu diolah ulang.",
            "Data yang telah disepakati akan dipublikasikan bertahap di portal data Kota "
            "Bekasi dan diperbarui sesuai jadwal yang ditetapkan dalam forum.",
        ),
        quote=(
            "Tanpa standar yang sama, setiap dinas punya versi angkanya sendiri. Forum ini "
            "memastikan kita memakai satu angka yang sama untuk merencanakan pembangunan.",
            "Yuliana Sari, Kepala Bidang Statistik",
        ),
        categories=("statistik", "pemerintahan"),
        tags=("satu data", "walidata"),
        unit=STAT,
        reporter="Nur Aini Rahmawati",
        location="Ruang Rapat Diskominfostandi",
    ),
    NewsItem(
        slug="literasi-digital-pelajar-kenali-hoaks",
        title="Literasi Digital untuk Pelajar: Kenali Hoaks dan Jaga Data Pribadi",
        summary=(
            "Ratusan pelajar SMP di Kota Bekasi belajar memeriksa kebenaran informasi, mengenali "
            "modus penipuan daring dan melindungi data pribadi di media sosial."
        ),
        days_ago=19,
        time="10:00",
        hero=Picture(
            "meeting",
            "Pelajar mengikuti kelas literasi digital di aula sekolah",
            "Ilustrasi kelas: layar presentasi dan deretan peserta di aula.",
        ),
        paragraphs=(
            "Diskominfostandi Kota Bekasi kembali menggelar kelas literasi digital bagi pelajar. "
            "Kali ini sekitar 400 siswa dari delapan SMP negeri dan swasta mengikuti kegiatan "
            "yang berlangsung di aula sekolah secara bergiliran.",
            "Materi meliputi cara memeriksa kebenaran informasi, mengenali tanda-tanda hoaks, "
            "modus penipuan melalui pesan singkat dan tautan palsu, serta pengaturan privasi "
            "akun media sosial.",
            "Para pelajar juga diajak mempraktikkan pemeriksaan fakta sederhana: mencari sumber "
            "asli sebuah foto, membandingkan judul dengan isi berita, dan mengecek tanggal "
            "unggahan.",
            "Kegiatan ini akan diperluas ke sekolah lain bekerja sama dengan Dinas Pendidikan "
            "dan komunitas pegiat literasi digital di Kota Bekasi.",
        ),
        gallery=(
            "Suasana kelas literasi digital",
            (
                Picture(
                    "meeting",
                    "Pemateri menjelaskan ciri-ciri hoaks",
                    "Ilustrasi pemateri di depan layar presentasi dan peserta kelas.",
                ),
                Picture(
                    "phone",
                    "Praktik pengaturan privasi akun media sosial",
                    "Ilustrasi ponsel yang menampilkan menu pengaturan aplikasi.",
                ),
                Picture(
                    "shield",
                    "Materi pelindungan data pribadi",
                    "Ilustrasi perisai bergembok sebagai lambang pelindungan data.",
                ),
            ),
        ),
        categories=("teknologi", "kemasyarakatan"),
        tags=("literasi digital", "hoaks", "pelajar"),
        unit=PIP,
        reporter="Dimas Prasetyo",
        location="Bekasi Utara",
    ),
    NewsItem(
        slug="surat-dinas-elektronik-bertanda-tangan-elektronik",
        title="Seluruh Surat Dinas Elektronik Kini Memakai Tanda Tangan Elektronik Tersertifikasi",
        summary=(
            "Bidang Persandian memastikan seluruh pejabat penanda tangan di lingkungan Pemkot "
            "Bekasi telah memiliki sertifikat elektronik untuk naskah dinas."
        ),
        days_ago=24,
        time="14:20",
        hero=Picture(
            "shield",
            "Tanda tangan elektronik melindungi keaslian naskah dinas",
            "Ilustrasi perisai bergembok di atas deretan angka biner.",
        ),
        paragraphs=(
            "Seluruh naskah dinas elektronik di lingkungan Pemerintah Kota Bekasi kini "
            "ditandatangani dengan tanda tangan elektronik tersertifikasi. Bidang Persandian "
            "dan Keamanan Informasi telah menerbitkan sertifikat elektronik bagi lebih dari "
            "900 pejabat penanda tangan.",
            "Tanda tangan elektronik menjamin keaslian dan keutuhan dokumen: perubahan sekecil "
            "apa pun setelah ditandatangani akan terdeteksi ketika dokumen diverifikasi.",
            "Penerapan ini juga mempercepat layanan. Surat yang sebelumnya menunggu pejabat "
            "berada di kantor kini dapat ditandatangani dari mana saja dengan tetap aman.",
        ),
        quote=(
            "Keamanan bukan penghambat layanan. Dengan sertifikat elektronik, surat bisa "
            "ditandatangani lebih cepat dan keasliannya dapat dibuktikan.",
            "Teguh Santoso, Kepala Bidang Persandian dan Keamanan Informasi",
        ),
        categories=("keamanan-informasi", "pemerintahan"),
        tags=("persandian", "tanda tangan elektronik", "naskah dinas"),
        unit=SANDI,
        reporter="Tim Liputan Diskominfostandi",
        location="Kompleks Pemkot Bekasi",
    ),
    NewsItem(
        slug="simulasi-penanganan-insiden-siber",
        title="Tim Tanggap Insiden Siber Kota Bekasi Gelar Simulasi Serangan Ransomware",
        summary=(
            "Simulasi melibatkan admin sistem dari 20 perangkat daerah untuk menguji prosedur "
            "deteksi, isolasi dan pemulihan ketika layanan diserang ransomware."
        ),
        days_ago=29,
        time="09:30",
        hero=Picture(
            "shield",
            "Simulasi penanganan insiden siber di lingkungan Pemkot Bekasi",
            "Ilustrasi perisai bergembok dengan latar kode biner.",
        ),
        paragraphs=(
            "Tim Tanggap Insiden Siber (TTIS) Kota Bekasi menggelar simulasi penanganan serangan "
            "ransomware bersama admin sistem dari 20 perangkat daerah. Skenario dimulai dari "
            "surel palsu yang dibuka seorang pegawai hingga server layanan tidak dapat diakses.",
            "Peserta berlatih mendeteksi aktivitas mencurigakan, memutus perangkat yang "
            "terinfeksi dari jaringan, melaporkan insiden dan memulihkan layanan dari cadangan "
            "data.",
            "Hasil simulasi menunjukkan waktu pemulihan dapat dipangkas bila setiap perangkat "
            "daerah menyimpan cadangan data secara terpisah dan menguji pemulihannya secara "
            "berkala.",
        ),
        image=Picture(
            "command",
            "Admin sistem memantau lalu lintas jaringan selama simulasi",
            "Ilustrasi layar pemantauan jaringan dengan grafik dan peta.",
        ),
        categories=("keamanan-informasi", "teknologi"),
        tags=("keamanan siber", "csirt", "simulasi"),
        unit=SANDI,
        reporter="Dimas Prasetyo",
        location="Command Center, Kompleks Pemkot Bekasi",
    ),
    NewsItem(
        slug="ppid-layani-permohonan-informasi-publik",
        title="PPID Kota Bekasi Layani Lebih dari Seribu Permohonan Informasi Publik",
        summary=(
            "Sebagian besar permohonan informasi publik tahun ini dijawab kurang dari sepuluh "
            "hari kerja; Daftar Informasi Publik terbaru juga telah diumumkan."
        ),
        days_ago=33,
        time="11:00",
        hero=Picture(
            "chart",
            "Grafik permohonan informasi publik yang diterima PPID",
            "Ilustrasi diagram batang dan diagram lingkaran jumlah permohonan informasi.",
        ),
        paragraphs=(
            "Pejabat Pengelola Informasi dan Dokumentasi (PPID) Kota Bekasi telah melayani lebih "
            "dari seribu permohonan informasi publik sepanjang tahun ini. Permohonan terbanyak "
            "berkaitan dengan data perizinan, anggaran dan program bantuan sosial.",
            "Sesuai Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, "
            "badan publik wajib menjawab permohonan paling lambat sepuluh hari kerja dan dapat "
            "memperpanjangnya tujuh hari kerja. Sebagian besar permohonan dijawab lebih cepat "
            "dari batas itu.",
            "PPID juga memperbarui Daftar Informasi Publik yang memuat informasi yang wajib "
            "diumumkan secara berkala, tersedia setiap saat, dan yang wajib diumumkan serta-merta.",
        ),
        document="daftar-informasi-publik",
        document_label="Daftar Informasi Publik Diskominfostandi (PDF)",
        categories=("pelayanan-publik", "pemerintahan"),
        tags=("ppid", "keterbukaan informasi"),
        unit=PIP,
        reporter="Nur Aini Rahmawati",
        location="Kompleks Pemkot Bekasi",
    ),
    NewsItem(
        slug="kanal-aduan-warga-terhubung-12-kecamatan",
        title="Kanal Aduan Warga Kini Terhubung Langsung dengan 12 Kecamatan",
        summary=(
            "Aduan warga tentang jalan rusak, sampah atau lampu padam kini diteruskan otomatis ke "
            "kecamatan dan perangkat daerah yang berwenang, lengkap dengan status penanganannya."
        ),
        days_ago=38,
        time="15:45",
        hero=Picture(
            "phone",
            "Tampilan kanal aduan warga pada ponsel",
            "Ilustrasi ponsel dengan kartu-kartu menu layanan dan balon percakapan.",
        ),
        paragraphs=(
            "Bidang Aplikasi Informatika menghubungkan kanal aduan warga dengan 12 kecamatan di "
            "Kota Bekasi. Setiap aduan yang masuk kini diteruskan otomatis ke kecamatan lokasi "
            "kejadian dan ke perangkat daerah yang berwenang.",
            "Warga dapat memantau status aduannya, mulai dari diterima, diteruskan, ditangani "
            "hingga selesai. Petugas wajib melampirkan foto hasil penanganan sebelum aduan "
            "ditutup.",
            "Rekap aduan per kecamatan akan dilaporkan setiap bulan kepada Wali Kota sebagai "
            "bahan evaluasi kinerja layanan.",
        ),
        categories=("pelayanan-publik", "teknologi"),
        tags=("aduan warga", "aplikasi", "kecamatan"),
        unit=APTIKA,
        reporter="Tim Liputan Diskominfostandi",
        location="Kompleks Pemkot Bekasi",
    ),
    NewsItem(
        slug="pelatihan-admin-situs-web-kelurahan",
        title="Diskominfostandi Latih 56 Admin Situs Web Kelurahan",
        summary=(
            "Admin dari seluruh kelurahan berlatih menulis berita, mengunggah foto dengan "
            "keterangan yang benar dan mengelola informasi layanan di situs web kelurahan."
        ),
        days_ago=44,
        time="08:30",
        hero=Picture(
            "meeting",
            "Admin kelurahan mengikuti pelatihan pengelolaan situs web",
            "Ilustrasi ruang pelatihan dengan layar presentasi dan peserta.",
        ),
        paragraphs=(
            "Sebanyak 56 admin situs web kelurahan mengikuti pelatihan pengelolaan konten yang "
            "diselenggarakan Bidang Pengelolaan Informasi Publik selama dua hari.",
            "Peserta belajar menulis berita dengan kaidah 5W+1H, memilih dan mengunggah foto "
            "beserta keterangan dan teks alternatif, serta memperbarui informasi layanan "
            "kelurahan seperti jadwal posyandu dan persyaratan surat pengantar.",
            "Setelah pelatihan, setiap kelurahan ditargetkan menayangkan sedikitnya dua berita "
            "kegiatan setiap bulan dengan pendampingan dari Diskominfostandi.",
        ),
        image=Picture(
            "phone",
            "Contoh halaman berita situs web kelurahan",
            "Ilustrasi ponsel yang menampilkan halaman berita kelurahan.",
        ),
        categories=("teknologi", "pemerintahan"),
        tags=("situs web", "kelurahan", "pelatihan"),
        unit=PIP,
        reporter="Dimas Prasetyo",
        location="Aula Diskominfostandi",
    ),
    NewsItem(
        slug="jaringan-fiber-optik-diperluas-ke-puskesmas",
        title="Jaringan Fiber Optik Pemkot Bekasi Diperluas ke Puskesmas",
        summary=(
            "Perluasan jaringan intra pemerintah ke puskesmas mempercepat layanan rekam medis "
            "elektronik dan rujukan pasien antarfasilitas kesehatan."
        ),
        days_ago=51,
        time="10:30",
        hero=Picture(
            "network",
            "Jaringan fiber optik menghubungkan puskesmas dengan pusat data",
            "Ilustrasi jaringan: titik-titik yang terhubung garis di atas siluet kota.",
        ),
        paragraphs=(
            "Bidang Infrastruktur TIK memperluas jaringan fiber optik milik Pemerintah Kota "
            "Bekasi ke puskesmas di seluruh kecamatan. Sebelumnya sebagian puskesmas masih "
            "mengandalkan koneksi internet komersial yang sering terputus.",
            "Koneksi yang stabil dibutuhkan untuk rekam medis elektronik, sistem antrean dan "
            "rujukan pasien ke rumah sakit. Jaringan intra pemerintah juga lebih aman karena "
            "lalu lintas data tidak melewati internet publik.",
            "Pekerjaan dilakukan bertahap dengan memanfaatkan jalur kabel yang sudah ada di "
            "sepanjang jalan protokol agar tidak perlu menggali ulang.",
        ),
        categories=("infrastruktur", "teknologi"),
        tags=("fiber optik", "puskesmas", "jaringan"),
        unit=INFRA,
        reporter="Tim Liputan Diskominfostandi",
        location="Jatiasih",
    ),
    NewsItem(
        slug="survei-kepuasan-layanan-digital",
        title="Survei Kepuasan Layanan Digital Pemkot Bekasi Capai Indeks 84,6",
        summary=(
            "Survei terhadap 1.200 responden menunjukkan warga puas dengan kemudahan layanan "
            "digital, namun meminta waktu tanggapan aduan yang lebih cepat."
        ),
        days_ago=58,
        time="13:00",
        hero=Picture(
            "chart",
            "Hasil survei kepuasan masyarakat terhadap layanan digital",
            "Ilustrasi diagram batang dan garis tren nilai survei kepuasan.",
        ),
        paragraphs=(
            "Bidang Statistik merilis hasil survei kepuasan masyarakat terhadap layanan digital "
            "Pemerintah Kota Bekasi. Dari 1.200 responden di 12 kecamatan, indeks kepuasan "
            "mencapai 84,6 dari skala 100.",
            "Unsur dengan nilai tertinggi adalah kemudahan persyaratan dan biaya layanan. "
            "Adapun unsur yang paling perlu diperbaiki adalah kecepatan tanggapan terhadap aduan "
            "dan kejelasan informasi status permohonan.",
            "Hasil survei menjadi bahan perbaikan bagi perangkat daerah penyelenggara layanan "
            "dan akan diulang pada periode berikutnya dengan metode yang sama.",
        ),
        quote=(
            "Angka ini bukan untuk dibanggakan, melainkan untuk dibaca bersama: di mana warga "
            "puas dan di mana kita masih harus bekerja lebih keras.",
            "Yuliana Sari, Kepala Bidang Statistik",
        ),
        categories=("statistik", "pelayanan-publik"),
        tags=("survei kepuasan", "layanan digital"),
        unit=STAT,
        reporter="Nur Aini Rahmawati",
        location="Kompleks Pemkot Bekasi",
    ),
    NewsItem(
        slug="sosialisasi-keamanan-akun-asn",
        title="ASN Diminta Perkuat Kata Sandi dan Aktifkan Verifikasi Dua Langkah",
        summary=(
            "Surat edaran tentang pengelolaan kata sandi dan keamanan akun aparatur disosialisasikan "
            "kepada para sekretaris dan pengelola TIK perangkat daerah."
        ),
        days_ago=66,
        time="09:15",
        hero=Picture(
            "shield",
            "Sosialisasi keamanan akun bagi aparatur sipil negara",
            "Ilustrasi perisai dengan gembok sebagai lambang keamanan akun.",
        ),
        paragraphs=(
            "Bidang Persandian dan Keamanan Informasi menyosialisasikan surat edaran tentang "
            "pengelolaan kata sandi dan keamanan akun kepada sekretaris dan pengelola TIK dari "
            "seluruh perangkat daerah.",
            "Aparatur diminta memakai kata sandi minimal 12 karakter, tidak memakai satu kata "
            "sandi untuk banyak layanan, mengaktifkan verifikasi dua langkah dan tidak "
            "membagikan kode OTP kepada siapa pun.",
            "Akun pegawai yang pensiun atau pindah tugas wajib segera dinonaktifkan agar tidak "
            "disalahgunakan.",
        ),
        document="surat-edaran-sandi",
        document_label="Surat edaran pengelolaan kata sandi dan keamanan akun (PDF)",
        categories=("keamanan-informasi",),
        tags=("keamanan siber", "kata sandi", "asn"),
        unit=SANDI,
        reporter="Dimas Prasetyo",
        location="Ruang Rapat Diskominfostandi",
    ),
    NewsItem(
        slug="kanal-klarifikasi-hoaks-kota-bekasi",
        title="Bekasi Siaga Hoaks: Diskominfostandi Buka Kanal Klarifikasi Informasi",
        summary=(
            "Warga dapat mengirim tangkapan layar informasi yang meragukan; tim akan "
            "memeriksanya dan mengumumkan klarifikasi di kanal resmi Pemkot Bekasi."
        ),
        days_ago=74,
        time="16:00",
        hero=Picture(
            "phone",
            "Kanal klarifikasi informasi menerima laporan warga",
            "Ilustrasi ponsel dan balon percakapan berisi laporan warga.",
        ),
        paragraphs=(
            "Diskominfostandi Kota Bekasi membuka kanal klarifikasi informasi. Warga yang "
            "menerima informasi meragukan tentang layanan atau kebijakan Pemerintah Kota Bekasi "
            "dapat mengirimkan tangkapan layarnya untuk diperiksa.",
            "Tim akan menelusuri sumber informasi, meminta konfirmasi perangkat daerah terkait "
            "dan mengumumkan hasilnya di situs web serta media sosial resmi.",
            "Warga juga diimbau tidak meneruskan pesan berantai sebelum memastikan kebenarannya "
            "dari sumber resmi.",
        ),
        categories=("pelayanan-publik", "pemerintahan"),
        tags=("hoaks", "klarifikasi"),
        unit=PIP,
        reporter="Nur Aini Rahmawati",
        location="Kompleks Pemkot Bekasi",
    ),
    NewsItem(
        slug="rakor-pengelolaan-website-perangkat-daerah",
        title="Rapat Koordinasi Pengelolaan Website Perangkat Daerah Tekankan Standar Berita",
        summary=(
            "Setiap berita di situs web perangkat daerah diminta melalui alur disposisi, "
            "pemeriksaan dan penayangan sesuai SOP Pengelolaan Website."
        ),
        days_ago=83,
        time="10:00",
        hero=Picture(
            "meeting",
            "Rapat koordinasi pengelola situs web perangkat daerah",
            "Ilustrasi rapat koordinasi dengan layar presentasi dan peserta.",
        ),
        paragraphs=(
            "Bidang Pengelolaan Informasi Publik menggelar rapat koordinasi dengan pengelola "
            "situs web dari seluruh perangkat daerah. Rapat membahas standar penulisan berita "
            "dan alur penayangannya.",
            "Sesuai SOP Pengelolaan Website, bahan berita diterima dan didisposisikan oleh "
            "Kepala Bidang, diperiksa dan dianalisis oleh Kepala Seksi, lalu ditayangkan oleh "
            "pelaksana. Setiap langkah memiliki batas waktu agar informasi tetap cepat sampai "
            "kepada masyarakat.",
            "Perangkat daerah juga diminta mencantumkan sumber, penulis dan keterangan foto pada "
            "setiap berita.",
        ),
        quote=(
            "Jika SOP ini tidak dijalankan, masyarakat tidak mengetahui kegiatan pemerintah "
            "kotanya. Cepat itu penting, tetapi harus tetap benar.",
            "Rina Marlina, Kepala Bidang Pengelolaan Informasi Publik",
        ),
        categories=("pemerintahan",),
        tags=("sop", "situs web", "kehumasan"),
        unit=PIP,
        reporter="Tim Liputan Diskominfostandi",
        location="Aula Diskominfostandi",
    ),
    NewsItem(
        slug="rencana-peluncuran-aplikasi-layanan-warga-terpadu",
        title="Rencana Peluncuran Aplikasi Layanan Warga Terpadu",
        summary=(
            "Draf: aplikasi layanan warga terpadu akan menyatukan aduan, informasi layanan dan "
            "Wi-Fi publik dalam satu aplikasi."
        ),
        days_ago=1,
        time="15:00",
        status=DRAFT,
        hero=Picture(
            "phone",
            "Rancangan tampilan aplikasi layanan warga terpadu",
            "Ilustrasi ponsel dengan rancangan menu aplikasi layanan warga.",
        ),
        paragraphs=(
            "Bidang Aplikasi Informatika sedang menyiapkan aplikasi layanan warga terpadu.",
            "Jadwal peluncuran menunggu hasil uji coba dan keputusan pimpinan.",
        ),
        categories=("teknologi", "pelayanan-publik"),
        tags=("aplikasi",),
        unit=APTIKA,
        reporter="Nur Aini Rahmawati",
        location="Kompleks Pemkot Bekasi",
    ),
    NewsItem(
        slug="jadwal-pemeliharaan-pusat-data",
        title="Jadwal Pemeliharaan Pusat Data Pemkot Bekasi",
        summary="Draf: beberapa layanan daring akan terhenti sementara selama pemeliharaan.",
        days_ago=0,
        time="09:00",
        status=DRAFT,
        hero=Picture(
            "command",
            "Ruang pusat data Pemkot Bekasi",
            "Ilustrasi ruang kendali dengan layar pemantauan.",
        ),
        paragraphs=(
            "Bidang Infrastruktur TIK akan melakukan pemeliharaan perangkat pusat data.",
            "Daftar layanan yang terdampak masih dihimpun.",
        ),
        categories=("infrastruktur", "teknologi"),
        tags=("pusat data",),
        unit=INFRA,
        reporter="Dimas Prasetyo",
        location="Kompleks Pemkot Bekasi",
    ),
)

# DPKPP --------------------------------------------------------------------------------------

DPKPP_UNITS = (
    ("Sekretariat DPKPP", "Sekretariat"),
    ("Bidang Perumahan", "Perumahan"),
    ("Bidang Kawasan Permukiman", "Kawasan Permukiman"),
    ("Bidang Pertanahan", "Pertanahan"),
    ("Bidang Prasarana, Sarana dan Utilitas Umum", "PSU"),
)
SEKRETARIAT, RUMAH, KAWASAN, TANAH, PSU = (name for name, _ in DPKPP_UNITS)

DPKPP_NEWS = (
    NewsItem(
        slug="dpkpp-tuntaskan-perbaikan-320-rtlh",
        title="DPKPP Tuntaskan Perbaikan 320 Rumah Tidak Layak Huni",
        summary=(
            "Program perbaikan rumah tidak layak huni tahun ini rampung di 12 kecamatan; setiap "
            "rumah menerima bantuan bahan bangunan senilai Rp20 juta yang dikerjakan swadaya."
        ),
        days_ago=2,
        time="11:30",
        featured=True,
        hero=Picture(
            "houses",
            "Rumah warga yang telah diperbaiki melalui program RTLH",
            "Ilustrasi deretan rumah dengan atap baru, pepohonan dan matahari.",
        ),
        paragraphs=(
            "Dinas Perumahan, Kawasan Permukiman dan Pertanahan (DPKPP) Kota Bekasi menuntaskan "
            "perbaikan 320 rumah tidak layak huni (RTLH) yang tersebar di 12 kecamatan. Sasaran "
            "utamanya adalah keluarga berpenghasilan rendah yang menempati rumah dengan atap, "
            "dinding atau lantai rusak.",
            "Setiap penerima mendapat bantuan bahan bangunan senilai Rp20 juta. Pekerjaan "
            "dilakukan secara swadaya bersama warga sekitar dengan pendampingan tenaga "
            "fasilitator lapangan.",
            "Selain memperbaiki atap dan dinding, program ini memprioritaskan jamban dan "
            "saluran pembuangan yang layak agar rumah memenuhi syarat kesehatan.",
            "Usulan penerima untuk tahun berikutnya dapat disampaikan melalui RT/RW dan "
            "kelurahan. DPKPP akan melakukan verifikasi lapangan sebelum penetapan penerima.",
        ),
        gallery=(
            "Sebelum dan sesudah perbaikan",
            (
                Picture(
                    "houses",
                    "Rumah warga di Bantargebang setelah perbaikan atap",
                    "Ilustrasi rumah dengan atap dan dinding yang telah diperbaiki.",
                ),
                Picture(
                    "road",
                    "Lingkungan permukiman penerima bantuan di Mustikajaya",
                    "Ilustrasi jalan lingkungan di antara rumah-rumah warga.",
                ),
                Picture(
                    "houses",
                    "Warga bergotong royong menyelesaikan pekerjaan dinding",
                    "Ilustrasi deretan rumah warga yang sedang diperbaiki.",
                ),
            ),
        ),
        document="rekap-rtlh",
        document_label="Rekapitulasi penanganan RTLH per kecamatan (CSV)",
        categories=("perumahan", "kemasyarakatan"),
        tags=("rtlh", "bantuan perumahan", "swadaya"),
        unit=RUMAH,
        reporter="Putri Handayani",
        location="Bantargebang",
    ),
    NewsItem(
        slug="pengembang-serahkan-psu-tiga-perumahan-mustikajaya",
        title="Pengembang Serahkan PSU Tiga Perumahan di Mustikajaya kepada Pemkot Bekasi",
        summary=(
            "Jalan, saluran, taman dan lahan makam di tiga perumahan kini menjadi aset daerah, "
            "sehingga pemeliharaannya dapat dianggarkan pemerintah kota."
        ),
        days_ago=7,
        time="14:00",
        hero=Picture(
            "road",
            "Jalan lingkungan perumahan yang diserahkan pengembang",
            "Ilustrasi jalan perumahan dengan lampu jalan dan rumah di kedua sisinya.",
        ),
        paragraphs=(
            "Tiga pengembang menyerahkan prasarana, sarana dan utilitas umum (PSU) perumahan di "
            "Kecamatan Mustikajaya kepada Pemerintah Kota Bekasi. Penyerahan ditandai dengan "
            "penandatanganan berita acara serah terima.",
            "PSU yang diserahkan meliputi jalan lingkungan, saluran drainase, taman dan lahan "
            "pemakaman. Setelah tercatat sebagai aset daerah, pemeliharaannya dapat dianggarkan "
            "oleh perangkat daerah terkait.",
            "Sebelum serah terima, Bidang PSU bersama tim verifikasi memeriksa kondisi fisik dan "
            "kelengkapan dokumen, termasuk kesesuaian dengan rencana tapak yang disahkan.",
        ),
        quote=(
            "Warga perumahan sering mengeluh jalannya rusak tetapi tidak bisa diperbaiki karena "
            "belum menjadi aset pemerintah. Serah terima PSU menjawab persoalan itu.",
            "Joko Susilo, Kepala Bidang Prasarana, Sarana dan Utilitas Umum",
        ),
        document="rekap-psu",
        document_label="Rekapitulasi serah terima PSU perumahan (CSV)",
        categories=("infrastruktur", "perumahan"),
        tags=("psu", "serah terima", "pengembang"),
        unit=PSU,
        reporter="Putri Handayani",
        location="Mustikajaya",
    ),
    NewsItem(
        slug="sertifikasi-tanah-aset-pemkot-bekasi",
        title="Sertifikasi Tanah Aset Pemkot Bekasi: 85 Bidang Terbit Sertipikat Tahun Ini",
        summary=(
            "Bidang Pertanahan bersama Kantor Pertanahan Kota Bekasi menerbitkan sertipikat "
            "untuk 85 bidang tanah aset daerah, dari sekolah hingga lahan makam."
        ),
        days_ago=12,
        time="10:45",
        status=LIVE_WITH_DRAFT,
        draft_title="Sertifikasi Tanah Aset Pemkot Bekasi: 92 Bidang Terbit Sertipikat Tahun Ini",
        draft_summary=(
            "Jumlah bidang tanah aset daerah yang bersertipikat tahun ini bertambah menjadi 92 "
            "setelah tujuh sertipikat susulan diterima dari Kantor Pertanahan."
        ),
        hero=Picture(
            "map",
            "Peta bidang tanah aset daerah yang telah bersertipikat",
            "Ilustrasi peta bidang-bidang tanah dengan batas merah dan penanda lokasi.",
        ),
        paragraphs=(
            "Sebanyak 85 bidang tanah aset Pemerintah Kota Bekasi telah terbit sertipikatnya "
            "tahun ini. Bidang tanah tersebut antara lain lahan sekolah, puskesmas, kantor "
            "kelurahan, taman dan tempat pemakaman umum.",
            "Sertifikasi dilakukan bersama Kantor Pertanahan Kota Bekasi, diawali dengan "
            "penelusuran dokumen perolehan, pengukuran batas dan pemasangan tanda batas.",
            "Sertipikat memberikan kepastian hukum atas aset daerah dan mencegah sengketa atau "
            "penyerobotan lahan di kemudian hari.",
        ),
        quote=(
            "Aset yang tidak bersertipikat rawan diklaim pihak lain. Kami menargetkan seluruh "
            "tanah fasilitas publik bersertipikat secara bertahap.",
            "Sri Wahyuni, Kepala Bidang Pertanahan",
        ),
        categories=("pertanahan",),
        tags=("sertifikasi tanah", "aset daerah"),
        unit=TANAH,
        reporter="Humas DPKPP",
        location="Kantor Pertanahan Kota Bekasi",
    ),
    NewsItem(
        slug="sosialisasi-bantuan-perumahan-swadaya-bantargebang",
        title="Sosialisasi Bantuan Perbaikan Rumah Swadaya di Kecamatan Bantargebang",
        summary=(
            "Warga, ketua RT/RW dan lurah di Bantargebang mendapat penjelasan tentang kriteria "
            "penerima, dokumen persyaratan dan alur pengajuan bantuan perbaikan rumah."
        ),
        days_ago=17,
        time="09:30",
        hero=Picture(
            "meeting",
            "Sosialisasi bantuan perbaikan rumah di aula kecamatan",
            "Ilustrasi pertemuan warga dengan layar presentasi dan deretan peserta.",
        ),
        paragraphs=(
            "Bidang Perumahan DPKPP Kota Bekasi menggelar sosialisasi bantuan perbaikan rumah "
            "swadaya di aula Kecamatan Bantargebang. Kegiatan diikuti lurah, ketua RT/RW dan "
            "kader pemberdayaan masyarakat.",
            "Peserta mendapat penjelasan tentang kriteria penerima, dokumen yang perlu "
            "disiapkan, serta alur pengajuan dari RT/RW hingga penetapan penerima.",
            "DPKPP menegaskan bahwa seluruh proses tidak dipungut biaya. Warga diminta "
            "melaporkan bila ada pihak yang meminta imbalan dengan menjanjikan bantuan.",
        ),
        document="persyaratan-rtlh",
        document_label="Persyaratan bantuan perbaikan rumah tidak layak huni (PDF)",
        categories=("perumahan", "pelayanan-publik"),
        tags=("rtlh", "sosialisasi", "bantargebang"),
        unit=RUMAH,
        reporter="Putri Handayani",
        location="Aula Kecamatan Bantargebang",
    ),
    NewsItem(
        slug="penataan-kawasan-kumuh-kaliabang-tengah",
        title="Penataan Kawasan Kumuh di Kaliabang Tengah Masuki Tahap Konstruksi",
        summary=(
            "Penataan meliputi jalan lingkungan, drainase dan sanitasi komunal untuk sekitar "
            "400 keluarga di Kelurahan Kaliabang Tengah, Bekasi Utara."
        ),
        days_ago=22,
        time="10:00",
        hero=Picture(
            "road",
            "Jalan lingkungan di kawasan permukiman Kaliabang Tengah",
            "Ilustrasi jalan lingkungan dengan rumah warga dan lampu jalan.",
        ),
        paragraphs=(
            "Penataan kawasan permukiman kumuh di Kelurahan Kaliabang Tengah, Kecamatan Bekasi "
            "Utara, memasuki tahap konstruksi. Pekerjaan mencakup perbaikan jalan lingkungan, "
            "saluran drainase dan pembangunan instalasi pengolahan air limbah komunal.",
            "Rencana penataan disusun bersama warga melalui serangkaian rembuk, sehingga "
            "prioritas pekerjaan sesuai kebutuhan di lapangan.",
            "Bidang Kawasan Permukiman menargetkan pekerjaan selesai sebelum akhir tahun "
            "anggaran dan meminta warga ikut menjaga hasil penataan.",
        ),
        image=Picture(
            "houses",
            "Permukiman warga yang akan mendapat sanitasi komunal",
            "Ilustrasi deretan rumah warga di kawasan permukiman padat.",
        ),
        categories=("infrastruktur", "perumahan"),
        tags=("kawasan kumuh", "sanitasi", "bekasi utara"),
        unit=KAWASAN,
        reporter="Humas DPKPP",
        location="Kaliabang Tengah, Bekasi Utara",
    ),
    NewsItem(
        slug="verifikasi-lapangan-calon-penerima-rtlh",
        title="DPKPP Verifikasi Lapangan Calon Penerima Bantuan Rumah Tidak Layak Huni",
        summary=(
            "Tim verifikasi mendatangi rumah calon penerima untuk memastikan kondisi bangunan, "
            "status tanah dan data kependudukan sesuai usulan kelurahan."
        ),
        days_ago=27,
        time="08:45",
        hero=Picture(
            "houses",
            "Tim verifikasi memeriksa kondisi rumah calon penerima bantuan",
            "Ilustrasi rumah-rumah warga dengan pepohonan di sekitarnya.",
        ),
        paragraphs=(
            "Tim verifikasi Bidang Perumahan mendatangi rumah calon penerima bantuan perbaikan "
            "rumah tidak layak huni di sejumlah kelurahan.",
            "Tim memeriksa kondisi atap, dinding, lantai dan sanitasi, mencocokkan data "
            "kependudukan, serta memastikan status tanah tidak dalam sengketa.",
            "Hasil verifikasi dibahas bersama kelurahan sebelum ditetapkan sebagai penerima. "
            "Usulan yang belum memenuhi syarat dapat diajukan kembali setelah dilengkapi.",
        ),
        gallery=(
            "Verifikasi lapangan",
            (
                Picture(
                    "houses",
                    "Pemeriksaan kondisi atap dan dinding",
                    "Ilustrasi rumah warga dengan atap yang akan diperiksa.",
                ),
                Picture(
                    "map",
                    "Pencocokan lokasi bidang tanah",
                    "Ilustrasi peta bidang tanah dengan penanda lokasi.",
                ),
            ),
        ),
        categories=("perumahan",),
        tags=("rtlh", "verifikasi"),
        unit=RUMAH,
        reporter="Putri Handayani",
        location="Jatisampurna",
    ),
    NewsItem(
        slug="pengukuran-ulang-batas-lahan-fasilitas-umum",
        title="Pengukuran Ulang Batas Lahan Makam dan Fasilitas Umum Bersama BPN",
        summary=(
            "Pengukuran ulang dilakukan di enam lokasi fasilitas umum yang batasnya bergeser "
            "atau belum memiliki tanda batas permanen."
        ),
        days_ago=31,
        time="09:00",
        hero=Picture(
            "map",
            "Peta pengukuran ulang batas lahan fasilitas umum",
            "Ilustrasi peta bidang tanah dengan garis batas merah putus-putus.",
        ),
        paragraphs=(
            "Bidang Pertanahan bersama petugas ukur Kantor Pertanahan Kota Bekasi melakukan "
            "pengukuran ulang batas lahan di enam lokasi fasilitas umum, termasuk dua tempat "
            "pemakaman umum.",
            "Pengukuran disaksikan pemilik tanah yang berbatasan, ketua RT/RW dan pihak "
            "kelurahan agar hasilnya disepakati bersama.",
            "Setelah pengukuran, tanda batas permanen dipasang dan data bidang tanah diperbarui "
            "dalam daftar aset daerah.",
        ),
        categories=("pertanahan",),
        tags=("pengukuran", "tanda batas", "fasilitas umum"),
        unit=TANAH,
        reporter="Humas DPKPP",
        location="Rawalumbu",
    ),
    NewsItem(
        slug="rakor-kesesuaian-tata-ruang-perumahan-baru",
        title="Rapat Koordinasi Kesesuaian Tata Ruang untuk Rencana Perumahan Baru",
        summary=(
            "Rencana tapak perumahan baru diperiksa kesesuaiannya dengan rencana tata ruang "
            "sebelum pengembang mengajukan persetujuan bangunan gedung."
        ),
        days_ago=36,
        time="13:30",
        hero=Picture(
            "map",
            "Pembahasan rencana tapak perumahan terhadap peta tata ruang",
            "Ilustrasi peta kawasan dengan bidang-bidang lahan dan jalan.",
        ),
        paragraphs=(
            "DPKPP Kota Bekasi menggelar rapat koordinasi bersama perangkat daerah bidang tata "
            "ruang, perizinan dan lingkungan hidup untuk membahas rencana tapak tujuh perumahan "
            "baru.",
            "Rapat memeriksa kesesuaian peruntukan lahan, kecukupan ruang terbuka hijau, lebar "
            "jalan dan rencana penyediaan PSU yang kelak diserahkan kepada pemerintah kota.",
            "Pengembang yang rencana tapaknya belum sesuai diminta memperbaiki sebelum "
            "mengajukan persetujuan bangunan gedung.",
        ),
        quote=(
            "Perumahan yang direncanakan dengan benar sejak awal akan jauh lebih mudah "
            "dipelihara, dan warganya tidak kehilangan fasilitas umum.",
            "Bambang Sutrisno, Kepala DPKPP Kota Bekasi",
        ),
        categories=("tata-ruang", "perumahan"),
        tags=("tata ruang", "rencana tapak", "pengembang"),
        unit=KAWASAN,
        reporter="Putri Handayani",
        location="Ruang Rapat DPKPP",
    ),
    NewsItem(
        slug="perbaikan-jalan-lingkungan-perumahan-rawalumbu",
        title="Perbaikan Jalan Lingkungan dan Saluran di Perumahan Rawalumbu",
        summary=(
            "Setelah PSU-nya diserahkan, jalan lingkungan dan saluran di dua perumahan di "
            "Rawalumbu mulai diperbaiki dengan anggaran pemerintah kota."
        ),
        days_ago=42,
        time="10:30",
        hero=Picture(
            "road",
            "Jalan lingkungan perumahan yang diperbaiki",
            "Ilustrasi jalan perumahan dengan marka dan lampu jalan.",
        ),
        paragraphs=(
            "Bidang PSU memperbaiki jalan lingkungan dan saluran di dua perumahan di Kecamatan "
            "Rawalumbu yang PSU-nya telah diserahkan pengembang.",
            "Perbaikan meliputi pengaspalan ulang sepanjang 1,2 kilometer dan normalisasi "
            "saluran yang tersumbat sedimen.",
            "Warga diminta tidak membuang sampah ke saluran dan melaporkan kerusakan melalui "
            "kanal aduan agar dapat segera ditindaklanjuti.",
        ),
        categories=("infrastruktur",),
        tags=("psu", "jalan lingkungan", "rawalumbu"),
        unit=PSU,
        reporter="Humas DPKPP",
        location="Rawalumbu",
    ),
    NewsItem(
        slug="layanan-konsultasi-pertanahan-keliling-jatiasih",
        title="Layanan Konsultasi Pertanahan Keliling Hadir di Kecamatan Jatiasih",
        summary=(
            "Warga dapat berkonsultasi tentang sertifikasi, pengalihan hak dan sengketa batas "
            "tanah tanpa harus datang ke kantor dinas."
        ),
        days_ago=49,
        time="09:00",
        hero=Picture(
            "meeting",
            "Warga berkonsultasi dengan petugas pertanahan di kantor kecamatan",
            "Ilustrasi pertemuan warga dengan petugas di depan layar presentasi.",
        ),
        paragraphs=(
            "Bidang Pertanahan DPKPP membuka layanan konsultasi pertanahan keliling di Kantor "
            "Kecamatan Jatiasih. Warga dapat bertanya tentang sertifikasi tanah, pengalihan "
            "hak dan penyelesaian sengketa batas.",
            "Petugas membantu warga memeriksa kelengkapan dokumen sebelum mengajukan permohonan "
            "ke Kantor Pertanahan, sehingga berkas tidak bolak-balik.",
            "Layanan keliling dijadwalkan bergiliran di setiap kecamatan dan tidak dipungut biaya.",
        ),
        categories=("pertanahan", "pelayanan-publik"),
        tags=("konsultasi pertanahan", "jatiasih"),
        unit=TANAH,
        reporter="Putri Handayani",
        location="Kantor Kecamatan Jatiasih",
    ),
    NewsItem(
        slug="pendataan-backlog-perumahan",
        title="Pendataan Kebutuhan Rumah: Kecamatan Diminta Perbarui Data Warga",
        summary=(
            "Data kebutuhan rumah (backlog) diperbarui untuk menentukan sasaran program "
            "perumahan dan rumah susun beberapa tahun ke depan."
        ),
        days_ago=55,
        time="14:15",
        hero=Picture(
            "chart",
            "Grafik kebutuhan rumah per kecamatan",
            "Ilustrasi diagram batang dan diagram lingkaran kebutuhan rumah.",
        ),
        paragraphs=(
            "Bidang Perumahan meminta 12 kecamatan memperbarui data keluarga yang belum "
            "memiliki rumah atau menempati rumah tidak layak huni.",
            "Data ini dipakai untuk menghitung kebutuhan rumah (backlog) dan menentukan sasaran "
            "program perumahan, termasuk rencana pembangunan rumah susun sewa.",
            "Pendataan memakai format yang disepakati dalam Forum Satu Data Kota Bekasi agar "
            "dapat dipadankan dengan data kependudukan.",
        ),
        categories=("perumahan", "statistik"),
        tags=("backlog perumahan", "pendataan"),
        unit=RUMAH,
        reporter="Humas DPKPP",
        location="Ruang Rapat DPKPP",
    ),
    NewsItem(
        slug="prasarana-air-bersih-kawasan-permukiman-bantargebang",
        title="Prasarana Air Bersih Dibangun di Kawasan Permukiman Bantargebang",
        summary=(
            "Jaringan perpipaan dan hidran umum dibangun untuk sekitar 250 keluarga yang selama "
            "ini bergantung pada sumur dangkal."
        ),
        days_ago=61,
        time="10:00",
        hero=Picture(
            "houses",
            "Permukiman warga yang akan terlayani jaringan air bersih",
            "Ilustrasi deretan rumah warga dengan pepohonan.",
        ),
        paragraphs=(
            "Bidang Kawasan Permukiman membangun jaringan perpipaan air bersih dan hidran umum "
            "di kawasan permukiman Kelurahan Sumur Batu, Kecamatan Bantargebang.",
            "Sekitar 250 keluarga yang selama ini bergantung pada sumur dangkal akan terlayani. "
            "Pengelolaan jaringan setelah selesai dibangun diserahkan kepada kelompok pengelola "
            "yang dibentuk warga.",
            "Pembangunan melibatkan tenaga kerja dari warga setempat.",
        ),
        image=Picture(
            "road",
            "Jalur pipa air bersih di sepanjang jalan lingkungan",
            "Ilustrasi jalan lingkungan di antara rumah warga.",
        ),
        categories=("infrastruktur", "kemasyarakatan"),
        tags=("air bersih", "bantargebang"),
        unit=KAWASAN,
        reporter="Putri Handayani",
        location="Sumur Batu, Bantargebang",
    ),
    NewsItem(
        slug="standar-pelayanan-informasi-publik-dpkpp",
        title="DPKPP Perbarui Standar Pelayanan Permohonan Informasi Publik",
        summary=(
            "Standar baru menjelaskan persyaratan, alur, waktu dan biaya permohonan informasi, "
            "sejalan dengan SOP Pengelolaan Website dan Medsos yang berlaku tahun ini."
        ),
        days_ago=70,
        time="11:15",
        hero=Picture(
            "meeting",
            "Pembahasan standar pelayanan informasi publik di sekretariat DPKPP",
            "Ilustrasi rapat dengan layar presentasi dan peserta.",
        ),
        paragraphs=(
            "Sekretariat DPKPP Kota Bekasi memperbarui standar pelayanan permohonan informasi "
            "publik. Pemohon cukup mengisi formulir dan melampirkan fotokopi kartu identitas.",
            "Jawaban diberikan paling lambat sepuluh hari kerja. Layanan tidak dipungut biaya, "
            "sedangkan penggandaan dokumen mengikuti tarif yang ditetapkan keputusan wali kota.",
            "Standar ini sejalan dengan SOP Pengelolaan Website dan Medsos: setiap bidang "
            "melaporkan bahan informasinya, admin menyunting, pimpinan menyaring, lalu admin "
            "mempublikasikannya di situs web dan media sosial dinas.",
        ),
        document="standar-pelayanan-informasi",
        document_label="Standar pelayanan permohonan informasi publik (PDF)",
        categories=("pelayanan-publik", "pemerintahan"),
        tags=("ppid", "standar pelayanan", "sop"),
        unit=SEKRETARIAT,
        reporter="Humas DPKPP",
        location="Sekretariat DPKPP",
    ),
    NewsItem(
        slug="peninjauan-rusunawa-untuk-warga-terdampak-normalisasi",
        title="Peninjauan Rumah Susun Sewa untuk Warga Terdampak Normalisasi Kali",
        summary=(
            "DPKPP meninjau kesiapan unit rumah susun sewa yang akan ditempati warga terdampak "
            "normalisasi kali di Bekasi Timur."
        ),
        days_ago=80,
        time="09:45",
        hero=Picture(
            "building",
            "Rumah susun sewa yang disiapkan bagi warga terdampak",
            "Ilustrasi dua blok rumah susun dengan deretan jendela dan pepohonan di depannya.",
        ),
        paragraphs=(
            "Kepala DPKPP bersama Bidang Perumahan meninjau kesiapan unit rumah susun sewa "
            "(rusunawa) bagi warga yang terdampak normalisasi kali di Kecamatan Bekasi Timur.",
            "Peninjauan mencakup kondisi unit, instalasi listrik dan air, serta fasilitas "
            "bersama seperti ruang serbaguna dan tempat bermain anak.",
            "Warga yang memenuhi syarat akan mendapat keringanan sewa pada tahun pertama.",
        ),
        image=Picture(
            "building",
            "Blok hunian dengan fasilitas bersama",
            "Ilustrasi blok rumah susun dan taman di depannya.",
        ),
        categories=("perumahan",),
        tags=("rusunawa", "normalisasi kali"),
        unit=RUMAH,
        reporter="Putri Handayani",
        location="Bekasi Timur",
    ),
    NewsItem(
        slug="fasilitasi-aduan-fasum-perumahan-belum-diserahkan",
        title="DPKPP Fasilitasi Aduan Warga soal Fasum Perumahan yang Belum Diserahkan",
        summary=(
            "Warga dua perumahan di Medan Satria mengadukan taman dan jalan yang belum "
            "diserahkan pengembang; DPKPP mempertemukan kedua pihak."
        ),
        days_ago=87,
        time="13:00",
        hero=Picture(
            "road",
            "Jalan perumahan yang fasilitas umumnya belum diserahkan",
            "Ilustrasi jalan perumahan dengan rumah di kedua sisinya.",
        ),
        paragraphs=(
            "Bidang PSU DPKPP memfasilitasi pertemuan antara pengurus warga dua perumahan di "
            "Kecamatan Medan Satria dengan pengembangnya.",
            "Warga mengadukan taman dan jalan lingkungan yang rusak karena belum diserahkan "
            "kepada pemerintah kota, sehingga tidak dapat diperbaiki dengan anggaran daerah.",
            "Pengembang sepakat melengkapi dokumen serah terima dalam tiga bulan. DPKPP akan "
            "memantau pelaksanaan kesepakatan tersebut.",
        ),
        categories=("pelayanan-publik", "infrastruktur"),
        tags=("psu", "aduan warga", "medan satria"),
        unit=PSU,
        reporter="Humas DPKPP",
        location="Medan Satria",
    ),
    NewsItem(
        slug="rencana-pembangunan-rusunawa-bekasi-utara",
        title="Rencana Pembangunan Rusunawa Baru di Bekasi Utara",
        summary="Draf: kajian lokasi dan kebutuhan unit rusunawa baru masih berlangsung.",
        days_ago=1,
        time="16:30",
        status=DRAFT,
        hero=Picture(
            "building",
            "Rancangan rusunawa baru",
            "Ilustrasi blok rumah susun dengan deretan jendela.",
        ),
        paragraphs=(
            "Bidang Perumahan menyiapkan kajian lokasi rusunawa baru di Bekasi Utara.",
            "Jumlah unit dan jadwal pembangunan belum ditetapkan.",
        ),
        categories=("perumahan",),
        tags=("rusunawa",),
        unit=RUMAH,
        reporter="Putri Handayani",
        location="Bekasi Utara",
    ),
    NewsItem(
        slug="pengumuman-penerima-bantuan-rtlh-tahap-berikutnya",
        title="Pengumuman Penerima Bantuan RTLH Tahap Berikutnya",
        summary="Draf: daftar penerima menunggu penetapan kepala dinas.",
        days_ago=0,
        time="10:00",
        status=DRAFT,
        hero=Picture(
            "houses",
            "Rumah calon penerima bantuan RTLH",
            "Ilustrasi deretan rumah warga.",
        ),
        paragraphs=(
            "Daftar penerima bantuan RTLH tahap berikutnya sedang difinalkan.",
            "Pengumuman resmi menunggu keputusan Kepala DPKPP.",
        ),
        categories=("perumahan",),
        tags=("rtlh",),
        unit=RUMAH,
        reporter="Putri Handayani",
        location="Kompleks Pemkot Bekasi",
    ),
)

# The districts (kecamatan) of Kota Bekasi and their villages (kelurahan), for the tables of
# the demo's documents.
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

PEMKOT_ADDRESS = "Jl. Ir. H. Juanda No. 100, Margahayu, Bekasi Timur\nKota Bekasi, Jawa Barat 17113"

# Dry-run social media accounts of every demo agency: publishing a news item fills the
# delivery ledger with what would have been posted, with no network and no credentials.
# Dry runs of each network: they record the caption and follow the limits of the network named.
DEMO_SOCIAL_ACCOUNTS = (
    ("Uji coba X", "x"),
    ("Uji coba Facebook", "facebook"),
    ("Uji coba Instagram", "instagram"),
    ("Uji coba Telegram", "telegram"),
)

AGENCIES = [
    Agency(
        key="kominfo",
        sop_preset="sop-a-pengelolaan-website",
        site_name="Diskominfostandi Kota Bekasi",
        hostname="localhost",
        port=8000,
        is_default_site=True,
        home_slug="diskominfostandi",
        home_intro=(
            "Kabar terbaru kegiatan, program dan layanan Dinas Komunikasi, Informatika, "
            "Statistik dan Persandian Kota Bekasi."
        ),
        index_intro=(
            "Berita kegiatan Diskominfostandi: Wi-Fi publik, command center, statistik "
            "sektoral, persandian dan literasi digital."
        ),
        settings={
            "full_name": "Dinas Komunikasi, Informatika, Statistik dan Persandian",
            "short_name": "Diskominfostandi",
            "tagline": "Informasi publik yang cepat, tepat dan terpercaya bagi warga Kota Bekasi",
            "address": "Kompleks Pemerintah Kota Bekasi\n" + PEMKOT_ADDRESS,
            "phone": "(021) 8895 0100",
            "email": "diskominfostandi@bekasikota.example",
            "x_handle": "DemoKominfoBks",
        },
        palette=Palette(
            sky_top="#0b3d6e",
            sky_bottom="#7cc4ef",
            ground="#3f8f5a",
            primary="#0b4f8a",
            secondary="#1e9bd7",
            accent="#f2b632",
            dark="#0a2540",
            light="#eaf4fb",
        ),
        initials="DK",
        label="DISKOMINFOSTANDI KOTA BEKASI",
        credit="Dimas Prasetyo/Diskominfostandi",
        units=KOMINFO_UNITS,
        author="editor.kominfo",
        publisher="pelaksana.kominfo",  # SOP A step 3: the Pelaksana publishes
        news=KOMINFO_NEWS,
    ),
    Agency(
        key="dpkpp",
        sop_preset="sop-b-pengelolaan-website-medsos",
        site_name="DPKPP Kota Bekasi",
        hostname="dpkpp.localhost",
        port=8000,
        is_default_site=False,
        home_slug="dpkpp",
        home_intro=(
            "Kabar terbaru kegiatan dan layanan Dinas Perumahan, Kawasan Permukiman dan "
            "Pertanahan Kota Bekasi."
        ),
        index_intro=(
            "Berita kegiatan DPKPP: perumahan, rumah tidak layak huni, PSU, sertifikasi tanah "
            "dan penataan kawasan permukiman."
        ),
        settings={
            "full_name": "Dinas Perumahan, Kawasan Permukiman dan Pertanahan",
            "short_name": "DPKPP",
            "tagline": "Hunian layak, permukiman tertata, tanah berkepastian hukum",
            "address": "Gedung Teknis Pemerintah Kota Bekasi, Lantai 3\n" + PEMKOT_ADDRESS,
            "phone": "(021) 8895 0200",
            "email": "dpkpp@bekasikota.example",
            "x_handle": "DemoDpkppBks",
        },
        palette=Palette(
            sky_top="#2f7d8c",
            sky_bottom="#cfe9e4",
            ground="#5a9a4b",
            primary="#1f6f43",
            secondary="#3fa66a",
            accent="#d9643a",
            dark="#173d2a",
            light="#f1f7ef",
        ),
        initials="DP",
        label="DPKPP KOTA BEKASI",
        credit="Tim Dokumentasi DPKPP",
        units=DPKPP_UNITS,
        author="editor.dpkpp",
        publisher="admin.dpkpp",  # SOP B step 4: the Admin uploads and publishes
        news=DPKPP_NEWS,
    ),
]

NEWS_INDEX_TITLE = "Berita"
NEWS_INDEX_SLUG = "berita"
