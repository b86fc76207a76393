"""Signals between Warta's apps, so that neither side imports the other.

``publication_settled``: every social media post that one publication of a page owes has an
outcome (sent, failed, retracted, or waiting for a person), or it owed none. Sent by
the social_sync app, possibly more than once for one publication (a retried post settles it
again); the sop_audit app ends an SOP step that includes the posting (SOP B's last step) at the
first. Arguments: ``page_id``, ``publication`` (the id of the revision that went live) and
``settled_at``.
"""

from django.dispatch import Signal

publication_settled = Signal()
