"""An Instagram professional account through the Graph API's content publishing.

Three steps: create a container (``POST /{ig-user-id}/media``), wait until its status is
FINISHED, publish it (``POST /{ig-user-id}/media_publish``). The container id is remembered on
the delivery before waiting, so an attempt cut short can be picked up again: a container whose
status is PUBLISHED proves the post went out, which makes Instagram safe to reconcile.
"""

import time

from django.conf import settings
from django.utils.translation import gettext as _

from apps.news.captions import INSTAGRAM_NEEDS_IMAGE

from . import graph
from .base import PermanentError, Post, RemotePost, SocialBackend, TransientError


class InstagramBackend(SocialBackend):
    can_find = True
    # The Graph API offers no deletion of published Instagram media.
    can_delete = False

    @property
    def user_id(self):
        return self.credentials["ig_user_id"]

    @property
    def token(self):
        return self.credentials["access_token"]

    def post(self, post: Post) -> RemotePost:
        if post.image is None:
            raise PermanentError(str(INSTAGRAM_NEEDS_IMAGE))
        container = post.state.get("container_id")
        status = self.container_status(container) if container else None
        if status == "PUBLISHED":
            return self._published(post.state)
        if status in (None, "EXPIRED", "ERROR"):
            container = self.create_container(post)
            status = "IN_PROGRESS"
        status = self.wait_until_finished(container, status)
        try:
            body = graph.call(
                "POST",
                f"{self.user_id}/media_publish",
                token=self.token,
                data={"creation_id": container},
            )
        except graph.ContainerExpired:
            post.remember({})
            raise
        state = {**post.state, "container_id": container, "media_id": body["id"]}
        post.remember(state)
        return self._published(state)

    def create_container(self, post):
        body = graph.call(
            "POST",
            f"{self.user_id}/media",
            token=self.token,
            data={"image_url": post.image.url, "caption": post.text},
        )
        post.state = {"container_id": body["id"]}
        post.remember(post.state)
        return body["id"]

    def container_status(self, container):
        body = graph.call("GET", container, token=self.token, params={"fields": "status_code"})
        return body.get("status_code")

    def wait_until_finished(self, container, status):
        polls, interval = settings.SOCIAL_SYNC_INSTAGRAM_POLL
        for _poll in range(polls):
            if status == "FINISHED":
                return container
            if status in ("ERROR", "EXPIRED"):
                raise TransientError(
                    _("Instagram gagal memproses gambar; dicoba lagi nanti."),
                    detail=f"container {container}: {status}",
                )
            time.sleep(interval)
            status = self.container_status(container)
        if status == "FINISHED":
            return container
        # Still processing: the container is remembered, the next attempt resumes with it.
        raise TransientError(
            _("Instagram masih memproses gambar; dicoba lagi nanti."), retry_after=interval * 10
        )

    def _published(self, state):
        media_id = state.get("media_id") or state["container_id"]
        url = ""
        if state.get("media_id"):
            try:
                body = graph.call("GET", media_id, token=self.token, params={"fields": "permalink"})
                url = body.get("permalink", "")
            except (TransientError, PermanentError):
                pass  # the post is out; only its link is missing from the ledger
        return RemotePost(id=media_id, url=url)

    def find(self, post: Post):
        container = post.state.get("container_id")
        if not container:
            return None  # no container was ever made: nothing can have been published
        if self.container_status(container) == "PUBLISHED":
            return self._published(post.state)
        return None

    def delete(self, remote_id):
        raise PermanentError(_("Instagram tidak mengizinkan penghapusan unggahan lewat API."))
