"""The caption box of the news editor's "Media sosial" tab, with its live character count."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

# Placeholders the script fills in; kept here so the messages go through gettext.
COUNT_MESSAGES = {
    "auto": _("Teks otomatis dari judul dan ringkasan, dipendekkan bila perlu."),
    "count": _("{length} / {limit} karakter (termasuk tautan dan tagar)"),
    "weighted": _("{length} / {limit} karakter berbobot (termasuk tautan dan tagar)"),
    "unlimited": _("{length} karakter (termasuk tautan dan tagar)"),
    "over": _("Terlalu panjang: kurangi {excess} karakter."),
}


class CaptionTextarea(forms.Textarea):
    """A caption for one network, followed by the count caption-count.js keeps up to date.

    The limits and the item's link are set by the form (forms.NewsPageForm), which knows the item;
    the script counts by the same rules as captions.py, whose check on save is the one that
    counts.
    """

    def __init__(self, network, attrs=None):
        super().__init__({"rows": 3, "data-caption-count": network, **(attrs or {})})
        self.network = network

    @property
    def media(self):
        return forms.Media(js=["news/caption-count.js"])

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        field_id = (attrs or {}).get("id") or self.attrs.get("id", "")
        return format_html(
            '{}<p class="w-help-text social-caption-count" data-caption-count-for="{}"'
            ' aria-live="polite" data-msg-auto="{}" data-msg-count="{}" data-msg-weighted="{}"'
            ' data-msg-unlimited="{}" data-msg-over="{}"></p>',
            textarea,
            field_id,
            *(COUNT_MESSAGES[key] for key in ("auto", "count", "weighted", "unlimited", "over")),
        )
