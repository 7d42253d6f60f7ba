"""Admin forms for webhook endpoints. The secret is write-only: typed or generated on
creation, replaced (never shown) on edit; a generated one is revealed once, by the view."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .destinations import validate_webhook_url
from .models import EVENT_CHOICES, WebhookEndpoint, generate_secret


class WebhookURLField(forms.URLField):
    """A URL field whose own check is the public-address rule, so a refused URL (a decimal IP
    address among them) gets its reason rather than Django's "Enter a valid URL."; the
    model's URL validators still run on what passes."""

    default_validators = [validate_webhook_url]


class WebhookEndpointEditForm(WagtailAdminModelForm):
    """Edit form: name, URL, events as checkboxes, active, and a box to generate a new secret.
    The current secret is not part of the form, so no page ever contains it."""

    events = forms.MultipleChoiceField(
        label=_("Events"), choices=EVENT_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    url = WebhookURLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )
    rotate_secret = forms.BooleanField(
        label=_("Generate a new secret"),
        required=False,
        help_text=_(
            "The current secret is never shown. Tick to replace it: the new one is shown once, "
            "after saving, and the receiver must be given it."
        ),
    )

    # The generated secret the view shows once after saving (None when none was generated).
    secret_to_reveal = None

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "active"]

    def save(self, commit=True):
        if self.cleaned_data.get("rotate_secret"):
            self.instance.secret = self.secret_to_reveal = generate_secret()
        return super().save(commit=commit)


class WebhookEndpointCreateForm(WebhookEndpointEditForm):
    """Create form: the secret typed (at least 16 characters) or, left empty, generated."""

    rotate_secret = None
    secret = forms.CharField(
        label=_("Secret"),
        required=False,
        min_length=16,
        max_length=200,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "Leave empty to have a strong secret generated: it is shown once, after saving. "
            "The receiver checks the X-Webhook-Signature header (sha256=HMAC-SHA256 of the "
            "body with this secret)."
        ),
    )

    class Meta(WebhookEndpointEditForm.Meta):
        fields = ["name", "url", "secret", "events", "active"]

    def clean_secret(self):
        secret = self.cleaned_data["secret"]
        if not secret:
            secret = self.secret_to_reveal = generate_secret()
        return secret
