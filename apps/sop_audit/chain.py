"""Tamper evidence for step records: each finished record is hashed, chained to the one before.

The hash is SHA-256 of a canonical JSON of the record's audited fields: a fixed list, keys
sorted, no spaces, datetimes as UTC ISO strings, durations as seconds. It covers the record's
place in its chain (``sequence``) and the previous record's hash, so editing a row breaks its
own hash, removing one leaves a gap in the sequence, and removing the last one leaves the
chain head (RecordChain) pointing past the end.

The foreign keys (site, SOP, step, actor) are left out on purpose: they go null when what they
point to is deleted, which is allowed; the snapshot fields next to them say the same durably.
So are ``reminded_at``, ``escalated_at`` and ``scheduled_for``: they mark what the reminder job
sent, or what the step waited for, while it was open, not what happened in it.

The approved revision, its content hash and the approval time (``revision_id``,
``content_hash``, ``approved_at``) are hashed when a record has them: records finished before
approvals named their revision keep their hash.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.utils.translation import gettext

from .ledger import RecordChain, StepRecord

# The audited fields a record has from the moment it opens...
OPENING_FIELDS = (
    "id",
    "chain",
    "agency",
    "sop_name",
    "step_number",
    "step_name",
    "actor_group",
    "baseline",
    "before_submission",
    "page_id",
    "page_title",
    "workflow_state_id",
    "task_state_id",
    "started_at",
    "due_at",
)
# ...and those it has once finished, with its place in the chain.
CLOSING_FIELDS = (
    "finished_at",
    "outcome",
    "actor_username",
    "actor_name",
    "note",
    "wall_seconds",
    "working_seconds",
    "on_time",
    "sequence",
    "previous_hash",
)
AUDITED_FIELDS = (*OPENING_FIELDS, *CLOSING_FIELDS)
# Hashed only when set (see above).
BOUND_FIELDS = ("revision_id", "content_hash", "approved_at")
# What finishing a record writes (the actor's foreign key besides).
FINISH_FIELDS = (*CLOSING_FIELDS, "hash")


def _canonical_value(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return value


def canonical(record):
    """The bytes that are hashed: the audited fields of `record` as canonical JSON."""
    data = {name: _canonical_value(getattr(record, name)) for name in AUDITED_FIELDS}
    for name in BOUND_FIELDS:
        if getattr(record, name):
            data[name] = _canonical_value(getattr(record, name))
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def record_hash(record):
    return hashlib.sha256(canonical(record)).hexdigest()


@dataclass(frozen=True)
class Problem:
    """The first thing found wrong in a chain, in words for the operator."""

    chain: str
    sequence: int | None
    record_id: int | None
    message: str

    def __str__(self):
        return self.message


def _chain_keys(chain):
    if chain is not None:
        return [chain]
    keys = set(RecordChain.objects.values_list("key", flat=True))
    keys.update(StepRecord.objects.finished().values_list("chain", flat=True).distinct())
    return sorted(keys)


def _verify_chain(key):
    """(problem or None, number of chained records) for the chain `key`."""
    head = RecordChain.objects.filter(key=key).first()
    records = StepRecord.objects.filter(chain=key, sequence__isnull=False).order_by("sequence")
    expected = 1
    previous = None  # the record before, once its own hash checked out
    for record in records.iterator():
        if record.sequence != expected:
            return Problem(
                key,
                expected,
                None,
                gettext("Rantai %(chain)s: catatan nomor %(sequence)d hilang.")
                % {"chain": key, "sequence": expected},
            ), expected - 1
        if record_hash(record) != record.hash:
            return _altered(key, record), expected - 1
        if record.previous_hash != (previous.hash if previous else ""):
            # This record's own hash holds, so its link is genuine: the record before it was
            # rewritten, hash and all.
            return _altered(key, previous or record), expected - 1
        previous = record
        expected += 1
    count = expected - 1
    head_sequence = head.sequence if head is not None else 0
    head_hash = head.last_hash if head is not None else ""
    if head_sequence > count:
        return Problem(
            key,
            count + 1,
            None,
            gettext(
                "Rantai %(chain)s: catatan nomor %(sequence)d hilang (kepala rantai mencatat "
                "%(head)d catatan, yang ada %(count)d)."
            )
            % {"chain": key, "sequence": count + 1, "head": head_sequence, "count": count},
        ), count
    if head_sequence < count or head_hash != (previous.hash if previous else ""):
        if previous is None:
            return Problem(
                key,
                None,
                None,
                gettext("Rantai %(chain)s: kepala rantai telah diubah.") % {"chain": key},
            ), count
        return Problem(
            key,
            previous.sequence,
            previous.pk,
            gettext(
                "Rantai %(chain)s: catatan nomor %(sequence)d (id %(id)d) atau kepala rantai "
                "telah diubah: keduanya tidak cocok."
            )
            % {"chain": key, "sequence": previous.sequence, "id": previous.pk},
        ), count
    unchained = (
        StepRecord.objects.finished()
        .filter(chain=key, sequence__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if unchained is not None:
        return Problem(
            key,
            None,
            unchained,
            gettext(
                "Rantai %(chain)s: catatan id %(id)d selesai di luar rantai (tanpa nomor urut)."
            )
            % {"chain": key, "id": unchained},
        ), count
    return None, count


def _altered(key, record):
    return Problem(
        key,
        record.sequence,
        record.pk,
        gettext(
            "Rantai %(chain)s: catatan nomor %(sequence)d (id %(id)d, %(title)s, %(step)s) "
            "telah diubah."
        )
        % {
            "chain": key,
            "sequence": record.sequence,
            "id": record.pk,
            "title": record.page_title,
            "step": record.step_name,
        },
    )


@dataclass(frozen=True)
class Result:
    problem: Problem | None
    count: int  # records checked and found intact, over the chains walked

    @property
    def intact(self):
        return self.problem is None


def verify(chain=None):
    """Walk each chain (or only `chain`) by sequence and return the first Problem, or None.

    Checks every record's hash, each link to the record before, gaps in the sequence, the
    chain head against the last record, and finished records left out of the chain.
    """
    return check(chain).problem


def check(chain=None):
    """Like verify(), with the number of intact records checked: a Result."""
    total = 0
    for key in _chain_keys(chain):
        problem, count = _verify_chain(key)
        total += count
        if problem is not None:
            return Result(problem, total)
    return Result(None, total)
