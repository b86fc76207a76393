"""The "Langkah saya" dashboard panel: a moderator's open steps with their time left, coloured
by status; an SOP's supervisor also sees the agency's late steps."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .test_reminders import MONDAY_1000, open_step

pytestmark = pytest.mark.django_db

HOURS = datetime.timedelta(hours=1)


def panel(client, user, at):
    client.force_login(user)
    with time_machine.travel(at, tick=False):
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'id="sop-my-steps-section".*?</section>', html, re.DOTALL)
    return " ".join(match.group(0).split()) if match else None


def row_of(html, title):
    match = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{re.escape(title)}.*?</tr>", html, re.DOTALL)
    return match.group(0) if match else None


def test_a_moderator_sees_their_open_step_coloured_by_status(client, sop_newsroom):
    kominfo = sop_newsroom.kominfo
    record = open_step(kominfo, 2, MONDAY_1000, title="Rapat koordinasi")

    on_time = panel(client, kominfo.approver(2), MONDAY_1000 + datetime.timedelta(minutes=5))
    at_risk = panel(client, kominfo.approver(2), MONDAY_1000 + datetime.timedelta(minutes=25))
    late = panel(client, kominfo.approver(2), MONDAY_1000 + datetime.timedelta(minutes=40))

    row = row_of(on_time, "Rapat koordinasi")
    assert "Langkah saya" in on_time
    assert reverse("wagtailadmin_pages:edit", args=[record.page_id]) in row
    assert "Langkah 2" in row
    assert "Sen 23 Nov, 10:30 WIB" in row
    assert "sisa 25 menit" in row
    assert "sop-step-status--on_time" in row and "tepat waktu" in row
    row = row_of(at_risk, "Rapat koordinasi")
    assert "sisa 5 menit" in row
    assert "sop-step-status--at_risk" in row and "mendekati batas" in row
    row = row_of(late, "Rapat koordinasi")
    assert "terlambat 10 menit" in row
    assert "sop-step-status--late" in row


def test_steps_of_other_groups_and_other_agencies_are_not_listed(client, sop_newsroom):
    open_step(sop_newsroom.kominfo, 3, MONDAY_1000, title="Langkah pelaksana")
    open_step(sop_newsroom.dpkpp, 2, MONDAY_1000, title="Berita DPKPP")
    open_step(sop_newsroom.kominfo, 2, MONDAY_1000, title="Langkah kasi")

    html = panel(client, sop_newsroom.kominfo.approver(2), MONDAY_1000)

    assert "Langkah kasi" in html
    assert "Langkah pelaksana" not in html
    assert "Berita DPKPP" not in html


def test_someone_outside_any_sop_gets_no_panel(client, sop_newsroom):
    open_step(sop_newsroom.kominfo, 2, MONDAY_1000)

    assert panel(client, sop_newsroom.outsider, MONDAY_1000) is None


def test_a_moderator_with_nothing_waiting_is_told_so(client, sop_newsroom):
    html = panel(client, sop_newsroom.kominfo.approver(1), MONDAY_1000)

    assert "Tidak ada langkah SOP yang menunggu Anda." in html


def test_the_supervisor_sees_the_agency_late_steps(client, sop_newsroom):
    dpkpp = sop_newsroom.dpkpp
    # Step 2 (2 hours) from Monday 10:00 is due 12:00; step 4 (30 minutes) from 13:00 is not.
    open_step(dpkpp, 2, MONDAY_1000, title="Penyerahan sertifikat")
    open_step(dpkpp, 4, MONDAY_1000 + datetime.timedelta(hours=3), title="Unggah medsos")
    open_step(sop_newsroom.kominfo, 2, MONDAY_1000, title="Terlambat di Diskominfostandi")

    html = panel(client, dpkpp.user("kadis.dpkpp"), MONDAY_1000 + datetime.timedelta(hours=3))

    late_section = html[html.index("Langkah terlambat di instansi Anda") :]
    row = row_of(late_section, "Penyerahan sertifikat")
    assert "terlambat 1 jam" in row
    assert "sop-step-status--late" in row
    assert "Admin/User" in row  # who the step waits on
    assert "Unggah medsos" not in late_section
    assert "Terlambat di Diskominfostandi" not in html


def test_a_moderator_who_is_not_supervisor_sees_no_late_section(client, sop_newsroom):
    open_step(sop_newsroom.dpkpp, 3, MONDAY_1000, title="Penyaringan")

    html = panel(client, sop_newsroom.dpkpp.user("sekretaris.dpkpp"), MONDAY_1000 + 5 * HOURS)

    assert "Penyaringan" in html  # their own step, late
    assert "Langkah terlambat di instansi Anda" not in html


def test_titles_are_escaped(client, sop_newsroom):
    open_step(sop_newsroom.kominfo, 2, MONDAY_1000, title="<script>alert(1)</script> & co")

    html = panel(client, sop_newsroom.kominfo.approver(2), MONDAY_1000)

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_the_panel_does_not_query_per_row(client, sop_newsroom):
    kominfo = sop_newsroom.kominfo
    kasi = kominfo.approver(2)
    open_step(kominfo, 2, MONDAY_1000, title="Berita 0")

    def count():
        client.force_login(kasi)
        with (
            time_machine.travel(MONDAY_1000, tick=False),
            CaptureQueriesContext(connection) as queries,
        ):
            client.get(reverse("wagtailadmin_home"))
        return len([query for query in queries if "sop_audit" in query["sql"]])

    one = count()
    for number in range(1, 6):
        open_step(kominfo, 2, MONDAY_1000, title=f"Berita {number}")
    six = count()

    assert six == one
