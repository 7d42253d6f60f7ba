"""Driving Wagtail's admin the way a person does: labels, roles and the admin's data
attributes, never form posts behind its back."""

import re

from playwright.sync_api import expect


def login(page, site, username, password="password"):
    """Sign in through the admin's login form."""
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    # The URL changes when the dashboard starts arriving: wait for all of it, or a check
    # that follows (axe) may read a half-parsed page (a panel's header without its content).
    page.wait_for_load_state("load")


def choose_page(page, title):
    """In an open page chooser modal: search for ``title`` and pick it."""
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill(title)
    modal.get_by_role("link", name=title, exact=True).click()
    expect(modal).to_be_hidden()


def add_block(stream, kind=None):
    """Append a block at the end of a StreamField (``stream`` is its root element); pick
    ``kind`` in the block picker when the field offers several."""
    stream.locator("button[title='Insert a block']").last.click()
    if kind:
        stream.page.get_by_role("option", name=kind, exact=True).click()


def footer_action(page, name):
    """Run an action from the editor's footer (the Save draft button's menu)."""
    main = page.get_by_role("button", name=name, exact=True)
    if not main.is_visible():
        page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=name, exact=True).click()


def fill_date(page, selector, value):
    """Type a date into a Wagtail date field and close its picker.

    The jQuery date picker opens 100 ms *after* the field gains focus (a timer), so a click
    elsewhere made before the timer fires closes nothing and the picker opens afterwards,
    covering the footer's buttons. Wait until it is open, then close it with Tab (its own
    keyboard handler) and wait until it is gone.
    """
    field = page.locator(selector)
    field.fill(value)
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    field.press("Tab")
    expect(picker).to_have_count(0)
    expect(field).to_have_value(value)
