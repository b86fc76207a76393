"""A Facebook Page through the Graph API (plain requests, version pinned in settings).

With an image: ``POST /{page-id}/photos`` (a public image URL and the caption); without:
``POST /{page-id}/feed`` (message and link). The message always carries the item's URL, which
is how ``find`` recognises the post among the Page's published posts.
"""

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from . import graph
from .base import FIND_MAX_PAGES, Post, RemotePost, SocialBackend, TransientError


class FacebookBackend(SocialBackend):
    can_find = True

    @property
    def page_id(self):
        return self.credentials["page_id"]

    @property
    def token(self):
        return self.credentials["access_token"]

    def post(self, post: Post) -> RemotePost:
        if post.image is not None:
            body = graph.call(
                "POST",
                f"{self.page_id}/photos",
                token=self.token,
                data={"url": post.image.url, "caption": post.text},
            )
            remote_id = body.get("post_id") or body["id"]
        else:
            body = graph.call(
                "POST",
                f"{self.page_id}/feed",
                token=self.token,
                data={"message": post.text, "link": post.link},
            )
            remote_id = body["id"]
        return RemotePost(id=remote_id, url=permalink(remote_id))

    def delete(self, remote_id):
        graph.call("DELETE", remote_id, token=self.token)

    def find(self, post: Post):
        """The Page's post carrying the item's link since the delivery was made, reading every
        page of posts back to then (missing it would post it twice)."""
        params = {
            "fields": "id,message,permalink_url,created_time",
            "since": date_format(post.created_at, "U"),
            "limit": 100,
        }
        for _page in range(FIND_MAX_PAGES):
            body = graph.call(
                "GET", f"{self.page_id}/published_posts", token=self.token, params=params
            )
            for item in body.get("data", []):
                if post.marker in (item.get("message") or ""):
                    return RemotePost(
                        id=item["id"], url=item.get("permalink_url") or permalink(item["id"])
                    )
            paging = body.get("paging") or {}
            after = (paging.get("cursors") or {}).get("after")
            if not paging.get("next") or not after:
                return None
            params = {**params, "after": after}
        raise TransientError(
            _("Daftar unggahan Facebook terlalu panjang untuk diperiksa; dicoba lagi nanti."),
            maybe_sent=True,
        )


def permalink(post_id):
    return f"https://www.facebook.com/{post_id}"
