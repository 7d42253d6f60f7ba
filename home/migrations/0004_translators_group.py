"""The Translators group: Arabic pages only, wagtail-localize's editor and the translation queue.

Page permissions in Wagtail are per subtree. The Arabic pages live under the Arabic home page,
which is created when the first page is translated; this migration grants the group add, change
and publish on every Arabic locale root that already exists, and
``policyanalysis.translators.grant_on_new_locale_root`` does the same for roots created later.
Taxonomy names are translated as snippets: the group may change terms, and a hook refuses
changes to terms that are not Arabic (see policyanalysis/translators.py).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Translators"
TRANSLATOR_LANGUAGE = "ar"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
GLOBAL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
    ("core", "change_publicationtype"),
    ("core", "change_region"),
    ("core", "change_issue"),
]


def create_translators(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Locale = apps.get_model("wagtailcore.Locale")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")

    translators, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, codename in GLOBAL_PERMISSIONS:
        translators.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    arabic, _ = Locale.objects.get_or_create(language_code=TRANSLATOR_LANGUAGE)
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    )
    for root in Page.objects.filter(depth=2, locale=arabic):
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=translators, page=root, permission=permission
            )


def remove_translators(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_editorial_groups_and_workflow"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_translators, remove_translators)]
