"""The editor's desk in Wagtail's admin: the listings in the main menu, the choosers and the
dashboard panels."""

from wagtail import hooks

from .choosers import analysis_chooser, expert_chooser
from .dashboard import dashboard_panels
from .desk import desk_contents
from .event_listings import EVENTS  # noqa: F401  (each module registers its listings on the desk)
from .listings import ANALYSIS, EXPERTS  # noqa: F401
from .podcast_listings import EPISODES, VIDEOS  # noqa: F401
from .row_buttons import install as install_row_buttons

install_row_buttons()


@hooks.register("register_admin_viewset")
def register_listings():
    return [item.viewset for item in desk_contents()]


@hooks.register("register_admin_viewset")
def register_choosers():
    return [expert_chooser, analysis_chooser]


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.extend(dashboard_panels(request))
