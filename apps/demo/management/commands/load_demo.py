import logging
import time
from argparse import RawDescriptionHelpFormatter
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.db import DatabaseError, transaction
from wagtail.signal_handlers import disable_reference_index_auto_update

from apps.demo import loader
from apps.demo.people import DEMO_PASSWORD


@contextmanager
def quiet_loggers(*names, unless=False):
    """Hold back INFO lines (Wagtail logs every publication, django-tasks every task)."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    if not unless:
        for logger in loggers:
            logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's option order, with the description's line breaks kept."""


class Command(BaseCommand):
    help = f"""Load the Warta demo: two agencies of Pemerintah Kota Bekasi with their news.

Creates, in one transaction:
  - Diskominfostandi Kota Bekasi at http://localhost:8000/ (the default site, so
    127.0.0.1:8000 serves it too) and DPKPP Kota Bekasi at http://dpkpp.localhost:8000/,
    each a Wagtail Site with a home page, a news index "Berita" and its identitas instansi;
  - per agency 15 published news items (one with a newer unpublished draft) and 2 drafts,
    with generated pictures and PDF/CSV attachments in the agency's own collection;
  - one login per SOP role, an editor per agency and the superuser "admin", all with the
    password "{DEMO_PASSWORD}", and the least-privilege groups "Editor <agency>" and
    "Moderator <agency>" (no group may publish: publishing is the SOP's last step);
  - each SOP's supervisor (the Kepala Dinas, told when a step is late) in its group;
  - per agency dry-run social media accounts ("Uji coba X", ...): publishing a news item
    fills the delivery ledger (Media sosial > Buku kiriman) without a network;
then rebuilds the search index and the reference index.

Idempotent: the demo is loaded into a fresh database only (nothing but Wagtail's welcome page
and default site, which it replaces). Once the demo sites exist, or when the database already
has sites or pages of its own, the command says so, changes nothing and exits 0, so whatever
people edited, added or deleted after the first run is kept. To load the demo afresh, start
from an empty database (e.g. delete db.sqlite3, then `manage.py migrate`).

Refuses to run with the production settings: the demo logins share a published password.
`manage.py demo_banner` prints the URLs and the logins."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-index",
            action="store_true",
            help=(
                "Skip rebuilding the search index and the reference index at the end (faster, "
                "for scripts and tests). The entries Wagtail queued while saving are still "
                "processed by the worker."
            ),
        )

    def handle(self, *args, no_index=False, verbosity=1, **options):
        module = settings.SETTINGS_MODULE or ""
        if module.endswith(".production"):
            raise CommandError(
                f"load_demo refuses to run with production settings ({module}): it creates "
                f"users whose password is published."
            )

        started = time.monotonic()
        demo = loader.DemoLoader(write=self.stdout.write, verbosity=verbosity)
        try:
            with (
                quiet_loggers("wagtail", "django_tasks", unless=verbosity >= 2),
                transaction.atomic(),
            ):
                state, reason = loader.demo_status()
                if state != loader.FRESH:
                    self.report_skipped(state, reason, verbosity)
                    return
                if verbosity:
                    self.stdout.write("Loading the Warta demo...")
                if no_index:
                    demo.load()
                else:
                    # Rebuilt in full below; queuing an update for every save would be waste.
                    with disable_reference_index_auto_update():
                        demo.load()
        except DatabaseError as exc:
            demo.discard_files()
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise CommandError(
                f"Database error, nothing was loaded (has `manage.py migrate` run?): {first_line}"
            ) from exc
        except ValidationError as exc:
            demo.discard_files()
            raise CommandError(f"Invalid demo data, nothing was loaded: {exc}") from exc
        except Exception:
            demo.discard_files()
            raise

        if not no_index:
            self.rebuild_indexes(verbosity)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo loaded in {time.monotonic() - started:.1f} s. "
                    f"URLs and logins: manage.py demo_banner"
                )
            )

    def report_skipped(self, state, reason, verbosity):
        if not verbosity:
            return
        if state == loader.LOADED:
            self.stdout.write(f"Demo already loaded: {reason}. Nothing changed.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Demo not loaded: {reason}. It is only loaded into a fresh database."
                )
            )

    def rebuild_indexes(self, verbosity):
        quiet = {"verbosity": max(verbosity - 1, 0), "stdout": self.stdout}
        for label, command in (
            ("search index", "update_index"),
            ("reference index", "rebuild_references_index"),
        ):
            if verbosity:
                self.stdout.write(f"Rebuilding the {label}...")
            try:
                call_command(command, **quiet)
            except Exception as exc:
                raise CommandError(
                    f"The demo is loaded but rebuilding the {label} failed ({exc}); "
                    f"run `manage.py {command}`."
                ) from exc
