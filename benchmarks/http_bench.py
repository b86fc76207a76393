#!/usr/bin/env python
"""HTTP benchmark of a news page, cached and uncached, against a trivial Django view.

One run builds a throwaway PostgreSQL database and a small site of its own, serves it with
gunicorn under the production settings, and loads it from this machine for a fixed time:

  trivial   GET /ping/ (no database, never cached): the ceiling of Django + gunicorn here
  uncached  the news page with the anonymous page cache off (WARTA_PAGE_CACHE_SECONDS=0)
  cached    the same page from the page cache (WARTA_PAGE_CACHE_SECONDS=300), all hits

gunicorn runs twice, once per cache setting; everything else is the same. Afterwards the page's
title is changed and published from another process, and the page must show it at once
(the cache is invalidated on publish).

    .venv/bin/python benchmarks/http_bench.py [--duration 10] [--concurrency 8] [--json]

Exit status: 0 all targets and checks passed, 1 a target or check failed, 2 the run failed.
"""

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
SITE_DIR = REPO_DIR / "site"
CACHE_HEADER = "X-Warta-Cache"
CACHED_SECONDS = 300
TARGET_CACHED_RATIO = 0.8
TARGET_UNCACHED_RATIO = 0.25
SETUP_MARKER = "BENCH_SETUP "
WRK_MARKER = "BENCH_WRK "

# Per-thread counters of the cache header, summed in done(); the summary is one JSON line.
WRK_LUA = r"""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  hit, miss, none = 0, 0, 0
end

function response(status, headers, body)
  local value = headers["X-Warta-Cache"] or headers["x-warta-cache"]
  if value == "hit" then
    hit = hit + 1
  elseif value == "miss" then
    miss = miss + 1
  else
    none = none + 1
  end
end

function done(summary, latency, requests)
  local h, m, n = 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hit")
    m = m + t:get("miss")
    n = n + t:get("none")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_WRK {"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d}, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"cache": {"hit": %d, "miss": %d, "none": %d}}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, h, m, n))
end
"""


