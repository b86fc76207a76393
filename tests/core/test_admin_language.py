"""Wagtail's own admin chrome speaks Indonesian to the newsroom.

Wagtail 8.0's id_ID catalogs leave much of the editor, the dashboard and the moderation screens in
English; locale/id/LC_MESSAGES/django.po (templates and Python) and djangojs.po (the admin's
scripts, served at /admin/jsi18n/) fill the gaps. Each test names Indonesian texts that must be
there and the English ones they replace, which must not.
"""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.sop_audit import conftest as sop_fixtures

pytestmark = pytest.mark.django_db

sop_newsroom = sop_fixtures.sop_newsroom

JAKARTA = ZoneInfo("Asia/Jakarta")
MONDAY_0900 = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=JAKARTA)


def assert_speaks_indonesian(html, indonesian, english):
    missing = [text for text in indonesian if text not in html]
    leftover = [text for text in english if text in html]
    assert not missing, f"Indonesian texts missing: {missing}"
    assert not leftover, f"English texts still shown: {leftover}"


def get_html(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# Shown on every page editor: the keyboard-shortcuts dialog, the autosave indicator, the side
# panels and the no-JavaScript notice.
EDITOR_INDONESIAN = [
    '<span id="title-text-keyboard-shortcuts-dialog">Pintasan papan ketik</span>',
    "Buka/tutup bilah samping",
    "Simpan perubahan",
    "Simpan otomatis dijeda",
    'aria-label="Panel samping"',
    "Pratinjau di tab baru",
    "Metrik konten",
    "Wagtail memerlukan JavaScript",
]
EDITOR_ENGLISH = [
    "Keyboard shortcuts",
    "Toggle sidebar",
    "Save changes",
    "Autosave is paused",
    "Side panels",
    "Preview in new tab",
    "Content metrics",
    "JavaScript is required to use Wagtail",
]


def test_the_page_editor_speaks_indonesian(client, sop_newsroom):
    agency = sop_newsroom.kominfo
    draft = agency.draft("Pasar murah di Bekasi Timur")
    add_url = reverse("wagtailadmin_pages:add", args=("news", "newspage", agency.index.pk))
    edit_url = reverse("wagtailadmin_pages:edit", args=(draft.pk,))

    for url in (add_url, edit_url):
        html = get_html(client, agency.editor, url)
        assert_speaks_indonesian(html, EDITOR_INDONESIAN, EDITOR_ENGLISH)


def test_a_refused_news_item_points_to_its_first_error_in_indonesian(client, sop_newsroom):
    agency = sop_newsroom.kominfo
    client.force_login(agency.editor)
    data = sop_fixtures.news_form_data("Tanpa judul")
    data["title"] = ""

    response = client.post(
        reverse("wagtailadmin_pages:add", args=("news", "newspage", agency.index.pk)), data
    )

    assert response.status_code == 200
    assert_speaks_indonesian(
        response.content.decode(), ["Ke kesalahan pertama"], ["Go to the first error"]
    )


def test_the_dashboard_speaks_indonesian(client, sop_newsroom):
    html = get_html(client, sop_newsroom.kominfo.editor, reverse("wagtailadmin_home"))

    assert_speaks_indonesian(
        html,
        ['"label": "Laporan"', '"label": "Bantuan"', "Langsung ke konten utama"],
        ['"label": "Reports"', '"label": "Help"', "Skip to main content"],
    )


def test_an_item_in_moderation_shows_its_status_in_indonesian(client, sop_newsroom):
    agency = sop_newsroom.kominfo
    item = agency.draft("Rapat koordinasi banjir")
    with time_machine.travel(MONDAY_0900, tick=False):
        agency.submit(item)

    with time_machine.travel(MONDAY_0900 + datetime.timedelta(minutes=8), tick=False):
        html = get_html(
            client, agency.approver(1), reverse("wagtailadmin_pages:edit", args=(item.pk,))
        )
        dashboard = get_html(client, agency.editor, reverse("wagtailadmin_home"))
        moderator_dashboard = get_html(client, agency.approver(1), reverse("wagtailadmin_home"))

    assert_speaks_indonesian(
        html,
        ["Dalam moderasi", "Dikirim ke", "Lihat riwayat lengkap"],
        ["In Moderation", "Sent to", "See full history", "minutes ago"],
    )
    # Wagtail's naturaltime: "8 minutes ago", with a non-breaking space.
    assert re.search(r"8\s+menit yang lalu", html)
    assert_speaks_indonesian(
        dashboard,
        ["Halaman dan snippet Anda dalam alur kerja"],
        ["Your pages and snippets in a workflow"],
    )
    # Official writing capitalises the polite "you", which Wagtail's own catalogue does not.
    assert_speaks_indonesian(
        moderator_dashboard,
        ["Menunggu tinjauan Anda"],
        ["Awaiting your review", "Menunggu tinjauan anda"],
    )


def js_catalog(client):
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S)
    return json.loads(found.group(1))


def test_the_admin_scripts_speak_indonesian(client):
    catalog = js_catalog(client)

    assert catalog["Collapse all"] == "Ciutkan semua"
    assert catalog["Expand all"] == "Bentangkan semua"
    assert catalog["Toggle sidebar"] == "Buka/tutup bilah samping"
    assert catalog["Autosave in progress…"] == "Menyimpan otomatis…"
    assert catalog["%(num)s error"] == ["%(num)s kesalahan"]
    # Wagtail's own id_ID translations are still served beside the project's.
    assert catalog["Dashboard"] == "Dasbor"
