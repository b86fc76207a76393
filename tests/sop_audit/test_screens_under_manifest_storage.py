"""The screens the SOP's integrity rule adds or changes, under production's static storage.

Development serves static files by name; production serves them through a manifest of hashed
names, and a template asking for a file the manifest lacks is a 500 there only. Each screen is
rendered as the person who uses it, with the static files collected the way a release does.
"""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test.utils import override_settings
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission

from tests.conftest import make_image

from .test_sop_end_to_end import approve_steps, submit

pytestmark = pytest.mark.django_db

MANIFEST = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    storages = {**django_settings.STORAGES, "staticfiles": MANIFEST}
    with override_settings(STATIC_ROOT=str(root), STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


@pytest.fixture
def production_static(settings, collected_static):
    settings.STATIC_ROOT = str(collected_static)
    settings.STORAGES = {**settings.STORAGES, "staticfiles": MANIFEST}
    settings.DEBUG = False


def test_the_integrity_screens_render_with_hashed_static_files(
    production_static, sop_newsroom, sop_admin
):
    agency = sop_newsroom.kominfo
    page = submit(sop_admin, agency, "Layar di bawah penyimpanan produksi")
    approve_steps(sop_admin, agency, page, {1, 2})
    client = sop_admin.client
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])

    # The Pelaksana's editor, told his step does not edit; his save sends the item back.
    sop_admin.login(agency.user("pelaksana.kominfo"))
    response = client.get(edit)
    assert response.status_code == 200
    assert "tidak mengubah isi berita" in response.content.decode()
    assert (
        sop_admin.edit(agency.user("pelaksana.kominfo"), page, summary="Diubah.").status_code == 302
    )

    # The Kabid's editor, with the link to what changed, and the comparison itself.
    sop_admin.login(agency.user("kabid.pip"))
    response = client.get(edit)
    assert response.status_code == 200
    assert "Lihat perubahannya" in response.content.decode()

    # The operator's editor (emergency in the menu), the emergency form, its refusal, the
    # report with the publication listed, and the SOP with its editing step marked.
    sop_admin.login(sop_newsroom.operator)
    assert "Terbitkan darurat (di luar SOP)" in client.get(edit).content.decode()
    emergency = reverse("sop_audit:emergency_publish", args=[page.pk])
    assert client.get(emergency).status_code == 200
    assert client.post(emergency, {"reason": ""}).status_code == 200
    assert client.post(emergency, {"reason": "Uji layar."}).status_code == 302
    report = client.get(reverse("sop_reports:index"))
    assert report.status_code == 200
    assert "Uji layar." in report.content.decode()
    dpkpp_sop = reverse("sop_audit:detail", args=[sop_newsroom.dpkpp.sop.pk])
    assert "Boleh menyunting isi" in client.get(dpkpp_sop).content.decode()

    # The editor refused a change to a photo that live news uses (he uploaded it: the
    # demo's editors may add images to their agency's collection).
    root = Collection.get_first_root_node()
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=["add_image", "choose_image"]
    ):
        GroupCollectionPermission.objects.create(
            group=agency.editor.groups.get(), collection=root, permission=permission
        )
    photo = make_image("Foto tayang")
    photo.uploaded_by_user = agency.editor
    photo.save()
    live = agency.draft("Berita bergambar", hero_image=photo, hero_alt="Foto")
    agency.publish_through_sop(live)
    sop_admin.login(agency.editor)
    response = client.post(
        reverse("wagtailimages:edit", args=[photo.pk]),
        {"title": "Judul lain", "collection": photo.collection_id, "tags": ""},
    )
    assert response.status_code == 200
    assert "Gambar ini dipakai oleh berita" in response.content.decode()
