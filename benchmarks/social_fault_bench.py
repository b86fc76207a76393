#!/usr/bin/env python
"""Fault injection for social delivery: every (item, account) gets exactly one post, or a
person is asked, however the networks and the workers misbehave.

One run publishes ``--items`` news items (Wagtail's ``revision.publish()``) on a throwaway
PostgreSQL database whose agency has one account on each of X, Facebook, Instagram and
Telegram, all pointed at a loopback fake of the four APIs (benchmarks/social_fake.py) that
randomly times out, answers 5xx and 429, and drops connections (``--fault-rate``). Two
``run_worker`` subprocesses send; one of them is killed with SIGKILL every ``--kill-every``
seconds and replaced; this process runs the sweep as the worker's clock would. When nothing
is left pending, in progress or being retracted, the ledger is compared with what the fake
holds.

    .venv/bin/python benchmarks/social_fault_bench.py [--items 1000] [--seed N] [--json]

Exit status: 0 every check held, 1 a check failed, 2 the run broke.
"""

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from benchkit import (  # noqa: E402 - the benchmarks folder is not a package
    REPO_DIR,
    BenchError,
    boot_django,
    discard_database,
    log,
    recreate_database,
)
from social_fake import (  # noqa: E402
    NETWORKS,
    FakeNetworks,
    create_accounts,
    environment,
    make_share_image,
    share_with_image,
)

OPEN_STATUSES = ("pending", "in_progress", "retracting")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Publish news items to four faulty fake networks while workers are "
        "killed; check that each (item, account) has exactly one post or is flagged."
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL without a database name (default: %(default)s)",
    )
    parser.add_argument(
        "--database",
        default="warta_bench_social",
        help="database to drop and recreate; its name must contain 'bench' (default: %(default)s)",
    )
    parser.add_argument(
        "--items", type=int, default=1000, help="news items to publish (default: %(default)s)"
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="seed of the fault and kill RNG (default: random)"
    )
    parser.add_argument(
        "--fault-rate",
        type=float,
        default=0.25,
        help="share of requests to the fake that meet a fault (default: %(default)s)",
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="worker subprocesses (default: %(default)s)"
    )
    parser.add_argument(
        "--kill-every",
        type=float,
        default=8.0,
        help="seconds from the moment every worker is at work (has taken a task) to the "
        "SIGKILL of a random one, jittered ±50%%; 0 never kills (default: %(default)s)",
    )
    parser.add_argument(
        "--sweep-every",
        type=float,
        default=60.0,
        help="seconds between sweeps, the worker clock's job: 60 in WARTA_PERIODIC_TASKS "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=0.5,
        help="SOCIAL_SYNC_TIMEOUT of the workers, seconds (default: %(default)s)",
    )
    parser.add_argument(
        "--lease",
        type=float,
        default=10.0,
        help="SOCIAL_SYNC_LEASE, seconds; must exceed the longest attempt (default: %(default)s)",
    )
    parser.add_argument(
        "--backoff",
        default="1,8",
        help="SOCIAL_SYNC_BACKOFF_BASE,SOCIAL_SYNC_BACKOFF_CAP in seconds (default: %(default)s)",
    )
    parser.add_argument(
        "--page-limit",
        type=int,
        default=100,
        help="most posts the fake's read-back endpoints return per page (the real APIs' "
        "maximum is 100; 0: no limit) (default: %(default)s)",
    )
    parser.add_argument(
        "--deadline",
        type=float,
        default=2400.0,
        help="give up after this many seconds from the first publication (default: %(default)s)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database and logs")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if "bench" not in args.database:
        parser.error("--database must contain 'bench': it is dropped and recreated")
    if args.items < 1:
        parser.error("--items must be 1 or more")
    if not 0 <= args.fault_rate < 1:
        parser.error("--fault-rate must be from 0 up to (not including) 1")
    if args.workers < 1:
        parser.error("--workers must be 1 or more")
    try:
        args.backoff_base, args.backoff_cap = (float(v) for v in args.backoff.split(","))
    except ValueError:
        parser.error("--backoff must be two numbers, base and cap, e.g. 1,8")
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1, 1_000_000)
    return args


# Workers ------------------------------------------------------------------------------------------


