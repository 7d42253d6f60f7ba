"""Admin: endpoints editors register (with the webhook endpoint permissions) and the
delivery log (read-only)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .forms import WebhookEndpointCreateForm, WebhookEndpointEditForm
from .models import WebhookDelivery, WebhookEndpoint
from .views import EndpointCreateView, EndpointEditView, EndpointInspectView


class WebhookEndpointViewSet(ModelViewSet):
    """Register, edit and delete endpoints (add/change/delete webhook endpoint permissions).
    The secret is write-only (see views); copying is off, as it would start from the
    endpoint's values."""

    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Endpoints")
    list_display = ["name", "url", "events", "active"]
    inspect_view_enabled = True
    copy_view_enabled = False
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    inspect_view_class = EndpointInspectView

    def get_form_class(self, for_update=False):
        return WebhookEndpointEditForm if for_update else WebhookEndpointCreateForm


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
