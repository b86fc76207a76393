"""The content hash an approval binds to (apps/sop_audit/content.py): the same for the same
content however it was saved or read back, different for any change a reader could see."""

import copy
import datetime
import json
from zoneinfo import ZoneInfo

import pytest

from apps.sop_audit.content import content_hash

pytestmark = pytest.mark.django_db

BODY = [
    {"type": "paragraph", "value": "<p>Paragraf pertama.</p>", "id": "a1"},
    {"type": "paragraph", "value": "<p>Paragraf kedua.</p>", "id": "b2"},
]
CONTENT = {
    "pk": 7,
    "path": "000100020001",
    "live": False,
    "latest_revision": 3,
    "has_unpublished_changes": True,
    "title": "Peresmian taman kota",
    "draft_title": "Peresmian taman kota",
    "slug": "peresmian-taman-kota",
    "date": "2026-11-23T02:00:00.123Z",
    "go_live_at": None,
    "summary": "Ringkasan.",
    "body": json.dumps(BODY),
    "hero_image": 4,
    "social_caption_x": "Teks X.",
    "categories": [2, 5],
    "tagged_items": [{"pk": 1, "tag": 3, "content_object": 7}],
    "wagtail_admin_comments": [],
}


def changed(**fields):
    content = copy.deepcopy(CONTENT)
    content.update(fields)
    return content


def test_bookkeeping_and_review_comments_are_not_content():
    same = changed(
        pk=7,
        latest_revision=9,
        live=True,
        has_unpublished_changes=False,
        draft_title="Judul draf lain",
        wagtail_admin_comments=[{"pk": 1, "text": "Judulnya sudah tepat?"}],
    )
    assert content_hash(same) == content_hash(CONTENT)


@pytest.mark.parametrize(
    "same",
    [
        # The same instant in local time, or to the microsecond before the JSON field kept
        # milliseconds.
        {"date": "2026-11-23T09:00:00.123+07:00"},
        {"date": datetime.datetime(2026, 11, 23, 9, 0, 0, 123456, tzinfo=ZoneInfo("Asia/Jakarta"))},
        # Keys of a block in another order (PostgreSQL's jsonb), or no spaces in the JSON text.
        {"body": json.dumps([dict(reversed(list(block.items()))) for block in BODY])},
        {"body": json.dumps(BODY, separators=(",", ":"))},
        # Many-to-many ids and tag links as the database happens to return them.
        {"categories": [5, 2]},
        {"tagged_items": [{"pk": 8, "tag": 3, "content_object": 7}]},
    ],
)
def test_the_same_content_read_another_way_has_the_same_hash(same):
    assert content_hash(changed(**same)) == content_hash(CONTENT)


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Peresmian taman kota baru"},
        {"slug": "taman-kota"},
        {"summary": "Ringkasan lain."},
        {"body": json.dumps(list(reversed(BODY)))},  # the paragraphs swapped
        {"body": json.dumps([BODY[0]])},
        {"hero_image": 5},
        {"social_caption_x": "Teks X lain."},
        {"categories": [2]},
        {"tagged_items": [{"pk": 1, "tag": 4, "content_object": 7}]},
        {"go_live_at": "2026-11-24T01:00:00Z"},
        {"date": "2026-11-23T02:00:01.123Z"},
    ],
)
def test_any_change_a_reader_could_see_changes_the_hash(change):
    assert content_hash(changed(**change)) != content_hash(CONTENT)
