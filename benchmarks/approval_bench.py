#!/usr/bin/env python
"""Benchmark of an SOP approval: queries and time per approval, at 1,000 and 10,000 news items.

One run builds a throwaway PostgreSQL database with Diskominfostandi under SOP A (loaded with
load_sop, one official per step, an editor), fills it with news items and their history, then
has the step officials approve fresh items through the admin's workflow action view (a POST to
``wagtailadmin_pages:workflow_action`` with the Django test client, as the modal sends it):
step 1 with its disposition, step 2, and step 3, which publishes. For each approval it counts
the queries (CaptureQueriesContext) and times the request; it does so once the database holds
1,000 items and again at 10,000, to show that neither grows with the number of items.

    .venv/bin/python benchmarks/approval_bench.py [--sample 50] [--sizes 1000,10000] [--json]

How the history is made (the output says it again): a few items go through the real workflow
(``Workflow.start`` and each step task's ``on_action``: published, published after a rejection,
still in moderation); every other item is a bulk-inserted copy of one of them: its page and
news rows, revisions, workflow state, task states and log entries, with new ids, titles, paths
and dates. Bulk copies are not in the search or reference index.

Exit status: 0 every target met, 1 a target missed, 2 the run failed.
"""

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
import traceback
import uuid

from benchkit import (  # the benchmarks folder is on sys.path
    DISPOSITION,
    REPO_DIR,
    WARMUP_ITEMS,
    BenchError,
    Newsroom,
    boot_django,
    discard_database,
    log,
    recreate_database,
)

