"""Read an SOP file and make an agency's site follow it.

The file format is documented in docs/sop-format.md. Loading happens in two stages:

1. ``read_sop_file`` parses and validates the whole file (PyYAML ``safe_load`` only) and
   returns an ``SopSpec``, or raises ``SopFileError`` naming the field and the problem.
   Nothing touches the database before the file is known to be valid.
2. ``load_sop`` makes the site match the spec in one transaction: the actor groups and their
   least-privilege permissions, the ``Sop`` row, one ``SopStepTask`` per step, the workflow
   with its tasks in step order, and the link from the site's news section to the workflow.

Loading the same file twice changes nothing. An edited file updates what it names, but
never rewrites history: a step removed from the file keeps its task, inactive and out of the
workflow, as long as any task state refers to it.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import Truncator
from wagtail.models import (
    GroupPagePermission,
    Page,
    Site,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from apps.core.models import AgencySettings
from apps.news.models import NewsIndexPage

from .baselines import describe_baseline, parse_baseline
from .models import Sop, SopGroup, SopStepTask, task_name

PRESETS_DIR = Path(__file__).resolve().parent / "presets"
PRESET_SUFFIX = ".yaml"
MAX_FILE_BYTES = 1_000_000
AGENCY_SEPARATOR = " — "  # "Pelaksana — Diskominfostandi"
GROUP_NAME_LENGTH = 150  # auth.Group.name
WORKFLOW_NAME_LENGTH = 255  # Workflow.name
# Page permissions that let someone put news live (or keep it from the SOP) outside the
# workflow. load_sop never grants them and warns when an SOP group holds one.
BYPASS_PAGE_PERMISSIONS = ("publish", "bulk_delete", "lock", "unlock")

KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BASELINE_HINT = "is not a duration like 10m, 2h or 1d"


class LoadError(Exception):
    """Why nothing was loaded, in one line."""


class SopFileError(LoadError):
    """An invalid SOP file: ``field`` is the path of the offending value, e.g. steps[2].baseline."""

    def __init__(self, field, problem):
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


@dataclass(frozen=True)
class GroupSpec:
    key: str
    name: str


@dataclass(frozen=True)
class StepSpec:
    key: str
    number: int
    name: str
    actors: tuple
    baseline: datetime.timedelta
    input: str = ""
    output: str = ""
    note_required: bool = False
    four_eyes: bool = False
    may_edit: bool = False
    before_submission: bool = False
    posts_to_social_media: bool = False


@dataclass(frozen=True)
class SopSpec:
    identity: dict  # the Sop model's own fields, key and name included
    groups: tuple
    steps: tuple
    supervisor: str = ""  # the official told when a step is late; "" for nobody

    @property
    def key(self):
        return self.identity["key"]

    @property
    def name(self):
        return self.identity["name"]

    @property
    def workflow_steps(self):
        return [step for step in self.steps if not step.before_submission]


# Reading and validating ---------------------------------------------------------------------

# Identity fields: (kind, required, max length). "line" is one line of text (whitespace is
# collapsed), "text" keeps its line breaks, "lines" is a list of one-line texts.
IDENTITY_FIELDS = {
    "key": ("key", True, 100),
    "name": ("line", True, 255),
    "number": ("line", False, 100),
    "government": ("line", False, 120),
    "agency": ("line", True, 255),
    "made_on": ("line", False, 60),
    "revised_on": ("line", False, 60),
    "effective_on": ("line", False, 60),
    "approved_on": ("line", False, 60),
    "approved_by": ("line", False, 255),
    "approver_name": ("line", False, 150),
    "signed_by": ("line", False, 255),
    "legal_basis": ("lines", False, 2000),
    "qualifications": ("lines", False, 500),
    "related_sops": ("lines", False, 500),
    "equipment": ("lines", False, 500),
    "warning": ("text", False, 2000),
    "records": ("text", False, 2000),
}
IDENTITY_DEFAULTS = {"government": "Pemerintah Kota Bekasi"}
TOP_FIELDS = (*IDENTITY_FIELDS, "supervisor", "groups", "steps")
GROUP_FIELDS = ("key", "name")
GROUP_DISPLAY_LENGTH = 100
STEP_FIELDS = (
    "key",
    "number",
    "name",
    "actor",
    "actors",
    "baseline",
    "input",
    "output",
    "note_required",
    "four_eyes",
    "may_edit",
    "before_submission",
    "posts_to_social_media",
)
STEP_NAME_LENGTH = 2000
STEP_TEXT_LENGTH = 500
MAX_STEPS = 100


def _show(value):
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _mapping(value, path, allowed):
    if not isinstance(value, dict):
        raise SopFileError(path or "(file)", f"must be a mapping of fields, not {_kind(value)}")
    for name in value:
        if name not in allowed:
            where = f"{path}.{name}" if path else str(name)
            raise SopFileError(where, f"unknown field (allowed: {', '.join(allowed)})")
    return value


def _kind(value):
    if value is None:
        return "nothing"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


def _text(value, path, *, required, max_length, keep_lines=False):
    if value is None:
        value = ""
    if isinstance(value, bool | int | float):
        raise SopFileError(path, f'must be text, not {_kind(value)}: put it in quotes ("{value}")')
    if not isinstance(value, str):
        raise SopFileError(path, f"must be text, not {_kind(value)}")
    value = value.strip() if keep_lines else " ".join(value.split())
    if required and not value:
        raise SopFileError(path, "must not be empty")
    if len(value) > max_length:
        raise SopFileError(path, f"is {len(value)} characters long; at most {max_length}")
    return value


def _key(value, path, max_length):
    if value is None:
        raise SopFileError(path, "missing")
    if not isinstance(value, str) or not KEY_RE.match(value) or len(value) > max_length:
        raise SopFileError(
            path,
            f"{_show(value)} is not a key: use lowercase letters, digits and hyphens "
            f"(at most {max_length} characters), e.g. kepala-bidang",
        )
    return value


def _lines(value, path, max_length):
    if value is None:
        return []
    if not isinstance(value, list):
        raise SopFileError(path, f"must be a list of texts, not {_kind(value)}")
    return [
        _text(item, f"{path}[{position}]", required=True, max_length=max_length)
        for position, item in enumerate(value, start=1)
    ]


def _flag(value, path):
    if value is None:
        return False
    if not isinstance(value, bool):
        raise SopFileError(path, f"must be true or false, not {_show(value)}")
    return value


def _required(data, name, path):
    if name not in data:
        raise SopFileError(path, "missing")
    return data[name]


def parse_sop(data):
    """Validate a loaded YAML document; return an SopSpec or raise SopFileError."""
    if data is None:
        raise SopFileError("(file)", "is empty")
    _mapping(data, "", TOP_FIELDS)

    identity = {}
    for name, (kind, required, max_length) in IDENTITY_FIELDS.items():
        if required and name not in data:
            raise SopFileError(name, "missing")
        value = data.get(name)
        if kind == "key":
            identity[name] = _key(value, name, max_length)
        elif kind == "lines":
            identity[name] = _lines(value, name, max_length)
        else:
            identity[name] = _text(
                value, name, required=required, max_length=max_length, keep_lines=kind == "text"
            )
        if not identity[name] and name in IDENTITY_DEFAULTS:
            identity[name] = IDENTITY_DEFAULTS[name]

    # The official told when a step passes its baseline: a position, like a group's name.
    supervisor = _text(
        data.get("supervisor"), "supervisor", required=False, max_length=GROUP_DISPLAY_LENGTH
    )
    groups = _parse_groups(_required(data, "groups", "groups"))
    steps = _parse_steps(_required(data, "steps", "steps"), {group.key for group in groups})

    used = {actor for step in steps for actor in step.actors}
    for position, group in enumerate(groups, start=1):
        if group.key not in used:
            raise SopFileError(
                f"groups[{position}]", f'"{group.key}" is not the actor of any step; remove it'
            )
    return SopSpec(
        identity=identity, groups=tuple(groups), steps=tuple(steps), supervisor=supervisor
    )


def _parse_groups(value):
    if not isinstance(value, list) or not value:
        raise SopFileError("groups", "must be a list of at least one group (key and name)")
    groups = []
    keys, names = {}, {}
    for position, item in enumerate(value, start=1):
        path = f"groups[{position}]"
        _mapping(item, path, GROUP_FIELDS)
        key = _key(_required(item, "key", f"{path}.key"), f"{path}.key", 50)
        name = _text(
            _required(item, "name", f"{path}.name"),
            f"{path}.name",
            required=True,
            max_length=GROUP_DISPLAY_LENGTH,
        )
        if key in keys:
            raise SopFileError(f"{path}.key", f'"{key}" is already the key of groups[{keys[key]}]')
        if name.casefold() in names:
            raise SopFileError(
                f"{path}.name", f'"{name}" is already the name of groups[{names[name.casefold()]}]'
            )
        keys[key] = names[name.casefold()] = position
        groups.append(GroupSpec(key=key, name=name))
    return groups


def _parse_steps(value, group_keys):
    if not isinstance(value, list) or not value:
        raise SopFileError("steps", "must be a list of at least one step")
    if len(value) > MAX_STEPS:
        raise SopFileError("steps", f"has {len(value)} steps; at most {MAX_STEPS}")
    steps = []
    keys = {}
    first_workflow_step = None
    for position, item in enumerate(value, start=1):
        path = f"steps[{position}]"
        _mapping(item, path, STEP_FIELDS)
        key = _key(_required(item, "key", f"{path}.key"), f"{path}.key", 50)
        if key in keys:
            raise SopFileError(f"{path}.key", f'"{key}" is already the key of steps[{keys[key]}]')
        keys[key] = position

        number = _required(item, "number", f"{path}.number")
        if not isinstance(number, int) or isinstance(number, bool) or number != position:
            raise SopFileError(
                f"{path}.number",
                f"{_show(number)} should be {position}: steps are numbered 1, 2, 3… "
                "in the order they are written",
            )
        name = _text(
            _required(item, "name", f"{path}.name"),
            f"{path}.name",
            required=True,
            max_length=STEP_NAME_LENGTH,
        )
        actors = _parse_actors(item, path, group_keys)

        raw_baseline = _required(item, "baseline", f"{path}.baseline")
        try:
            baseline = parse_baseline(raw_baseline)
        except ValueError:
            raise SopFileError(
                f"{path}.baseline", f"{_show(raw_baseline)} {BASELINE_HINT}"
            ) from None

        step = StepSpec(
            key=key,
            number=number,
            name=name,
            actors=actors,
            baseline=baseline,
            input=_text(
                item.get("input"), f"{path}.input", required=False, max_length=STEP_TEXT_LENGTH
            ),
            output=_text(
                item.get("output"), f"{path}.output", required=False, max_length=STEP_TEXT_LENGTH
            ),
            note_required=_flag(item.get("note_required"), f"{path}.note_required"),
            four_eyes=_flag(item.get("four_eyes"), f"{path}.four_eyes"),
            may_edit=_flag(item.get("may_edit"), f"{path}.may_edit"),
            before_submission=_flag(item.get("before_submission"), f"{path}.before_submission"),
            posts_to_social_media=_flag(
                item.get("posts_to_social_media"), f"{path}.posts_to_social_media"
            ),
        )
        if step.before_submission:
            if first_workflow_step is not None:
                raise SopFileError(
                    f"{path}.before_submission",
                    "a step before submission must come before every workflow step, "
                    f"but steps[{first_workflow_step}] is already in the workflow",
                )
            for flag in ("note_required", "four_eyes", "may_edit", "posts_to_social_media"):
                if getattr(step, flag):
                    raise SopFileError(
                        f"{path}.{flag}",
                        "a step before submission is not approved in the workflow, "
                        "so it cannot have this check",
                    )
        elif first_workflow_step is None:
            first_workflow_step = position
        steps.append(step)

    if first_workflow_step is None:
        raise SopFileError(
            "steps", "at least one step must be in the workflow (before_submission: false)"
        )
    for position, step in enumerate(steps[:-1], start=1):
        if step.posts_to_social_media:
            raise SopFileError(
                f"steps[{position}].posts_to_social_media",
                "only the last step publishes, so only it can wait for the social media posts",
            )
    return steps


def _parse_actors(item, path, group_keys):
    if "actor" in item and "actors" in item:
        raise SopFileError(path, "give either actor or actors, not both")
    if "actor" in item:
        entries = [(f"{path}.actor", item["actor"])]
    elif "actors" in item:
        value = item["actors"]
        if not isinstance(value, list) or not value:
            raise SopFileError(f"{path}.actors", "must be a list of at least one group key")
        entries = [(f"{path}.actors[{n}]", actor) for n, actor in enumerate(value, start=1)]
    else:
        raise SopFileError(f"{path}.actor", "missing (the key of the group that does this step)")
    actors = []
    for where, actor in entries:
        if not isinstance(actor, str) or actor not in group_keys:
            raise SopFileError(
                where,
                f"{_show(actor)} is not a key defined under groups "
                f"(defined: {', '.join(sorted(group_keys))})",
            )
        if actor in actors:
            raise SopFileError(where, f'"{actor}" is listed twice')
        actors.append(actor)
    return tuple(actors)


def read_sop_file(path):
    """Read, parse and validate an SOP file; raise LoadError (SopFileError) if it is unusable."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise LoadError(f"the file is larger than {MAX_FILE_BYTES // 1000} kB")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(f"the file is not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "an unknown line"
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise LoadError(f"YAML syntax error at {where}: {problem}") from None
    except yaml.YAMLError as exc:
        raise LoadError(f"YAML error: {' '.join(str(exc).split())}") from None
    return parse_sop(data)


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
    loader = _Loader(
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


def _step_label(number, name):
    return f'step {number} "{Truncator(name).chars(60)}"'


class _Loader:
    """One run of load_sop. Each method brings one kind of object in line and says what it did."""

    def __init__(
        self, spec, site, index, group_names, workflow_name, result, *, supervisor_name=""
    ):
        self.spec = spec
        self.supervisor_name = supervisor_name
        self.site = site
        self.index = index
        self.group_names = group_names
        self.workflow_name = workflow_name
        self.result = result
        self.sop = None
        self.groups = {}  # file key -> Group
        self.tasks = {}  # step key -> SopStepTask

    def say(self, message):
        self.result.changes.append(message)

    def run(self):
        self.load_identity()
        self.load_groups()
        self.load_supervisor()
        self.load_steps()
        self.load_workflow()
        self.attach_workflow()
        self.check_bypass_permissions()

    def load_identity(self):
        identity = self.spec.identity
        sop = Sop.objects.filter(site=self.site, key=identity["key"]).first()
        if sop is None:
            self.sop = Sop.objects.create(site=self.site, **identity)
            self.say(f'created SOP "{self.sop.name}" ({self.sop.key})')
            return
        changed = [name for name, value in identity.items() if getattr(sop, name) != value]
        if changed:
            for name in changed:
                setattr(sop, name, identity[name])
            sop.save()
            self.say(f'updated SOP "{sop.name}": {", ".join(changed)}')
        self.sop = sop

    def load_groups(self):
        mapped = {
            actor.key: actor
            for actor in SopGroup.objects.filter(sop=self.sop).select_related("group")
        }
        # Actors gone from the file first, so a group can move to a new key in the same run.
        dropped = []
        for key, actor in mapped.items():
            if key not in self.group_names:
                dropped.append(actor.group)
                actor.delete()
        for group_spec in self.spec.groups:
            name = self.group_names[group_spec.key]
            actor = mapped.get(group_spec.key)
            if actor is not None:
                group = actor.group
                if group.name != name:
                    if Group.objects.filter(name=name).exclude(pk=group.pk).exists():
                        raise LoadError(
                            f'cannot rename group "{group.name}" to "{name}": '
                            "another group already has that name"
                        )
                    self.say(f'renamed group "{group.name}" to "{name}"')
                    group.name = name
                    group.save(update_fields=["name"])
                if actor.name != group_spec.name:
                    actor.name = group_spec.name
                    actor.save(update_fields=["name"])
            else:
                group, created = Group.objects.get_or_create(name=name)
                SopGroup.objects.create(
                    sop=self.sop, key=group_spec.key, name=group_spec.name, group=group
                )
                self.say(f'{"created" if created else "adopted existing"} group "{name}"')
            self.groups[group_spec.key] = group

        self.grant_permissions()
        kept = {group.pk for group in self.groups.values()}
        for group in dropped:
            if group.pk in kept or SopGroup.objects.filter(group=group).exists():
                continue  # still an actor here under another key, or in another SOP
            removed, _ = GroupPagePermission.objects.filter(
                group=group, page=self.index, permission__in=self.page_permissions.values()
            ).delete()
            self.say(
                f'released group "{group.name}", no longer an actor of this SOP'
                + (f': revoked its rights on "{self.index.title}"' if removed else "")
                + " (the group and its members are kept)"
            )

    def load_supervisor(self):
        """The group told when a step is late: an actor's group if the file names an actor,
        else a group of its own with the actors' least privilege (admin access, change on the
        news section, to open the late item). Dropping `supervisor` unsets it; the group and
        its members are kept."""
        name = self.supervisor_name
        current = self.sop.supervisor_group
        if not name:
            if current is not None:
                self.sop.supervisor_group = None
                self.sop.save(update_fields=["supervisor_group", "updated_at"])
                self.say(f'unset supervisor group "{current.name}" (the group is kept)')
            return
        if current is not None and current.name == name:
            group = current
        else:
            actor_ids = {group.pk for group in self.groups.values()}
            renamable = (
                current is not None
                and current.pk not in actor_ids
                and not Sop.objects.filter(supervisor_group=current)
                .exclude(pk=self.sop.pk)
                .exists()
                and not Group.objects.filter(name=name).exists()
            )
            if renamable:
                self.say(f'renamed supervisor group "{current.name}" to "{name}"')
                current.name = name
                current.save(update_fields=["name"])
                group = current
            else:
                group, created = Group.objects.get_or_create(name=name)
                self.say(f'{"created" if created else "using"} supervisor group "{name}"')
            self.sop.supervisor_group = group
            self.sop.save(update_fields=["supervisor_group", "updated_at"])
        if group.pk not in {actor.pk for actor in self.groups.values()}:
            self.grant_supervisor(group)

    def grant_supervisor(self, group):
        access_admin = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        granted = []
        if not group.permissions.filter(pk=access_admin.pk).exists():
            group.permissions.add(access_admin)
            granted.append("Wagtail admin access")
        change = self.page_permissions["change"]
        if not GroupPagePermission.objects.filter(
            group=group, page=self.index, permission=change
        ).exists():
            GroupPagePermission.objects.create(group=group, page=self.index, permission=change)
            granted.append(f'change on "{self.index.title}"')
        if granted:
            self.say(f'granted group "{group.name}": {", ".join(granted)}')

    def grant_permissions(self):
        """Admin access for every actor; on the news section, change for all (to review) and
        add for those who draft before submission. Nothing else, and never publish."""
        page_type = ContentType.objects.get_for_model(Page)
        self.page_permissions = {
            action: Permission.objects.get(content_type=page_type, codename=f"{action}_page")
            for action in ("add", "change")
        }
        access_admin = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        drafters = {
            actor for step in self.spec.steps if step.before_submission for actor in step.actors
        }
        where = f'"{self.index.title}"'
        for key, group in self.groups.items():
            granted = []
            if not group.permissions.filter(pk=access_admin.pk).exists():
                group.permissions.add(access_admin)
                granted.append("Wagtail admin access")
            wanted = {"add", "change"} if key in drafters else {"change"}
            held = {
                grant.permission.codename.removesuffix("_page"): grant
                for grant in GroupPagePermission.objects.filter(
                    group=group, page=self.index, permission__in=self.page_permissions.values()
                ).select_related("permission")
            }
            for action in sorted(wanted - held.keys()):
                GroupPagePermission.objects.create(
                    group=group, page=self.index, permission=self.page_permissions[action]
                )
                granted.append(f"{action} on {where}")
            if granted:
                self.say(f'granted group "{group.name}": {", ".join(granted)}')
            revoked = sorted(held.keys() - wanted)
            for action in revoked:
                held[action].delete()
            if revoked:
                self.say(f'revoked {" and ".join(revoked)} on {where} from group "{group.name}"')

    def load_steps(self):
        existing = {task.key: task for task in SopStepTask.objects.filter(sop=self.sop)}
        numbers = {step.key: step.number for step in self.spec.steps}
        # Free every number that moves first: (sop, number) is unique at every statement.
        moving = [
            task.pk
            for task in existing.values()
            if task.number is not None and numbers.get(task.key) != task.number
        ]
        if moving:
            SopStepTask.objects.filter(pk__in=moving).update(number=None)

        for step in self.spec.steps:
            values = {
                "name": task_name(step.name),
                "description": step.name,
                "number": step.number,
                "baseline": step.baseline,
                "input": step.input,
                "output": step.output,
                "note_required": step.note_required,
                "four_eyes": step.four_eyes,
                "may_edit": step.may_edit,
                "before_submission": step.before_submission,
                "posts_to_social_media": step.posts_to_social_media,
                "active": True,
            }
            group_ids = {self.groups[actor].pk for actor in step.actors}
            label = _step_label(step.number, step.name)
            task = existing.get(step.key)
            if task is None:
                task = SopStepTask.objects.create(sop=self.sop, key=step.key, **values)
                task.groups.set(group_ids)
                self.say(f"created {label}, {describe_baseline(step.baseline)}")
            else:
                changed = []
                for name, value in values.items():
                    old = getattr(task, name)
                    if old != value:
                        changed.append(self.describe_change(name, old, value))
                        setattr(task, name, value)
                if changed:
                    task.save()
                if set(task.groups.values_list("pk", flat=True)) != group_ids:
                    task.groups.set(group_ids)
                    changed.append("actors")
                if changed:
                    self.say(f"updated {label}: {', '.join(changed)}")
            self.tasks[step.key] = task

        for key, task in existing.items():
            if key in self.tasks or (task.number is None and not task.active):
                continue
            label = f'step "{Truncator(task.description or task.name).chars(60)}" ({key})'
            if TaskState.objects.filter(task_id=task.pk).exists():
                task.number = None
                task.active = False
                task.save()
                self.say(
                    f"retired {label}: it has history, so it is kept, inactive, out of the workflow"
                )
            else:
                task.delete()
                self.say(f"deleted {label}: it had no history")

    @staticmethod
    def describe_change(name, old, new):
        if name == "baseline":
            return f"baseline {describe_baseline(old)} → {describe_baseline(new)}"
        if name in (
            "number",
            "active",
            "note_required",
            "four_eyes",
            "may_edit",
            "before_submission",
            "posts_to_social_media",
        ):
            return f"{name} {old} → {new}"
        return name

    def load_workflow(self):
        workflow = self.sop.workflow
        if workflow is None:
            workflow = Workflow.objects.create(name=self.workflow_name)
            self.sop.workflow = workflow
            self.sop.save(update_fields=["workflow", "updated_at"])
            self.say(f'created workflow "{workflow.name}"')
        else:
            changed = []
            if workflow.name != self.workflow_name:
                workflow.name = self.workflow_name
                changed.append("name")
            if not workflow.active:
                workflow.active = True
                changed.append("active again")
            if changed:
                workflow.save()
                self.say(f'updated workflow "{workflow.name}": {", ".join(changed)}')
        self.workflow = workflow

        wanted = [self.tasks[step.key] for step in self.spec.workflow_steps]
        wanted_ids = {task.pk for task in wanted}
        current = {link.task_id: link for link in WorkflowTask.objects.filter(workflow=workflow)}
        changed = False
        for task_id, link in current.items():
            if task_id not in wanted_ids:
                link.delete()
                changed = True
        for sort_order, task in enumerate(wanted):
            link = current.get(task.pk)
            if link is None:
                WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=sort_order)
                changed = True
            elif link.sort_order != sort_order:
                link.sort_order = sort_order
                link.save(update_fields=["sort_order"])
                changed = True
        if changed:
            order = ", ".join(str(task.number) for task in wanted)
            self.say(f'ordered workflow "{workflow.name}": steps {order}')

    def attach_workflow(self):
        link = WorkflowPage.objects.filter(page=self.index).select_related("workflow").first()
        where = f'the news section "{self.index.title}" of {self.site.hostname}'
        if link is None:
            WorkflowPage.objects.create(page=self.index, workflow=self.workflow)
            self.say(f'attached workflow "{self.workflow.name}" to {where}')
        elif link.workflow_id != self.workflow.pk:
            previous = link.workflow.name
            link.workflow = self.workflow
            link.save()
            self.say(
                f'attached workflow "{self.workflow.name}" to {where} (it followed "{previous}")'
            )

    def check_bypass_permissions(self):
        grants = GroupPagePermission.objects.filter(
            group__in=self.groups.values(),
            permission__codename__in=[f"{action}_page" for action in BYPASS_PAGE_PERMISSIONS],
        ).select_related("group", "page", "permission")
        for grant in grants:
            self.result.warnings.append(
                f'group "{grant.group.name}" holds {grant.permission.codename} on '
                f'"{grant.page.title}": its members can act outside the SOP; load_sop does not '
                "grant it and leaves it for an administrator to remove"
            )
