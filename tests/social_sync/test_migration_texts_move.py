"""Migration social_sync 0003: the captions, hashtags and image an editor had set on an item's
"Media sosial" page become the item's own fields, in its row and in the revision the editor's
next edit starts from; going back puts them where they were."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.news.models import NewsPage
from tests.conftest import make_image

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("social_sync", "0002_delivery_retracting")
AFTER = ("social_sync", "0003_texts_move_to_the_news_item")


def migrate(target):
    """Migrate to `target`; return the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps


@pytest.fixture
def back_to_latest():
    """Whatever the test migrates to, the database ends at the latest migrations."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_texts_move_to_the_item_and_its_latest_revision_and_back(back_to_latest, kominfo):
    # The items are made with today's models, before going back to 0002.
    item = kominfo.publish_news("Posyandu keliling di Bekasi Utara")
    photo = make_image("Posyandu")
    draft = kominfo.publish_news("Vaksinasi anak sekolah", publish=False)
    draft.social_caption_x = "Teks X yang sudah ditulis di berita"
    draft.save_revision()
    at_0002 = migrate(BEFORE)
    old_settings = at_0002.get_model("social_sync", "PageSocialSettings")
    old_settings.objects.create(
        page_id=item.pk,
        caption_x="Posyandu keliling hadir pekan ini",
        caption_telegram="Jadwal posyandu keliling",
        hashtags="#KotaBekasi #Posyandu",
        image_id=photo.pk,
    )
    old_settings.objects.create(page_id=draft.pk, caption_x="Teks lama dari pengaturan")

    migrate(AFTER)

    item = NewsPage.objects.get(pk=item.pk)
    assert item.social_caption_x == "Posyandu keliling hadir pekan ini"
    assert item.social_caption_telegram == "Jadwal posyandu keliling"
    assert item.social_caption_facebook == ""
    assert item.social_hashtags == "#KotaBekasi #Posyandu"
    assert item.social_image_id == photo.pk
    # The editor's next edit starts from the latest revision: the texts are there too.
    latest = item.get_latest_revision_as_object()
    assert latest.social_caption_x == "Posyandu keliling hadir pekan ini"
    assert latest.social_image_id == photo.pk
    # A text the item already has wins over the old setting.
    draft = NewsPage.objects.get(pk=draft.pk)
    assert draft.get_latest_revision_as_object().social_caption_x == (
        "Teks X yang sudah ditulis di berita"
    )

    old_apps = migrate(BEFORE)

    restored = old_apps.get_model("social_sync", "PageSocialSettings").objects.get(page_id=item.pk)
    assert restored.caption_x == "Posyandu keliling hadir pekan ini"
    assert restored.caption_telegram == "Jadwal posyandu keliling"
    assert restored.hashtags == "#KotaBekasi #Posyandu"
    assert restored.image_id == photo.pk