def log(message):
    sys.stderr.write(f"[{time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


class BenchError(Exception):
    """The run cannot go on; the message says why."""


# --------------------------------------------------------------------------------------------
# Steps that run inside Django, in a child process (python http_bench.py _django <step> ...)
# --------------------------------------------------------------------------------------------


def _django_boot():
    sys.path[:0] = [str(SITE_DIR), str(REPO_DIR)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()


def _jpeg(width, height, seed):
    """A photo-sized JPEG with some texture, so renditions cost what real ones do."""
    from io import BytesIO

    from PIL import Image

    red = Image.linear_gradient("L").resize((width, height))
    green = Image.effect_noise((width, height), 30 + seed * 7)
    blue = Image.radial_gradient("L").resize((width, height))
    buffer = BytesIO()
    Image.merge("RGB", (red, green, blue)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _make_image(title, seed, width=1600, height=1000):
    from io import BytesIO

    from django.core.files.images import ImageFile

    from apps.core.models import WartaImage

    data = _jpeg(width, height, seed)
    image = WartaImage(
        title=title,
        credit="Tim Warta",
        file=ImageFile(BytesIO(data), name=f"bench-{seed}.jpg"),
    )
    if hasattr(image, "_set_image_file_metadata"):
        image._set_image_file_metadata()
    image.save()
    return image


def _image_block(image, caption):
    return {
        "image": {"image": image.pk, "alt_text": f"Ilustrasi {image.title}", "decorative": False},
        "caption": caption,
    }


def _paragraph(number):
    sentence = (
        "Pemerintah Kota Bekasi melanjutkan perbaikan saluran dan jalan lingkungan di "
        "beberapa kelurahan, dengan pengawasan warga dan laporan mingguan kepada dinas. "
    )
    return {"type": "paragraph", "value": f"<p>{sentence * 3}</p><p>Bagian {number}.</p>"}


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def django_setup_content(siblings):
    """Replace Wagtail's welcome page with a small newsroom; print the news page's address."""
    from wagtail.models import Page, Site

    from apps.core.models import AgencySettings
    from apps.news.models import HomePage, NewsCategory, NewsIndexPage, NewsPage, SourceUnit

    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    previous_root = site.root_page if site.pk else None

    home = root.add_child(
        instance=HomePage(title="Beranda Diskominfo", slug="beranda", intro="Kabar instansi.")
    )
    site.root_page = home
    site.hostname, site.port, site.site_name = "localhost", 80, "Warta Bench"
    site.save()
    if previous_root is not None and previous_root.pk != home.pk:
        previous_root.delete()  # Wagtail's "Welcome to your new Wagtail site!"

    agency = AgencySettings.for_site(site)
    agency.logo = _make_image("Logo Diskominfostandi", seed=0, width=512, height=512)
    agency.full_name = "Dinas Komunikasi, Informatika, Statistik dan Persandian"
    agency.short_name = "Diskominfostandi"
    agency.tagline = "Kabar resmi Pemerintah Kota Bekasi"
    agency.email = "diskominfo@example.org"
    agency.save()

    index = home.add_child(
        instance=NewsIndexPage(title="Berita", slug="berita", intro="Berita terbaru.")
    )
    categories = [
        NewsCategory.objects.create(name=name)
        for name in ("Pemerintahan", "Infrastruktur", "Kesehatan")
    ]
    unit = SourceUnit.objects.create(name="Bidang Pekerjaan Umum", short_name="PU")

    hero = _make_image("Perbaikan saluran di Bekasi Timur", seed=1)
    body_images = [_make_image(f"Dokumentasi lapangan {n}", seed=n + 1) for n in range(1, 6)]
    body = [
        _paragraph(1),
        {"type": "image", "value": _image_block(body_images[0], "Pekerja memasang gorong-gorong.")},
        _paragraph(2),
        {"type": "image", "value": _image_block(body_images[1], "Saluran sebelum perbaikan.")},
        {
            "type": "quote",
            "value": {"text": "Kami targetkan selesai bulan depan.", "attribution": "Kepala Dinas"},
        },
        _paragraph(3),
        {
            "type": "gallery",
            "value": {
                "title": "Galeri kegiatan",
                "images": [
                    _image_block(image, f"Galeri {n}")
                    for n, image in enumerate(body_images[2:], start=1)
                ],
            },
        },
        _paragraph(4),
    ]
    page = index.add_child(
        instance=NewsPage(
            title="Perbaikan saluran air di Bekasi Timur dimulai pekan ini",
            slug="perbaikan-saluran-bekasi-timur",
            summary="Dinas memulai perbaikan saluran air di tiga kelurahan di Bekasi Timur.",
            hero_image=hero,
            hero_alt="Pekerja memperbaiki saluran air di tepi jalan",
            hero_caption="Perbaikan saluran di Kelurahan Margahayu.",
            body=body,
            source_unit=unit,
            reporter="Tim Liputan",
            location="Bekasi Timur",
            live=False,
        )
    )
    page.categories.set(categories[:2])
    page.tags.add("saluran air", "banjir", "bekasi timur", "infrastruktur")
    page.save()
    _publish(page)

    # Other news of the same rubric, so the page's "related news" list is not empty.
    for n in range(siblings):
        other = index.add_child(
            instance=NewsPage(
                title=f"Berita terkait nomor {n + 1}",
                slug=f"berita-terkait-{n + 1}",
                summary="Kabar lain dari bidang yang sama.",
                hero_image=body_images[n % len(body_images)],
                hero_alt="Ilustrasi berita terkait",
                body=[_paragraph(1)],
                live=False,
            )
        )
        other.categories.set(categories[:1])
        other.save()
        _publish(other)

    page = NewsPage.objects.get(pk=page.pk)
    _site_id, _root_url, path = page.get_url_parts()
    sys.stdout.write(
        SETUP_MARKER + json.dumps({"page_id": page.pk, "path": path, "title": page.title}) + "\n"
    )


def django_publish_title(page_id, title):
    """Publish a new title the way an editor's publication does: a revision, then publish()."""
    from apps.news.models import NewsPage

    page = NewsPage.objects.get(pk=page_id)
    page.title = title
    page.save_revision().publish()


def run_django_step(argv):
    parser = argparse.ArgumentParser(prog="http_bench.py _django")
    parser.add_argument("step", choices=["setup", "publish"])
    parser.add_argument("--siblings", type=int, default=3)
    parser.add_argument("--page-id", type=int)
    parser.add_argument("--title")
    args = parser.parse_args(argv)
    _django_boot()
    if args.step == "setup":
        django_setup_content(args.siblings)
    else:
        django_publish_title(args.page_id, args.title)


# --------------------------------------------------------------------------------------------
# Environment: database, Redis, static files, gunicorn
# --------------------------------------------------------------------------------------------


class Environment:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.database_url = f"{args.postgres.rstrip('/')}/{args.database}"
        self.redis_url = f"{args.redis.rstrip('/')}/{args.redis_db}"
        self.secret_key = secrets.token_urlsafe(50)
        self.database_created = False

    def django_env(self, cache_seconds=CACHED_SECONDS):
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "config.settings.production",
                "SECRET_KEY": self.secret_key,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "false",
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url,
                "STATIC_ROOT": str(self.workdir / "static"),
                "MEDIA_ROOT": str(self.workdir / "media"),
                "WARTA_PAGE_CACHE_SECONDS": str(cache_seconds),
                "LOG_LEVEL": "WARNING",
                "PYTHONDONTWRITEBYTECODE": "1",
            }
        )
        return env

    # PostgreSQL ----------------------------------------------------------------------------

    def _admin_connection(self):
        import psycopg

        return psycopg.connect(f"{self.args.postgres.rstrip('/')}/postgres", autocommit=True)

    def recreate_database(self):
        from psycopg import sql

        with self._admin_connection() as conn:
            name = sql.Identifier(self.args.database)
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
        self.database_created = True

    def drop_database(self):
        from psycopg import sql

        with self._admin_connection() as conn:
            name = sql.Identifier(self.args.database)
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))

    # Redis ---------------------------------------------------------------------------------

    def flush_redis(self):
        import redis

        client = redis.Redis.from_url(self.redis_url)
        foreign = [key for key in client.scan_iter(count=1000) if not key.startswith(b"warta:")]
        if foreign:
            raise BenchError(
                f"Redis db {self.args.redis_db} holds keys that are not Warta's cache "
                f"(e.g. {foreign[0]!r}); choose another with --redis-db."
            )
        client.flushdb()

    # Django commands ---------------------------------------------------------------------

    def run_python(self, argv, what, timeout=300):
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, *argv],
            cwd=REPO_DIR,
            env=self.django_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise BenchError(f"{what} failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")
        log(f"{what}: {time.monotonic() - started:.1f} s")
        return result.stdout

    def manage(self, *argv, what):
        return self.run_python(["manage.py", *argv], what)

    def django_step(self, *argv, what):
        return self.run_python([str(Path(__file__).resolve()), "_django", *argv], what)


