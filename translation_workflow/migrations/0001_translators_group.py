"""The Translators group: the target language's pages only (TRANSLATION_TARGET_LANGUAGE),
wagtail-localize's editor and the translation queue. (Until the translation workflow became an
app of its own, home/migrations/0004 did this; databases that ran it already have the group, and
this migration only completes what is missing.)

Page permissions in Wagtail are per subtree. The Arabic pages live under the Arabic home page,
which is created when the first page is translated; this migration grants the group add, change
and publish on every Arabic locale root that already exists, and
``translation_workflow.permissions.grant_on_new_locale_root`` does the same for roots created later.
Taxonomy names are translated as snippets: the group may change terms, and a hook refuses
changes to terms that are not Arabic (see translation_workflow/permissions.py).
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Translators"
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
    arabic, _ = Locale.objects.get_or_create(language_code=getattr(settings, "TRANSLATION_TARGET_LANGUAGE", "ar"))
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
        ("core", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_translators, remove_translators)]
