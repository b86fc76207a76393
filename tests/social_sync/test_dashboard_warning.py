"""The dashboard tells an agency's people about failed deliveries and paused accounts, and
says nothing when all is well."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.social_sync.models import Delivery, SocialAccount

from .admin_people import make_user
from .conftest import TELEGRAM_API, telegram_error

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("wagtailadmin_home")
HEADING = "Media sosial perlu perhatian"


@pytest.fixture
def editor_a(kominfo):
    return make_user("editor.kominfo", agency=kominfo)


def pause(agency, name="@kominfobekasi"):
    return SocialAccount.objects.create(
        site=agency.site,
        network="telegram",
        name=name,
        credentials_env="SOCIAL_UJI_TG",
        paused=True,
        paused_reason="Token bot Telegram ditolak (HTTP 401).",
    )


def test_nothing_is_shown_when_all_is_well(client, editor_a, kominfo, publish):
    SocialAccount.objects.create(site=kominfo.site, network="dry_run", name="Uji coba X")
    publish(kominfo, "Terkirim dengan baik")
    client.force_login(editor_a)
    assert HEADING not in client.get(DASHBOARD).content.decode()


def test_a_paused_account_of_the_agency_is_shown(client, editor_a, kominfo, dpkpp):
    pause(kominfo)
    client.force_login(editor_a)

    html = client.get(DASHBOARD).content.decode()

    assert HEADING in html
    assert "@kominfobekasi" in html
    assert "Token bot Telegram ditolak (HTTP 401)." in html


def test_another_agencys_trouble_is_not_shown(client, kominfo, dpkpp):
    pause(kominfo)
    client.force_login(make_user("editor.dpkpp", agency=dpkpp))
    assert HEADING not in client.get(DASHBOARD).content.decode()


def test_failed_deliveries_of_the_last_week_link_to_the_ledger(
    client, editor_a, kominfo, publish, social_account, fake
):
    social_account("telegram")
    fake.post(
        f"{TELEGRAM_API}/sendMessage",
        json=telegram_error(400, "Bad Request: chat not found"),
        status=400,
    )
    publish(kominfo, "Kanal salah")
    publish(kominfo, "Kanal salah lama")
    Delivery.objects.filter(page_title="Kanal salah lama").update(
        created_at=datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=8)
    )
    client.force_login(editor_a)

    html = client.get(DASHBOARD).content.decode()

    assert "1 kiriman media sosial dalam 7 hari terakhir gagal atau perlu diperiksa." in html
    assert "Kanal salah" in html and "Kanal salah lama" not in html
    ledger = reverse("social_sync_delivery_modeladmin_index")
    assert f'href="{ledger}?status__in=failed%2Cneeds_attention"' in html
    listed = client.get(f"{ledger}?status__in=failed%2Cneeds_attention").content.decode()
    assert "Kanal salah" in listed


def test_people_without_the_ledger_permissions_see_no_warning(client, kominfo):
    pause(kominfo)
    client.force_login(make_user("penulis", agency=kominfo, codenames=()))
    assert HEADING not in client.get(DASHBOARD).content.decode()


def test_the_warning_costs_the_same_queries_for_one_problem_or_many(client, editor_a, kominfo):
    from apps.social_sync.panels import SocialWarningPanel

    pause(kominfo, "Satu")

    def queries():
        user = type(editor_a).objects.get(pk=editor_a.pk)
        with CaptureQueriesContext(connection) as captured:
            panel = SocialWarningPanel.for_user(user)
            panel.render_html({})
        return len(captured)

    few = queries()
    for number in range(5):
        pause(kominfo, f"Akun {number}")
    assert queries() == few
