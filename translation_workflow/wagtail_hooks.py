"""Registers the translation queue, the publishing guard and the translators' snippet rules
with the Wagtail admin."""

from wagtail import hooks

from . import machine, permissions, preview, publishing, sync_translations, views

hooks.register("register_admin_urls", views.admin_urls)
# Before wagtail-localize's own URLs (INSTALLED_APPS order), on the same paths: the preview with
# English marked, machine translation whose failures are messages, and the "Sync translated
# pages" view whose "Publish immediately" goes through the publishing guard.
hooks.register("register_admin_urls", preview.admin_urls, order=-10)
hooks.register("register_admin_urls", machine.admin_urls, order=-10)
hooks.register("register_admin_urls", sync_translations.admin_urls, order=-10)
hooks.register("register_admin_urls", publishing.admin_urls)
hooks.register("register_admin_menu_item", views.menu_item)
# Run before wagtail-localize's own before_edit_page/before_edit_snippet, which swap in its
# translation editor (and publish from it).
hooks.register("before_edit_page", publishing.guard_page_publish, order=-10)
hooks.register("before_edit_snippet", permissions.refuse_non_arabic_snippet_edit, order=-10)
hooks.register("before_edit_snippet", publishing.guard_snippet_publish, order=-5)
hooks.register("before_create_snippet", permissions.refuse_non_arabic_snippet_create, order=-10)
hooks.register("before_delete_snippet", permissions.refuse_non_arabic_snippet_delete, order=-10)
