"""wagtail-localize's "Sync translated pages" through the publishing guard.

Its form's "Publish immediately" publishes every translation of the source, untranslated strings
filled with English, and so bypasses the guard of the translation editor (publishing.py).
``GuardedUpdateTranslationsView`` serves the same URL (registered before wagtail-localize's): the
sync itself is unchanged, "Publish immediately" publishes only the translations that are complete
after it (and only for users who may publish them), and names each of the others in a warning
with a button to the guard's confirmation page. A failing machine translator ("Use machine
translation") is an error message and the sync is not applied (machine.py).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from wagtail.admin import messages as admin_messages
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .machine import SERVICE_ERRORS, report_failure
from .po_checks import missing_strings
from .publishing import can_publish, edit_url


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    """The sync view; its "Publish immediately" publishes complete translations only."""

    def form_valid(self, form):
        publish = form.cleaned_data.get("publish_translations")
        form.cleaned_data["publish_translations"] = False  # the parent only syncs
        try:
            with transaction.atomic():
                response = super().form_valid(form)
        except SERVICE_ERRORS as error:
            report_failure(self.request, get_machine_translator(), error)
            return self.render_to_response(self.get_context_data())
        if publish:
            self.publish_complete_translations()
        return response

    def publish_complete_translations(self):
        translations = self.object.translations.filter(enabled=True).select_related(
            "source", "target_locale"
        )
        for translation in translations:
            instance = translation.get_target_instance()
            language = translation.target_locale.get_display_name()
            title = self.object.object_repr
            if not can_publish(self.request.user, instance):
                messages.warning(
                    self.request,
                    gettext("Not published in %(language)s: you may not publish “%(title)s”.")
                    % {"language": language, "title": title},
                )
                continue
            missing, total = missing_strings(translation)
            if missing:
                admin_messages.warning(
                    self.request,
                    ngettext(
                        "Not published in %(language)s: “%(title)s” has %(missing)d of "
                        "%(total)d strings not translated yet.",
                        "Not published in %(language)s: “%(title)s” has %(missing)d of "
                        "%(total)d strings not translated yet.",
                        missing,
                    )
                    % {"language": language, "title": title, "missing": missing, "total": total},
                    buttons=[
                        admin_messages.button(
                            reverse("translation_publish_incomplete", args=[translation.pk]),
                            gettext("Review missing strings"),
                        ),
                        admin_messages.button(
                            edit_url(instance), gettext("Open translation editor")
                        ),
                    ],
                )
                continue
            try:
                with transaction.atomic():
                    translation.save_target(user=self.request.user, publish=True)
            except ValidationError as error:
                messages.error(
                    self.request,
                    gettext("Not published in %(language)s: %(errors)s")
                    % {"language": language, "errors": "; ".join(error.messages)},
                )
                continue
            messages.success(
                self.request,
                gettext("Published in %(language)s: “%(title)s”.")
                % {"language": language, "title": title},
            )


def admin_urls():
    """wagtail-localize's sync URL, served by the guarded view (registered first; reversing
    ``wagtail_localize:update_translations`` gives the same path)."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            GuardedUpdateTranslationsView.as_view(),
            name="translation_update_guarded",
        ),
    ]
