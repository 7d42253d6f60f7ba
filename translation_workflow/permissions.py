"""What members of the Translators group may do: Arabic content only.

Pages: Wagtail grants page permissions per subtree, and every Arabic page lives under the Arabic
home page (a child of the tree root, created when the first page is translated). The group gets
add, change and publish on each Arabic locale root: by the data migration for roots that exist,
by ``grant_on_new_locale_root`` (a post_save receiver) for roots created later. English pages
are outside those subtrees, so Wagtail's own checks (page edit, publish, delete, wagtail-localize's
editor, PO download and upload) refuse them without any special case.

Snippets (taxonomy names): Django permissions are per model, not per locale, so the
``before_*_snippet`` hooks registered in wagtail_hooks refuse a translator who is about to
change, create or delete a term that is not Arabic.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission, Locale, Page, TranslatableMixin

from .conf import target_language

GROUP_NAME = "Translators"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def grant_on_new_locale_root(sender, instance, created, raw=False, **kwargs):
    """Give Translators the Arabic subtree as soon as its root page exists."""
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    if instance.locale.language_code != target_language():
        return
    grant_subtree(instance)


def grant_subtree(root):
    """Add, change and publish for Translators on ``root`` and the pages under it."""
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is None:  # the group was deleted on purpose: nothing to grant
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def connect():
    """Connect the receivers (called once from the app's ready())."""
    post_save.connect(grant_on_new_locale_root, dispatch_uid="translators_grant_locale_root")


def _translator_only(user, model, action):
    """True when ``user`` may ``action`` snippets of ``model`` only as a member of Translators."""
    if not user.is_active or user.is_superuser:
        return False
    groups = list(user.groups.values_list("name", flat=True))
    if GROUP_NAME not in groups:
        return False
    codename = f"{action}_{model._meta.model_name}"
    return not (
        Permission.objects.filter(content_type__app_label=model._meta.app_label, codename=codename)
        .filter(group__user=user)
        .exclude(group__name=GROUP_NAME)
        .exists()
        or user.user_permissions.filter(codename=codename).exists()
    )


def _is_translator_language(obj):
    return obj.locale.language_code == target_language()


def refuse_non_arabic_snippet_edit(request, instance):
    """before_edit_snippet: translators change Arabic terms only."""
    if (
        isinstance(instance, TranslatableMixin)
        and not _is_translator_language(instance)
        and _translator_only(request.user, type(instance), "change")
    ):
        raise PermissionDenied


def refuse_non_arabic_snippet_create(request, model):
    """before_create_snippet: a translator may only create a term in Arabic."""
    if not issubclass(model, TranslatableMixin) or not _translator_only(request.user, model, "add"):
        return
    code = request.GET.get("locale") or request.POST.get("locale")
    locale = Locale.objects.filter(language_code=code).first() if code else None
    if locale is None or locale.language_code != target_language():
        raise PermissionDenied


def refuse_non_arabic_snippet_delete(request, instances):
    """before_delete_snippet: never lets a translator delete a term that is not Arabic."""
    for instance in instances:
        if (
            isinstance(instance, TranslatableMixin)
            and not _is_translator_language(instance)
            and _translator_only(request.user, type(instance), "delete")
        ):
            raise PermissionDenied
