"""The SOP's integrity rule in a real browser, as the officials meet it.

The Pelaksana at step 3 is told in the editor that his step does not edit; he corrects the
title anyway and saves: the item goes back to step 1, and he is told so. The Kepala Bidang,
at step 1 again, sees that the content changed since it was approved and opens Wagtail's
comparison. The operator finds no Publish on SOP news, only the emergency publication, which
asks why. Screenshots go to test-artifacts/sop-integrity-*.png.
"""

import re

import pytest

from apps.news.models import NewsPage
from apps.sop_audit.models import StepRecord
from tests.sop_audit import conftest as sop_fixtures

from .conftest import admin_page, chromium, open_editor, screenshot

sop_newsroom = sop_fixtures.sop_newsroom
SOP_PASSWORD = sop_fixtures.SOP_PASSWORD

TITLE = "Wali Kota resmikan taman kota di Bekasi Timur"
REASON = "Pemadaman listrik se-kota mulai pukul 13.00; warga harus segera tahu."

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def at_step(agency, title, number):
    page = agency.draft(title)
    agency.submit(page)
    while sop_fixtures.current_task_state(page).task.specific.number < number:
        agency.approve_current(page)
    return page


def test_a_change_at_a_checking_step_goes_back_and_the_operator_publishes_only_in_an_emergency(
    live_server, sop_newsroom
):
    from playwright.sync_api import expect

    agency = sop_newsroom.kominfo
    item = at_step(agency, TITLE, 3)
    urgent = at_step(agency, "Pemadaman listrik se-kota siang ini", 2)

    with chromium() as browser:
        # 1. The Pelaksana is told before he types, corrects the title and saves.
        page = admin_page(browser, live_server.url, "pelaksana.kominfo", SOP_PASSWORD)
        open_editor(page, f"/admin/pages/{item.pk}/edit/")
        status = page.locator(".sop-status")
        expect(status).to_contain_text("Langkah 3 tidak mengubah isi berita")
        expect(status).to_contain_text("mengembalikan berita ke Langkah 1")
        screenshot(page, "sop-integrity-1-pelaksana-told")
        page.fill("#id_title", TITLE + " (revisi)")
        page.locator("footer button[name=action-save], footer button[type=submit]").first.click()
        expect(page.locator(".messages")).to_contain_text("persetujuan diulang mulai Langkah 1")
        screenshot(page, "sop-integrity-2-pelaksana-sent-back")
        page.context.close()
        state = NewsPage.objects.get(pk=item.pk).current_workflow_task_state
        assert state.task.specific.number == 1
        assert not NewsPage.objects.get(pk=item.pk).live

        # 2. The Kepala Bidang sees what changed since the earlier approval.
        page = admin_page(browser, live_server.url, "kabid.pip", SOP_PASSWORD)
        page.goto(f"/admin/pages/{item.pk}/edit/")
        status = page.locator(".sop-status")
        expect(status).to_contain_text("Langkah 1 dari 3")
        expect(status).to_contain_text("Isi berita berubah sejak disetujui di Langkah 2")
        screenshot(page, "sop-integrity-3-kabid-told")
        status.get_by_role("link", name="Lihat perubahannya").click()
        page.wait_for_url(re.compile(r"/revisions/compare/"))
        expect(page.locator("main")).to_contain_text("(revisi)")
        screenshot(page, "sop-integrity-4-kabid-compare")
        page.context.close()

        # 3. The operator: no Publish, the emergency publication with its reason.
        page = admin_page(browser, live_server.url, "operator", SOP_PASSWORD)
        page.goto(f"/admin/pages/{urgent.pk}/edit/")
        page.locator("footer .w-dropdown__toggle").click()
        expect(page.locator("footer button[name=action-publish]")).to_have_count(0)
        emergency = page.get_by_role("link", name="Terbitkan darurat (di luar SOP)")
        expect(emergency).to_be_visible()
        # The menu fades in: the screenshot waits until it has.
        page.wait_for_function(
            "link => getComputedStyle(link.closest('.tippy-box') || link).opacity === '1'",
            arg=emergency.element_handle(),
        )
        screenshot(page, "sop-integrity-5-operator-menu")
        emergency.click()
        page.wait_for_url(re.compile(rf"/admin/sop/darurat/{urgent.pk}/$"))
        expect(page.locator("main")).to_contain_text("Sedang di Langkah 2")
        page.get_by_role("button", name="Terbitkan darurat sekarang").click()
        expect(page.locator("main")).to_contain_text("Alasan wajib diisi")
        page.fill("#id_reason", REASON)
        screenshot(page, "sop-integrity-6-operator-emergency")
        page.get_by_role("button", name="Terbitkan darurat sekarang").click()
        page.wait_for_url(re.compile(rf"/admin/pages/{urgent.pk}/edit/$"))
        expect(page.locator(".messages")).to_contain_text("Diterbitkan darurat di luar SOP")
        screenshot(page, "sop-integrity-7-operator-published")
        page.goto("/admin/sop/laporan/")
        expect(page.locator("main")).to_contain_text(REASON)
        page.get_by_text("Terbit darurat (di luar SOP)").first.scroll_into_view_if_needed()
        screenshot(page, "sop-integrity-8-report")
        page.context.close()

    assert NewsPage.objects.get(pk=urgent.pk).live
    assert StepRecord.objects.filter(outcome=StepRecord.OUTCOME_EMERGENCY, note=REASON).exists()
