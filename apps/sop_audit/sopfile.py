"""An SOP file: read, parsed and validated into an SopSpec, or refused saying where and why.

The file format is documented in docs/sop-format.md. ``read_sop_file`` reads the whole file
(PyYAML ``safe_load`` only) and ``parse_sop`` validates it, returning an ``SopSpec`` or raising
``SopFileError`` naming the field and the problem. Nothing touches the database: a file is
known to be valid before loading.py makes a site follow it.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .baselines import parse_baseline

MAX_FILE_BYTES = 1_000_000
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


# Validating --------------------------------------------------------------------------------------

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
# A step's checks: true or false, false when left out.
STEP_FLAGS = (
    "note_required",
    "four_eyes",
    "may_edit",
    "before_submission",
    "posts_to_social_media",
)
STEP_FIELDS = (
    "key",
    "number",
    "name",
    "actor",
    "actors",
    "baseline",
    "input",
    "output",
    *STEP_FLAGS,
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
