"""Images and documents that SOP news relies on are not replaced, edited or deleted in place.

Security audit, issue 13 item 2: whoever could edit an image or document could swap the file of
a live item (or of an item the SOP's officials were reviewing) and the public site would serve
it at once, with no SOP step. Each attack below is made through the admin views, as the role
that would try it. A refusal must say why and what to do, and leave the file, its data and what
readers get (the news page, the API, the document download) as they were.
"""

import datetime
import hashlib
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from tests.conftest import jpeg_bytes

from .conftest import current_task_state, fresh

pytestmark = pytest.mark.django_db

ORIGINAL_SIZE = (800, 450)  # each of its renditions is wider than the replacement
REPLACEMENT_SIZE = (300, 300)
PDF = b"%PDF-1.4\n%% Surat edaran asli\ntrailer<</Root 1 0 R>>\n%%EOF\n"
OTHER_PDF = b"%PDF-1.4\n%% Surat edaran palsu\ntrailer<</Root 1 0 R>>\n%%EOF\n"
WHAT_TO_DO = "Unggah gambar baru lalu pilih di berita; perubahan berita itu melalui SOP."
WHAT_TO_DO_DOCUMENT = "Unggah dokumen baru lalu pilih di berita; perubahan berita itu melalui SOP."


@pytest.fixture(autouse=True)
def _as_in_production(settings, tmp_path):
    # Readers must see what is stored now, not a copy cached before the attempt.
    settings.WARTA_PAGE_CACHE_SECONDS = 0
    # Uploads on disk: Wagtail's edit pages look for the file there and, not finding it
    # (the test settings keep files in memory), offer to delete the image.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path


def media_permissions(*actions):
    return [
        Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in actions
    ]


@pytest.fixture
def newsroom(sop_newsroom):
    """The SOP newsroom with the demo's media rights (apps/demo/roles.py create_groups).

    Each agency has a collection; its editor uploads there (add, choose) and its SOP officials
    may change and choose what is in it.
    """
    root = Collection.get_first_root_node()
    for agency in (sop_newsroom.kominfo, sop_newsroom.dpkpp):
        agency.collection = root.add_child(name=agency.site.site_name)
        moderators = Group.objects.create(name=f"Moderator {agency.key}")
        for official in agency.officials.values():
            official.groups.add(moderators)
        rights = (
            (agency.editor.groups.get(), ("add", "choose")),
            (moderators, ("change", "choose")),
        )
        for group, actions in rights:
            for permission in media_permissions(*actions):
                GroupCollectionPermission.objects.create(
                    group=group, collection=agency.collection, permission=permission
                )
    return sop_newsroom


@pytest.fixture
def kominfo(newsroom):
    return newsroom.kominfo


# The admin, as each person uses it ---------------------------------------------------------------


