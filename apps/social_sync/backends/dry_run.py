"""The demo's network: accepts everything and posts nothing.

The delivery row keeps the text, link and image that would have gone out, so the ledger shows
the whole flow (`make run`) without credentials or a connection.
"""

import logging
import uuid

from .base import Post, RemotePost, SocialBackend

logger = logging.getLogger(__name__)


class DryRunBackend(SocialBackend):
    can_find = True

    def post(self, post: Post) -> RemotePost:
        logger.info("dry run for %s: %s", self.account, post.text)
        return RemotePost(id=f"uji-{uuid.uuid4().hex[:12]}")

    def delete(self, remote_id):
        logger.info("dry run for %s: delete %s", self.account, remote_id)

    def find(self, post: Post):
        return None  # nothing was ever sent, so posting again duplicates nothing
