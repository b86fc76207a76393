#!/usr/bin/env python
"""Benchmark: the publishing approval does not wait for the social networks.

Builds Diskominfostandi under SOP A as approval_bench.py does (benchkit.Newsroom), gives the agency
one account on each of X, Facebook, Instagram and Telegram pointed at the loopback fake of
benchmarks/social_fake.py, starts one ``run_worker`` subprocess, and times the last step's
approval (which publishes, and so writes the item's four deliveries) through the admin's
workflow action view: ``--sample`` items while the fake answers at once, then as many while
every answer of the fake is held back ``--delay`` seconds, in alternating rounds. Steps 1 and 2
are approved through the step tasks (Wagtail's ``on_action``), untimed. At the end the fake
answers at once again and the worker gets ``--drain`` seconds to send everything.

    .venv/bin/python benchmarks/social_slow_bench.py [--sample 30] [--delay 5] [--json]

Exit status: 0 the slow median is within 1.2× of the instant one (or a few ms), 1 it is not,
2 the run failed.
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from benchkit import (  # noqa: E402 - the benchmarks folder is not a package
    REPO_DIR,
    WARMUP_ITEMS,
    BenchError,
    Newsroom,
    boot_django,
    discard_database,
    log,
    recreate_database,
)
from social_fake import (  # noqa: E402
    FakeNetworks,
    create_accounts,
    environment,
    make_share_image,
    share_with_image,
)

TARGET_RATIO = 1.2
TARGET_SLACK_MS = 5.0  # a difference this small passes whatever the ratio
FINAL = ("sent", "failed", "needs_attention", "retracted")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Time of the publishing SOP approval with instant and with slow social "
        "networks, while a worker is sending."
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL without a database name (default: %(default)s)",
    )
    parser.add_argument(
        "--database",
        default="warta_bench_social_slow",
        help="database to drop and recreate; its name must contain 'bench' (default: %(default)s)",
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=30,
        help="approvals timed with each fake (default: %(default)s)",
    )
    parser.add_argument(
        "--delay",
        type=float,
        default=5.0,
        help="seconds the slow fake holds back every answer (default: %(default)s)",
    )
    parser.add_argument(
        "--drain",
        type=float,
        default=120.0,
        help="seconds to wait at the end for the worker to send everything, with the instant "
        "fake (default: %(default)s)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="alternating rounds of instant and slow approvals (default: %(default)s)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.sample < 2:
        parser.error("--sample must be 2 or more (the p90 needs two approvals)")
    if not 1 <= args.rounds <= args.sample:
        parser.error("--rounds must be from 1 to --sample")
    if args.delay < 0:
        parser.error("--delay must not be negative")
    if "bench" not in args.database:
        parser.error("--database must contain 'bench': it is dropped and recreated")
    return args


def prepare(newsroom, image, label, count):
    """Fresh items submitted to SOP A and approved through steps 1 and 2, waiting at step 3."""
    items = []
    for number in range(count):
        page = newsroom.draft(f"Berita {label} {number}", f"{label}-{number}")
        share_with_image(page, image)
        newsroom.submit(page)
        newsroom.act(page)
        newsroom.act(page)
        items.append(page)
    return items


def approve_last_step(newsroom, items):
    """Step 3 through the admin view for each item; the time of each request, in ms."""
    from django.contrib.messages import get_messages
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import TaskState

    from apps.news.models import NewsPage

    client = Client()
    client.force_login(newsroom.approvers[3])
    times = []
    for page in items:
        state = NewsPage.objects.get(pk=page.pk).current_workflow_task_state
        if state.task.specific.number != 3:
            raise BenchError(f"page {page.pk} is not waiting at step 3")
        url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
        started = time.perf_counter()
        response = client.post(url, {"comment": ""})
        times.append((time.perf_counter() - started) * 1000)
        if TaskState.objects.get(pk=state.pk).status != TaskState.STATUS_APPROVED:
            refusal = " ".join(str(m) for m in get_messages(response.wsgi_request))
            raise BenchError(f"step 3 on page {page.pk} was refused: {refusal or '?'}")
    live = NewsPage.objects.filter(pk__in=[p.pk for p in items], live=True).count()
    if live != len(items):
        raise BenchError(f"only {live} of {len(items)} items are live after step 3")
    return times


def delivery_counts(items):
    from django.db.models import Count

    from apps.social_sync.models import Delivery

    rows = (
        Delivery.objects.filter(page_key__in=[p.pk for p in items])
        .values("status")
        .annotate(n=Count("pk"))
    )
    return {row["status"]: row["n"] for row in rows}


def wait_for_worker(items, seconds, worker):
    """Until every delivery of `items` is final, or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise BenchError(f"the worker exited with status {worker.returncode}")
        counts = delivery_counts(items)
        if counts and all(status in FINAL for status in counts):
            break
        time.sleep(0.5)
    return delivery_counts(items)