TARGET_QUERIES = 60  # per approval, at most
TARGET_MEDIAN_MS = 150.0  # per approval, median
GROWTH_TOLERANCE = 1.5  # the fastest at the largest size may be at most this times the smallest
# The mix of bulk-copied items: (template, share). Templates are made through the workflow.
HISTORY_MIX = (("published", 0.90), ("published-after-rejection", 0.07), ("in-moderation", 0.03))
REAL_ITEMS = {"published": 20, "published-after-rejection": 5, "in-moderation": 5}
BATCH = 1000


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Queries and time per SOP approval, at growing numbers of news items."
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL without a database name (default: %(default)s)",
    )
    parser.add_argument(
        "--database",
        default="warta_bench_approval",
        help="database to drop and recreate; its name must contain 'bench' (default: %(default)s)",
    )
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        help="numbers of news items to measure at, ascending (default: %(default)s)",
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=50,
        help="items approved at each step and size (default: %(default)s)",
    )
    parser.add_argument(
        "--queries",
        action="store_true",
        help="print the queries of the last approval of each step and where each comes from, "
        "to stderr",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.sample < 2:
        parser.error("--sample must be 2 or more (the p90 needs two approvals)")
    if "bench" not in args.database:
        parser.error("--database must contain 'bench': it is dropped and recreated")
    try:
        args.sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes must be numbers separated by commas, e.g. 1000,10000")
    if args.sizes != sorted(args.sizes) or args.sizes[0] < sum(REAL_ITEMS.values()):
        parser.error(f"--sizes must ascend and start at {sum(REAL_ITEMS.values())} or more")
    return args


# History -----------------------------------------------------------------------------------------


class History:
    """Items with their history: a few through the real workflow, the rest bulk copies."""

    def __init__(self, newsroom):
        self.newsroom = newsroom
        self.templates = {}  # kind -> page made through the real workflow
        self.real = 0
        self.copied = 0
        self.serial = 0

    def next_slug(self, kind):
        self.serial += 1
        return f"riwayat-{kind}-{self.serial}"

    def make_real_items(self):
        newsroom = self.newsroom
        for kind, count in REAL_ITEMS.items():
            for _ in range(count):
                slug = self.next_slug(kind)
                page = newsroom.draft(f"Berita riwayat {slug}", slug)
                newsroom.submit(page)
                if kind == "published":
                    for _step in range(3):
                        newsroom.act(page)
                elif kind == "published-after-rejection":
                    newsroom.act(page)
                    newsroom.act(page, "reject", "Foto kurang jelas.")
                    page = type(page).objects.get(pk=page.pk)
                    page.summary = "Ringkasan diperbaiki."
                    page.save_revision(user=newsroom.editor)
                    page.current_workflow_state.resume(newsroom.editor)
                    newsroom.act(page)
                    newsroom.act(page)
                else:
                    newsroom.act(page)
                self.templates.setdefault(kind, page)
                self.real += 1

    def grow_to(self, total):
        """Bulk-copy templates until the news section holds `total` items."""
        missing = total - self.newsroom.news_count()
        kinds = []
        for kind, share in HISTORY_MIX:
            kinds += [kind] * round(missing * share)
        kinds = (kinds + ["published"] * missing)[:missing]
        for start in range(0, len(kinds), BATCH):
            self.copy_batch(kinds[start : start + BATCH], offset=self.copied + start)
        self.copied += len(kinds)

    def copy_batch(self, kinds, offset):
        import datetime

        from django.contrib.contenttypes.models import ContentType
        from django.db import connection, transaction
        from django.utils import timezone
        from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

        from apps.news.models import NewsPage

        index = Page.objects.get(pk=self.newsroom.index.pk)
        last = index.get_last_child()
        first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        page_type = ContentType.objects.get_for_model(NewsPage)
        base_type = ContentType.objects.get_for_model(Page)
        now = timezone.now()
        rows = {kind: self.template_rows(page) for kind, page in self.templates.items()}

        with transaction.atomic():
            pages, plans = [], []
            for position, kind in enumerate(kinds):
                template = rows[kind]
                number = offset + position + 1
                slug = self.next_slug(kind)
                title = f"Berita salinan {number}: {kind}"
                # Copy n starts 2n hours ago (about two years back at 10,000 items), whatever
                # batch or size it comes in; the template's gaps are kept.
                start = now - datetime.timedelta(hours=2 * number)
                shift = start - template["start"]
                page = Page(
                    path=Page._get_path(index.path, index.depth + 1, first_step + position),
                    depth=index.depth + 1,
                    numchild=0,
                    translation_key=uuid.uuid4(),
                    locale_id=template["page"].locale_id,
                    live=template["page"].live,
                    has_unpublished_changes=template["page"].has_unpublished_changes,
                    first_published_at=_shifted(template["page"].first_published_at, shift),
                    last_published_at=_shifted(template["page"].last_published_at, shift),
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=page_type,
                    url_path=f"{index.url_path}{slug}/",
                    owner_id=template["page"].owner_id,
                    latest_revision_created_at=_shifted(
                        template["page"].latest_revision_created_at, shift
                    ),
                    show_in_menus=False,
                    seo_title="",
                    search_description="",
                )
                pages.append(page)
                plans.append((template, shift, title, slug))
            Page.objects.bulk_create(pages, batch_size=BATCH)

            news_fields = list(NewsPage._meta.local_concrete_fields)
            columns = ", ".join(connection.ops.quote_name(f.column) for f in news_fields)
            placeholders = ", ".join(["%s"] * len(news_fields))
            values = []
            for page, (template, shift, title, _slug) in zip(pages, plans, strict=True):
                news = template["news"]
                row = []
                for f in news_fields:
                    if f.attname == "page_ptr_id":
                        value = page.pk
                    elif f.attname == "date":
                        value = _shifted(news.date, shift)
                    elif f.attname == "summary":
                        value = f"Ringkasan {title}."
                    else:
                        value = getattr(news, f.attname)
                    row.append(f.get_db_prep_save(value, connection))
                values.append(row)
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {NewsPage._meta.db_table} ({columns}) VALUES ({placeholders})",
                    values,
                )

            revisions, revision_keys = [], []
            for page, (template, shift, title, slug) in zip(pages, plans, strict=True):
                for revision in template["revisions"]:
                    content = dict(revision.content)
                    content.update(
                        pk=page.pk,
                        id=page.pk,
                        title=title,
                        draft_title=title,
                        slug=slug,
                        path=page.path,
                        url_path=page.url_path,
                    )
                    revisions.append(
                        Revision(
                            content_type_id=revision.content_type_id,
                            base_content_type_id=revision.base_content_type_id,
                            object_id=str(page.pk),
                            created_at=_shifted(revision.created_at, shift),
                            user_id=revision.user_id,
                            object_str=title,
                            content=content,
                        )
                    )
                    revision_keys.append((page.pk, revision.pk))
            Revision.objects.bulk_create(revisions, batch_size=BATCH)
            revision_map = {
                key: revision.pk for key, revision in zip(revision_keys, revisions, strict=True)
            }

            workflow_states, ws_keys = [], []
            for page, (template, shift, _title, _slug) in zip(pages, plans, strict=True):
                for state in template["workflow_states"]:
                    workflow_states.append(
                        WorkflowState(
                            content_type=page_type,
                            base_content_type=base_type,
                            object_id=str(page.pk),
                            workflow_id=state.workflow_id,
                            status=state.status,
                            created_at=_shifted(state.created_at, shift),
                            requested_by_id=state.requested_by_id,
                        )
                    )
                    ws_keys.append((page.pk, state.pk))
            WorkflowState.objects.bulk_create(workflow_states, batch_size=BATCH)
            ws_map = {key: ws.pk for key, ws in zip(ws_keys, workflow_states, strict=True)}

            task_states, ts_keys = [], []
            for page, (template, shift, _title, _slug) in zip(pages, plans, strict=True):
                for state in template["task_states"]:
                    task_states.append(
                        TaskState(
                            workflow_state_id=ws_map[(page.pk, state.workflow_state_id)],
                            revision_id=revision_map[(page.pk, state.revision_id)],
                            task_id=state.task_id,
                            status=state.status,
                            started_at=_shifted(state.started_at, shift),
                            finished_at=_shifted(state.finished_at, shift),
                            finished_by_id=state.finished_by_id,
                            comment=state.comment,
                            content_type_id=state.content_type_id,
                        )
                    )
                    ts_keys.append((page.pk, state.pk))
            TaskState.objects.bulk_create(task_states, batch_size=BATCH)
            ts_map = {key: ts.pk for key, ts in zip(ts_keys, task_states, strict=True)}

            by_key = dict(zip(ws_keys, workflow_states, strict=True))
            for page, (template, _shift, _title, _slug) in zip(pages, plans, strict=True):
                for state in template["workflow_states"]:
                    if state.current_task_state_id:
                        by_key[(page.pk, state.pk)].current_task_state_id = ts_map[
                            (page.pk, state.current_task_state_id)
                        ]
            WorkflowState.objects.bulk_update(
                workflow_states, ["current_task_state"], batch_size=BATCH
            )
            for page, (template, _shift, _title, _slug) in zip(pages, plans, strict=True):
                source = template["page"]
                page.latest_revision_id = revision_map.get((page.pk, source.latest_revision_id))
                page.live_revision_id = revision_map.get((page.pk, source.live_revision_id))
            Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=BATCH)

            entries = []
            for page, (template, shift, title, _slug) in zip(pages, plans, strict=True):
                for entry in template["log_entries"]:
                    entries.append(
                        PageLogEntry(
                            content_type_id=entry.content_type_id,
                            label=title,
                            action=entry.action,
                            data=entry.data,
                            timestamp=_shifted(entry.timestamp, shift),
                            user_id=entry.user_id,
                            revision_id=revision_map.get((page.pk, entry.revision_id)),
                            content_changed=entry.content_changed,
                            deleted=False,
                            page_id=page.pk,
                        )
                    )
            PageLogEntry.objects.bulk_create(entries, batch_size=BATCH)
            Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))

    @staticmethod
    def template_rows(page):
        from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

        from apps.news.models import NewsPage

        workflow_states = list(WorkflowState.objects.for_instance(page).order_by("pk"))
        return {
            "page": Page.objects.get(pk=page.pk),
            "news": NewsPage.objects.get(pk=page.pk),
            "start": page.revisions.order_by("created_at").first().created_at,
            "revisions": list(page.revisions.order_by("pk")),
            "workflow_states": workflow_states,
            "task_states": list(
                TaskState.objects.filter(workflow_state__in=workflow_states).order_by("pk")
            ),
            "log_entries": list(PageLogEntry.objects.filter(page_id=page.pk).order_by("pk")),
        }


