from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # A field people never see (the `hidden` attribute: not shown, not focusable); a form that
    # fills it is a bot's, and is answered like any other without subscribing anyone.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))