class MediaAdmin:
    def __init__(self, client):
        self.client = client

    def login(self, user):
        self.client.force_login(user)

    def upload_image(self, user, title, size=ORIGINAL_SIZE):
        self.login(user)
        upload = SimpleUploadedFile(f"{title.lower().replace(' ', '-')}.jpg", jpeg_bytes(size))
        response = self.client.post(reverse("wagtailimages:add"), {"title": title, "file": upload})
        assert response.status_code == 302, response.context["form"].errors
        return get_image_model().objects.get(title=title)

    def upload_document(self, user, title, content=PDF):
        self.login(user)
        upload = SimpleUploadedFile(f"{title.lower().replace(' ', '-')}.pdf", content)
        response = self.client.post(reverse("wagtaildocs:add"), {"title": title, "file": upload})
        assert response.status_code == 302, response.context["form"].errors
        return get_document_model().objects.get(title=title)

    def edit_image(self, user, image, **changes):
        """`user` saves the image's edit page with `changes` (file=<bytes> for a new file)."""
        self.login(user)
        data = {
            "title": image.title,
            "description": image.description,
            "credit": image.credit,
            "collection": image.collection_id,
            "tags": "",
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
        }
        if "file" in changes:
            changes["file"] = SimpleUploadedFile("pengganti.jpg", changes["file"])
        data.update(changes)
        return self.client.post(reverse("wagtailimages:edit", args=(image.pk,)), data)

    def edit_image_in_uploader(self, user, image, **changes):
        """`user` saves the image's form in the multiple uploader (Wagtail's "Update")."""
        self.login(user)
        fields = {"title": image.title, "description": image.description, "credit": image.credit}
        fields.update(changes)
        data = {f"image-{image.pk}-{name}": value for name, value in fields.items()}
        data[f"image-{image.pk}-tags"] = ""
        return self.client.post(reverse("wagtailimages:edit_multiple", args=(image.pk,)), data)

    def edit_document(self, user, document, **changes):
        self.login(user)
        data = {"title": document.title, "collection": document.collection_id, "tags": ""}
        if "file" in changes:
            changes["file"] = SimpleUploadedFile("pengganti.pdf", changes["file"])
        data.update(changes)
        return self.client.post(reverse("wagtaildocs:edit", args=(document.pk,)), data)

    def delete_image(self, user, image):
        self.login(user)
        return self.client.post(reverse("wagtailimages:delete", args=(image.pk,)))

    def bulk_delete_images(self, user, *images):
        self.login(user)
        url = reverse("wagtail_bulk_action", args=("core", "wartaimage", "delete"))
        query = "&".join(f"id={image.pk}" for image in images)
        confirmation = self.client.get(f"{url}?{query}")
        response = self.client.post(f"{url}?{query}")
        return confirmation, response


@pytest.fixture
def media_admin(client):
    return MediaAdmin(client)


# What is stored and what readers get -------------------------------------------------------------


def image_snapshot(image):
    image = get_image_model().objects.get(pk=image.pk)
    with image.open_file() as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    return {
        "title": image.title,
        "description": image.description,
        "credit": image.credit,
        "file": image.file.name,
        "sha256": digest,
        "size": (image.width, image.height),
        "focal_point": (image.focal_point_x, image.focal_point_y),
    }


def document_snapshot(document):
    document = get_document_model().objects.get(pk=document.pk)
    with document.open_file() as handle:
        content = handle.read()
    return {"title": document.title, "file": document.file.name, "content": content}


def image_in_api(client, agency, image):
    response = client.get(f"/api/v2/images/{image.pk}/", HTTP_HOST=agency.site.hostname)
    assert response.status_code == 200
    data = response.json()
    return data["title"], data["width"], data["height"]


def news_page_html(client, agency, page):
    response = client.get(fresh(page).url, HTTP_HOST=agency.site.hostname)
    assert response.status_code == 200
    return response.content.decode()


def renditions_are_of_original(image):
    """No rendition was made from the refused file: one that small cannot give any this wide."""
    renditions = get_image_model().objects.get(pk=image.pk).renditions.all()
    return all(rendition.width > REPLACEMENT_SIZE[0] for rendition in renditions)


def refusal(response):
    """The form came back with one message for the whole form, shown on the page."""
    assert response.status_code == 200, "the form was expected back with the refusal"
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1, response.context["form"].errors
    assert escape(errors[0]) in response.content.decode()
    return errors[0]


def uploader_refusal(response):
    """The multiple uploader's answer: not saved, its form back with the message."""
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    return data["form"]


def png_bytes(size):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


# News moving through the SOP ---------------------------------------------------------------------


def live_item(agency, title, **fields):
    """A news item that went live the only way it can: through every step of its SOP."""
    fields.setdefault("hero_alt", f"Foto {title}")
    return agency.publish_through_sop(agency.draft(title, **fields))


def save_draft(page, user, **changes):
    """A new revision of `page` with `changes`, as the page editor's "Save draft" makes it."""
    draft = fresh(page).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision(user=user)
    return fresh(page)