def _shifted(value, shift):
    return value + shift if value is not None else None


# Measuring -------------------------------------------------------------------------------------


class QueryOrigins:
    """Where each query of a request comes from: the innermost frame of the project or of
    Wagtail (or the library below them) that ran it. Only used with --queries."""

    SKIP = ("/django/", "/contextlib.py", "approval_bench.py", "/psycopg/")

    def __init__(self):
        self.origins = []

    def __call__(self, execute, sql, params, many, context):
        import traceback

        frames = [
            frame
            for frame in traceback.extract_stack()[:-1]
            if not any(part in frame.filename for part in self.SKIP)
        ]
        if frames:
            frame = frames[-1]
            path = frame.filename.split("site-packages/")[-1].replace(str(REPO_DIR) + "/", "")
            self.origins.append(f"{path}:{frame.lineno} {frame.name}")
        else:
            self.origins.append("?")
        return execute(sql, params, many, context)


def show_queries(number, captured, origins):
    """The queries of one approval in the order they ran, with where each comes from.

    Transaction statements (BEGIN, COMMIT) are logged by Django but do not pass through the
    execute wrapper that finds the origins; they are shown without one.
    """
    import re

    log(f"step {number}: {len(captured)} queries")
    pending = list(origins.origins)
    for query in captured.captured_queries:
        sql = re.sub(r"\s+", " ", re.sub(r"'[^']*'|\b\d+\b", "?", query["sql"]))
        origin = "" if sql in ("BEGIN", "COMMIT") or not pending else pending.pop(0)
        sys.stderr.write(f"  {sql[:110]:<110}  {origin}\n")


