"""The demo loader: a whole newsroom once, and never again over what people changed."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from apps.demo.people import DEMO_PASSWORD
from apps.news.models import NewsPage
from apps.social_sync.models import Delivery, SocialAccount
from apps.sop_audit.models import Sop

pytestmark = pytest.mark.django_db


def inventory():
    return {
        "pages": Page.objects.count(),
        "news": NewsPage.objects.count(),
        "users": get_user_model().objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "sites": Site.objects.count(),
    }


def test_demo_loads_two_agencies_once_and_keeps_later_edits(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", "--no-index", verbosity=0)

    assert sorted(Site.objects.values_list("hostname", flat=True)) == [
        "dpkpp.localhost",
        "localhost",
    ]
    for site in Site.objects.all():
        live = NewsPage.objects.live().descendant_of(site.root_page)
        assert live.count() >= 12
        sop = Sop.objects.get(site=site)
        index = site.root_page.get_children().get(slug="berita")
        assert index.get_workflow() == sop.workflow
    counts = inventory()

    edited = NewsPage.objects.live().first()
    edited.title = "Judul yang diubah editor"
    edited.save_revision().publish()
    call_command("load_demo", "--no-index", verbosity=0)

    assert inventory() == counts  # nothing created twice
    assert counts["images"] > 0
    edited.refresh_from_db()
    assert edited.title == "Judul yang diubah editor"


def test_demo_seats_the_supervisors_and_gives_dry_run_accounts(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", "--no-index", verbosity=0)

    for username, hostname in (("kadis.kominfo", "localhost"), ("kadis.dpkpp", "dpkpp.localhost")):
        kadis = get_user_model().objects.get(username=username)
        assert kadis.check_password(DEMO_PASSWORD)
        sop = Sop.objects.get(site__hostname=hostname)
        assert kadis.groups.filter(pk=sop.supervisor_group_id).exists()
    accounts = SocialAccount.objects.order_by("site__hostname", "name")
    assert accounts.count() == 8
    assert set(accounts.values_list("network", flat=True)) == {"dry_run"}
    assert {a.site.hostname for a in accounts} == {"localhost", "dpkpp.localhost"}
    # The demo's old news was published before the accounts existed: nothing was owed.
    assert not Delivery.objects.exists()


def test_demo_refuses_the_production_settings(settings):
    from django.core.management.base import CommandError

    settings.SETTINGS_MODULE = "config.settings.production"
    with pytest.raises(CommandError):
        call_command("load_demo", verbosity=0)
