"""The demo's people: one login per SOP role of each agency, an editor each, and an operator.

Plain data, no model imports: `demo_banner` reads it to print the logins table even when the
database is not ready. Every demo user shares one published password, so the loader refuses
to run under the production settings.
"""

from dataclasses import dataclass

DEMO_PASSWORD = "warta-demo-2026"  # documented in the README and printed by demo_banner

# Group kinds. The SOP loader of a later issue adds one group per workflow step.
EDITOR = "editor"
MODERATOR = "moderator"


@dataclass(frozen=True)
class Person:
    username: str
    first_name: str
    last_name: str
    job_title: str
    role: str  # the part this login plays in the agency's SOP, as the banner prints it
    agency: str | None  # key in content.AGENCIES; None for the operator
    group: str | None = None  # EDITOR or MODERATOR of that agency
    sop_actors: tuple[str, ...] = ()  # group keys in the agency's SOP file (presets/*.yaml)
    supervises: bool = False  # the SOP's supervisor: told when a step is late
    is_superuser: bool = False

    @property
    def email(self):
        # A reserved test domain: Wagtail's notification mails must never reach a real inbox.
        return f"{self.username}@demo.warta.test"


PEOPLE = [
    Person(
        username="admin",
        first_name="Operator",
        last_name="Warta",
        job_title="Operator Sistem Warta",
        role="superuser, operator sistem",
        agency=None,
        is_superuser=True,
    ),
    # SOP A, "SOP Pengelolaan Website", Diskominfostandi.
    Person(
        username="kabid.pip",
        first_name="Rina",
        last_name="Marlina",
        job_title="Kepala Bidang Pengelolaan Informasi Publik",
        role="SOP A langkah 1 (disposisi bahan berita)",
        agency="kominfo",
        group=MODERATOR,
        sop_actors=("kepala-bidang-pip",),
    ),
    Person(
        username="kasi.lkip",
        first_name="Agus",
        last_name="Setiawan",
        job_title="Kepala Seksi Layanan Komunikasi dan Informasi Publik",
        role="SOP A langkah 2 (periksa dan analisis berita)",
        agency="kominfo",
        group=MODERATOR,
        sop_actors=("kepala-seksi-lkip",),
    ),
    Person(
        username="pelaksana.kominfo",
        first_name="Dimas",
        last_name="Prasetyo",
        job_title="Pelaksana Bidang Pengelolaan Informasi Publik",
        role="SOP A langkah 3 (tayangkan berita)",
        agency="kominfo",
        group=MODERATOR,
        sop_actors=("pelaksana",),
    ),
    Person(
        username="kadis.kominfo",
        first_name="Encu",
        last_name="Hermana",
        job_title="Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
        role="atasan SOP A (menerima eskalasi langkah terlambat)",
        agency="kominfo",
        group=MODERATOR,
        supervises=True,
    ),
    Person(
        username="editor.kominfo",
        first_name="Nur Aini",
        last_name="Rahmawati",
        job_title="Pranata Humas Ahli Pertama",
        role="editor (menulis draf berita)",
        agency="kominfo",
        group=EDITOR,
    ),
    # SOP B, "SOP Pengelolaan Website dan Medsos", DPKPP.
    Person(
        username="kabid.perumahan",
        first_name="Hendra",
        last_name="Gunawan",
        job_title="Kepala Bidang Perumahan",
        role="SOP B langkah 1 (laporan bahan berita bidang)",
        agency="dpkpp",
        group=MODERATOR,
        sop_actors=("kepala-bidang",),
    ),
    Person(
        username="admin.dpkpp",
        first_name="Fajar",
        last_name="Nugroho",
        job_title="Admin Website dan Media Sosial",
        role="SOP B langkah 2 dan 4 (sunting, lalu unggah/publikasi)",
        agency="dpkpp",
        group=MODERATOR,
        sop_actors=("admin",),
    ),
    Person(
        username="kadis.dpkpp",
        first_name="Bambang",
        last_name="Sutrisno",
        job_title="Kepala Dinas Perumahan, Kawasan Permukiman dan Pertanahan",
        role="SOP B langkah 3 (penyaringan, salah satu dari tiga) dan atasan SOP B",
        agency="dpkpp",
        group=MODERATOR,
        sop_actors=("kepala-dinas",),
        supervises=True,
    ),
    Person(
        username="sekretaris.dpkpp",
        first_name="Dewi",
        last_name="Kartika",
        job_title="Sekretaris Dinas",
        role="SOP B langkah 3 (penyaringan, salah satu dari tiga)",
        agency="dpkpp",
        group=MODERATOR,
        sop_actors=("sekretaris",),
    ),
    Person(
        username="kasubag.tu",
        first_name="Yusuf",
        last_name="Hidayat",
        job_title="Kepala Subbagian Tata Usaha",
        role="SOP B langkah 3 (penyaringan, salah satu dari tiga)",
        agency="dpkpp",
        group=MODERATOR,
        sop_actors=("kasubag-tata-usaha",),
    ),
    Person(
        username="editor.dpkpp",
        first_name="Putri",
        last_name="Handayani",
        job_title="Pranata Humas Terampil",
        role="editor (menulis draf berita)",
        agency="dpkpp",
        group=EDITOR,
    ),
]


def group_name(kind, short_name):
    """'Editor Diskominfostandi', 'Moderator DPKPP'."""
    return f"{kind.capitalize()} {short_name}"