class Workers:
    """The worker subprocesses, each with its own log file; killed and replaced on demand."""

    def __init__(self, count, env, log_dir, rng):
        self.count = count
        self.env = env
        self.log_dir = log_dir
        self.rng = rng
        self.procs = []
        self.started = 0
        self.kills = 0
        self.lock = threading.Lock()

    def spawn(self):
        self.started += 1
        worker_id = f"bench-worker-{self.started}"
        out = open(self.log_dir / f"{worker_id}.log", "wb")  # noqa: SIM115
        proc = subprocess.Popen(
            [
                str(REPO_DIR / ".venv/bin/python"),
                "manage.py",
                "run_worker",
                "--no-clock",
                "--interval",
                "0.2",
                "--worker-id",
                worker_id,
            ],
            cwd=REPO_DIR,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        out.close()
        proc.worker_id = worker_id
        proc.working = False
        return proc

    def all_working(self):
        """Whether every worker has taken a task from the queue: past its start-up (seconds
        of imports on a busy machine), so that a kill interrupts work, not an import."""
        from django_tasks_db.models import DBTaskResult

        with self.lock:
            for proc in self.procs:
                if not proc.working:
                    proc.working = DBTaskResult.objects.filter(
                        worker_ids__contains=[proc.worker_id]
                    ).exists()
            return all(proc.working for proc in self.procs)

    def start(self):
        with self.lock:
            self.procs = [self.spawn() for _ in range(self.count)]

    def check(self):
        """A worker that exited on its own is a broken run, not a fault we injected."""
        with self.lock:
            for proc in self.procs:
                if proc.poll() is not None:
                    raise BenchError(
                        f"worker {proc.pid} exited by itself with status {proc.returncode}; "
                        f"see its log in {self.log_dir}"
                    )

    def kill_one(self):
        with self.lock:
            victim = self.rng.randrange(len(self.procs))
            proc = self.procs[victim]
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            self.kills += 1
            self.procs[victim] = self.spawn()

    def stop(self):
        with self.lock:
            for proc in self.procs:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            for proc in self.procs:
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait()

    def log_counts(self):
        counts = Counter()
        for path in self.log_dir.glob("bench-worker-*.log"):
            text = path.read_text(errors="replace")
            counts["claimed again before recorded"] += text.count(
                "was claimed again before its result was recorded"
            )
            counts["unexpected error"] += text.count(": unexpected error")
            counts["tracebacks"] += text.count("Traceback (most recent call last)")
        return dict(counts)


class Conductor(threading.Thread):
    """The clock (sweep) and the killer, beside the publishing."""

    daemon = True

    def __init__(self, workers, sweep_every, kill_every, rng):
        super().__init__(name="conductor")
        self.workers = workers
        self.sweep_every = sweep_every
        self.kill_every = kill_every
        self.rng = rng
        self.stopped = threading.Event()
        self.killing = kill_every > 0
        self.sweeps = 0
        self.swept = 0
        self.error = None

    def next_kill(self):
        return time.monotonic() + self.kill_every * self.rng.uniform(0.5, 1.5)

    def run(self):
        from django.db import connection

        from apps.social_sync.sweep import sweep

        next_sweep = time.monotonic() + self.sweep_every
        kill_at = None
        try:
            while not self.stopped.wait(0.2):
                now = time.monotonic()
                if now >= next_sweep:
                    self.swept += sweep.call()
                    self.sweeps += 1
                    next_sweep = now + self.sweep_every
                # The clock for the next kill starts once every worker is at work.
                if self.killing and kill_at is None and self.workers.all_working():
                    kill_at = self.next_kill()
                if self.killing and kill_at is not None and now >= kill_at:
                    self.workers.kill_one()
                    kill_at = None
                self.workers.check()
        except Exception as exc:  # noqa: BLE001 - reported by the main thread
            self.error = exc
        finally:
            connection.close()


# The run ------------------------------------------------------------------------------------------


def build_site():
    from wagtail.models import Page, Site

    from apps.news.models import HomePage, NewsIndexPage

    Site.objects.all().delete()
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = root.add_child(instance=HomePage(title="Diskominfostandi", slug="diskominfostandi"))
    index = home.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
    site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return site, index


def publish_item(index, number, image):

    from apps.news.models import NewsPage

    page = index.add_child(
        instance=NewsPage(
            title=f"Berita uji media sosial nomor {number}",
            slug=f"uji-sosial-{number}",
            summary=f"Ringkasan berita uji {number}.",
            body=[("paragraph", f"<p>Isi berita uji {number}.</p>")],
            live=False,
        )
    )
    share_with_image(page, image)
    page.save_revision().publish()
    return page


def open_count():
    from apps.social_sync.models import Delivery

    return Delivery.objects.filter(status__in=OPEN_STATUSES).count()


def run(args, fake, tmp):
    database_url = f"{args.postgres.rstrip('/')}/{args.database}"
    os.environ.update(
        {
            **environment(fake.base_url),
            "MEDIA_ROOT": str(tmp / "media"),
            "SOCIAL_SYNC_TIMEOUT": str(args.timeout),
            "SOCIAL_SYNC_LEASE": str(args.lease),
            "SOCIAL_SYNC_BACKOFF_BASE": str(args.backoff_base),
            "SOCIAL_SYNC_BACKOFF_CAP": str(args.backoff_cap),
            "SOCIAL_SYNC_INSTAGRAM_POLLS": "5",
            "SOCIAL_SYNC_INSTAGRAM_POLL_INTERVAL": "0.05",
            "WAGTAILADMIN_BASE_URL": "http://localhost",
            "LOG_LEVEL": "WARNING",
        }
    )
    log(f"recreating database {args.database}")
    recreate_database(args.postgres, args.database)
    boot_django(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    site, index = build_site()
    create_accounts(site)
    image = make_share_image()
    log("migrated; site, four accounts and the share image made")

    rng = random.Random(args.seed + 1)
    workers = Workers(args.workers, dict(os.environ), tmp / "logs", rng)
    (tmp / "logs").mkdir()
    workers.start()
    conductor = Conductor(workers, args.sweep_every, args.kill_every, rng)
    started = time.monotonic()
    conductor.start()
    report = {"seed": args.seed}
    try:
        for number in range(1, args.items + 1):
            publish_item(index, number, image)
            if number % 100 == 0:
                log(
                    f"published {number}/{args.items}; open deliveries {open_count()}, "
                    f"posts on the fake {fake.post_count()}, kills {workers.kills}"
                )
            if conductor.error:
                raise conductor.error
        published_at = time.monotonic() - started
        log(f"all {args.items} items published in {published_at:.0f} s; draining")
        last_report = 0.0
        while True:
            if conductor.error:
                raise conductor.error
            remaining = open_count()
            elapsed = time.monotonic() - started
            if remaining == 0:
                break
            if elapsed > args.deadline:
                log(f"deadline: {remaining} deliveries still open")
                break
            if elapsed - last_report >= 15:
                last_report = elapsed
                log(
                    f"open deliveries {remaining}, posts on the fake {fake.post_count()}, "
                    f"kills {workers.kills}, requests {fake.request_count()}"
                )
            time.sleep(0.5)
        report["elapsed_seconds"] = round(time.monotonic() - started, 1)
        report["publish_seconds"] = round(published_at, 1)
    finally:
        conductor.stopped.set()
        conductor.join(timeout=30)
        workers.stop()
    report["worker_kills"] = workers.kills
    report["workers_started"] = workers.started
    report["sweeps"] = conductor.sweeps
    report["swept"] = conductor.swept
    report["worker_logs"] = workers.log_counts()
    report.update(verify(fake, args.items))
    return report


# Verification -------------------------------------------------------------------------------------


def verify(fake, items):
    from django_tasks_db.models import DBTaskResult

    from apps.social_sync.models import Delivery

    posts = fake.posts_by_text()
    claimed = set()
    per_network = {
        n: Counter(
            {
                "deliveries": 0,
                "sent": 0,
                "needs_attention": 0,
                "failed": 0,
                "open": 0,
                "other": 0,
                "posts": 0,
                "duplicates": 0,
                "flagged_with_post": 0,
            }
        )
        for n in NETWORKS
    }
    problems = []
    pairs = set()
    for delivery in Delivery.objects.select_related("account").order_by("pk"):
        network = delivery.account.network
        row = per_network[network]
        row["deliveries"] += 1
        pairs.add((delivery.page_key, delivery.account_id))
        key = (network, delivery.payload["text"])
        found = posts.get(key, [])
        claimed.add(key)
        row["posts"] += len(found)
        if len(found) > 1:
            row["duplicates"] += len(found) - 1
            problems.append(
                f"{network} delivery {delivery.pk} ({delivery.payload['link']}): {len(found)} "
                f"posts on the fake ({', '.join(p['id'] for p in found)}), status "
                f"{delivery.status}, attempts {delivery.attempts}"
            )
        status = delivery.status
        if status == "sent":
            row["sent"] += 1
            ids = {p["id"] for p in found} | {p.get("container") for p in found}
            if not found:
                problems.append(f"{network} delivery {delivery.pk}: sent, but no post (lost)")
            elif delivery.remote_id not in ids:
                problems.append(
                    f"{network} delivery {delivery.pk}: remote_id {delivery.remote_id} is not "
                    f"the post on the fake ({', '.join(sorted(i for i in ids if i))})"
                )
        elif status == "needs_attention":
            row["needs_attention"] += 1
            row["flagged_with_post"] += bool(found)
        elif status == "failed":
            row["failed"] += 1
            if found:
                problems.append(
                    f"{network} delivery {delivery.pk}: failed, but the post is on the fake "
                    f"({delivery.last_error})"
                )
        elif status in OPEN_STATUSES:
            row["open"] += 1
            problems.append(f"{network} delivery {delivery.pk}: still {status} (lost)")
        else:
            row["other"] += 1
            problems.append(f"{network} delivery {delivery.pk}: unexpected status {status}")
    orphans = [key for key in posts if key not in claimed]
    for network, text in orphans:
        problems.append(f"{network}: a post no delivery owns: {text[:60]!r}")
    expected = items * len(NETWORKS)
    if len(pairs) != expected:
        problems.append(f"{len(pairs)} (item, account) deliveries, expected {expected}")
    faults_by_kind, _faults = fake.fault_counts()
    tasks = Counter(DBTaskResult.objects.values_list("status", flat=True))
    return {
        "networks": {n: dict(c) for n, c in per_network.items()},
        "deliveries": sum(c["deliveries"] for c in per_network.values()),
        "posts": fake.post_count(),
        "requests": fake.request_count(),
        "faults": faults_by_kind,
        "fake_anomalies": dict(fake.anomalies),
        "tasks": dict(tasks),
        "problems": problems,
        "checks": {
            "every (item, account) has one delivery": len(pairs) == expected,
            "no duplicate post": not any(c["duplicates"] for c in per_network.values()),
            "every sent delivery has exactly its post": not any(
                "sent, but" in p or "remote_id" in p for p in problems
            ),
            "no failed delivery has a post": not any("failed, but" in p for p in problems),
            "no delivery left open": not any(c["open"] for c in per_network.values()),
            "no post without a delivery": not orphans,
        },
    }


def render(report, args):
    lines = [
        "",
        f"Social delivery under faults (PostgreSQL, {args.workers} workers), seed {report['seed']}",
        f"items {args.items}, fault rate {args.fault_rate}, kill every ~{args.kill_every:g} s, "
        f"timeout {args.timeout:g} s, lease {args.lease:g} s, backoff {args.backoff}, "
        f"read-back page limit {args.page_limit or 'none'}",
        "",
        f"{'network':<10} {'deliveries':>10} {'sent':>6} {'flagged':>8} {'(w/ post)':>9} "
        f"{'failed':>7} {'open':>5} {'posts':>6} {'dupes':>6}",
    ]
    for network, row in report["networks"].items():
        lines.append(
            f"{network:<10} {row['deliveries']:>10} {row['sent']:>6} {row['needs_attention']:>8} "
            f"{row['flagged_with_post']:>9} {row['failed']:>7} {row['open']:>5} "
            f"{row['posts']:>6} {row['duplicates']:>6}"
        )
    faults = ", ".join(f"{k} {v}" for k, v in sorted(report["faults"].items()))
    lines += [
        "",
        f"requests to the fake {report['requests']:,}; faults {sum(report['faults'].values()):,}"
        f" ({faults})",
        f"worker kills {report['worker_kills']} ({report['workers_started']} workers started); "
        f"sweeps {report['sweeps']} (enqueued {report['swept']})",
        f"worker logs: {report['worker_logs']}; queue: {report['tasks']}",
        f"publishing {report.get('publish_seconds', '?')} s; all settled after "
        f"{report.get('elapsed_seconds', '?')} s",
    ]
    if report["fake_anomalies"]:
        lines.append(f"requests the real API would refuse: {report['fake_anomalies']}")
    for name, passed in report["checks"].items():
        lines.append(f"  {'PASS' if passed else 'FAIL'}  {name}")
    if report["problems"]:
        lines.append(f"problems ({len(report['problems'])}, first 20):")
        lines += [f"  {p}" for p in report["problems"][:20]]
    load = report["load_average"]
    lines.append(f"1-minute load average: {load['before']:.2f} before, {load['after']:.2f} after")
    lines.append(f"total {report['total_seconds']} s")
    return "\n".join(lines) + "\n"


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    log(f"seed {args.seed}")
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="warta-social-bench-"))
    fake = FakeNetworks(
        seed=args.seed,
        fault_rate=args.fault_rate,
        client_timeout=args.timeout,
        page_limit=args.page_limit,
    ).start()
    log(f"fake networks at {fake.base_url}")
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
            log(f"kept database {args.database} and logs in {tmp}")
    report["total_seconds"] = round(time.monotonic() - started, 1)
    report["load_average"] = {"before": load_before, "after": os.getloadavg()[0]}
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        sys.stdout.write(render(report, args))
    return 0 if all(report["checks"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
