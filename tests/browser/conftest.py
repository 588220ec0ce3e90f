"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright; never a downloaded browser."""

from pathlib import Path

import os
import pytest


CHROMIUM = os.environ.get("EAKTE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is required for the browser tests: {CHROMIUM} is missing "
                    "(apt-get install chromium)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(chromium):
    context = chromium.new_context(locale="de-DE", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    context.close()
