"""Forms of the social sync admin: a news item's social settings and "mark as sent"."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.images.widgets import AdminImageChooser

from . import captions
from .models import PageSocialSettings, SocialAccount

CAPTION_NETWORKS = ("x", "facebook", "instagram", "telegram")


class PageSocialSettingsForm(forms.ModelForm):
    """What one item sends. Each caption is checked as the network will receive it (with the
    item's link and the hashtags added), by the same rules captions.py applies at
    publication, so an editor hears about a caption that is too long now, not from the ledger.
    """

    class Meta:
        model = PageSocialSettings
        fields = [
            "share",
            "accounts",
            "caption_x",
            "caption_facebook",
            "caption_instagram",
            "caption_telegram",
            "hashtags",
            "image",
            "repost_requested",
        ]
        widgets = {
            "accounts": forms.CheckboxSelectMultiple,
            "image": AdminImageChooser,
            **{
                f"caption_{network}": forms.Textarea(attrs={"rows": 3})
                for network in CAPTION_NETWORKS
            },
        }

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        site = page.get_site()
        self.fields["accounts"].queryset = SocialAccount.objects.filter(
            site=site, enabled=True
        ).order_by("network", "name")
        self.link = page.get_full_url() or ""
        page_image = getattr(page, "share_image", None) is not None
        for network in CAPTION_NETWORKS:
            field = self.fields[f"caption_{network}"]
            field.widget.attrs.update(
                {
                    "data-caption-count": network,
                    "data-caption-link": self.link,
                    "data-caption-limit": captions.caption_limit(network),
                    "data-caption-photo-limit": captions.caption_limit(network, with_image=True),
                    "data-caption-page-image": "1" if page_image else "",
                }
            )
            field.help_text = gettext_lazy(
                "Kosongkan untuk teks otomatis dari judul dan ringkasan. Tautan berita dan tagar "
                "ditambahkan bila belum ada."
            )
        self.fields["hashtags"].widget.attrs["data-caption-hashtags"] = ""

    def _with_image(self):
        image = self.cleaned_data.get("image")
        return image is not None or getattr(self.page, "share_image", None) is not None

    def clean(self):
        cleaned = super().clean()
        hashtags = cleaned.get("hashtags", "")
        with_image = self._with_image()
        for network in CAPTION_NETWORKS:
            name = f"caption_{network}"
            custom = cleaned.get(name, "")
            if not custom or not custom.strip():
                continue  # made from the item at publication, shortened to fit
            text = captions.compose(
                network,
                title=self.page.title,
                summary=getattr(self.page, "summary", ""),
                link=self.link,
                custom=custom,
                hashtags=hashtags,
                with_image=with_image,
            )
            for message in captions.validate_caption(network, text, with_image=with_image):
                self.add_error(name, message)
        return cleaned


class MarkSentForm(forms.Form):
    remote_url = forms.URLField(
        label=gettext_lazy("Tautan unggahan"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy(
            "Tempel tautan unggahan yang Anda temukan di jaringan (boleh kosong)."
        ),
        error_messages={"invalid": gettext_lazy("Masukkan tautan yang valid.")},
    )

    def clean_remote_url(self):
        value = self.cleaned_data["remote_url"]
        if value and not value.startswith(("https://", "http://")):
            raise forms.ValidationError(_("Masukkan tautan yang valid."))
        return value
