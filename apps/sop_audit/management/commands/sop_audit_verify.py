"""Check that no finished SOP step record was altered or removed (see apps/sop_audit/chain.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from apps.sop_audit.chain import check


class Command(BaseCommand):
    help = (
        "Periksa rantai hash catatan langkah SOP: setiap catatan yang sudah selesai dihitung "
        "ulang hash-nya dan dicocokkan dengan catatan sebelumnya dan kepala rantainya. Keluar "
        "dengan status 0 bila semua utuh; bila tidak, menyebut catatan pertama yang diubah atau "
        "hilang dan keluar dengan status bukan 0."
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
