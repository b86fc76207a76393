"""What every browser test shares: Debian's chromium through Playwright, and the admin login.

Never a downloaded browser: without Debian's chromium the tests skip locally and fail in CI.
Screenshots go to test-artifacts/.
"""

import logging
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = shutil.which("chromium")
log = logging.getLogger(__name__)


def require_chromium():
    if CHROMIUM:
        return
    if os.environ.get("CI"):
        pytest.fail("Debian's chromium is not installed; CI must install it (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


@contextmanager
def chromium():
    """A headless chromium, closed (with the connections its greenlet opened) at the end."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    # Playwright runs an event loop in this thread; the ORM reads between steps are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()
            # Playwright's sync API runs this block in a greenlet of its own, so ORM calls
            # made inside it opened a connection of their own; close it before teardown.
            connections.close_all()


def _refuse_third_party(route):
    log.warning("refused a request to another host: %s", route.request.url)
    route.abort()


def _log_trouble(page, username):
    """Log what went wrong in the browser as it happens: pytest shows it when a test fails."""

    def response(response):
        if response.status >= 400:
            log.warning(
                "[%s] %s %s %s", username, response.status, response.request.method, response.url
            )

    def console(message):
        if message.type == "error":
            log.warning("[%s] console: %s", username, message.text)

    page.on("response", response)
    page.on("console", console)


def admin_page(browser, base_url, username, password):
    """A page of a browser context of its own, logged in at /admin/login/ with a password."""
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1280, "height": 900}, locale="id-ID"
    )
    # Nothing leaves the machine: a request to another host is refused at once, so no page
    # waits on a lookup that cannot succeed here (tests/core/test_admin_privacy.py says why
    # there should be none).
    context.route(re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])"), _refuse_third_party)
    page = context.new_page()
    page.set_default_timeout(15_000)
    _log_trouble(page, username)
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def open_editor(page, path):
    """Open a Wagtail editor at `path` and wait until it watches the form for edits.

    Wagtail's `w-unsaved` controller takes the form's first snapshot 2 s after the page
    loads and autosaves only what differs from it: anything typed sooner becomes part of
    that snapshot and is never autosaved. A person does not type that fast; a test does."""
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits',"
        " () => { window.wartaWatchingEdits = true; });"
    )
    page.goto(path)
    page.wait_for_function("window.wartaWatchingEdits === true")


def screenshot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
