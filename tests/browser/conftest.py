"""The demo site, built once per session, served over http from 127.0.0.1, and opened in
Debian's headless Chromium through Debian's chromedriver (Selenium; nothing downloaded).

`visit(path)` opens a page once and keeps what a person and a tester would see of it: the
visible text, the console errors, the requests that failed or left the site, and axe-core's
serious and critical findings.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.test_site import build_both_languages

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = ("chromium", "/usr/bin/chromium")
CHROMEDRIVER = ("chromedriver", "/usr/bin/chromedriver")
INSTALL_HINT = ("apt-get install -y chromium chromium-driver fonts-noto-cjk (.ci/run does it), "
                "or set SOCIALOPS_NO_BROWSER=1 to skip the browser tests on purpose")
SERIOUS = ("serious", "critical")  # axe-core impacts that fail a page
QUIET_SECONDS = 0.5  # no request in flight for this long: the page has settled
SETTLE_TIMEOUT = 15.0


@dataclass(frozen=True)
class Visit:
    """One page as opened in the browser."""

    url: str
    text: str  # the visible text of the page (what a person reads)
    console_errors: list[str]
    failed_requests: list[str]  # failed, answered with an error status, or sent outside the site
    violations: list[str]  # axe-core findings of serious or critical impact


def _find(names: tuple[str, ...]) -> str | None:
    name, fallback = names
    found = shutil.which(name)
    return found or (fallback if Path(fallback).is_file() else None)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # the browser's own logs report failures; the server's would only be noise


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both languages, as `make site` builds them: the language selector's links and the
    requests Material's JS makes for them (the other language's sitemap.xml) go to real files."""
    out = tmp_path_factory.mktemp("browser") / "public"
    result = build_both_languages(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """`folder` over http on 127.0.0.1 (a free port), from a thread; its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(demo_site: Path) -> Iterator[str]:
    """The built site over http (search and relative URLs behave as when published)."""
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if os.environ.get("SOCIALOPS_NO_BROWSER") == "1":
        pytest.skip("SOCIALOPS_NO_BROWSER=1: the browser tests are skipped on purpose")
    chromium, chromedriver = _find(CHROMIUM), _find(CHROMEDRIVER)
    if chromium is None or chromedriver is None:
        pytest.fail(f"the browser tests need Debian's chromium and chromedriver: {INSTALL_HINT}", pytrace=False)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.selenium_manager import SeleniumManager

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--lang=en-US", "--no-first-run", "--no-default-browser-check", "--disable-sync",
                     "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
                     # no host but the local server resolves: the tests cannot reach the network at all
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # Both paths given, so Selenium never runs Selenium Manager (which would download a
    # browser or driver); SE_OFFLINE keeps it offline, and the patch proves it is not called.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        patch.setattr(SeleniumManager, "binary_paths", _selenium_manager_must_not_run)
        driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    try:
        yield driver
    finally:
        driver.quit()


def _selenium_manager_must_not_run(*args: object) -> dict:
    raise AssertionError("Selenium Manager was called: it would look for (and download) a browser or driver")


@pytest.fixture(scope="session")
def visit(browser, site_url: str) -> Callable[[str], Visit]:  # type: ignore[no-untyped-def]
    """`visit(path)`: the page at `path` in the site, opened once per session."""
    visits: dict[str, Visit] = {}

    def open_page(path: str) -> Visit:
        if path not in visits:
            visits[path] = visit_page(browser, site_url, path)
        return visits[path]

    return open_page


def open_settled(driver, site_url: str, path: str) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Open `path` and wait until no request is in flight; its console errors and failed requests."""
    drain_logs(driver)
    driver.get(site_url + path)
    return settle(driver, site_url)


def drain_logs(driver) -> None:  # type: ignore[no-untyped-def]
    """Forget what earlier pages logged."""
    driver.get_log("browser")
    driver.get_log("performance")


def settle(driver, site_url: str) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Wait until the page's network has been quiet for a while (Material fetches its search
    index after the page has loaded); the console errors and the failed requests logged since
    the last drain. (A worker's own request shows no end here, so requests in flight are not
    counted: a quiet spell is.)"""
    events: list[dict] = []
    quiet_since, deadline = time.monotonic(), time.monotonic() + SETTLE_TIMEOUT
    while time.monotonic() - quiet_since < QUIET_SECONDS and time.monotonic() < deadline:
        time.sleep(0.1)
        logged = (json.loads(entry["message"])["message"] for entry in driver.get_log("performance"))
        new = [event for event in logged if event["method"].startswith("Network.")]
        if new:
            events += new
            quiet_since = time.monotonic()
    console = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    return console, failed_requests(events, site_url)


def failed_requests(events: list[dict], site_url: str) -> list[str]:
    """Requests that failed, were answered 4xx/5xx, or went anywhere but the local site."""
    site = urlsplit(site_url).netloc
    urls: dict[str, str] = {}
    failures = []
    for event in events:
        params = event.get("params", {})
        if event["method"] == "Network.requestWillBeSent":
            url = urls[params["requestId"]] = params["request"]["url"]
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != site:
                failures.append(f"outside the site: {url}")
        elif event["method"] == "Network.loadingFailed":
            failures.append(f"failed ({params['errorText']}): {urls.get(params['requestId'], params['requestId'])}")
        elif event["method"] == "Network.responseReceived" and params["response"]["status"] >= 400:
            failures.append(f"HTTP {params['response']['status']}: {params['response']['url']}")
    return failures


def axe_violations(driver) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's serious and critical findings on the open page, one line each."""
    from selenium_axe_python import Axe

    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    return [f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + ", ".join(str(node["target"]) for node in violation["nodes"])
            for violation in results["violations"] if violation["impact"] in SERIOUS]


def visit_page(driver, site_url: str, path: str) -> Visit:  # type: ignore[no-untyped-def]
    console, failures = open_settled(driver, site_url, path)
    text = driver.find_element("tag name", "body").text
    return Visit(driver.current_url, text, console, failures, axe_violations(driver))


def save_screenshot(driver, folder: Path, path: str) -> Path:  # type: ignore[no-untyped-def]
    """The whole page as a PNG in `folder`, and in $SOCIALOPS_SCREENSHOTS when it is set.
    The window is made as tall as the page (Chrome's capture beyond the viewport restarts
    Material's header animations and catches them half-way), then put back."""
    from selenium.webdriver.support.wait import WebDriverWait

    width, height = driver.get_window_size()["width"], driver.get_window_size()["height"]
    driver.set_window_size(width, driver.execute_script(
        "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight"))
    WebDriverWait(driver, 5).until(lambda driver: driver.execute_script(
        "return document.getAnimations().every(animation => animation.playState !== 'running')"))
    name = path.replace("/", "_").removesuffix(".html") + ".png"
    target = folder / name
    target.write_bytes(driver.get_screenshot_as_png())
    driver.set_window_size(width, height)
    if os.environ.get("SOCIALOPS_SCREENSHOTS"):
        kept = Path(os.environ["SOCIALOPS_SCREENSHOTS"])
        kept.mkdir(parents=True, exist_ok=True)
        shutil.copy(target, kept / name)
    return target
