"""The news editor's social media in a real browser: the live caption count of the "Media sosial"
tab (news/caption-count.js) and the social status in the editor's side panel
(social_sync/edit-panel.js).

The count is checked against the server's own rule (apps/news/captions.py), since the server's
check on save is the one that counts. Screenshots go to test-artifacts/social-*.png.
"""

import re
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model

from apps.news import captions
from apps.news.models import NewsPage
from apps.social_sync.models import Delivery, SocialAccount

from .conftest import admin_page, chromium, screenshot

PASSWORD = "uji-medsos-2026"
TITLE = "Jembatan Kali Malang dibuka untuk umum"
SHORT_CAPTION = "Jembatan Kali Malang resmi dibuka hari ini, lalu lintas kembali lancar."
# 140 emoji weigh 280 on X before the link is added: over the limit whatever the link.
LONG_CAPTION = "Jembatan dibuka! " + "🎉" * 140
HASHTAGS = "#KotaBekasi, jembatan"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def redaktur(db):
    return get_user_model().objects.create_superuser("redaktur", "redaktur@example.go.id", PASSWORD)


@contextmanager
def logged_in(live_server, user):
    """An admin page in chromium, logged in at the live server with the user's password."""
    with chromium() as browser:
        yield admin_page(browser, live_server.url, user.username, PASSWORD)


def shot(page, name):
    screenshot(page, f"social-{name}")


def x_length(item, caption, hashtags=""):
    """What the server counts for an X caption: the text X receives, with the item's link."""
    link = f"{item.get_parent().get_full_url()}{item.slug}/"
    text = captions.compose(
        "x", title=item.title, summary=item.summary, link=link, custom=caption, hashtags=hashtags
    )
    return captions.x_weighted_length(text)


def open_social_tab(page, item):
    page.goto(f"/admin/pages/{item.pk}/edit/")
    page.get_by_role("tab", name="Media sosial").click()


def test_caption_count_follows_what_x_will_receive(live_server, kominfo, redaktur):
    from playwright.sync_api import expect

    item = kominfo.publish_news(TITLE, publish=False)
    short = x_length(item, SHORT_CAPTION)
    tagged = x_length(item, SHORT_CAPTION, HASHTAGS)
    long = x_length(item, LONG_CAPTION)
    # The figures the browser must show differ, so each step is seen to change the count.
    assert short < tagged <= captions.X_MAX < long

    with logged_in(live_server, redaktur) as page:
        open_social_tab(page, item)
        x_count = page.locator('p[data-caption-count-for="id_social_caption_x"]')
        for network in captions.NETWORKS:
            expect(
                page.locator(f'p[data-caption-count-for="id_social_caption_{network}"]')
            ).to_have_text("Teks otomatis dari judul dan ringkasan, dipendekkan bila perlu.")

        page.locator("#id_social_caption_x").fill(SHORT_CAPTION)
        expect(x_count).to_have_text(f"{short} / 280 karakter berbobot (termasuk tautan dan tagar)")

        page.locator("#id_social_hashtags").fill(HASHTAGS)
        expect(x_count).to_have_text(
            f"{tagged} / 280 karakter berbobot (termasuk tautan dan tagar)"
        )
        page.locator("#id_social_hashtags").fill("")

        page.locator("#id_social_caption_x").fill(LONG_CAPTION)
        expect(x_count).to_have_text(
            f"{long} / 280 karakter berbobot (termasuk tautan dan tagar) "
            f"Terlalu panjang: kurangi {long - 280} karakter."
        )
        expect(x_count).to_have_class(re.compile(r"social-caption-count--over"))
        x_count.scroll_into_view_if_needed()
        shot(page, "1-caption-too-long")


def test_saving_an_over_long_x_caption_is_refused_and_keeps_the_text(
    live_server, kominfo, redaktur
):
    from playwright.sync_api import expect

    item = kominfo.publish_news(TITLE, publish=False)
    long = x_length(item, LONG_CAPTION)

    with logged_in(live_server, redaktur) as page:
        open_social_tab(page, item)
        page.locator("#id_social_caption_x").fill(LONG_CAPTION)
        # The save itself, not the editor's autosave (a fetch): the form posted as a document.
        with page.expect_response(
            lambda r: r.request.method == "POST" and r.request.resource_type == "document"
        ) as saved:
            page.locator("footer button.action-save").click()
        assert saved.value.status == 200  # a successful save would redirect

        expect(page.locator(".messages")).to_contain_text(
            "Halaman tidak dapat disimpan karena ada isian yang belum benar."
        )
        form = page.locator("#page-edit-form")
        expect(form).to_contain_text(
            f"Teks untuk X terlalu panjang: {long} dari 280 karakter", timeout=15_000
        )
        page.get_by_role("tab", name="Media sosial").click()
        expect(page.locator("#id_social_caption_x")).to_have_value(LONG_CAPTION)
        shot(page, "2-save-refused")

    # Refused means not stored: no revision carries the caption.
    revision = NewsPage.objects.get(pk=item.pk).get_latest_revision_as_object()
    assert revision.social_caption_x == ""


def test_status_panel_shows_the_delivery_to_the_agencys_account(live_server, kominfo, redaktur):
    from playwright.sync_api import expect

    # The account exists before publication, so publishing owes it a delivery, which the
    # test settings' immediate task backend sends at once (a dry run touches no network).
    SocialAccount.objects.create(
        site=kominfo.site, network="dry_run", name="Uji coba X", simulates="x"
    )
    item = kominfo.publish_news(TITLE)
    assert Delivery.objects.get(page_key=item.pk).status == Delivery.Status.SENT

    with logged_in(live_server, redaktur) as page:
        page.goto(f"/admin/pages/{item.pk}/edit/")
        page.locator('[data-side-panel-toggle="status"]').click()
        panel = page.locator('[data-side-panel="status"] .social-status-panel')
        expect(panel).to_be_visible()
        row = panel.locator("tr", has_text="Uji coba X")
        expect(row).to_contain_text("terkirim")
        shot(page, "3-status-panel")
