"""The demo's images and documents, generated and stored as Wagtail images and documents.

Files reach the storage as soon as they are saved, while the rows that point to them are
only committed with the loader's transaction. `MediaFiles` remembers every file it stored
so that `discard()` can delete them when that transaction rolls back: a failed load must
not leave orphans in MEDIA_ROOT.
"""

import hashlib

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from . import documents, images


def stable_seed(*parts):
    """The same seed for the same parts on every run, hence the same picture."""
    return int.from_bytes(hashlib.sha1("/".join(parts).encode()).digest()[:4], "big")


class MediaFiles:
    def __init__(self):
        self.saved = []  # (storage, name) of every file stored by this run

    def discard(self):
        """Delete the files this run stored; for when its transaction was rolled back."""
        for storage, name in self.saved:
            storage.delete(name)
        self.saved.clear()

    def save_image(self, *, title, filename, data, collection, user, credit, description, size):
        image = get_image_model()(
            title=title[:255],
            collection=collection,
            uploaded_by_user=user,
            credit=credit,
            description=description[:255],
            file_size=len(data),
            file_hash=hashlib.sha1(data).hexdigest(),
        )
        image.file.save(filename, ContentFile(data), save=False)
        image.width, image.height = size  # known: no need to read the file back
        self.saved.append((image.file.storage, image.file.name))
        image.save()
        return image

    def logo(self, agency, *, collection, user):
        return self.save_image(
            title=f"Logo {agency.settings['short_name']}",
            filename=f"logo-{agency.key}.png",
            data=images.render_logo(initials=agency.initials, palette=agency.palette),
            collection=collection,
            user=user,
            credit="",
            description=f"Logo {agency.site_name}",
            size=(512, 512),
        )

    def news_picture(self, agency, item, picture, number, *, collection, user):
        """The `number`th picture of a news item, drawn in its agency's colours."""
        data = images.render_scene(
            picture.scene,
            seed=stable_seed(agency.key, item.slug, str(number)),
            palette=agency.palette,
            caption=picture.caption,
            label=agency.label,
        )
        return self.save_image(
            title=picture.caption,
            filename=f"{item.slug[:70]}-{number}.jpg",
            data=data,
            collection=collection,
            user=user,
            credit=agency.credit,
            description=picture.alt,
            size=(images.WIDTH, images.HEIGHT),
        )

    def save_document(self, key, *, collection, user, year, created):
        """The attachment `key` (a key of documents.RECIPES) as a Wagtail document."""
        rendered = documents.render_document(key, year=year, created=created)
        document = get_document_model()(
            title=rendered.title,
            collection=collection,
            uploaded_by_user=user,
            file_size=len(rendered.data),
            file_hash=hashlib.sha1(rendered.data).hexdigest(),
        )
        document.file.save(rendered.filename, ContentFile(rendered.data), save=False)
        self.saved.append((document.file.storage, document.file.name))
        document.save()
        return document
