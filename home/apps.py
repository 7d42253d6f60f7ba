from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site project: home page, site chrome, groups and workflow, demo content."""

    name = "home"
    verbose_name = "Home"
    default_auto_field = "django.db.models.BigAutoField"
