"""Uploads through the real Wagtail admin: what an editor may put on the site, and what not.

The admin runs in Indonesian, so each refusal is asserted by its Indonesian message; a
refused upload must leave nothing behind.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert("xss")</script><rect width="10" height="10"/></svg>'
)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def picture(fmt, size=(64, 48), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, 1 if mode == "1" else (200, 40, 40)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktur", "redaktur@example.com", "x")
    client.force_login(user)
    return client


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def add_image(client, collection, name, content):
    upload = SimpleUploadedFile(name, content)
    data = {"title": name, "file": upload, "collection": collection.pk}
    return client.post(reverse("wagtailimages:add"), data)


def add_document(client, collection, name, content):
    upload = SimpleUploadedFile(name, content)
    data = {"title": name, "file": upload, "collection": collection.pk}
    return client.post(reverse("wagtaildocs:add"), data)


def file_error(response):
    """The form's message on the file field, as the editor reads it."""
    assert response.status_code == 200, "the form was expected back with its errors"
    errors = response.context["form"].errors
    assert list(errors) == ["file"], errors
    page = response.content.decode()
    assert all(escape(message) in page for message in errors["file"])
    return " ".join(errors["file"])


@pytest.mark.parametrize(
    "name, fmt",
    [("foto.jpg", "JPEG"), ("foto.jpeg", "JPEG"), ("foto.png", "PNG"), ("foto.webp", "WEBP")],
)
def test_editor_can_upload_jpeg_png_and_webp(editor, root_collection, name, fmt):
    content = picture(fmt)
    response = add_image(editor, root_collection, name, content)
    assert response.status_code == 302, response.context and response.context["form"].errors
    image = get_image_model().objects.get()
    assert (image.title, image.width, image.height) == (name, 64, 48)
    assert image.file.read() == content


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("logo.svg", SVG, "Format gambar tidak didukung"),
        ("foto.jpg", b"ini bukan gambar, hanya teks\n" * 20, "Unggah gambar yang valid"),
        ("foto.jpg", picture("PNG"), "Bukan gambar .jpeg yang sah"),
        ("foto.gif.exe", picture("GIF"), "Format gambar tidak didukung"),
    ],
    ids=["svg", "text-named-jpg", "png-named-jpg", "exe"],
)
def test_image_upload_refuses_what_is_not_an_allowed_image(
    editor, root_collection, name, content, message
):
    response = add_image(editor, root_collection, name, content)
    assert message in file_error(response)
    assert not get_image_model().objects.exists()


def test_image_with_too_many_pixels_is_refused(editor, root_collection, settings):
    # 8000 x 8000 = 64 million pixels, past the 40 million allowed, in a few kilobytes.
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    bomb = picture("PNG", size=(8000, 8000), mode="1")
    assert len(bomb) < 50_000
    response = add_image(editor, root_collection, "bom.png", bomb)
    assert "terlalu banyak piksel" in file_error(response)
    assert not get_image_model().objects.exists()


def test_image_over_the_byte_limit_is_refused(editor, root_collection, settings):
    content = picture("PNG", size=(200, 200))
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = len(content) - 1
    response = add_image(editor, root_collection, "besar.png", content)
    assert "Berkas terlalu besar" in file_error(response)
    assert not get_image_model().objects.exists()
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = len(content)
    assert add_image(editor, root_collection, "pas.png", content).status_code == 302


def test_document_pdf_is_accepted(editor, root_collection):
    response = add_document(editor, root_collection, "laporan.pdf", PDF)
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert (document.title, document.file_extension) == ("laporan.pdf", "pdf")


@pytest.mark.parametrize(
    "name, content",
    [
        ("pemasang.exe", b"MZ\x90\x00" + b"\x00" * 60),
        ("halaman.html", b"<html><script>alert(1)</script></html>"),
        ("logo.svg", SVG),
    ],
)
def test_document_with_a_disallowed_extension_is_refused(editor, root_collection, name, content):
    response = add_document(editor, root_collection, name, content)
    extension = name.rsplit(".", 1)[1]
    message = file_error(response)
    assert "tidak diizinkan" in message and extension in message
    assert not get_document_model().objects.exists()


def add_multiple(client, collection, name, content):
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": upload, "collection": collection.pk}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_multiple_upload_refuses_svg_with_a_json_error(editor, root_collection):
    data = add_multiple(editor, root_collection, "logo.svg", SVG)
    assert data["success"] is False
    assert "Format gambar tidak didukung" in data["error_message"]
    assert not get_image_model().objects.exists()
    accepted = add_multiple(editor, root_collection, "foto.jpg", picture("JPEG"))
    assert accepted["success"] is True
    assert get_image_model().objects.get().pk == accepted["image_id"]