def measure(newsroom, sample, size, queries=False):
    """Submit `sample` fresh items, then approve them step by step through the admin view."""
    from django.contrib.messages import get_messages
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from wagtail.models import TaskState

    from apps.news.models import NewsPage

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client()
    items = []
    for number in range(WARMUP_ITEMS + sample):
        page = newsroom.draft(f"Berita diukur {size}-{number}", f"diukur-{size}-{number}")
        newsroom.submit(page)
        items.append(page)
    warmup, measured = items[:WARMUP_ITEMS], items[WARMUP_ITEMS:]

    results = []
    for number in (1, 2, 3):
        approver = newsroom.approvers[number]
        client.force_login(approver)
        comment = DISPOSITION if newsroom.steps[number].note_required else ""
        counts, times = [], []
        for position, page in enumerate(warmup + measured):
            state = NewsPage.objects.get(pk=page.pk).current_workflow_task_state
            assert state.task.specific.number == number, (page.pk, number)
            url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
            reset_queries()  # the query log is a bounded deque: a full one counts nothing
            origins = QueryOrigins()
            with contextlib.ExitStack() as stack:
                captured = stack.enter_context(CaptureQueriesContext(connection))
                if queries:
                    stack.enter_context(connection.execute_wrapper(origins))
                started = time.perf_counter()
                response = client.post(url, {"comment": comment})
                elapsed = time.perf_counter() - started
            # A refusal also answers with a redirect (back to the item, with its reason as a
            # message): only the task state tells.
            if TaskState.objects.get(pk=state.pk).status != TaskState.STATUS_APPROVED:
                refusal = " ".join(str(m) for m in get_messages(response.wsgi_request))
                raise BenchError(
                    f"approval of step {number} on page {page.pk} was refused "
                    f"({response.status_code}): {refusal or 'no reason given'}"
                )
            if not len(captured):
                raise BenchError("no queries captured: the query log is not recording")
            if position >= WARMUP_ITEMS:
                counts.append(len(captured))
                times.append(elapsed * 1000)
        if queries:
            show_queries(number, captured, origins)
        results.append(
            {
                "items": size,
                "step": number,
                "approvals": len(times),
                "queries_min": min(counts),
                "queries_median": statistics.median(counts),
                "queries_max": max(counts),
                "min_ms": round(min(times), 1),
                "median_ms": round(statistics.median(times), 1),
                "p90_ms": round(statistics.quantiles(times, n=10)[8], 1),
                "queries_pass": max(counts) <= TARGET_QUERIES,
                "time_pass": statistics.median(times) <= TARGET_MEDIAN_MS,
            }
        )
    live = NewsPage.objects.filter(pk__in=[p.pk for p in measured], live=True).count()
    if live != len(measured):
        raise BenchError(f"only {live} of {len(measured)} items are live after step 3")
    return results