def wait_for_idle_queue(seconds, worker):
    """Until the worker has run every task queued so far: otherwise it would still be
    indexing the prepared items while the approvals are timed, and not sending at all."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + seconds
    while DBTaskResult.objects.filter(status__in=("READY", "RUNNING")).exists():
        if worker.poll() is not None:
            raise BenchError(f"the worker exited with status {worker.returncode}")
        if time.monotonic() > deadline:
            raise BenchError(f"the worker did not empty the queue within {seconds:g} s")
        time.sleep(0.5)


def summary(times):
    return {
        "approvals": len(times),
        "min_ms": round(min(times), 1),
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(statistics.quantiles(times, n=10)[8], 1),
    }


def start_worker(log_path):
    out = open(log_path, "wb")  # noqa: SIM115 - handed to the child
    proc = subprocess.Popen(
        [str(REPO_DIR / ".venv/bin/python"), "manage.py", "run_worker", "--no-clock"],
        cwd=REPO_DIR,
        env=dict(os.environ),
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    out.close()
    return proc


def stop_worker(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)  # it may be in the middle of a 5-second call
    proc.wait()


def run(args, fake, tmp):
    database_url = f"{args.postgres.rstrip('/')}/{args.database}"
    os.environ.update(
        {
            **environment(fake.base_url),
            "MEDIA_ROOT": str(tmp / "media"),
            "SOCIAL_SYNC_TIMEOUT": str(max(10.0, args.delay * 2)),
            "SOCIAL_SYNC_INSTAGRAM_POLLS": "5",
            "SOCIAL_SYNC_INSTAGRAM_POLL_INTERVAL": "0.1",
            "WAGTAILADMIN_BASE_URL": "http://localhost",
            "LOG_LEVEL": "WARNING",
        }
    )
    log(f"recreating database {args.database}")
    recreate_database(args.postgres, args.database)
    boot_django(database_url)
    from django.core.management import call_command
    from wagtail.models import Site

    call_command("migrate", verbosity=0)
    newsroom = Newsroom()
    create_accounts(Site.objects.get(is_default_site=True))
    image = make_share_image()
    log("migrated; SOP A, four social accounts and the share image made")

    worker = start_worker(tmp / "worker.log")
    report = {"delay_seconds": args.delay, "phases": {}}
    phases = (("instant", 0.0), ("slow", args.delay))
    try:
        items = {}
        for label, _delay in phases:
            items[label] = prepare(newsroom, image, label, WARMUP_ITEMS + args.sample)
        log(f"{WARMUP_ITEMS + args.sample} items of each phase waiting at step 3")
        wait_for_idle_queue(args.drain, worker)
        log("the worker has run the tasks of the preparation (search and reference index)")
        times = {label: [] for label, _delay in phases}
        requests = {label: 0 for label, _delay in phases}
        overlapping = {label: 0 for label, _delay in phases}
        # Warm-up first, then the measured items in alternating rounds, so that whatever
        # else the machine runs weighs on both phases alike.
        chunks = {
            label: [pages[:WARMUP_ITEMS]]
            + [pages[WARMUP_ITEMS:][n :: args.rounds] for n in range(args.rounds)]
            for label, pages in items.items()
        }
        for round_number in range(args.rounds + 1):
            for label, delay in phases:
                fake.delay = delay
                before, busy_before = fake.request_count(), fake.busy()
                taken = approve_last_step(newsroom, chunks[label][round_number])
                requests[label] += fake.request_count() - before
                # A request held by the slow fake all through a short round counts too.
                overlapping[label] += busy_before and fake.busy()
                if round_number:
                    times[label] += taken
        log("approvals done; draining with the instant fake")
        fake.delay = 0.0
        everything = [page for pages in items.values() for page in pages]
        counts = wait_for_worker(everything, args.drain, worker)
    finally:
        stop_worker(worker)
    for label, delay in phases:
        row = summary(times[label])
        row["fake_delay_s"] = delay
        row["requests_during_approvals"] = requests[label]
        row["rounds_with_a_request_in_flight"] = overlapping[label]
        report["phases"][label] = row
    report["deliveries_after_drain"] = counts
    instant, slow = report["phases"]["instant"], report["phases"]["slow"]
    ratio = slow["median_ms"] / instant["median_ms"]
    report["ratio"] = round(ratio, 2)
    report["pass"] = (
        ratio <= TARGET_RATIO or slow["median_ms"] - instant["median_ms"] <= TARGET_SLACK_MS
    )
    if not (slow["requests_during_approvals"] or slow["rounds_with_a_request_in_flight"]):
        raise BenchError("the worker sent nothing while the slow approvals ran: is it running?")
    return report


def render(report):
    lines = [
        "",
        "SOP A, last step (publishes, four social deliveries) through the admin's workflow "
        "action view, one worker sending",
        "",
        f"{'fake':<8} {'delay':>6} {'n':>3} {'min ms':>7} {'median ms':>9} {'p90 ms':>7}  "
        "requests to the fake meanwhile (rounds with one in flight throughout)",
    ]
    for label, row in report["phases"].items():
        lines.append(
            f"{label:<8} {row['fake_delay_s']:>5g}s {row['approvals']:>3} {row['min_ms']:>7.1f} "
            f"{row['median_ms']:>9.1f} {row['p90_ms']:>7.1f}  {row['requests_during_approvals']}"
            f" ({row['rounds_with_a_request_in_flight']})"
        )
    counts = ", ".join(f"{k} {v}" for k, v in sorted(report["deliveries_after_drain"].items()))
    lines.append(f"deliveries after the drain: {counts}")
    lines += [
        "",
        f"slow/instant median: {report['ratio']:.2f}  "
        f"{'PASS' if report['pass'] else 'FAIL'} (target ≤ {TARGET_RATIO}×, or within "
        f"{TARGET_SLACK_MS:g} ms)",
    ]
    load = report["load_average"]
    lines.append(f"1-minute load average: {load['before']:.2f} before, {load['after']:.2f} after")
    if max(load.values()) > 0.5:
        lines.append("  warning: the machine was busy; times are not comparable between runs")
    lines.append(f"total {report['total_seconds']} s")
    return "\n".join(lines) + "\n"


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="warta-social-slow-"))
    fake = FakeNetworks().start()
    try:
        report = run(args, fake, tmp)
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
        fake.stop()
        if not args.keep:
            discard_database(args.postgres, args.database)
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
        else:
            log(f"kept database {args.database} and the worker's log in {tmp}")
    report["total_seconds"] = round(time.monotonic() - started, 1)
    report["load_average"] = {"before": load_before, "after": os.getloadavg()[0]}
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        sys.stdout.write(render(report))
    return 0 if report["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
