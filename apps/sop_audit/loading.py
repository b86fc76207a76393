"""Make an agency's site follow an SOP file: load_sop, and the site and file it names.

Loading happens in two stages:

1. ``read_sop_file`` (sopfile.py) parses and validates the whole file and returns an
   ``SopSpec``, or raises ``SopFileError`` naming the field and the problem. Nothing touches
   the database before the file is known to be valid.
2. ``load_sop`` makes the site match the spec in one transaction (loader.py): the actor groups
   and their least-privilege permissions, the ``Sop`` row, one ``SopStepTask`` per step, the
   workflow with its tasks in step order, and the link from the site's news section to the
   workflow.

Loading the same file twice changes nothing. An edited file updates what it names, but
never rewrites history: a step removed from the file keeps its task, inactive and out of the
workflow, as long as any task state refers to it.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import Truncator
from wagtail.models import Site

from apps.core.models import AgencySettings
from apps.news.models import NewsIndexPage

from .loader import SopLoader
from .models import Sop
from .sopfile import LoadError, SopFileError, read_sop_file

PRESETS_DIR = Path(__file__).resolve().parent / "presets"
PRESET_SUFFIX = ".yaml"
AGENCY_SEPARATOR = " — "  # "Pelaksana — Diskominfostandi"
GROUP_NAME_LENGTH = 150  # auth.Group.name
WORKFLOW_NAME_LENGTH = 255  # Workflow.name


# The file ---------------------------------------------------------------------------------------


def preset_names():
    return sorted(path.stem for path in PRESETS_DIR.glob(f"*{PRESET_SUFFIX}"))


def preset_aliases():
    """{'sop-a': 'sop-a-pengelolaan-website', ...}: the first two words of each preset name."""
    aliases = {}
    for name in preset_names():
        alias = "-".join(name.split("-")[:2])
        aliases[alias] = None if alias in aliases else name  # None: ambiguous
    return {alias: name for alias, name in aliases.items() if name and alias != name}


def resolve_source(source):
    """A preset name (or its short alias) or a file path -> the file's Path."""
    path = Path(source)
    if path.is_file():
        return path
    if source in preset_names():
        return PRESETS_DIR / f"{source}{PRESET_SUFFIX}"
    aliases = preset_aliases()
    if source in aliases:
        return PRESETS_DIR / f"{aliases[source]}{PRESET_SUFFIX}"
    if path.suffix in (".yaml", ".yml") or "/" in source or path.exists():
        raise LoadError(f"cannot read {source}: no such file")
    known = ", ".join([*preset_names(), *aliases])
    raise LoadError(f'unknown preset "{source}" (presets: {known}; or give a file path)')


# The site --------------------------------------------------------------------------------------


def find_site(hostname):
    """The Site for a hostname, written as in the Sites admin ("dpkpp.localhost" or "host:port")."""
    host, _, port = hostname.strip().partition(":")
    sites = Site.objects.filter(hostname__iexact=host)
    if port:
        if not port.isdigit():
            raise LoadError(f'"{hostname}" is not a hostname or hostname:port')
        sites = sites.filter(port=int(port))
    sites = list(sites.select_related("root_page")[:2])
    if not sites:
        known = ", ".join(Site.objects.order_by("hostname").values_list("hostname", flat=True))
        raise LoadError(f'no site has the hostname "{hostname}" (sites: {known or "none"})')
    if len(sites) > 1:
        raise LoadError(
            f'several sites have the hostname "{hostname}"; add the port, e.g. {host}:80'
        )
    return sites[0]


def find_news_index(site):
    index = NewsIndexPage.objects.child_of(site.root_page).order_by("path").first()
    if index is None:
        raise LoadError(
            f'site "{site.hostname}" has no news section (a NewsIndexPage under its home page) '
            "to attach the workflow to"
        )
    return index


def agency_short_name(site):
    """The suffix that tells one agency's groups from another's in the shared admin."""
    short_name = (
        AgencySettings.objects.filter(site=site).values_list("short_name", flat=True).first()
    )
    return short_name or site.site_name or site.hostname


# Loading ---------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    site: Site
    sop: Sop | None  # None after a dry run: nothing was saved
    dry_run: bool = False
    changes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def load_sop(spec, site, *, dry_run=False):
    """Make `site` follow `spec`, in one transaction; with dry_run, roll it back.

    Returns a LoadResult listing every change (an empty list: nothing to do). Raises
    LoadError, with nothing saved, when the site cannot take the SOP.
    """
    index = find_news_index(site)
    suffix = agency_short_name(site)
    group_names = {}
    supervisor_name = f"{spec.supervisor}{AGENCY_SEPARATOR}{suffix}" if spec.supervisor else ""
    if len(supervisor_name) > GROUP_NAME_LENGTH:
        raise SopFileError(
            "supervisor",
            f'"{supervisor_name}" (with the agency name) is {len(supervisor_name)} characters '
            f"long; a group name holds at most {GROUP_NAME_LENGTH}",
        )
    for position, group in enumerate(spec.groups, start=1):
        name = f"{group.name}{AGENCY_SEPARATOR}{suffix}"
        if len(name) > GROUP_NAME_LENGTH:
            raise SopFileError(
                f"groups[{position}].name",
                f'"{name}" (with the agency name) is {len(name)} characters long; '
                f"a group name holds at most {GROUP_NAME_LENGTH}",
            )
        group_names[group.key] = name
    title = spec.name if spec.name.upper().startswith("SOP ") else f"SOP {spec.name}"
    workflow_name = Truncator(f"{title}{AGENCY_SEPARATOR}{suffix}").chars(WORKFLOW_NAME_LENGTH)

    result = LoadResult(site=site, sop=None, dry_run=dry_run)
    loader = SopLoader(
        spec, site, index, group_names, workflow_name, result, supervisor_name=supervisor_name
    )
    with transaction.atomic():
        loader.run()
        if dry_run:
            transaction.set_rollback(True)
        else:
            result.sop = loader.sop
    return result


def load_sop_source(source, hostname, *, dry_run=False):
    """Resolve a preset or file, validate it, then load it into the site named by hostname.

    Returns (path, LoadResult); raises LoadError. The command does the same in stages, to
    say which argument an error is about.
    """
    path = resolve_source(source)
    spec = read_sop_file(path)
    site = find_site(hostname)
    return path, load_sop(spec, site, dry_run=dry_run)
