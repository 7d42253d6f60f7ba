"""Registers the translation queue and the translators' snippet rules with the Wagtail admin.

Imported from policyanalysis/wagtail_hooks.py (Wagtail only scans each app's top-level module).
"""

from wagtail import hooks

from .. import translators
from . import views

hooks.register("register_admin_urls", views.admin_urls)
hooks.register("register_admin_menu_item", views.menu_item)
# Run before wagtail-localize's own before_edit_snippet, which swaps in its translation editor.
hooks.register("before_edit_snippet", translators.refuse_non_arabic_snippet_edit, order=-10)
hooks.register("before_create_snippet", translators.refuse_non_arabic_snippet_create, order=-10)
hooks.register("before_delete_snippet", translators.refuse_non_arabic_snippet_delete, order=-10)