def growth_checks(rows, sizes):
    """At the largest size, per step: no more queries, and the fastest approval within the
    tolerance of the smallest size's. The fastest, not the median: it is the least disturbed
    by whatever else the machine runs, and what grows with the data would slow it too."""
    checks = {}
    smallest, largest = sizes[0], sizes[-1]
    for number in (1, 2, 3):
        low = next(r for r in rows if r["items"] == smallest and r["step"] == number)
        high = next(r for r in rows if r["items"] == largest and r["step"] == number)
        checks[f"step {number}: queries do not grow"] = high["queries_max"] <= low["queries_max"]
        checks[f"step {number}: fastest within {GROWTH_TOLERANCE}x"] = (
            high["min_ms"] <= low["min_ms"] * GROWTH_TOLERANCE
        )
    return checks


def _verdict(passed):
    return "PASS" if passed else "FAIL"


def render(report):
    lines = [
        "",
        "SOP A approval through the admin's workflow action view (PostgreSQL)",
        f"history: {report['history']}",
        "",
        f"{'items':>7}  {'step':>4}  {'n':>3}  {'queries min/med/max':>19}  "
        f"{'min ms':>7}  {'median ms':>9}  {'p90 ms':>7}  queries  median",
    ]
    for row in report["rows"]:
        queries = f"{row['queries_min']}/{row['queries_median']:g}/{row['queries_max']}"
        lines.append(
            f"{row['actual_items']:>7,}  {row['step']:>4}  {row['approvals']:>3}  {queries:>19}  "
            f"{row['min_ms']:>7.1f}  {row['median_ms']:>9.1f}  {row['p90_ms']:>7.1f}  "
            f"{_verdict(row['queries_pass']):>7}  {_verdict(row['time_pass']):>6}"
        )
    lines += [
        "",
        f"targets: at most {TARGET_QUERIES} queries per approval, median at most "
        f"{TARGET_MEDIAN_MS:g} ms",
    ]
    for name, passed in report["checks"].items():
        lines.append(f"  {_verdict(passed)}  {name}")
    load = report["load_average"]
    lines.append(f"1-minute load average: {load['before']:.2f} before, {load['after']:.2f} after")
    if max(load.values()) > 0.5:
        lines.append("  warning: the machine was busy; times are not comparable between runs")
    lines.append(f"total {report['total_seconds']} s")
    return "\n".join(lines) + "\n"


def run(args):
    database_url = f"{args.postgres.rstrip('/')}/{args.database}"
    log(f"recreating database {args.database}")
    recreate_database(args.postgres, args.database)
    boot_django(database_url)
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    log(f"migrated: {time.monotonic() - started:.1f} s")

    newsroom = Newsroom()
    history = History(newsroom)
    started = time.monotonic()
    history.make_real_items()
    log(f"{history.real} items through the real workflow: {time.monotonic() - started:.1f} s")

    rows = []
    for size in args.sizes:
        started = time.monotonic()
        history.grow_to(size)
        log(
            f"{newsroom.news_count():,} items ({history.copied:,} bulk copies): "
            f"{time.monotonic() - started:.1f} s"
        )
        actual = newsroom.news_count()
        started = time.monotonic()
        last = size == args.sizes[-1]
        for row in measure(newsroom, args.sample, size, queries=args.queries and last):
            row["actual_items"] = actual
            rows.append(row)
        log(f"measured at {actual:,} items: {time.monotonic() - started:.1f} s")

    return {
        "history": (
            f"{history.real} items through the real workflow (Workflow.start and each step's "
            f"on_action: published, published after a rejection, in moderation); "
            f"{history.copied:,} bulk-inserted copies of them (page, news, revisions, workflow "
            f"and task states, log entries; not search-indexed); plus the measured items, "
            f"submitted for real and approved through the admin view"
        ),
        "rows": rows,
        "checks": growth_checks(rows, args.sizes),
    }


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    load_before = os.getloadavg()[0]
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
    report["total_seconds"] = round(time.monotonic() - started, 1)
    report["load_average"] = {"before": load_before, "after": os.getloadavg()[0]}
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        sys.stdout.write(render(report))
    passed = all(row["queries_pass"] and row["time_pass"] for row in report["rows"]) and all(
        report["checks"].values()
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
