"""The demo site in a real browser: what a person sees on each page, no console error, no
failed request, nothing loaded from outside, no serious accessibility issue (axe-core).

To cover another page, add a row to PAGES: its path in the built site, text a person reads
on it, and CSS selectors of elements that must be shown. For example:

    Page("posts/lanterna-jp-x/2026-11-01-drift-010.html", sees=("Lanterna Audio Japan",),
         shows=(".so-preview__name", ".so-count")),
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.conftest import Visit, open_settled, save_screenshot, settle
from tests.conftest import demo_only

pytestmark = demo_only  # the expectations are the demo's content

# The demo's "now" is policy.yaml's reference_time, 2026-11-26T09:00+08:00: the calendar
# opens on November 2026 with the 26th marked as today.
TODAY = "26"
JAPAN = "lanterna-jp-x"  # its display name in accounts.yaml:
JAPAN_NAME = "Lanterna Audio Japan"
# An X post with an image (content/posts/lanterna-jp-x/2026/2026-11-01-drift-010.md). X counts
# its copy by weight: 34 CJK characters weigh 2 each, the 6 Latin ones ("2", "Drift") 1 each.
POST = f"posts/{JAPAN}/2026-11-01-drift-010.html"
POST_COPY = "ヒント：右イヤホンを2秒長押しでDriftが外音取り込みモードに切り替わります。"
POST_COUNT = "74 / 280"
POST_URL = "https://x.com/LanternaJP/status/1858450074851481013"  # its published_url
INCIDENT = "2026-10-14-br-tiktok-phishing"  # content/incidents/
INCIDENT_TITLE = "Phishing DMs impersonating Lanterna Brasil on TikTok"
PLAYBOOK = "security"  # content/playbooks/, the one the incident follows
PLAYBOOK_TITLE = "Security incidents (stolen account, impersonation, phishing in our name)"


@dataclass(frozen=True)
class Page:
    path: str  # in the built site
    sees: tuple[str, ...] = ()  # text a person reads on the page
    shows: tuple[str, ...] = ()  # CSS selectors of elements shown on it (each at least once)


PAGES = (
    Page("index.html", sees=("Lanterna Audio social operations", "Calendar", "Rules")),
    Page("calendar/index.html", sees=("November", "2026", JAPAN_NAME),
         shows=(".so-post", ".so-today[aria-current='date']", "#so-filter-account", "#so-filter-market",
                "#so-filter-platform", "#so-filter-campaign")),
    Page("accounts/index.html", sees=("Accounts", JAPAN_NAME), shows=("a[href='lanterna-jp-x.html']",)),
    Page(f"accounts/{JAPAN}.html", sees=(JAPAN_NAME, "Security", "Who may do what"), shows=(".so-post",)),
    # the five roles of policy §2, by the names the handbook gives them
    Page("people.html", sees=("People and permissions", "Permission matrix", "The five roles and their duties",
                              "Operations director", "Content planning", "Publishing and promotion",
                              "Interaction and customer service", "Data analysis", "Lin Mei")),
    Page("media.html", sees=("Media credits",)),
    Page("handbook/index.html", sees=("Handbook",)),
    # the Chinese home: its heading and sections in Chinese, the writers' copy as written
    Page("zh/index.html", sees=("社交媒体运营", "本周到期", "逾期事项", "未结事件")),
    Page("zh/calendar/index.html", sees=("2026年11月", "订阅", JAPAN_NAME),
         shows=(".so-post", ".so-today[aria-current='date']", "#so-filter-account")),
    Page(POST, sees=(JAPAN_NAME, "@LanternaJP", POST_COPY, POST_COUNT),
         shows=(".so-preview--x .so-preview__name", ".so-count", ".so-preview__media img",
                f"a[href='{POST_URL}']")),
    Page("campaigns/index.html", sees=("Campaigns", "Lanterna Halo launch", "Halloween speaker giveaway (US)"),
         shows=("a[href$='campaigns/halo-launch-2026.html']",)),
    Page("campaigns/halo-launch-2026.html", sees=("Lanterna Halo launch", "Plan", "Goals", "Evaluation", JAPAN_NAME,
                                                   "Paid promotion", "Boosts use 10,500 of the budget of 48,000 USD"),
         shows=(".so-timeline", ".so-post", ".so-boosts")),
    Page("incidents/index.html", sees=("Incidents", INCIDENT_TITLE), shows=(f"a[href$='incidents/{INCIDENT}.html']",)),
    Page(f"incidents/{INCIDENT}.html", sees=(INCIDENT_TITLE, "resolved", "Lanterna Audio Brasil", "Sofia Rossi",
                                             "Lessons", "Response", "Acknowledged", "in time", "TT-BR-55820417"),
         shows=(".so-response", f"a[href$='playbooks/{PLAYBOOK}.html']")),
    Page("playbooks/index.html", sees=("Playbooks", PLAYBOOK_TITLE), shows=(f"a[href$='playbooks/{PLAYBOOK}.html']",)),
    Page(f"playbooks/{PLAYBOOK}.html", sees=(PLAYBOOK_TITLE, "Steps", "Contacts", "Templates", INCIDENT_TITLE)),
    Page("calendar/agenda.html", sees=("Agenda", "October 2026", "December 2026", JAPAN_NAME),
         shows=(".so-post", ".so-today[aria-current='date']", "#so-filter-account")),
    # the month's report: its KPIs, and its charts drawn by plotly (an SVG in each chart's box)
    Page("reports/2026-11.html", sees=("Report for 2026-11", "Engagement rate", "Top posts", "Pearson's r"),
         shows=(".so-chart__plot .main-svg", ".so-chart__download a")),
    Page("zh/reports/2026-11.html", sees=("2026-11 报告", "互动率", "表现最好的帖子"),
         shows=(".so-chart__plot .main-svg",)),
    Page("reports/metrics.html", sees=("Metric definitions", "engagement_rate", "impressions (views on Meta)")),
    # the reply SLA and public opinion reports (policy 5.1, 7.3): charts drawn, the BR spike of the incident
    Page("reports/reply-sla.html", sees=("Reply SLA", "By account and month", "Complaints"),
         shows=(".so-chart__plot .main-svg", ".so-chart__download a")),
    Page("reports/opinion.html", sees=("Public opinion", "Spikes of negative mentions", "BR"),
         shows=(".so-chart__plot .main-svg",)),
    Page("zh/reports/reply-sla.html", shows=(".so-chart__plot .main-svg",)),
    Page("reports/index.html", sees=("Reports", "By market", "By platform")),
    # planning (policy 2.2.1, 4.1.1): the year's plan, a market's brief with its content mix
    Page("plans/2026.html", sees=("Overseas social media plan 2026", "Goals")),
    Page("markets/BR.html", sees=("Brazil (BR)", "Content mix", "Taboo topics")),
    Page("sources.html", sees=("Sources", "Platform limits")),
    # the path pattern is written with angle brackets, which must show as text, not vanish as tags
    Page("rules.html", sees=("Rules reference", "post-location",
                             "content/posts/<account>/<yyyy>/<yyyy-mm-dd>-<slug>.md")),
)
SCREENSHOTS = ("index.html", "calendar/index.html")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
def test_a_person_sees_the_page(page: Page, visit: Callable[[str], Visit], browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    assert [text for text in page.sees if text not in visit(page.path).text] == [], visit(page.path).text[:2000]
    open_settled(browser, site_url, page.path)
    hidden = [selector for selector in page.shows
              if not any(element.is_displayed() for element in browser.find_elements("css selector", selector))]
    assert hidden == [], f"not shown on {page.path}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
def test_no_console_error_and_no_failed_request(page: Page, visit: Callable[[str], Visit]) -> None:
    seen = visit(page.path)
    assert seen.console_errors == []
    assert seen.failed_requests == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
def test_axe_finds_no_serious_accessibility_issue(page: Page, visit: Callable[[str], Visit]) -> None:
    assert visit(page.path).violations == []


def test_the_posts_image_is_shown(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """The image is loaded, not only laid out (it loads lazily: brought into view first)."""
    from selenium.webdriver.support.wait import WebDriverWait

    open_settled(browser, site_url, POST)
    image = browser.find_element("css selector", ".so-preview__media img")
    browser.execute_script("arguments[0].scrollIntoView()", image)
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth > 0", image))
    assert image.get_attribute("alt") == "暗い背景に置かれたLanterna Driftと製品名"
    assert browser.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", image) == [1600, 900]
    console, failures = settle(browser, site_url)
    assert console == [] and failures == []


@pytest.mark.parametrize("path", SCREENSHOTS)
def test_screenshots_are_saved(path: str, browser, site_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Whole-page screenshots, for a person to look at (CI keeps them with SOCIALOPS_SCREENSHOTS)."""
    open_settled(browser, site_url, path)
    with Image.open(save_screenshot(browser, tmp_path, path)) as shot:
        darkest, lightest = shot.convert("L").getextrema()
        page_height = browser.execute_script("return document.documentElement.scrollHeight")
        assert shot.format == "PNG" and shot.size == (1280, page_height) and darkest < lightest


