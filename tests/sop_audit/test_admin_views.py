"""The SOP in the admin: the inbox and the editor show the running step, its due time and the
time left; each agency reads its own SOPs and prints them as the signed form."""

import datetime
import io
import re
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission

from apps.news.models import NewsPage
from apps.sop_audit.models import Sop

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
MONDAY_1420 = datetime.datetime(2026, 11, 23, 14, 20, tzinfo=JAKARTA)


def member(username, sop, actor_key):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@demo.warta.test", password="x", first_name=username.title()
    )
    user.groups.add(sop.actor_groups.get(key=actor_key).group)
    return user


@pytest.fixture
def sops(kominfo, dpkpp):
    """The two agencies of tests/conftest.py following SOP A and SOP B, one member each."""
    call_command("load_sop", "sop-a", "--site", kominfo.host, stdout=io.StringIO())
    call_command("load_sop", "sop-b", "--site", dpkpp.host, stdout=io.StringIO())
    sop_a = Sop.objects.get(site=kominfo.site)
    sop_b = Sop.objects.get(site=dpkpp.site)
    return SimpleNamespace(
        sop_a=sop_a,
        sop_b=sop_b,
        kominfo_index=kominfo.index,
        dpkpp_index=dpkpp.index,
        kabid=member("kabid", sop_a, "kepala-bidang-pip"),
        admin_dpkpp=member("admindpkpp", sop_b, "admin"),
    )


@pytest.fixture
def in_moderation(sops):
    """A news item of Diskominfostandi submitted at 14:20: step 1 is due at 14:30."""
    editor = get_user_model().objects.create_user("editor", "editor@demo.warta.test", "x")
    page = sops.kominfo_index.add_child(
        instance=NewsPage(title="Rapat koordinasi", slug="rapat", summary="Ringkas.", live=False)
    )
    page.save_revision(user=editor)
    with time_machine.travel(MONDAY_1420, tick=False):
        sops.sop_a.workflow.start(page, editor)
    return page


# The inbox and the editor ----------------------------------------------------------------------


def test_inbox_shows_the_step_its_due_time_and_the_time_left(client, sops, in_moderation):
    client.force_login(sops.kabid)

    with time_machine.travel(MONDAY_1420 + datetime.timedelta(minutes=8), tick=False):
        response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    html = response.content.decode()
    panel = html[html.index('id="awaiting-review-section"') :]
    assert "Rapat koordinasi" in panel
    assert "Langkah SOP" in panel
    assert "Tenggat" in panel
    assert "Sisa waktu" in panel
    assert "Langkah 1 dari 3" in panel
    assert "Senin, 23 November 2026 14:30 WIB" in panel
    assert "sisa 2 menit" in panel


def test_inbox_marks_a_late_step(client, sops, in_moderation):
    client.force_login(sops.kabid)

    with time_machine.travel(MONDAY_1420 + datetime.timedelta(minutes=15), tick=False):
        html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "terlambat 5 menit" in html
    assert "sop-late" in html


def test_inbox_reads_each_sop_step_count_once_however_many_items(client, sops, in_moderation):
    editor = get_user_model().objects.get(username="editor")
    for number in range(3):
        page = sops.kominfo_index.add_child(
            instance=NewsPage(
                title=f"Berita {number}", slug=f"b-{number}", summary="R.", live=False
            )
        )
        page.save_revision(user=editor)
        sops.sop_a.workflow.start(page, editor)
    client.force_login(sops.kabid)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert html.count("Langkah 1 dari 3") == 4
    step_counts = [
        query["sql"]
        for query in queries.captured_queries
        if "COUNT(" in query["sql"] and "sop_audit_sopsteptask" in query["sql"]
    ]
    assert len(step_counts) == 1


def test_editor_header_shows_the_running_step(client, sops, in_moderation):
    client.force_login(sops.kabid)

    with time_machine.travel(MONDAY_1420 + datetime.timedelta(minutes=15), tick=False):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[in_moderation.pk]))

    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "Langkah 1 dari 3:</strong>" in html
    assert "a. Menerima dan mendisposisi bahan berita" in html
    assert "tenggat Senin, 23 November 2026 14:30 WIB" in html
    assert "terlambat 5 menit" in html
    assert "sop-status--late" in html


def test_editor_header_is_quiet_outside_moderation(client, sops):
    client.force_login(sops.kabid)
    page = sops.kominfo_index.add_child(
        instance=NewsPage(title="Draf", slug="draf", summary="Ringkas.", live=False)
    )

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert response.status_code == 200
    assert 'class="sop-status' not in response.content.decode()


# Reading the SOPs ------------------------------------------------------------------------------