# Attacks: each refused, nothing changes ----------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"file": jpeg_bytes(REPLACEMENT_SIZE, colour=(200, 0, 0))}, id="berkas-baru"),
        pytest.param({"title": "Foto pengganti"}, id="judul"),
        pytest.param({"credit": "Fotografer lain"}, id="kredit"),
        pytest.param({"description": "Teks alternatif lain"}, id="teks-alternatif"),
        pytest.param({"tags": "banjir"}, id="tag"),
        pytest.param(
            {
                "focal_point_x": "100",
                "focal_point_y": "100",
                "focal_point_width": "50",
                "focal_point_height": "50",
            },
            id="titik-fokus",
        ),
    ],
)
def test_uploader_cannot_change_the_hero_image_of_live_sop_news(
    client, kominfo, media_admin, changes
):
    hero = media_admin.upload_image(kominfo.editor, "Foto banjir Bekasi Utara")
    page = live_item(kominfo, "Banjir surut di Bekasi Utara", hero_image=hero)
    html_before = news_page_html(client, kominfo, page)
    api_before = image_in_api(client, kominfo, hero)
    stored = image_snapshot(hero)

    response = media_admin.edit_image(kominfo.editor, hero, **changes)

    message = refusal(response)
    assert "“Banjir surut di Bekasi Utara” (sudah tayang)" in message
    assert WHAT_TO_DO in message
    assert image_snapshot(hero) == stored
    assert image_in_api(client, kominfo, hero) == api_before
    assert news_page_html(client, kominfo, page) == html_before
    assert renditions_are_of_original(hero)


def test_refused_edit_page_shows_the_image_as_stored(kominfo, media_admin):
    hero = media_admin.upload_image(kominfo.editor, "Foto rapat paripurna")
    live_item(kominfo, "Rapat paripurna APBD", hero_image=hero)

    response = media_admin.edit_image(
        kominfo.editor, hero, title="Judul baru", file=png_bytes(REPLACEMENT_SIZE)
    )

    refusal(response)
    # Its header, preview and sizes are the stored image's; only the form keeps what was typed.
    assert response.context["image"].title == "Foto rapat paripurna"
    assert (response.context["image"].width, response.context["image"].height) == ORIGINAL_SIZE
    assert renditions_are_of_original(hero)


def test_official_with_change_rights_cannot_replace_it_either(client, kominfo, media_admin):
    hero = media_admin.upload_image(kominfo.editor, "Foto pelantikan")
    live_item(kominfo, "Pelantikan pejabat", hero_image=hero)
    stored = image_snapshot(hero)

    response = media_admin.edit_image(
        kominfo.user("kasi.lkip"), hero, file=jpeg_bytes(REPLACEMENT_SIZE)
    )

    assert "“Pelantikan pejabat” (sudah tayang)" in refusal(response)
    assert image_snapshot(hero) == stored


def test_sop_b_moderator_cannot_replace_the_social_image_of_live_news(newsroom, media_admin):
    dpkpp = newsroom.dpkpp
    picture = media_admin.upload_image(dpkpp.editor, "Foto rumah layak huni")
    live_item(dpkpp, "Bedah rumah di Jatiasih", social_image=picture)
    stored = image_snapshot(picture)

    response = media_admin.edit_image(
        dpkpp.user("admin.dpkpp"), picture, file=jpeg_bytes(REPLACEMENT_SIZE)
    )

    assert "“Bedah rumah di Jatiasih” (sudah tayang)" in refusal(response)
    assert image_snapshot(picture) == stored


def test_uploader_cannot_change_a_body_image_through_the_multiple_uploader(
    client, kominfo, media_admin
):
    picture = media_admin.upload_image(kominfo.editor, "Foto galeri pasar")
    other = media_admin.upload_image(kominfo.editor, "Foto galeri pasar 2")
    gallery = {"title": "Pasar", "images": [{"image": picture}, {"image": other}]}
    body = [("paragraph", "<p>Revitalisasi pasar.</p>"), ("gallery", gallery)]
    live_item(kominfo, "Revitalisasi pasar baru", body=body)
    stored = image_snapshot(picture)

    response = media_admin.edit_image_in_uploader(
        kominfo.editor, picture, title="Foto lain", credit="Orang lain"
    )

    form = uploader_refusal(response)
    assert escape("“Revitalisasi pasar baru” (sudah tayang)") in form
    assert escape(WHAT_TO_DO) in form
    assert image_snapshot(picture) == stored
    assert image_in_api(client, kominfo, picture)[0] == "Foto galeri pasar"


