"""Load a signed SOP into an agency's site: groups, step tasks, workflow (docs/sop-format.md)."""

from django.core.management.base import BaseCommand, CommandError

from apps.sop_audit.loading import (
    find_site,
    load_sop,
    preset_aliases,
    preset_names,
    resolve_source,
)
from apps.sop_audit.sopfile import LoadError, SopFileError, read_sop_file


def _presets_help():
    aliases = {name: alias for alias, name in preset_aliases().items()}
    return ", ".join(
        f"{name} ({aliases[name]})" if name in aliases else name for name in preset_names()
    )


class Command(BaseCommand):
    help = (
        "Load an SOP file into an agency's site: create or update its actor groups (admin "
        "access; change, or add and change for steps before submission, on the site's news "
        "section; never publish), one task per step, the workflow with the steps in order, "
        "and attach the workflow to the news section. The whole file is checked before "
        "anything is saved, and everything is saved in one transaction. Loading the same file "
        "again changes nothing; an edited file updates what it names, and a removed step that "
        "has history is kept, inactive, out of the workflow. Format: docs/sop-format.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            metavar="PRESET_OR_FILE",
            help=f"A preset name or its short alias ({_presets_help()}), or the path of a "
            "YAML file written as docs/sop-format.md describes.",
        )
        parser.add_argument(
            "--site",
            required=True,
            metavar="HOSTNAME",
            help="Hostname of the agency's Wagtail site, as in Settings > Sites (e.g. "
            "localhost or dpkpp.localhost); add :PORT when several sites share the hostname.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and the site and print what would change, saving nothing.",
        )

    def handle(self, *args, source, site, dry_run, **options):
        try:
            path = resolve_source(source)
            spec = read_sop_file(path)
        except LoadError as exc:
            raise CommandError(f"{source}: {exc}") from None
        try:
            result = load_sop(spec, find_site(site), dry_run=dry_run)
        except SopFileError as exc:  # valid alone, but not on this site (a name too long)
            raise CommandError(f"{source}: {exc}") from None
        except LoadError as exc:
            raise CommandError(str(exc)) from None

        heading = f"{path.name} -> {result.site.hostname}"
        if dry_run:
            heading += " (dry run: these changes were made, checked and rolled back)"
        self.stdout.write(heading)
        for change in result.changes:
            self.stdout.write(f"  {change}")
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"  warning: {warning}"))
        if result.changes:
            count = len(result.changes)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{count} change{'s' if count != 1 else ''}{' planned' if dry_run else ''}"
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS("no changes"))