def test_a_member_sees_the_sop_of_their_agency_only(client, sops):
    client.force_login(sops.kabid)

    response = client.get(reverse("sop_audit:index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("sop_audit:detail", args=[sops.sop_a.pk]) in html
    assert reverse("sop_audit:detail", args=[sops.sop_b.pk]) not in html
    assert "Dinas Komunikasi, Informatika, Statistik dan Persandian" in html
    assert "Dinas Perumahan" not in html
    for name in ("detail", "print"):
        assert client.get(reverse(f"sop_audit:{name}", args=[sops.sop_a.pk])).status_code == 200
        assert client.get(reverse(f"sop_audit:{name}", args=[sops.sop_b.pk])).status_code == 404


def test_the_other_agency_sees_its_own(client, sops):
    client.force_login(sops.admin_dpkpp)

    html = client.get(reverse("sop_audit:index")).content.decode()

    assert reverse("sop_audit:detail", args=[sops.sop_b.pk]) in html
    assert reverse("sop_audit:detail", args=[sops.sop_a.pk]) not in html


def test_a_superuser_sees_every_sop(client, sops):
    client.force_login(get_user_model().objects.create_superuser("operator", "op@x.test", "x"))

    html = client.get(reverse("sop_audit:index")).content.decode()

    assert reverse("sop_audit:detail", args=[sops.sop_a.pk]) in html
    assert reverse("sop_audit:detail", args=[sops.sop_b.pk]) in html


@pytest.mark.parametrize("name", ["index", "detail", "print"])
def test_anonymous_visitors_are_sent_to_the_login(client, sops, name):
    args = [] if name == "index" else [sops.sop_a.pk]

    response = client.get(reverse(f"sop_audit:{name}", args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_admin_access_without_an_agency_shows_no_sop_and_no_menu_item(client, sops):
    user = get_user_model().objects.create_user("tamu", "tamu@x.test", "x")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(user)

    listing = client.get(reverse("sop_audit:index")).content.decode()
    assert reverse("sop_audit:detail", args=[sops.sop_a.pk]) not in listing
    assert "Belum ada SOP untuk instansi Anda" in listing
    assert client.get(reverse("sop_audit:detail", args=[sops.sop_a.pk])).status_code == 404
    assert (
        reverse("sop_audit:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_the_menu_offers_sop_to_a_member(client, sops):
    client.force_login(sops.kabid)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("sop_audit:index") in html


def test_detail_lists_steps_with_actors_baselines_and_checks(client, sops):
    client.force_login(sops.admin_dpkpp)

    response = client.get(reverse("sop_audit:detail", args=[sops.sop_b.pk]))

    html = " ".join(response.content.decode().split())
    assert "Pengelolaan Website dan Medsos" in html
    assert "Tanggal Efektif" in html
    assert "Januari 2026" in html
    assert "Membuat dan melaporkan data informasi" in html
    for baseline in ("1 hari", "2 jam", "30 menit"):
        assert baseline in html
    for actor in (
        "Kepala Bidang",
        "Admin/User",
        "Kepala Dinas",
        "Sekretaris",
        "Kasubag Tata Usaha",
    ):
        assert f"<strong>{actor}</strong>" in html
    assert "Admindpkpp" in html  # the member of Admin/User
    assert "Sebelum pengajuan (di luar alur kerja)" in html
    assert "Prinsip empat mata" in html
    assert reverse("sop_audit:print", args=[sops.sop_b.pk]) in html


# The printed form ------------------------------------------------------------------------------


def actor_headers(html):
    return [
        re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r'<th class="actor">(.*?)</th>', html)
    ]


def test_print_reproduces_the_signed_form_of_sop_a(client, sops):
    client.force_login(sops.kabid)

    response = client.get(reverse("sop_audit:print", args=[sops.sop_a.pk]))

    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "@media print" in html
    assert "size: A4 landscape" in html
    assert "w-sidebar" not in html  # no admin chrome
    for label in (
        "Nomor SOP",
        "Tanggal Pembuatan",
        "Tanggal Revisi",
        "Tanggal Pengesahan",
        "Disahkan oleh",
        "Nama SOP",
        "Dasar Hukum",
        "Kualifikasi Pelaksana",
        "Keterkaitan",
        "Peralatan/Perlengkapan",
        "Peringatan",
        "Pencatatan dan Pendataan",
        "Uraian Prosedur",
        "Mutu Baku",
        "Kelengkapan",
        "Waktu",
        "Output",
        "Ket.",
    ):
        assert label in html, label
    assert "ENCU HERMANA RADHMAN" in html
    assert "Pemerintah Kota Bekasi" in html
    for step in sops.sop_a.current_steps():
        assert step.full_name in html
    for baseline in ("10 menit", "30 menit", "5 menit"):
        assert f'<td class="time">{baseline}</td>' in html
    assert actor_headers(html) == [
        "Kepala Bidang Pengelolaan Informasi Publik",
        "Kepala Seksi Layanan Komunikasi dan Informasi Publik",
        "Pelaksana",
    ]
    # One marker per step, in its actor's column.
    rows = re.findall(r"<tr> <td class=\"no\">(\d+)</td>(.*?)</tr>", html)
    marked = [
        [
            i
            for i, cell in enumerate(re.findall(r'<td class="actor">(.*?)</td>', row))
            if "marker" in cell
        ]
        for _, row in rows
    ]
    assert marked == [[0], [1], [2]]


def test_print_of_sop_b_merges_actors_who_act_together(client, sops):
    client.force_login(sops.admin_dpkpp)

    html = client.get(reverse("sop_audit:print", args=[sops.sop_b.pk])).content.decode()
    html = " ".join(html.split())

    assert actor_headers(html) == [
        "Kepala Bidang",
        "Admin/User",
        "Kepala Dinas/Sekretaris/Kasubag Tata Usaha",
    ]
    assert "Tanggal Efektif" in html
    assert "Tanggal Pengesahan" not in html
    assert "SEKRETARIS DINAS" in html.upper()
    for step in sops.sop_b.current_steps():
        assert step.full_name in html


def test_an_official_whose_page_rights_were_withdrawn_still_sees_the_sop_and_its_report(
    client, sops
):
    """One rule for the SOP list and the report (apps/sop_audit/access.py): an actor of the SOP
    counts in its agency even without page permissions."""
    kominfo_sop = sops.sop_a
    official = member("kasi.tanpa.hak", kominfo_sop, "kepala-seksi-lkip")
    GroupPagePermission.objects.filter(group__user=official).delete()
    client.force_login(official)

    listing = client.get(reverse("sop_audit:index"))
    assert kominfo_sop.name in listing.content.decode()
    assert client.get(reverse("sop_audit:detail", args=[kominfo_sop.pk])).status_code == 200
    assert client.get(reverse("sop_reports:index")).status_code == 200
