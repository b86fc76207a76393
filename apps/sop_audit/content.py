"""What an SOP step approves: an item's content, fingerprinted.

A step approves a revision, and the same text may sit in several revisions (a save without
changes, a comment added, a submission of the draft as it was). So an approval is bound to a
content hash: SHA-256 of the revision's content as canonical JSON, without what Wagtail keeps
for its own bookkeeping (tree position, publication state, locks, owner...) and without the
review comments, which are not published. Everything an editor can change is in it: title,
slug, go-live and expiry times, every field of the news item, the social media captions, the
chosen images and documents (by id), categories and tags.

Datetimes are compared as instants: a revision saved from the editor holds them in local time,
one saved from code in UTC. Stream fields (JSON text) are compared as data.
"""

import datetime
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.dateparse import parse_datetime

# Keys of Page.serializable_data() that record where and how the item is kept, not what it says.
BOOKKEEPING_KEYS = frozenset(
    {
        "pk",
        "id",
        "page_ptr",
        "path",
        "depth",
        "numchild",
        "translation_key",
        "locale",
        "latest_revision",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "draft_title",
        "content_type",
        "url_path",
        "owner",
        "latest_revision_created_at",
        "alias_of",
        "wagtail_admin_comments",
        "comments",
    }
)
# Keys of a child object (a tag link, an inline item) that only tie it to its parent.
CHILD_BOOKKEEPING_KEYS = frozenset({"pk", "id", "content_object", "page", "sort_order"})


def _normalised(value):
    if isinstance(value, str) and value[:1] in ("[", "{"):
        # A stream field is serialised as JSON text, whose key order depends on the database
        # it was read from (PostgreSQL's jsonb reorders keys): compared as data.
        # Taken as it is otherwise: the order of its blocks is content.
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in " T":
        moment = parse_datetime(value)
        if moment is not None and moment.tzinfo is not None:
            return moment.astimezone(datetime.UTC).isoformat()
    if isinstance(value, list):
        items = [_normalised(item) for item in value]
        # Child objects and many-to-many ids: the order the database returns them in is not
        # part of the content. (A stream field is serialised as one string, see above.)
        if items and all(isinstance(item, dict) for item in items):
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
        if items and all(isinstance(item, int) for item in items):
            return sorted(items)
        return items
    if isinstance(value, dict):
        return {
            key: _normalised(item)
            for key, item in value.items()
            if key not in CHILD_BOOKKEEPING_KEYS
        }
    return value


def content_of(data):
    """The part of a serialised item (a revision's ``content``) that a step approves.

    Taken as the database keeps it: a revision just saved still holds Python values (a
    datetime to the microsecond) that its JSON field stores as text (to the millisecond).
    """
    stored = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return {key: _normalised(value) for key, value in stored.items() if key not in BOOKKEEPING_KEYS}


def content_hash(data):
    """The fingerprint of serialised item `data` (a revision's ``content``)."""
    canonical = json.dumps(
        content_of(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def revision_hash(revision):
    return content_hash(revision.content)
