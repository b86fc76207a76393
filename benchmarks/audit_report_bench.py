#!/usr/bin/env python
"""Benchmark of the SOP report: one agency-year out of 1,000,000 step records, on PostgreSQL.

One run builds a throwaway PostgreSQL database, migrates it, and loads 1,000,000 finished step
records (``StepRecord``) for two agencies over the year 2026 with ``COPY``: Diskominfostandi
under SOP A (3 steps: 10 min, 30 min, 5 min) and DPKPP under SOP B (4 steps: 1 day, 2 h, 2 h,
30 min), half each. Then ``VACUUM ANALYZE``, and it times the report's queries for one agency-year
(``apps.sop_audit.reports``: per step, per actor, total, weekly on-time share, and the whole
report as the admin page builds it), each the median of several runs after a warm-up.

    .venv/bin/python benchmarks/audit_report_bench.py [--records 1000000] [--runs 5] [--json]

Target: the per-step report of one agency-year in under 1 second.
Exit status: 0 the target met, 1 missed, 2 the run failed.
"""

import argparse
import datetime
import heapq
import json
import math
import os
import random
import statistics
import sys
import time
import traceback
from pathlib import Path

from benchkit import discard_database, recreate_database  # the folder is on sys.path

REPO_DIR = Path(__file__).resolve().parent.parent
SITE_DIR = REPO_DIR / "site"
TARGET_SECONDS = 1.0  # the per-step report of one agency-year
YEAR = 2026
STARTED = time.monotonic()

# (agency, hostname, SOP name, [(step name, actor group, baseline minutes, actors)]).
AGENCIES = (
    (
        "Dinas Komunikasi, Informatika, Statistik dan Persandian",
        "localhost",
        "Pengelolaan Website",
        [
            ("Menerima dan mendisposisi bahan berita", "Kepala Bidang PIP", 10, 2),
            ("Memeriksa dan menganalisa bahan berita", "Kepala Seksi LKIP", 30, 3),
            ("Mempublikasi berita pada website", "Pelaksana", 5, 4),
        ],
    ),
    (
        "Dinas Perumahan, Kawasan Permukiman dan Pertanahan",
        "dpkpp.localhost",
        "Pengelolaan Website dan Medsos",
        [
            ("Membuat dan melaporkan informasi", "Kepala Bidang", 24 * 60, 5),
            ("Menghimpun dan menyunting bahan", "Admin/User", 120, 2),
            ("Menyaring bahan sebelum diunggah", "Kepala Dinas/Sekretaris/Kasubag TU", 120, 3),
            ("Mengunggah ke website dan media sosial", "Admin", 30, 2),
        ],
    ),
)


def log(message):
    sys.stderr.write(f"[{time.monotonic() - STARTED:6.1f} s] {message}\n")
    sys.stderr.flush()


class BenchError(Exception):
    """The run cannot go on; the message says why."""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Time the SOP report of one agency-year out of a million step records."
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL without a database name (default: %(default)s)",
    )
    parser.add_argument(
        "--database",
        default="warta_bench_audit",
        help="database to drop and recreate; its name must contain 'bench' (default: %(default)s)",
    )
    parser.add_argument(
        "--records", type=int, default=1_000_000, help="step records (default: %(default)s)"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs each (default: 5)")
    parser.add_argument("--seed", type=int, default=20260101, help="random seed")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if "bench" not in args.database:
        parser.error("--database must contain 'bench': it is dropped and recreated")
    return args


# The database ----------------------------------------------------------------------------------


def boot_django(database_url):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver,localhost",
            "EMAIL_URL": "consolemail://",
            "CONN_MAX_AGE": "0",
        }
    )
    os.environ.pop("REDIS_URL", None)
    sys.path[:0] = [str(SITE_DIR), str(REPO_DIR)]
    import logging
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    for name in ("wagtail", "django_tasks"):
        logging.getLogger(name).setLevel(logging.WARNING)


# The records -----------------------------------------------------------------------------------


def working_moment(rng, start, end):
    """A moment between `start` and `end`, mostly in office hours (07:30–16:00 WIB, Mon–Fri)."""
    while True:
        moment = start + datetime.timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))
        office = moment.weekday() < 5 and 7.5 <= moment.hour + moment.minute / 60 < 16
        if office or rng.random() < 0.1:
            return moment


def step_seconds(rng, baseline_seconds):
    """Working time of one step: log-normal around 70 % of the baseline, so about three steps
    in four are on time and a long tail is late, as approvals are."""
    return max(30, int(rng.lognormvariate(math.log(baseline_seconds * 0.7), 0.6)))


