"""Forms of the social sync admin: a news item's social settings and "mark as sent"."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import PageSocialSettings, SocialAccount


class PageSocialSettingsForm(forms.ModelForm):
    """Where one item goes: whether it is shared, to which of its agency's accounts, and
    whether the next publication posts again."""

    class Meta:
        model = PageSocialSettings
        fields = ["share", "accounts", "repost_requested"]
        widgets = {"accounts": forms.CheckboxSelectMultiple}

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accounts"].queryset = SocialAccount.objects.filter(
            site=page.get_site(), enabled=True
        ).order_by("network", "name")


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
