"""Admin: endpoints editors register (with the webhook endpoint permissions) and the
delivery log (read-only)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import EVENT_CHOICES, WebhookDelivery, WebhookEndpoint


class WebhookEndpointForm(WagtailAdminModelForm):
    """Events as checkboxes; the secret as a password-style input that keeps its value."""

    events = forms.MultipleChoiceField(
        label=_("Events"), choices=EVENT_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    secret = forms.CharField(
        label=_("Secret"),
        min_length=16,
        widget=forms.PasswordInput(render_value=True),
        help_text=WebhookEndpoint._meta.get_field("secret").help_text,
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "secret", "events", "active"]


class WebhookEndpointViewSet(ModelViewSet):
    """Register, edit and delete endpoints (add/change/delete webhook endpoint permissions)."""

    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Endpoints")
    list_display = ["name", "url", "events", "active"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return WebhookEndpointForm


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """View permission as usual; nobody adds, edits or deletes log entries by hand (the
    delivery worker writes them)."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery))


class WebhookDeliveryViewSet(ModelViewSet):
    """The delivery log: state, status code, response time, attempts, error."""

    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Delivery log")
    list_display = [
        "event",
        "endpoint",
        "state",
        "status_code",
        "response_time_ms",
        "attempts",
        "created_at",
        "delivered_at",
    ]
    list_filter = ["state", "event", "endpoint"]
    inspect_view_enabled = True
    form_fields = []


class WebhooksGroup(ViewSetGroup):
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    items = [
        WebhookEndpointViewSet("webhook_endpoints"),
        WebhookDeliveryViewSet("webhook_deliveries"),
    ]


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhooksGroup()
