"""The browser checks themselves: on a page that has each fault, each is reported."""

from __future__ import annotations

from pathlib import Path

from tests.browser.conftest import Visit, open_settled, serve, visit_page

FAULTY = """<!doctype html><html lang="en"><head><title>faults</title></head><body>
<p>Visible words</p><p hidden>Hidden words</p>
<img src="missing.png" alt="a file the server does not have">
<img src="http://outside.example/pixel.png" alt="a file on another host">
<img src="local.png">
<script>console.error("a script failed")</script>
</body></html>
"""


def test_each_fault_of_a_page_is_reported(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "faulty.html").write_text(FAULTY, "utf-8")
    (tmp_path / "local.png").write_bytes((Path(__file__).parents[1] / "fixtures/base/content/media/avatar.png").read_bytes())
    with serve(tmp_path) as url:
        seen: Visit = visit_page(browser, url, "faulty.html")
    assert "Visible words" in seen.text and "Hidden words" not in seen.text
    assert any("a script failed" in error for error in seen.console_errors)
    assert any("missing.png" in error and "404" in error for error in seen.console_errors)
    assert f"HTTP 404: {url}missing.png" in seen.failed_requests
    assert "outside the site: http://outside.example/pixel.png" in seen.failed_requests
    assert [violation.split(" ")[0] for violation in seen.violations] == ["image-alt"]  # the <img> without alt


def test_a_page_that_does_not_exist_is_a_failed_request(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    console, failures = open_settled(browser, site_url, "no-such-page.html")
    assert f"HTTP 404: {site_url}no-such-page.html" in failures
