"""Admin views for webhook endpoints that keep the secret write-only: it is revealed once, in
the success message, when the server generated it, and masked on the inspect view."""

from django.utils.translation import gettext as _
from wagtail.admin.views.generic.models import CreateView, EditView, InspectView


class RevealSecretOnceMixin:
    """Appends a generated secret to the success message (a message is shown once)."""

    def get_success_message(self, *args):
        message = super().get_success_message(*args)
        secret = getattr(self.form, "secret_to_reveal", None)
        if secret:
            message = _(
                "%(message)s Its secret is %(secret)s — give it to the receiver now: it will "
                "not be shown again."
            ) % {"message": message, "secret": secret}
        return message


class EndpointCreateView(RevealSecretOnceMixin, CreateView):
    """Create an endpoint; a secret left empty is generated and shown once."""


class EndpointEditView(RevealSecretOnceMixin, EditView):
    """Edit an endpoint; "Generate a new secret" rotates it and shows the new one once."""


class EndpointInspectView(InspectView):
    """Every field of the endpoint, the secret masked."""

    def get_secret_display_value(self):
        return _("Hidden. Tick “Generate a new secret” on the edit form to replace it.")
