"""The news item's admin form."""

import datetime

from wagtail.admin.forms import WagtailAdminPageForm

from . import captions


class NewsPageForm(WagtailAdminPageForm):
    """The news item's admin form, whose date only reads as changed when the editor changed it.

    Django gives a field whose model default is callable (the date's ``timezone.now``) a hidden
    copy of its initial value ("initial-date") to compare the posted value with; Wagtail's
    panels never render that copy, so every save counted as a change of date. An approval from
    the editor then saved a revision in the approver's name, which a four-eyes step refuses.
    The date is compared with the item's own value instead, at the minute the widget shows.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "date" in self.fields:
            self.fields["date"].show_hidden_initial = False
            if isinstance(self.initial.get("date"), datetime.datetime):
                self.initial["date"] = self.initial["date"].replace(second=0, microsecond=0)
        self._describe_captions()

    # Social media captions -------------------------------------------------------------------
    # Each caption is checked as the network will receive it (with the item's link and the
    # hashtags added), by the rules the publication applies, so the editor hears now, not from
    # the delivery ledger, that a caption does not fit.

    def _parent_url(self):
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        return (parent.get_full_url() or "") if parent is not None else ""

    def _describe_captions(self):
        """What caption-count.js needs: each network's limits and where the link comes from."""
        parent_url = self._parent_url()
        for network in captions.NETWORKS:
            field = self.fields.get(f"social_caption_{network}")
            if field is None:
                continue
            field.widget.attrs.update(
                {
                    "data-caption-link-base": parent_url,
                    "data-caption-limit": captions.caption_limit(network),
                    "data-caption-photo-limit": captions.caption_limit(network, with_image=True),
                }
            )
        if "social_hashtags" in self.fields:
            self.fields["social_hashtags"].widget.attrs["data-caption-hashtags"] = ""

    def clean(self):
        cleaned = super().clean()
        link = f"{self._parent_url()}{cleaned.get('slug') or self.instance.slug}/"
        with_image = bool(cleaned.get("social_image") or cleaned.get("hero_image"))
        for network in captions.NETWORKS:
            name = f"social_caption_{network}"
            custom = cleaned.get(name) or ""
            if not custom.strip():
                continue  # made from the item at publication, shortened to fit
            text = captions.compose(
                network,
                title=cleaned.get("title") or "",
                summary=cleaned.get("summary") or "",
                link=link,
                custom=custom,
                hashtags=cleaned.get("social_hashtags") or "",
                with_image=with_image,
            )
            for message in captions.validate_caption(network, text, with_image=with_image):
                self.add_error(name, message)
        return cleaned