@pytest.mark.parametrize("where", ["blok-dokumen", "tautan-teks"])
def test_uploader_cannot_replace_a_document_of_live_news(client, kominfo, media_admin, where):
    document = media_admin.upload_document(kominfo.editor, "Surat edaran banjir")
    if where == "blok-dokumen":
        body = [("document", {"document": document, "title": "Surat edaran"})]
    else:
        link = f'<p>Baca <a linktype="document" id="{document.pk}">surat edaran</a>.</p>'
        body = [("paragraph", link)]
    live_item(kominfo, "Surat edaran tanggap banjir", body=body)
    stored = document_snapshot(document)

    response = media_admin.edit_document(
        kominfo.editor, document, file=OTHER_PDF, title="Surat edaran (revisi)"
    )

    message = refusal(response)
    assert "“Surat edaran tanggap banjir” (sudah tayang)" in message
    assert WHAT_TO_DO_DOCUMENT in message
    assert document_snapshot(document) == stored
    download = client.get(document.url, HTTP_HOST=kominfo.site.hostname)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    api = client.get(f"/api/v2/documents/{document.pk}/", HTTP_HOST=kominfo.site.hostname)
    assert api.json()["title"] == "Surat edaran banjir"


def test_image_only_in_the_draft_under_review_is_protected_until_the_review_is_cancelled(
    kominfo, media_admin
):
    hero = media_admin.upload_image(kominfo.editor, "Foto lama")
    page = live_item(kominfo, "Jalan tol dibuka", hero_image=hero)
    newer = media_admin.upload_image(kominfo.editor, "Foto peresmian")
    # The live item's new draft adds `newer` to the body: only the revision has it.
    body = [("paragraph", "<p>Diresmikan.</p>"), ("image", {"image": newer, "caption": ""})]
    page = save_draft(page, kominfo.editor, body=body, title="Jalan tol diresmikan")
    kominfo.submit(page)
    assert current_task_state(page).task.specific.number == 1
    stored = image_snapshot(newer)

    response = media_admin.edit_image(kominfo.editor, newer, file=jpeg_bytes(REPLACEMENT_SIZE))

    assert "“Jalan tol diresmikan” (sedang dalam SOP)" in refusal(response)
    assert image_snapshot(newer) == stored
    response = media_admin.edit_image(kominfo.editor, hero, title="Foto lain")
    assert "“Jalan tol dibuka” (sudah tayang dan sedang dalam SOP)" in refusal(response)

    # Cancelled, the draft is just a draft again, and its new image is free.
    fresh(page).current_workflow_state.cancel(user=kominfo.editor)
    response = media_admin.edit_image(kominfo.editor, newer, file=jpeg_bytes(REPLACEMENT_SIZE))
    assert response.status_code == 302
    assert image_snapshot(newer)["size"] == REPLACEMENT_SIZE


def test_saving_a_used_image_unchanged_is_not_refused(kominfo, media_admin):
    hero = media_admin.upload_image(kominfo.editor, "Foto apel pagi")
    live_item(kominfo, "Apel pagi ASN", hero_image=hero)
    stored = image_snapshot(hero)

    response = media_admin.edit_image(kominfo.editor, hero)

    assert response.status_code == 302
    assert image_snapshot(hero) == stored


