"""Check that no finished SOP step record was altered or removed (apps/sop_audit/chain.py), and
that every live SOP news item is what its SOP approved (apps/sop_audit/published.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from apps.sop_audit import published
from apps.sop_audit.chain import check


class Command(BaseCommand):
    help = (
        "Periksa rantai hash catatan langkah SOP: setiap catatan yang sudah selesai dihitung "
        "ulang hash-nya dan dicocokkan dengan catatan sebelumnya dan kepala rantainya. Lalu "
        "periksa setiap berita SOP yang tayang atau dijadwalkan tayang: revisinya harus yang "
        "disetujui langkah terakhir SOP-nya, dengan isi yang sama, atau penerbitan darurat "
        "dengan alasannya. Keluar dengan status 0 bila semua utuh; bila tidak, menyebut masalah "
        "pertama dan keluar dengan status bukan 0."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--chain",
            metavar="KUNCI",
            help="Periksa satu rantai saja, mis. site:2 (satu rantai per situs instansi).",
        )

    def handle(self, *args, chain=None, **options):
        result = check(chain)
        if result.problem is not None:
            raise CommandError(str(result.problem))
        self.stdout.write(
            self.style.SUCCESS(gettext("Semua %(count)d catatan utuh.") % {"count": result.count})
        )
        if chain is not None:
            return
        publications = published.check()
        if publications.problem is not None:
            raise CommandError(publications.problem)
        self.stdout.write(
            self.style.SUCCESS(
                gettext(
                    "%(approved)d berita tayang sesuai persetujuan SOP, %(emergencies)d terbit "
                    "darurat dengan alasan, %(scheduled)d dijadwalkan tayang setelah disetujui; "
                    "%(earlier)d tayang sebelum persetujuan terikat revisi (tidak diperiksa)."
                )
                % {
                    "approved": publications.approved,
                    "emergencies": publications.emergencies,
                    "scheduled": publications.scheduled,
                    "earlier": publications.earlier,
                }
            )
        )
