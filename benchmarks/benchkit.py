"""What the benchmarks share: a throwaway PostgreSQL database, Django booted on it, and the
agency they measure (Diskominfostandi under SOP A, with its officials).

The benchmarks folder is not a package: each script is run directly and finds this module
beside it (Python puts a script's folder on sys.path). Django's modules are imported inside the
functions, after ``boot_django`` has set the settings up.
"""

import os
import sys
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
SITE_DIR = REPO_DIR / "site"
DISPOSITION = "Disposisi: Kasi LKIP periksa dan tayangkan."
WARMUP_ITEMS = 3  # approvals made before the measured ones, to fill the process's caches

STARTED = time.monotonic()


def log(message):
    sys.stderr.write(f"[{time.monotonic() - STARTED:6.1f} s] {message}\n")
    sys.stderr.flush()


class BenchError(Exception):
    """The run cannot go on; the message says why."""


# The database ----------------------------------------------------------------------------------


def admin_connection(postgres):
    import psycopg

    return psycopg.connect(f"{postgres.rstrip('/')}/postgres", autocommit=True)


def drop_database(postgres, name):
    from psycopg import sql

    with admin_connection(postgres) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def recreate_database(postgres, name):
    from psycopg import sql

    drop_database(postgres, name)
    with admin_connection(postgres) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def discard_database(postgres, name):
    """A run's cleanup: close Django's connections, drop the bench database. A failure here
    is logged, never raised, so it cannot hide the run's own error."""
    try:
        from django.db import connections

        connections.close_all()
    except Exception:  # noqa: BLE001 - Django may not have booted
        pass
    try:
        drop_database(postgres, name)
    except Exception as exc:  # noqa: BLE001 - see the docstring
        log(f"cleanup: {exc}")


def boot_django(database_url):
    """The development settings on the bench database: tasks go to the database queue (an
    INSERT per task, as in production; no worker runs), mail is never sent."""
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

    # WhiteNoise looks for STATIC_ROOT, which this run never collects into.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

    django.setup()
    # Wagtail logs every page edit and publication at INFO; thousands of lines say nothing here.
    for name in ("wagtail", "django_tasks"):
        logging.getLogger(name).setLevel(logging.WARNING)


# The newsroom ----------------------------------------------------------------------------------


class Newsroom:
    """Diskominfostandi under SOP A: its site, news section, SOP and people."""

    def __init__(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import GroupPagePermission, Page, Site

        from apps.core.models import AgencySettings
        from apps.news.models import HomePage, NewsIndexPage
        from apps.sop_audit.loading import load_sop_source

        Site.objects.all().delete()
        root = Page.get_first_root_node()
        for page in root.get_children():
            page.delete()  # Wagtail's welcome page
        self.home = root.add_child(
            instance=HomePage(title="Diskominfostandi Kota Bekasi", slug="diskominfostandi")
        )
        self.index = self.home.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=self.home, is_default_site=True
        )
        AgencySettings.objects.create(
            site=site,
            full_name="Dinas Komunikasi, Informatika, Statistik dan Persandian",
            short_name="Diskominfostandi",
        )
        _path, result = load_sop_source("sop-a-pengelolaan-website", "localhost")
        self.sop = result.sop
        self.steps = {step.number: step for step in self.sop.steps.all()}

        users = get_user_model().objects
        self.editor = users.create_user("editor.kominfo", password="bench", first_name="Editor")
        editors = Group.objects.create(name="Editor Diskominfostandi")
        editors.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        page_type = ContentType.objects.get_for_model(Page)
        for action in ("add", "change"):
            GroupPagePermission.objects.create(
                group=editors,
                page=self.index,
                permission=Permission.objects.get(
                    content_type=page_type, codename=f"{action}_page"
                ),
            )
        self.editor.groups.add(editors)
        self.approvers = {}
        for number, (username, actor) in {
            1: ("kabid.pip", "kepala-bidang-pip"),
            2: ("kasi.lkip", "kepala-seksi-lkip"),
            3: ("pelaksana.kominfo", "pelaksana"),
        }.items():
            user = users.create_user(username, password="bench", first_name=username)
            user.groups.add(self.sop.actor_groups.get(key=actor).group)
            self.approvers[number] = user

    def draft(self, title, slug):
        from apps.news.models import NewsPage

        page = self.index.add_child(
            instance=NewsPage(
                title=title,
                slug=slug,
                summary=f"Ringkasan {title}.",
                body=[("paragraph", f"<p>Isi berita {title}. Layanan dibuka untuk umum.</p>")],
                live=False,
                owner=self.editor,
            )
        )
        page.save_revision(user=self.editor)
        return page

    def submit(self, page):
        return self.sop.workflow.start(page, self.editor)

    def act(self, page, action="approve", comment=None):
        """The running step's official acts on it through the step task (Wagtail's on_action)."""
        from apps.news.models import NewsPage

        state = NewsPage.objects.get(pk=page.pk).current_workflow_task_state.specific
        task = state.task.specific
        if comment is None:
            comment = DISPOSITION if task.note_required else ""
        task.on_action(state, self.approvers[task.number], action, comment=comment)

    def news_count(self):
        from apps.news.models import NewsPage

        return NewsPage.objects.count()
