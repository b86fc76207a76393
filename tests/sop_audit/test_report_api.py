"""Who may read the SOP records: the API (/api/v2/sop-records/) and the admin report, per agency.

The public sees nothing; an agency's staff see their agency's records and never another's,
whatever they put in the URL; bad parameters answer 400 with the reason.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from apps.sop_audit.access import sites_for_user
from apps.sop_audit.models import SopGroup

from .records_factory import AGENCY_B, SOP_B, make_record, make_sop_a, make_staff, wib

pytestmark = pytest.mark.django_db

API = "/api/v2/sop-records/"


@pytest.fixture
def records(kominfo, dpkpp):
    for day in (2, 3, 4):
        make_record(kominfo.site, finished=wib(2026, 3, day), seconds=300, page_title="Kominfo")
    make_record(kominfo.site, finished=None, seconds=None, page_title="Kominfo berjalan")
    for day in (2, 10):
        make_record(
            dpkpp.site,
            finished=wib(2026, 3, day),
            seconds=3000,
            agency=AGENCY_B,
            sop_name=SOP_B,
            actor="admin.dpkpp",
            page_title="Rahasia DPKPP",
            page_id=9000 + day,
        )


def get(client, status=200, **params):
    response = client.get(API, params)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def titles(data):
    return sorted({item["page_title"] for item in data["items"]})


def test_the_public_gets_no_records(client, records):
    response = client.get(API)
    assert response.status_code in (401, 403)
    assert "Kominfo" not in response.content.decode()


def test_an_account_without_admin_access_gets_no_records(client, records):
    user = get_user_model().objects.create_user(username="warga", password="x")
    client.force_login(user)
    get(client, status=403)


def test_staff_see_their_own_agencys_finished_records_only(client, kominfo, dpkpp, records):
    client.force_login(make_staff(kominfo, "editor.kominfo"))
    data = get(client)
    assert data["meta"]["total_count"] == 3
    assert titles(data) == ["Kominfo"]
    item = data["items"][0]
    assert item["site"] == "localhost"
    assert item["working_seconds"] == 300
    assert item["baseline_seconds"] == 600
    assert item["on_time"] is True
    assert item["finished_at"] == "2026-03-02T09:00:00+07:00"

    client.force_login(make_staff(dpkpp, "editor.dpkpp"))
    assert titles(get(client)) == ["Rahasia DPKPP"]


def test_asking_for_another_agencys_site_is_refused_like_an_unknown_one(client, kominfo, records):
    client.force_login(make_staff(kominfo, "editor.kominfo"))
    other = get(client, status=400, site="dpkpp.localhost")
    unknown = get(client, status=400, site="tidak-ada.localhost")
    assert "tidak dikenal" in other["message"]
    assert other["message"].replace("dpkpp.localhost", "X") == unknown["message"].replace(
        "tidak-ada.localhost", "X"
    )


def test_superuser_sees_every_agency_and_filters_by_site_and_period(client, records):
    admin = get_user_model().objects.create_superuser(username="admin", password="x")
    client.force_login(admin)
    assert get(client)["meta"]["total_count"] == 5
    assert titles(get(client, site="dpkpp.localhost")) == ["Rahasia DPKPP"]
    march_first_week = get(client, date_from="2026-03-02", date_to="2026-03-08")
    assert march_first_week["meta"]["total_count"] == 4


def test_limit_and_offset_page_through_in_finish_order(client, kominfo, records):
    client.force_login(make_staff(kominfo, "editor.kominfo"))
    first = get(client, limit="2")
    second = get(client, limit="2", offset="2")
    assert [item["finished_at"][:10] for item in first["items"]] == ["2026-03-02", "2026-03-03"]
    assert [item["finished_at"][:10] for item in second["items"]] == ["2026-03-04"]
    assert second["meta"] == {"total_count": 3, "limit": 2, "offset": 2}


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"date_from": "2026-13-01"}, "date_from harus berformat TTTT-BB-HH"),
        ({"date_from": "2026-03-10", "date_to": "2026-03-01"}, "date_from sesudah date_to"),
        ({"limit": "banyak"}, "limit harus bilangan bulat"),
        ({"limit": "-1"}, "limit harus bilangan bulat"),
        ({"limit": "100000"}, "limit paling besar 500"),
        ({"offset": "99999999999999999999"}, "offset paling besar"),
        ({"kategori": "x"}, "parameter tidak dikenal: kategori"),
    ],
)
def test_bad_parameters_answer_400_with_the_reason(client, kominfo, records, params, reason):
    client.force_login(make_staff(kominfo, "editor.kominfo"))
    assert reason in get(client, status=400, **params)["message"]


def test_sop_actor_group_gives_access_to_its_agency_only(kominfo, dpkpp):
    sop = make_sop_a(kominfo.site)
    group = Group.objects.create(name="Pelaksana — Diskominfostandi")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    SopGroup.objects.create(sop=sop, key="pelaksana", name="Pelaksana", group=group)
    user = get_user_model().objects.create_user(username="pelaksana", password="x")
    user.groups.add(group)

    assert list(sites_for_user(user)) == [kominfo.site]


# The admin report ----------------------------------------------------------------------------


def test_report_menu_and_page_need_an_agency(client, kominfo, records):
    lonely = get_user_model().objects.create_user(username="tanpa.instansi", password="x")
    lonely.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(lonely)
    # Wagtail answers a refused admin view with its dashboard and a "no permission" message.
    refused = client.get(reverse("sop_reports:index"))
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    assert "Laporan SOP" not in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(make_staff(kominfo, "editor.kominfo"))
    assert "Laporan SOP" in client.get(reverse("wagtailadmin_home")).content.decode()
    page = client.get(reverse("sop_reports:index"), {"dari": "2026-03-01", "sampai": "2026-03-31"})
    assert page.status_code == 200
    assert "Rahasia DPKPP" not in page.content.decode()


def test_report_refuses_another_agencys_site_in_its_filter(client, kominfo, dpkpp, records):
    client.force_login(make_staff(kominfo, "editor.kominfo"))
    page = client.get(reverse("sop_reports:index"), {"site": dpkpp.site.pk})
    assert page.status_code == 200
    assert "Rahasia DPKPP" not in page.content.decode()
    assert page.context["form"].errors["site"]
    download = client.get(
        reverse("sop_reports:download", args=["catatan", "csv"]), {"site": dpkpp.site.pk}
    )
    assert download.status_code == 400


def test_another_agencys_item_record_is_not_found(client, kominfo, records):
    client.force_login(make_staff(kominfo, "editor.kominfo"))
    assert client.get(reverse("sop_reports:item", args=[9002])).status_code == 404
    assert client.get(reverse("sop_reports:item_pdf", args=[9002])).status_code == 404