def agency_rows(index, site_id, count, rng, first_page_id):
    """`count` rows of one agency: whole items, each step after the previous one, the items'
    starts spread over the year in order, as the audit appends them."""
    from zoneinfo import ZoneInfo

    agency, hostname, sop_name, steps = AGENCIES[index]
    jakarta = ZoneInfo("Asia/Jakarta")
    year_start = datetime.datetime(YEAR, 1, 1, tzinfo=jakarta)
    year_seconds = (datetime.datetime(YEAR, 12, 29, tzinfo=jakarta) - year_start).total_seconds()
    # About 5 % of items are sent back at step 2 and end there.
    per_item = len(steps) - 0.05 * (len(steps) - 2)
    items = math.ceil(count / per_item)
    chain = f"site:{site_id}"
    sequence = 0
    page_id = first_page_id
    while sequence < count:
        page_id += 1
        title = f"Berita {hostname} nomor {page_id}"
        slot = year_start + datetime.timedelta(
            seconds=year_seconds * (page_id - first_page_id) / items
        )
        moment = working_moment(rng, slot, slot + datetime.timedelta(hours=8))
        for number, (name, group, minutes, actors) in enumerate(steps, start=1):
            if sequence >= count:
                break
            baseline = minutes * 60
            working = step_seconds(rng, baseline)
            # Nights and weekends make the calendar time longer than the working time.
            wall = working + (rng.choice((0, 0, 0, 16 * 3600, 64 * 3600)) if working > 3600 else 0)
            finished = moment + datetime.timedelta(seconds=wall)
            rejected = number == 2 and rng.random() < 0.05
            actor = rng.randrange(actors)
            sequence += 1
            yield (
                site_id,
                agency,
                chain,
                sop_name,
                number,
                name,
                group,
                datetime.timedelta(seconds=baseline),
                False,
                page_id,
                title,
                moment,
                moment + datetime.timedelta(seconds=baseline),
                finished,
                "rejected" if rejected else "published" if number == len(steps) else "approved",
                f"{hostname.split('.')[0]}.{number}.{actor}",
                f"Pejabat {number}.{actor} {hostname}",
                "",
                wall,
                working,
                working <= baseline,
                sequence,
                "",
                "",
                "",
            )
            moment = finished + datetime.timedelta(seconds=rng.randint(0, 1800))
            if rejected:
                break


def generate(sites, total, rng):
    """Both agencies' rows, interleaved in time as they would be written (so one agency's
    records are spread over the whole table, not stored side by side)."""
    per_agency = total // len(AGENCIES)
    streams = []
    for index, (_agency, hostname, *_rest) in enumerate(AGENCIES):
        count = per_agency if index < len(AGENCIES) - 1 else total - per_agency * index
        streams.append(agency_rows(index, sites[hostname], count, rng, index * 10_000_000))
    return heapq.merge(*streams, key=lambda row: row[11])  # started_at


COLUMNS = (
    "site_id",
    "agency",
    "chain",
    "sop_name",
    "step_number",
    "step_name",
    "actor_group",
    "baseline",
    "before_submission",
    "page_id",
    "page_title",
    "started_at",
    "due_at",
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
    "hash",
    # What the step approved: not read by the report, but a column that may not be null.
    "content_hash",
)


def build(args):
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page, Site

    from apps.sop_audit.models import StepRecord

    log("migrating")
    call_command("migrate", verbosity=0)
    home = Page.objects.filter(depth=2).first()
    Site.objects.all().delete()
    sites = {}
    for _agency, hostname, *_rest in AGENCIES:
        site = Site.objects.create(
            hostname=hostname, port=80, root_page=home, is_default_site=hostname == "localhost"
        )
        sites[hostname] = site.pk

    log(f"loading {args.records:,} step records with COPY")
    rng = random.Random(args.seed)
    table = StepRecord._meta.db_table
    loaded = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in generate(sites, args.records, rng):
                copy.write_row(row)
                loaded += 1
                if loaded % 100_000 == 0:
                    log(f"  {loaded:,} records")
        # VACUUM as autovacuum would after a large insert (PostgreSQL 13+ does so for insert-only
        # tables): it sets the visibility map, which index-only scans need.
        cursor.execute(f"VACUUM ANALYZE {table}")
    log("loaded, vacuumed and analysed")
    return sites


# Timing ----------------------------------------------------------------------------------------