class Gunicorn:
    """gunicorn in a process group of its own, so stopping it stops its workers too."""

    def __init__(self, env, port, workers, log_path):
        self.env = env
        self.port = port
        self.workers = workers
        self.log_path = log_path
        self.process = None

    def command(self):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        start = [str(gunicorn)] if gunicorn.exists() else [sys.executable, "-m", "gunicorn"]
        return [
            *start,
            "--pythonpath",
            "site",
            "config.wsgi",
            "-w",
            str(self.workers),
            "-b",
            f"127.0.0.1:{self.port}",
            "--error-logfile",
            "-",
        ]

    def start(self, timeout=30):
        with open(self.log_path, "ab") as log_file:
            self.process = subprocess.Popen(
                self.command(),
                cwd=REPO_DIR,
                env=self.env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited at start:\n{self.log_tail()}")
            try:
                status, _headers, _body = http_get(self.port, "/ping/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer /ping/ within {timeout} s:\n{self.log_tail()}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass

    def log_tail(self, chars=3000):
        try:
            return Path(self.log_path).read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(port, path, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        return response.status, dict(response.getheaders()), body.decode("utf-8", "replace")
    finally:
        conn.close()


# --------------------------------------------------------------------------------------------
# Load generators
# --------------------------------------------------------------------------------------------


def ensure_wrk(install):
    if shutil.which("wrk"):
        return True
    if not install or os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    log("wrk is missing; installing the Debian package (apt-get install -y wrk)")
    result = subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"], capture_output=True, text=True
    )
    return result.returncode == 0 and bool(shutil.which("wrk"))


def run_wrk(port, path, seconds, connections, threads, lua_path):
    command = [
        "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(lua_path),
        f"http://127.0.0.1:{port}{path}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith(WRK_MARKER)), None)
    if result.returncode != 0 or line is None:
        raise BenchError(f"wrk failed:\n{result.stdout}{result.stderr}")
    data = json.loads(line[len(WRK_MARKER) :])
    duration = data["duration_us"] / 1e6
    return {
        "requests": data["requests"],
        "seconds": duration,
        "rps": data["requests"] / duration if duration else 0.0,
        "p50_ms": data["p50_us"] / 1000,
        "p99_ms": data["p99_us"] / 1000,
        "max_ms": data["max_us"] / 1000,
        "errors": sum(data["errors"].values()),
        "error_detail": data["errors"],
        "cache": data["cache"],
    }


def run_python_client(port, path, seconds, connections):
    """Threads with keep-alive http.client connections (gunicorn's sync workers close them)."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    latencies = []
    errors = {"connect": 0, "read": 0, "status": 0}
    cache = {"hit": 0, "miss": 0, "none": 0}

    def worker():
        mine, my_errors, my_cache = [], dict.fromkeys(errors, 0), dict.fromkeys(cache, 0)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
            except ConnectionRefusedError:
                my_errors["connect"] += 1
                conn.close()
                continue
            except (OSError, http.client.HTTPException):
                my_errors["read"] += 1
                conn.close()
                continue
            mine.append(time.perf_counter() - started)
            if response.status >= 400:
                my_errors["status"] += 1
            value = response.getheader(CACHE_HEADER)
            my_cache[value if value in ("hit", "miss") else "none"] += 1
        conn.close()
        with lock:
            latencies.extend(mine)
            for key in errors:
                errors[key] += my_errors[key]
            for key in cache:
                cache[key] += my_cache[key]

    started = time.monotonic()
    workers = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    duration = time.monotonic() - started
    latencies.sort()

    def percentile(p):
        if not latencies:
            return 0.0
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000

    return {
        "requests": len(latencies),
        "seconds": duration,
        "rps": len(latencies) / duration if duration else 0.0,
        "p50_ms": percentile(50),
        "p99_ms": percentile(99),
        "max_ms": latencies[-1] * 1000 if latencies else 0.0,
        "errors": sum(errors.values()),
        "error_detail": errors,
        "cache": cache,
    }


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


class Bench:
    def __init__(self, args, env, workdir):
        self.args = args
        self.env = env
        self.workdir = workdir
        self.lua_path = workdir / "report.lua"
        self.lua_path.write_text(WRK_LUA)
        self.client = "python"
        self.results = {}
        self.checks = {}
        self.diagnosis = None
        self.servers = []

    def load(self, port, path, seconds):
        if self.client == "wrk":
            return run_wrk(
                port, path, seconds, self.args.concurrency, self.args.wrk_threads, self.lua_path
            )
        return run_python_client(port, path, seconds, self.args.concurrency)

    def measure(self, name, port, path):
        if self.args.warmup > 0:
            self.load(port, path, self.args.warmup)
        result = self.load(port, path, self.args.duration)
        result["path"] = path
        self.results[name] = result
        log(
            f"{name}: {result['requests']} requests, {result['rps']:.1f} rps, "
            f"p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, "
            f"errors {result['errors']}, {CACHE_HEADER} {result['cache']}"
        )
        return result

    def serve(self, cache_seconds):
        port = self.args.port or free_port()
        server = Gunicorn(
            self.env.django_env(cache_seconds),
            port,
            self.args.workers,
            self.workdir / f"gunicorn-cache-{cache_seconds}.log",
        )
        self.servers.append(server)
        log(f"starting gunicorn ({' '.join(server.command())}), cache {cache_seconds} s")
        server.start()
        return server

    def expect_page(self, server, path, title):
        status, headers, body = http_get(server.port, path)
        if status != 200 or title not in body:
            raise BenchError(
                f"GET {path} gave {status}"
                + ("" if status != 200 else f", without the title {title!r}")
                + f"; body starts:\n{body[:800]}\n--- gunicorn log ---\n{server.log_tail()}"
            )
        return headers

    def run(self):
        args = self.args
        # Other work on the machine shares the CPUs with gunicorn: say how busy it was.
        self.load_average = round(os.getloadavg()[0], 2)
        self.client = "python"
        if args.client in ("auto", "wrk"):
            if ensure_wrk(install=not args.no_install):
                self.client = "wrk"
            elif args.client == "wrk":
                raise BenchError("wrk is not installed: apt-get install wrk")
            else:
                log("wrk unavailable: using the Python client (it competes for the CPU)")

        log(f"recreating database {args.database}, flushing Redis db {args.redis_db}")
        self.env.recreate_database()
        self.env.flush_redis()
        self.env.manage("migrate", "--noinput", "-v0", what="migrate")
        self.env.manage("collectstatic", "--noinput", "-v0", what="collectstatic")
        output = self.env.django_step("setup", "--siblings", str(args.siblings), what="content")
        line = next(ln for ln in output.splitlines() if ln.startswith(SETUP_MARKER))
        content = json.loads(line[len(SETUP_MARKER) :])
        path = args.page_path or content["path"]
        title = content["title"]
        log(f"news page: {content['path']} ({title!r}); measured path: {path}")

        # Pass 1: the page cache off; the first request makes the renditions.
        server = self.serve(0)
        try:
            status, _headers, body = http_get(server.port, "/ping/")
            if status != 200 or body != "ok":
                raise BenchError(f"/ping/ gave {status} {body[:200]!r}")
            self.expect_page(server, path, title)
            trivial = self.measure("trivial", server.port, "/ping/")
            uncached = self.measure("uncached", server.port, path)
        finally:
            server.stop()
        self.checks["uncached_never_from_cache"] = uncached["cache"]["hit"] == 0

        # Pass 2: the page cache on (Redis, shared by both workers).
        self.env.flush_redis()
        server = self.serve(CACHED_SECONDS)
        try:
            first = self.expect_page(server, path, title).get(CACHE_HEADER)
            headers = self.expect_page(server, path, title)
            second = headers.get(CACHE_HEADER)
            log(f"{CACHE_HEADER} on first and second request: {first}, {second}")
            if second != "hit":
                # What the page cache refuses (apps.core.page_cache._is_cacheable_response).
                self.diagnosis = {
                    name: headers.get(name)
                    for name in ("Vary", "Cache-Control", "Set-Cookie")
                    if headers.get(name)
                }
                log(f"the page was not cached; its response headers: {self.diagnosis}")
            cached = self.measure("cached", server.port, path)
            served = cached["requests"]
            self.checks["cached_all_hits"] = served > 0 and cached["cache"]["hit"] == served
            self.publish_check(server, path, content)
        finally:
            server.stop()

        ratios = {
            "cached/trivial": cached["rps"] / trivial["rps"] if trivial["rps"] else 0.0,
            "uncached/trivial": uncached["rps"] / trivial["rps"] if trivial["rps"] else 0.0,
        }
        targets = {"cached/trivial": TARGET_CACHED_RATIO, "uncached/trivial": TARGET_UNCACHED_RATIO}
        for name, result in self.results.items():
            self.checks[f"{name}_no_errors"] = result["errors"] == 0
        return {
            "client": self.client,
            "uncached_method": (
                "a separate gunicorn run with WARTA_PAGE_CACHE_SECONDS=0 (cache middleware off)"
            ),
            "config": {
                "duration_s": args.duration,
                "warmup_s": args.warmup,
                "concurrency": args.concurrency,
                "workers": args.workers,
                "wrk_threads": args.wrk_threads if self.client == "wrk" else None,
                "cpus": os.cpu_count(),
                "page_path": path,
            },
            "load_average_at_start": self.load_average,
            "not_cached_because": self.diagnosis,
            "scenarios": self.results,
            "ratios": {
                name: {"value": value, "target": targets[name], "pass": value >= targets[name]}
                for name, value in ratios.items()
            },
            "checks": self.checks,
        }

    def publish_check(self, server, path, content):
        before = http_get(server.port, path)[1].get(CACHE_HEADER)
        new_title = f"Judul diperbarui {secrets.token_hex(4)}"
        self.env.django_step(
            "publish", "--page-id", str(content["page_id"]), "--title", new_title, what="publish"
        )
        status, headers, body = http_get(server.port, path)
        after = headers.get(CACHE_HEADER)
        found = status == 200 and new_title in body
        log(
            f"publish check: {CACHE_HEADER} {before} before publishing, {after} after; "
            f"new title {'found' if found else 'MISSING'} (status {status})"
        )
        # It proves the invalidation only if the page came from the cache before.
        self.checks["publish_invalidates_cache"] = before == "hit" and found


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def verdict(passed):
    return "PASS" if passed else "FAIL"


def render_table(report):
    lines = [
        f"client: {report['client']}; concurrency {report['config']['concurrency']}, "
        f"{report['config']['duration_s']} s per scenario after {report['config']['warmup_s']} s "
        f"warm-up; gunicorn -w {report['config']['workers']} on {report['config']['cpus']} CPUs",
        f"uncached: {report['uncached_method']}",
        f"1-minute load average before the run: {report['load_average_at_start']}"
        + (
            " (the machine was busy: figures are noisy)"
            if report["load_average_at_start"] > 0.5
            else ""
        ),
        "",
        f"{'scenario':<10} {'path':<40} {'requests':>9} {'rps':>9} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'errors':>7}",
    ]
    for name, r in report["scenarios"].items():
        lines.append(
            f"{name:<10} {r['path'][:40]:<40} {r['requests']:>9} {r['rps']:>9.1f} "
            f"{r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['errors']:>7}"
        )
    cache = report["scenarios"].get("cached", {}).get("cache")
    if cache:
        lines.append(f"cached scenario {CACHE_HEADER}: {cache}")
    if report["not_cached_because"]:
        lines.append(f"page not cached; response headers: {report['not_cached_because']}")
    lines.append("")
    for name, ratio in report["ratios"].items():
        lines.append(
            f"{name:<17} {ratio['value']:.2f}  (target >= {ratio['target']:.2f})  "
            f"{verdict(ratio['pass'])}"
        )
    for name, passed in report["checks"].items():
        lines.append(f"{name:<30} {verdict(passed)}")
    return "\n".join(lines) + "\n"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=(
            "Benchmark the news page (uncached and from the anonymous page cache) against "
            "GET /ping/ under gunicorn with the production settings, on a throwaway "
            "PostgreSQL database and Redis db."
        ),
        epilog="Exit status: 0 all passed, 1 a target or check failed, 2 the run failed.",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per scenario")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of unmeasured load first")
    parser.add_argument("--concurrency", type=int, default=8, help="open connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--client",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load generator: wrk (preferred), the Python fallback, or auto (wrk if available)",
    )
    parser.add_argument(
        "--no-install",
        action="store_true",
        help="never apt-get install wrk (by default it is installed when missing and run as root)",
    )
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server URL, without the database name",
    )
    parser.add_argument(
        "--database",
        default="warta_bench",
        help="database dropped and recreated each run; its name must contain 'bench'",
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379", help="Redis server URL")
    parser.add_argument(
        "--redis-db",
        type=int,
        default=14,
        help="Redis db number, flushed before each pass (refused if it holds non-Warta keys)",
    )
    parser.add_argument("--port", type=int, default=0, help="gunicorn port (default: a free one)")
    parser.add_argument(
        "--siblings",
        type=int,
        default=3,
        help="other news items in the same category, for the page's related-news list",
    )
    parser.add_argument(
        "--page-path",
        help="measure this path instead of the news page (e.g. /feeds/json/ to try the script)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the database and temporary files afterwards"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if "bench" not in args.database:
        parser.error("--database must contain 'bench': the script drops it")
    if args.duration < 1 or args.concurrency < 1 or args.workers < 1:
        parser.error("--duration, --concurrency and --workers must be positive")
    return args


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_django"]:
        run_django_step(argv[1:])
        return 0
    args = parse_args(argv)

    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    workdir = Path(tempfile.mkdtemp(prefix="warta-bench-"))
    env = Environment(args, workdir)
    bench = Bench(args, env, workdir)
    started = time.monotonic()
    try:
        report = bench.run()
    except (BenchError, subprocess.SubprocessError, OSError) as exc:
        log(f"benchmark failed: {exc}")
        return 2
    except KeyboardInterrupt:
        log("interrupted")
        return 2
    finally:
        for server in bench.servers:
            server.stop()
        if args.keep:
            log(f"kept database {args.database} and {workdir}")
        else:
            try:
                if env.database_created:
                    env.drop_database()
                env.flush_redis()
            except Exception as exc:  # cleanup must not hide the run's own error
                log(f"cleanup: {exc}")
            shutil.rmtree(workdir, ignore_errors=True)
    report["total_seconds"] = round(time.monotonic() - started, 1)
    log(f"done in {report['total_seconds']} s")
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        sys.stdout.write(render_table(report))
    passed = all(r["pass"] for r in report["ratios"].values()) and all(report["checks"].values())
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