def test_image_of_news_sent_back_to_its_author_is_protected(kominfo, media_admin):
    hero = media_admin.upload_image(kominfo.editor, "Foto posyandu")
    page = kominfo.draft("Posyandu keliling", hero_image=hero, hero_alt="Posyandu")
    kominfo.submit(page)
    state = current_task_state(page)
    state.task.specific.on_action(
        state, kominfo.approver(1), "reject", comment="Sumber foto belum ditulis."
    )
    assert fresh(page).current_workflow_state.status == "needs_changes"
    stored = image_snapshot(hero)

    response = media_admin.edit_image(kominfo.editor, hero, file=jpeg_bytes(REPLACEMENT_SIZE))

    assert "“Posyandu keliling” (sedang dalam SOP)" in refusal(response)
    assert image_snapshot(hero) == stored


def test_image_of_news_approved_for_a_later_publication_is_protected(kominfo, media_admin):
    hero = media_admin.upload_image(kominfo.editor, "Foto HUT kota")
    go_live_at = timezone.now() + datetime.timedelta(days=2)
    page = kominfo.draft("HUT Kota Bekasi", hero_image=hero, hero_alt="HUT", go_live_at=go_live_at)
    page = kominfo.publish_through_sop(page)
    assert not page.live  # approved by every step, waiting for its time
    stored = image_snapshot(hero)

    response = media_admin.edit_image(kominfo.editor, hero, file=jpeg_bytes(REPLACEMENT_SIZE))

    assert "“HUT Kota Bekasi” (disetujui, menunggu jadwal tayang)" in refusal(response)
    assert image_snapshot(hero) == stored


def test_image_added_at_publication_is_protected_before_the_worker_indexes_it(
    settings, kominfo, media_admin
):
    first = media_admin.upload_image(kominfo.editor, "Foto rancangan")
    page = kominfo.draft("Taman kota baru", hero_image=first, hero_alt="Taman")
    final = media_admin.upload_image(kominfo.editor, "Foto taman jadi")
    # From here on, background tasks wait for a worker that has not run yet.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    page = save_draft(page, kominfo.editor, hero_image=final)
    kominfo.publish_through_sop(page)

    response = media_admin.edit_image(kominfo.editor, final, file=jpeg_bytes(REPLACEMENT_SIZE))

    assert "“Taman kota baru” (sudah tayang)" in refusal(response)