def timed(function, runs):
    function()  # warm-up: caches, plans
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def explain(filters):
    """EXPLAIN ANALYZE of the per-step query, to show the plan behind the figure."""
    from django.db import connection

    from apps.sop_audit.aggregates import aggregates, tuned
    from apps.sop_audit.reports import STEP_KEYS, measured_records

    queryset = (
        measured_records(filters)
        .order_by()
        .values(*STEP_KEYS)
        .annotate(**aggregates())
        .order_by(*STEP_KEYS)
    )
    sql, params = queryset.query.sql_with_params()
    with tuned(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return [row[0] for row in cursor.fetchall()]


def measure(args, sites):
    from django.db import connection
    from wagtail.models import Site

    from apps.sop_audit import aggregates, reports

    site = Site.objects.get(pk=sites["localhost"])
    filters = reports.ReportFilter(
        site=site, date_from=datetime.date(YEAR, 1, 1), date_to=datetime.date(YEAR, 12, 31)
    )
    records = reports.finished_records(filters).count()
    with aggregates.tuned(), connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")  # as the report's queries run with it
        work_mem = cursor.fetchone()[0]
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    steps = reports.step_summary(filters)
    measurements = {}
    for name, function in (
        ("per step", lambda: reports.step_summary(filters)),
        ("per actor", lambda: reports.actor_summary(filters)),
        ("total", lambda: reports.total_summary(filters)),
        ("weekly on-time share", lambda: reports.weekly_on_time(filters)),
        ("whole report (admin page)", lambda: reports.build_report(filters, [site.pk])),
    ):
        log(f"timing {name}")
        times = timed(function, args.runs)
        measurements[name] = {
            "median_s": round(statistics.median(times), 3),
            "min_s": round(min(times), 3),
            "max_s": round(max(times), 3),
        }
    return {
        "records_total": args.records,
        "agency_year_records": records,
        "postgres": version,
        "work_mem": work_mem,
        "runs": args.runs,
        "timings": measurements,
        "steps": [
            {
                "step": row.step_number,
                "count": row.stats.count,
                "median_s": row.stats.median,
                "p90_s": row.stats.p90,
                "max_s": row.stats.max,
                "on_time_share": round(row.stats.on_time_share, 3),
            }
            for row in steps
        ],
        "plan": explain(filters),
        "target_s": TARGET_SECONDS,
        "pass": measurements["per step"]["median_s"] < TARGET_SECONDS,
    }


def render(report):
    lines = [
        f"SOP report benchmark: {report['records_total']:,} records, one agency-year = "
        f"{report['agency_year_records']:,} records ({report['postgres']}, "
        f"work_mem {report['work_mem']}, median of {report['runs']} runs)",
        "",
        f"{'query':<28} {'median':>8} {'min':>8} {'max':>8}",
    ]
    for name, timing in report["timings"].items():
        lines.append(
            f"{name:<28} {timing['median_s']:>7.3f}s {timing['min_s']:>7.3f}s "
            f"{timing['max_s']:>7.3f}s"
        )
    lines += ["", "per step (Diskominfostandi, working seconds):"]
    for row in report["steps"]:
        lines.append(
            f"  step {row['step']}: {row['count']:,} records, median {row['median_s']:.0f}, "
            f"p90 {row['p90_s']:.0f}, max {row['max_s']}, on time {row['on_time_share']:.1%}"
        )
    lines += ["", "plan of the per-step query:", *(f"  {line}" for line in report["plan"]), ""]
    verdict = "PASS" if report["pass"] else "FAIL"
    lines.append(
        f"per-step report {report['timings']['per step']['median_s']:.3f} s, target < "
        f"{report['target_s']:.0f} s: {verdict}"
    )
    return "\n".join(lines) + "\n"


def run(args):
    database_url = f"{args.postgres.rstrip('/')}/{args.database}"
    log(f"recreating database {args.database}")
    recreate_database(args.postgres, args.database)
    boot_django(database_url)
    sites = build(args)
    return measure(args, sites)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        report = run(args)
    except BenchError as exc:
        log(f"benchmark failed: {exc}")
        return 2
    except KeyboardInterrupt:
        log("interrupted")
        return 2
    except Exception:  # noqa: BLE001 - any other failure is a failed run too (exit status 2)
        log(f"benchmark failed:\n{traceback.format_exc()}")
        return 2
    finally:
        if not args.keep:
            discard_database(args.postgres, args.database)
        else:
            log(f"kept database {args.database}")
    report["total_seconds"] = round(time.monotonic() - STARTED, 1)
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        sys.stdout.write(render(report))
    return 0 if report["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
