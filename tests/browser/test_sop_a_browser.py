"""SOP A in a real browser: the editor writes and submits a news item, the Kepala Bidang gives
the disposition from the dashboard, the Kepala Seksi approves from the page editor, the
Pelaksana approves from the dashboard, and the item is live on the public site.

Each person logs in at /admin/login/ with a password, in a browser context of their own.
Screenshots of each stage go to test-artifacts/sop-a-*.png.
"""

import re

import pytest
from wagtail.models import PageLogEntry, TaskState

from apps.news.models import NewsPage
from tests.sop_audit import conftest as sop_fixtures

from .conftest import admin_page, chromium, open_editor, screenshot

# The SOP fixtures live with the SOP tests; the browser needs the same agencies and people.
sop_newsroom = sop_fixtures.sop_newsroom
SOP_PASSWORD = sop_fixtures.SOP_PASSWORD

TITLE = "Wali Kota resmikan layanan Wi-Fi publik di 56 kelurahan"
SUMMARY = "Titik akses gratis kini tersedia di seluruh kelurahan Kota Bekasi."
PARAGRAPH = "Layanan dibuka untuk umum setiap hari mulai pukul 06.00 sampai 22.00 WIB."
DISPOSITION = "Kasi LKIP: periksa naskah dan foto, lalu perintahkan Pelaksana menayangkan."

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def approve_from_dashboard(page, label):
    """Open the item's action menu in "Menunggu tinjauan anda" and choose `label`."""
    row = page.locator("#awaiting-review-section tr", has_text=TITLE)
    row.get_by_role("button", name="Tindakan").click()
    row.get_by_role("button", name=label, exact=True).click()


def current_step(item):
    state = NewsPage.objects.get(pk=item.pk).current_workflow_task_state
    return state.task.specific.number if state else None


def test_sop_a_from_draft_to_publication_in_the_browser(live_server, sop_newsroom):
    from playwright.sync_api import expect

    agency = sop_newsroom.kominfo
    people = {name: agency.user(name) for name in agency.people}

    with chromium() as browser:
        # 1. The editor writes the item and submits it to the SOP.
        page = admin_page(browser, live_server.url, "editor.kominfo", SOP_PASSWORD)
        open_editor(page, f"/admin/pages/add/news/newspage/{agency.index.pk}/")
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
        screenshot(page, "sop-a-1-editor-draft")
        page.locator("footer .w-dropdown__toggle").click()
        page.locator("button[name=action-submit]").click()
        page.wait_for_url(re.compile(rf"/admin/pages/{agency.index.pk}/$"))
        expect(page.locator(".messages")).to_contain_text("dikirim untuk moderasi")
        screenshot(page, "sop-a-2-editor-submitted")
        page.context.close()
        item = NewsPage.objects.get(title=TITLE)
        assert current_step(item) == 1
        assert not item.live

        # 2. The Kepala Bidang gives the disposition from the dashboard.
        page = admin_page(browser, live_server.url, "kabid.pip", SOP_PASSWORD)
        expect(page.locator("#awaiting-review-section")).to_contain_text(TITLE)
        expect(page.locator("#awaiting-review-section")).to_contain_text("Langkah 1 dari 3")
        screenshot(page, "sop-a-3-kabid-dashboard")
        approve_from_dashboard(page, "Setujui dengan disposisi")
        modal = page.locator(".modal-content")
        expect(modal).to_contain_text("Disposisi")
        modal.locator("textarea[name=comment]").fill(DISPOSITION)
        screenshot(page, "sop-a-4-kabid-disposition")
        modal.get_by_role("button", name="Setujui dengan disposisi").click()
        expect(page.locator("#awaiting-review-section", has_text=TITLE)).to_have_count(0)
        page.context.close()
        assert current_step(item) == 2
        step_1 = TaskState.objects.get(
            task_id=agency.step(1).pk, workflow_state__object_id=str(item.pk)
        )
        assert step_1.comment == DISPOSITION
        assert step_1.finished_by == people["kabid.pip"]

        # 3. The Kepala Seksi reads the item in the editor (the SOP line tells him the step
        # and its due time), then approves it from the dashboard with a note.
        page = admin_page(browser, live_server.url, "kasi.lkip", SOP_PASSWORD)
        page.goto(f"/admin/pages/{item.pk}/edit/")
        expect(page.locator(".sop-status")).to_contain_text("Langkah 2 dari 3")
        expect(page.locator("#id_title")).to_have_value(TITLE)
        screenshot(page, "sop-a-5-kasi-editor")
        page.goto("/admin/")
        approve_from_dashboard(page, "Setujui dengan catatan")
        modal = page.locator(".modal-content")
        modal.locator("textarea[name=comment]").fill("Naskah dan foto sudah diperiksa.")
        modal.get_by_role("button", name="Setujui dengan catatan").click()
        expect(page.locator("#awaiting-review-section", has_text=TITLE)).to_have_count(0)
        screenshot(page, "sop-a-6-kasi-approved")
        page.context.close()
        assert current_step(item) == 3
        assert not NewsPage.objects.get(pk=item.pk).live

        # 4. The Pelaksana publishes: the last approval puts it live.
        page = admin_page(browser, live_server.url, "pelaksana.kominfo", SOP_PASSWORD)
        expect(page.locator("#awaiting-review-section")).to_contain_text("Langkah 3 dari 3")
        screenshot(page, "sop-a-7-pelaksana-dashboard")
        approve_from_dashboard(page, "Setujui")
        expect(page.locator("#awaiting-review-section", has_text=TITLE)).to_have_count(0)
        screenshot(page, "sop-a-8-pelaksana-approved")
        page.context.close()
        item = NewsPage.objects.get(pk=item.pk)
        assert item.live
        [publication] = PageLogEntry.objects.filter(page=item, action="wagtail.publish")
        assert publication.user == people["pelaksana.kominfo"]

        # 5. Readers see it.
        reader = browser.new_page(viewport={"width": 1280, "height": 900})
        reader.goto(f"{live_server.url}/berita/{item.slug}/")
        expect(reader.locator("h1")).to_have_text(TITLE)
        expect(reader.locator("main")).to_contain_text(PARAGRAPH)
        screenshot(reader, "sop-a-9-public")
