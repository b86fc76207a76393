"""What a news item sends to social media, and how its moderators see it before it goes.

The captions and hashtags are fields of the item (so each SOP step approves them with the
text); the rules of each network are in captions.py. This mixin gives the item the text each
network receives when its revision goes live, and the preview's second mode, "Media sosial",
where the moderators read each post as it would go out.
"""

from django.utils.translation import gettext_lazy as _

from . import captions


class NewsSocialMixin:
    @property
    def share_image(self):
        return self.social_image or self.hero_image

    def social_text(self, network, *, link=None, with_image=None):
        """The text `network` receives when this revision goes live: the editor's caption
        with the link and hashtags added, or one made from the title and lead."""
        if with_image is None:
            with_image = self.share_image is not None
        return captions.compose(
            network,
            title=self.title,
            summary=self.summary,
            link=(self.get_full_url() or "") if link is None else link,
            custom=getattr(self, f"social_caption_{network}", ""),
            hashtags=self.social_hashtags,
            with_image=with_image,
        )

    # Moderators see the posts beside the page: the preview's second mode.
    SOCIAL_PREVIEW = "media-sosial"

    @property
    def preview_modes(self):
        return [("", _("Halaman berita")), (self.SOCIAL_PREVIEW, _("Media sosial"))]

    def get_preview_template(self, request, mode_name):
        if mode_name == self.SOCIAL_PREVIEW:
            return "news/news_page_social_preview.html"
        return super().get_preview_template(request, mode_name)

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        if mode_name == self.SOCIAL_PREVIEW:
            context["posts"] = self.social_posts()
        return context

    def social_posts(self):
        """Each network's post as it would go out now, with its length and any problem."""
        image = self.share_image
        link = self.get_full_url() or ""
        posts = []
        for network in captions.NETWORKS:
            text = self.social_text(network, link=link, with_image=image is not None)
            posts.append(
                {
                    "network": captions.NETWORK_NAMES[network],
                    "text": text,
                    "custom": bool(getattr(self, f"social_caption_{network}").strip()),
                    "weighted": network == "x",
                    "length": captions.caption_length(network, text),
                    "limit": captions.caption_limit(network, with_image=image is not None),
                    "problems": captions.validate_caption(
                        network, text, with_image=image is not None
                    ),
                }
            )
        return posts
