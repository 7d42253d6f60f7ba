"""Registers the translation queue and the translators' snippet rules with the Wagtail admin."""

from wagtail import hooks

from . import permissions, views

hooks.register("register_admin_urls", views.admin_urls)
hooks.register("register_admin_menu_item", views.menu_item)
# Run before wagtail-localize's own before_edit_snippet, which swaps in its translation editor.
hooks.register("before_edit_snippet", permissions.refuse_non_arabic_snippet_edit, order=-10)
hooks.register("before_create_snippet", permissions.refuse_non_arabic_snippet_create, order=-10)
hooks.register("before_delete_snippet", permissions.refuse_non_arabic_snippet_delete, order=-10)