@pytest.mark.parametrize("language", ["ja", "zh-cn"])
def test_a_cjk_font_is_installed_so_the_screenshots_show_the_copy(language: str) -> None:
    """Without one, Japanese copy (lanterna-jp-x) and the Chinese interface render as boxes."""
    fonts = subprocess.run(["fc-list", f":lang={language}", "family"], capture_output=True, text=True).stdout
    assert fonts.strip(), f"no font for {language}: apt-get install fonts-noto-cjk"


def test_the_account_filter_hides_the_other_accounts_posts(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.select import Select

    open_settled(browser, site_url, "calendar/index.html")
    posts = browser.find_elements("css selector", ".so-post")
    japan = [post for post in posts if post.get_attribute("data-account") == JAPAN]
    others = [post for post in posts if post.get_attribute("data-account") != JAPAN]
    assert japan and others, "the demo's November has posts of Japan's account and of others"
    choice = Select(browser.find_element("id", "so-filter-account"))
    option = next(option for option in choice.options if option.get_attribute("value") == JAPAN)
    assert JAPAN_NAME in option.text, "accounts are offered by their name"
    choice.select_by_value(JAPAN)
    assert all(post.is_displayed() and post.get_attribute("hidden") is None for post in japan)
    assert all(not post.is_displayed() and post.get_attribute("hidden") is not None for post in others)
    choice.select_by_index(0)  # the first choice is every account
    assert all(post.get_attribute("hidden") is None for post in posts)
    console, failures = settle(browser, site_url)
    assert console == [] and failures == []


def test_search_finds_a_page(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Material's search runs in the browser from the site's own index."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.wait import WebDriverWait

    open_settled(browser, site_url, "index.html")
    search = browser.find_element("css selector", "input.md-search__input")  # in the header on a desktop
    search.click()
    search.send_keys("rules reference")
    # the results are drawn again as the query grows: an item read while it is replaced is
    # stale, so the wait reads them again until the page it wants is among them
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda driver: any("Rules reference" in item.text
                           for item in driver.find_elements("css selector", ".md-search-result__item")
                           if item.is_displayed()))
    console, failures = settle(browser, site_url)
    assert console == [] and failures == []


def test_screenshots_go_where_asked(tmp_path: Path, browser, site_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """SOCIALOPS_SCREENSHOTS=dir keeps a copy, e.g. for CI to show."""
    monkeypatch.setenv("SOCIALOPS_SCREENSHOTS", str(tmp_path / "kept"))
    open_settled(browser, site_url, "index.html")
    saved = save_screenshot(browser, tmp_path, "index.html")
    assert (tmp_path / "kept" / "index.png").read_bytes() == saved.read_bytes()
