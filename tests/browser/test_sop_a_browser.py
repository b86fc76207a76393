"""SOP A in a real browser: the editor writes and submits a news item, the Kepala Bidang gives
the disposition from the dashboard, the Kepala Seksi approves from the page editor, the
Pelaksana approves from the dashboard, and the item is live on the public site.

Each person logs in at /admin/login/ with a password, in a browser context of their own.
Screenshots of each stage go to test-artifacts/sop-a-*.png.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.db import connections
from wagtail.models import PageLogEntry, TaskState

from apps.news.models import NewsPage
from tests.sop_audit import conftest as sop_fixtures

# The SOP fixtures live with the SOP tests; the browser needs the same agencies and people.
sop_newsroom = sop_fixtures.sop_newsroom
SOP_PASSWORD = sop_fixtures.SOP_PASSWORD

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = shutil.which("chromium")
TITLE = "Wali Kota resmikan layanan Wi-Fi publik di 56 kelurahan"
SUMMARY = "Titik akses gratis kini tersedia di seluruh kelurahan Kota Bekasi."
PARAGRAPH = "Layanan dibuka untuk umum setiap hari mulai pukul 06.00 sampai 22.00 WIB."
DISPOSITION = "Kasi LKIP: periksa naskah dan foto, lalu perintahkan Pelaksana menayangkan."

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _require_chromium():
    if CHROMIUM:
        return
    if os.environ.get("CI"):
        pytest.fail("Debian's chromium is not installed; CI must install it (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


class Official:
    """One person's browser context, logged in to the admin with their password."""

    def __init__(self, browser, base_url, user):
        self.user = user
        self.context = browser.new_context(
            base_url=base_url, viewport={"width": 1280, "height": 900}, locale="id-ID"
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)

    def login(self):
        page = self.page
        page.goto("/admin/login/")
        page.fill("#id_username", self.user.username)
        page.fill("#id_password", SOP_PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/admin/$"))
        return page

    def shot(self, name):
        self.page.screenshot(path=str(ARTIFACTS / f"sop-a-{name}.png"), full_page=True)

    def close(self):
        self.context.close()


def approve_from_dashboard(page, label):
    """Open the item's action menu in "Menunggu tinjauan anda" and choose `label`."""
    row = page.locator("#awaiting-review-section tr", has_text=TITLE)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name=label, exact=True).click()


def current_step(item):
    state = NewsPage.objects.get(pk=item.pk).current_workflow_task_state
    return state.task.specific.number if state else None


def test_sop_a_from_draft_to_publication_in_the_browser(live_server, sop_newsroom):
    _require_chromium()
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    # Playwright runs an event loop in this thread; the ORM reads between steps are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    agency = sop_newsroom.kominfo
    people = {name: agency.user(name) for name in agency.people}

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            # 1. The editor writes the item and submits it to the SOP.
            editor = Official(browser, live_server.url, people["editor.kominfo"])
            page = editor.login()
            page.goto(f"/admin/pages/add/news/newspage/{agency.index.pk}/")
            page.fill("#id_title", TITLE)
            page.fill("#id_summary", SUMMARY)
            page.locator("form .c-sf-add-button").first.click()
            page.get_by_role("option", name="Paragraf").click()
            page.locator(".public-DraftEditor-content").first.click()
            page.keyboard.type(PARAGRAPH)
            # Wagtail 8 autosaves the new page: wait until it has, as a person would see it.
            page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
            expect(page.locator(".w-autosave-indicator__state--saved")).to_be_visible()
            page.locator("#id_title").scroll_into_view_if_needed()
            editor.shot("1-editor-draft")
            page.locator("footer .w-dropdown__toggle").click()
            page.locator("button[name=action-submit]").click()
            page.wait_for_url(re.compile(rf"/admin/pages/{agency.index.pk}/$"))
            expect(page.locator(".messages")).to_contain_text("dikirim untuk moderasi")
            editor.shot("2-editor-submitted")
            editor.close()
            item = NewsPage.objects.get(title=TITLE)
            assert current_step(item) == 1
            assert not item.live

            # 2. The Kepala Bidang gives the disposition from the dashboard.
            kabid = Official(browser, live_server.url, people["kabid.pip"])
            page = kabid.login()
            expect(page.locator("#awaiting-review-section")).to_contain_text(TITLE)
            expect(page.locator("#awaiting-review-section")).to_contain_text("Langkah 1 dari 3")
            kabid.shot("3-kabid-dashboard")
            approve_from_dashboard(page, "Setujui dengan disposisi")
            modal = page.locator(".modal-content")
            expect(modal).to_contain_text("Disposisi")
            modal.locator("textarea[name=comment]").fill(DISPOSITION)
            kabid.shot("4-kabid-disposition")
            modal.get_by_role("button", name="Setujui dengan disposisi").click()
            expect(page.locator("#awaiting-review-section", has_text=TITLE)).to_have_count(0)
            kabid.close()
            assert current_step(item) == 2
            step_1 = TaskState.objects.get(
                task_id=agency.step(1).pk, workflow_state__object_id=str(item.pk)
            )
            assert step_1.comment == DISPOSITION
            assert step_1.finished_by == people["kabid.pip"]

            # 3. The Kepala Seksi reads the item in the editor (the SOP line tells him the step
            # and its due time), then approves it from the dashboard with a note.
            kasi = Official(browser, live_server.url, people["kasi.lkip"])
            page = kasi.login()
            page.goto(f"/admin/pages/{item.pk}/edit/")
            expect(page.locator(".sop-status")).to_contain_text("Langkah 2 dari 3")
            expect(page.locator("#id_title")).to_have_value(TITLE)
            kasi.shot("5-kasi-editor")
            page.goto("/admin/")
            approve_from_dashboard(page, "Setujui dengan catatan")
            modal = page.locator(".modal-content")
            modal.locator("textarea[name=comment]").fill("Naskah dan foto sudah diperiksa.")
            modal.get_by_role("button", name="Setujui dengan catatan").click()
            expect(page.locator("#awaiting-review-section", has_text=TITLE)).to_have_count(0)
            kasi.shot("6-kasi-approved")
            kasi.close()
            assert current_step(item) == 3
            assert not NewsPage.objects.get(pk=item.pk).live

            # 4. The Pelaksana publishes: the last approval puts it live.
            pelaksana = Official(browser, live_server.url, people["pelaksana.kominfo"])
            page = pelaksana.login()
            expect(page.locator("#awaiting-review-section")).to_contain_text("Langkah 3 dari 3")
            pelaksana.shot("7-pelaksana-dashboard")
            approve_from_dashboard(page, "Setujui")
            expect(page.locator("#awaiting-review-section", has_text=TITLE)).to_have_count(0)
            pelaksana.shot("8-pelaksana-approved")
            pelaksana.close()
            item = NewsPage.objects.get(pk=item.pk)
            assert item.live
            [publication] = PageLogEntry.objects.filter(page=item, action="wagtail.publish")
            assert publication.user == people["pelaksana.kominfo"]

            # 5. Readers see it.
            reader = browser.new_page(viewport={"width": 1280, "height": 900})
            reader.goto(f"{live_server.url}/berita/{item.slug}/")
            expect(reader.locator("h1")).to_have_text(TITLE)
            expect(reader.locator("main")).to_contain_text(PARAGRAPH)
            reader.screenshot(path=str(ARTIFACTS / "sop-a-9-public.png"), full_page=True)
        finally:
            browser.close()
            # Playwright's sync API runs this block in a greenlet of its own, so the ORM
            # calls above opened a connection of their own; close it before teardown.
            connections.close_all()