def test_used_image_cannot_be_deleted_one_by_one_from_the_uploader_or_in_bulk(kominfo, media_admin):
    hero = media_admin.upload_image(kominfo.editor, "Foto pemadam")
    live_item(kominfo, "Kebakaran di Bantargebang", hero_image=hero)
    images = get_image_model().objects
    delete_url = reverse("wagtailimages:delete", args=(hero.pk,))

    media_admin.login(kominfo.editor)
    edit_page = media_admin.client.get(reverse("wagtailimages:edit", args=(hero.pk,)))
    assert edit_page.status_code == 200
    assert delete_url not in edit_page.content.decode()  # no "Hapus" to fail afterwards

    response = media_admin.delete_image(kominfo.editor, hero)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert images.filter(pk=hero.pk).exists()

    # The multiple uploader's "Hapus" posts in the background.
    response = media_admin.client.post(
        reverse("wagtailimages:delete_multiple", args=(hero.pk,)),
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 403
    assert images.filter(pk=hero.pk).exists()

    confirmation, response = media_admin.bulk_delete_images(kominfo.editor, hero)
    assert [entry["item"] for entry in confirmation.context["items_with_no_access"]] == [hero]
    assert confirmation.context["items"] == []
    assert response.status_code == 302
    assert images.filter(pk=hero.pk).exists()


def test_used_document_cannot_be_deleted(kominfo, media_admin):
    document = media_admin.upload_document(kominfo.editor, "Jadwal vaksinasi")
    live_item(kominfo, "Vaksinasi massal", body=[("document", {"document": document})])

    media_admin.login(kominfo.editor)
    edit_page = media_admin.client.get(reverse("wagtaildocs:edit", args=(document.pk,)))
    response = media_admin.client.post(reverse("wagtaildocs:delete", args=(document.pk,)))

    delete_url = reverse("wagtaildocs:delete", args=(document.pk,))
    assert delete_url not in edit_page.content.decode()
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert get_document_model().objects.filter(pk=document.pk).exists()


# What stays free ---------------------------------------------------------------------------------


def test_unused_image_stays_editable_and_deletable_by_its_uploader(kominfo, media_admin):
    picture = media_admin.upload_image(kominfo.editor, "Foto cadangan")

    media_admin.login(kominfo.editor)
    edit_page = media_admin.client.get(reverse("wagtailimages:edit", args=(picture.pk,)))
    assert reverse("wagtailimages:delete", args=(picture.pk,)) in edit_page.content.decode()
    response = media_admin.edit_image(
        kominfo.editor, picture, title="Foto cadangan 2", file=jpeg_bytes(REPLACEMENT_SIZE)
    )
    assert response.status_code == 302
    assert image_snapshot(picture)["title"] == "Foto cadangan 2"
    assert image_snapshot(picture)["size"] == REPLACEMENT_SIZE

    assert media_admin.delete_image(kominfo.editor, picture).url == reverse("wagtailimages:index")
    assert not get_image_model().objects.filter(pk=picture.pk).exists()


def test_image_of_a_plain_draft_stays_editable_and_deletable(kominfo, media_admin):
    hero = media_admin.upload_image(kominfo.editor, "Foto rancangan berita")
    document = media_admin.upload_document(kominfo.editor, "Lampiran rancangan")
    body = [("document", {"document": document})]
    kominfo.draft("Rancangan berita", hero_image=hero, hero_alt="Rancangan", body=body)

    response = media_admin.edit_image(kominfo.editor, hero, file=jpeg_bytes(REPLACEMENT_SIZE))
    assert response.status_code == 302
    assert image_snapshot(hero)["size"] == REPLACEMENT_SIZE
    response = media_admin.edit_document(kominfo.editor, document, file=OTHER_PDF)
    assert response.status_code == 302
    assert document_snapshot(document)["content"] == OTHER_PDF

    media_admin.delete_image(kominfo.editor, hero)
    assert not get_image_model().objects.filter(pk=hero.pk).exists()


def test_operator_can_replace_and_delete_a_used_image(client, newsroom, kominfo, media_admin):
    hero = media_admin.upload_image(kominfo.editor, "Foto keliru")
    page = live_item(kominfo, "Berita dengan foto keliru", hero_image=hero)

    response = media_admin.edit_image(
        newsroom.operator, hero, file=jpeg_bytes(REPLACEMENT_SIZE), credit="Humas"
    )

    assert response.status_code == 302
    # Readers get the new file at once: what the rule keeps editors from doing.
    assert image_in_api(client, kominfo, hero)[1:] == REPLACEMENT_SIZE
    assert "Foto: Humas" in news_page_html(client, kominfo, page)
    media_admin.login(newsroom.operator)
    edit_page = media_admin.client.get(reverse("wagtailimages:edit", args=(hero.pk,)))
    assert reverse("wagtailimages:delete", args=(hero.pk,)) in edit_page.content.decode()
    media_admin.delete_image(newsroom.operator, hero)
    assert not get_image_model().objects.filter(pk=hero.pk).exists()


# Cost ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["grid", "list"])
def test_image_listing_costs_the_same_whatever_the_number_of_images(
    kominfo, media_admin, django_assert_max_num_queries, layout
):
    url = f"{reverse('wagtailimages:index')}?layout={layout}"

    def add_images(count, start):
        pictures = [
            media_admin.upload_image(kominfo.editor, f"Foto daftar {n}")
            for n in range(start, start + count)
        ]
        live_item(kominfo, f"Berita daftar {start}", hero_image=pictures[0])
        return pictures

    def listing():
        media_admin.login(kominfo.editor)
        response = media_admin.client.get(url)
        assert response.status_code == 200
        return response

    add_images(2, 0)
    listing()  # renditions of the thumbnails are made once
    with CaptureQueriesContext(connection) as few:
        listing()
    budget = len(few)  # read now: the next request empties the connection's query log

    add_images(14, 2)
    listing()
    with django_assert_max_num_queries(budget):
        response = listing()
    assert len(response.context["images"]) == 16
