"""The publishing guard: an incomplete translation does not go live by accident.

wagtail-localize's editor publishes whatever is there and fills every untranslated (or
rejected) string with the English text. ``guard_page_publish`` and ``guard_snippet_publish``
(``before_edit_page`` / ``before_edit_snippet`` hooks, run before wagtail-localize's own) stop
its "Publish in <language>" while strings are missing and send the translator to
``PublishIncompleteView``: it lists what is missing and publishes only after an explicit,
separate confirmation.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance

from .po_checks import missing_strings
from .status import translated_segment


def editor_translation(instance):
    """The enabled Translation whose target is ``instance``, or None."""
    if not isinstance(instance, TranslatableMixin):
        return None
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def untranslated_segments(translation):
    """The string segments readers would see in English, in the editor's order: untranslated,
    rejected by wagtail-localize, or copied verbatim from the English (status.py)."""
    return (
        StringSegment.objects.filter(source=translation.source)
        .exclude(translated_segment(translation.target_locale_id))
        .select_related("string", "context")
        .order_by("order")
    )


def _guard(request, instance):
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = editor_translation(instance)
    if translation is None:
        return None
    missing, total = missing_strings(translation)
    if not missing:
        return None
    messages.warning(
        request,
        ngettext(
            "Not published: %(missing)d of %(total)d strings is not translated yet.",
            "Not published: %(missing)d of %(total)d strings are not translated yet.",
            missing,
        )
        % {"missing": missing, "total": total},
    )
    return redirect("translation_publish_incomplete", translation.pk)


def guard_page_publish(request, page):
    """before_edit_page: the translation editor's Publish stops while strings are missing."""
    return _guard(request, page)


def guard_snippet_publish(request, instance):
    """before_edit_snippet: the same for translated snippets (taxonomy terms)."""
    return _guard(request, instance)


def can_publish(user, instance):
    """Whether ``user`` may publish ``instance`` (as wagtail-localize's editor decides)."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        return user.is_superuser or user.has_perm(get_permission_name("publish", type(instance)))
    return user_can_edit_instance(user, instance)


def edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[instance.pk])


class ConfirmIncompletePublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Publish anyway: readers will see the English text of the missing strings"),
        required=True,
        error_messages={"required": _("Tick the box to publish with missing translations.")},
    )


class PublishIncompleteView(WagtailAdminTemplateMixin, FormView):
    """Shows what is untranslated and publishes only on an explicit confirmation."""

    form_class = ConfirmIncompletePublishForm
    template_name = "translation_workflow/publish_incomplete.html"
    header_icon = "warning"

    def dispatch(self, request, translation_id):
        self.translation = get_object_or_404(
            Translation.objects.select_related("source", "target_locale"),
            pk=translation_id,
            enabled=True,
        )
        self.instance = self.translation.get_target_instance()
        if not user_can_edit_instance(request.user, self.instance) or not can_publish(
            request.user, self.instance
        ):
            raise PermissionDenied
        return super().dispatch(request)

    def get_page_title(self):
        return _("Publish %(title)s in %(language)s with missing translations?") % {
            "title": self.instance,
            "language": self.translation.target_locale.get_display_name(),
        }

    def get_context_data(self, **kwargs):
        missing, total = missing_strings(self.translation)
        return super().get_context_data(
            translation=self.translation,
            instance=self.instance,
            missing=missing,
            total=total,
            segments=untranslated_segments(self.translation),
            edit_url=edit_url(self.instance),
            **kwargs,
        )

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        missing, total = missing_strings(self.translation)
        try:
            self.translation.save_target(user=self.request.user, publish=True)
        except ValidationError as error:
            messages.error(
                self.request,
                _("Not published: %(errors)s") % {"errors": "; ".join(error.messages)},
            )
            return redirect(edit_url(self.instance))
        messages.warning(
            self.request,
            ngettext(
                "Published with %(missing)d of %(total)d strings in English.",
                "Published with %(missing)d of %(total)d strings in English.",
                missing,
            )
            % {"missing": missing, "total": total},
        )
        return redirect(edit_url(self.instance))


def admin_urls():
    """URL patterns for the register_admin_urls hook."""
    return [
        path(
            "translation-queue/publish-incomplete/<int:translation_id>/",
            PublishIncompleteView.as_view(),
            name="translation_publish_incomplete",
        )
    ]
