"""Figures over groups of step records: the count, the working-time median, p90 and maximum,
and the verdicts on time (reports.py says which records and which groups).

Median and p90 follow PostgreSQL's ``percentile_cont``: linear interpolation between the two
nearest ranks. On PostgreSQL they are computed in the database (an agency-year is hundreds of
thousands of rows); on SQLite, which has no such aggregate, in Python with the same formula.
Everything else (counts, maximum, on-time counts) is a plain aggregate on both. "Late" is a
record whose stored ``on_time`` is false, and the share on time is taken over the records that
have a verdict (a cancelled step may have none).
"""

import contextlib
import itertools
import math
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Aggregate, Count, FloatField, Max, Q

from .wording import format_seconds, format_share

# PostgreSQL session settings for the report's queries, local to their transaction: enough
# memory to sort an agency-year of durations without spilling to disk, and no JIT compilation,
# which costs more than it saves on queries this short.
REPORT_WORK_MEM = "64MB"


class PercentileCont(Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)``."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()
    allow_distinct = False

    def __init__(self, expression, fraction, **extra):
        # The fraction is ours, never a user's: formatting it into the SQL is safe, and a
        # parameter would make PostgreSQL plan the aggregate without knowing its value.
        super().__init__(expression, fraction=float(fraction), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        raise NotImplementedError("percentile_cont is computed in Python on SQLite")


def percentile_cont(values, fraction):
    """``percentile_cont`` of already sorted `values`, as PostgreSQL computes it (None if empty)."""
    if not values:
        return None
    position = fraction * (len(values) - 1)
    lower = math.floor(position)
    upper = math.ceil(position)
    low, high = values[lower], values[upper]
    return float(low + (high - low) * (position - lower))


def in_database_percentiles():
    return connection.vendor == "postgresql"


class OnTimeShare:
    """The share on time of a group of records, from its ``on_time`` and ``late`` counts."""

    @property
    def judged(self):
        return self.on_time + self.late

    @property
    def on_time_share(self):
        """Share on time, 0..1, over the records with a verdict; None when there are none."""
        return self.on_time / self.judged if self.judged else None

    @property
    def on_time_share_display(self):
        return format_share(self.on_time_share)


@dataclass
class Stats(OnTimeShare):
    """Count, working-time median/p90/max in seconds, and the on-time verdicts of a group."""

    count: int = 0
    median: float | None = None
    p90: float | None = None
    max: int | None = None
    on_time: int = 0
    late: int = 0

    @property
    def median_display(self):
        return format_seconds(self.median)

    @property
    def p90_display(self):
        return format_seconds(self.p90)

    @property
    def max_display(self):
        return format_seconds(self.max)


def aggregates():
    """The aggregates of a group's Stats, for QuerySet.aggregate() or annotate()."""
    columns = {
        # Counts of indexed columns, not of the primary key: the key is not in the report index.
        "count": Count("*"),
        "max_seconds": Max("working_seconds"),
        "on_time_count": Count("on_time", filter=Q(on_time=True)),
        "late_count": Count("on_time", filter=Q(on_time=False)),
    }
    if in_database_percentiles():
        columns["median_seconds"] = PercentileCont("working_seconds", 0.5)
        columns["p90_seconds"] = PercentileCont("working_seconds", 0.9)
    return columns


def stats_of(values):
    """The Stats of one group, from what aggregates() computed for it."""
    return Stats(
        count=values["count"],
        median=values.get("median_seconds"),
        p90=values.get("p90_seconds"),
        max=values["max_seconds"],
        on_time=values["on_time_count"],
        late=values["late_count"],
    )


def _python_percentiles(records, keys):
    """{group key tuple: (median, p90)} over the working times, computed in Python (no
    `keys`: one group, keyed ())."""
    rows = (
        records.filter(working_seconds__isnull=False)
        .order_by(*keys, "working_seconds")
        .values_list(*keys, "working_seconds")
    )
    width = len(keys)
    result = {}
    for key, group in itertools.groupby(rows.iterator(chunk_size=5000), lambda r: r[:width]):
        seconds = [row[width] for row in group]
        result[key] = (percentile_cont(seconds, 0.5), percentile_cont(seconds, 0.9))
    return result


@contextlib.contextmanager
def tuned():
    """A transaction whose queries run with the report's PostgreSQL settings."""
    with transaction.atomic():
        if in_database_percentiles():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true)",
                    [REPORT_WORK_MEM],
                )
        yield


def grouped(records, keys, extra=None):
    """[(group values dict, Stats)], ordered by `keys`."""
    with tuned():
        rows = list(
            records.order_by()
            .values(*keys)
            .annotate(**(extra or {}), **aggregates())
            .order_by(*keys)
        )
    if not in_database_percentiles():
        percentiles = _python_percentiles(records, keys)
        for row in rows:
            row["median_seconds"], row["p90_seconds"] = percentiles.get(
                tuple(row[key] for key in keys), (None, None)
            )
    return [(row, stats_of(row)) for row in rows]


def total(records):
    """The same figures over all of `records`, as one Stats."""
    with tuned():
        values = records.order_by().aggregate(**aggregates())
    if not in_database_percentiles():
        percentiles = _python_percentiles(records, ())
        values["median_seconds"], values["p90_seconds"] = percentiles.get((), (None, None))
    return stats_of(values)
