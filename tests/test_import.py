"""`socialops import`: each platform's native export -> the rows of model/metrics.py's
tables. The exports in tests/data/exports/ are hand-written from the real headers of
metric-exports.md; every expected row below was worked out by hand from those files."""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialops.errors import UsageError
from socialops.importers import Request, run
from tests.conftest import make_repo, run_cli

EXPORTS = Path(__file__).parent / "data" / "exports"
ACCOUNTS_HEADER = "date,account,followers,profile_visits,impressions,views,reach,likes,comments,shares,saves,clicks,video_views,conversions"
POSTS_HEADER = "date,post,platform_post_id,follows,impressions,views,reach,likes,comments,shares,saves,clicks,video_views,conversions"
EXPORTED = date(2026, 11, 19)


def _account(account_id: str, platform: str, handle: str, name: str, url: str, zone: str = "Europe/Berlin") -> str:
    return (f"  {account_id}:\n    platform: {platform}\n    handle: \"{handle}\"\n    name: {name}\n    market: DE\n"
            f"    languages: [en-US]\n    timezone: {zone}\n    url: {url}\n    status: active\n"
            "    profile: {avatar: content/media/avatar.png, bio: Acme., contact: hello@acme.example, "
            "website: https://acme.example}\n"
            f"    security: {{two_factor: true, vault: \"op://Social/{account_id}\", password_rotated: \"2026-02-01\"}}\n")


ACCOUNTS = "accounts:\n" + "".join([
    _account("acme-us-x", "x", "@acme", "Acme", "https://x.com/acme", "America/New_York"),
    _account("acme-tr-x", "x", "@acme_tr", "Acme Türkiye", "https://x.com/acme_tr", "Europe/Istanbul"),
    _account("acme-de-instagram", "instagram", "acme.de", "Acme Deutschland", "https://www.instagram.com/acme.de"),
    _account("acme-de-facebook", "facebook", "AcmeDE", "Acme Deutschland", "https://www.facebook.com/AcmeDE"),
    _account("acme-gb-linkedin", "linkedin", "acme-uk", "Acme UK", "https://www.linkedin.com/company/acme-uk"),
    _account("acme-br-tiktok", "tiktok", "@acme.br", "Acme Brasil", "https://www.tiktok.com/@acme.br"),
    _account("acme-ae-youtube", "youtube", "@AcmeArabia", "Acme Arabia", "https://www.youtube.com/@AcmeArabia"),
])


def _post(day: str, url: str, status: str = "published") -> str:
    return f"---\npublish_at: {day}T09:00\nstatus: {status}\nauthor: alice\npublished_url: {url}\n---\nHello.\n"


POSTS = {
    "acme-us-x/2026/2026-11-12-autumn-sale.md": _post("2026-11-12", "https://x.com/acme/status/1856000000000000001"),
    "acme-us-x/2026/2026-11-17-two-lines.md": _post("2026-11-17", "https://x.com/acme/status/1856000000000000002"),
    "acme-de-facebook/2026/2026-11-10-herbst.md": _post("2026-11-10", "https://www.facebook.com/AcmeDE/posts/pfbid0abcDEF123"),
    "acme-de-facebook/2026/2026-11-16-reel.md": _post("2026-11-16", "https://www.facebook.com/reel/1290000000000002"),
    "acme-de-facebook/2026/2026-11-05-link.md": _post("2026-11-05", "https://www.facebook.com/AcmeDE/posts/1290000000000003"),
    "acme-de-instagram/2026/2026-11-10-herbst.md": _post("2026-11-10", "https://www.instagram.com/p/CxAbC123_-z/"),
    "acme-gb-linkedin/2026/2026-11-03-hiring.md":
        _post("2026-11-03", "https://www.linkedin.com/feed/update/urn:li:activity:7390000000000000001/"),
    "acme-br-tiktok/2026/2026-11-12-unboxing.md": _post("2026-11-12", "https://www.tiktok.com/@acme.br/video/7430000000000000001"),
    "acme-ae-youtube/2026/2026-11-10-launch.md": _post("2026-11-10", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
    "acme-ae-youtube/2026/2026-11-12-teaser.md": _post("2026-11-12", "https://youtu.be/abcdefghijk"),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    files = {"accounts.yaml": ACCOUNTS, **{f"content/posts/{path}": text for path, text in POSTS.items()}}
    return make_repo(tmp_path, files)


def _import(root: Path, platform: str, name: str, **options):
    return run(Request(root, platform, EXPORTS / name, exported=options.pop("exported", EXPORTED), **options))


def _lines(root: Path, relpath: str) -> list[str]:
    return (root / relpath).read_text("utf-8").splitlines()


def _messages(outcome) -> list[tuple[int | None, str, str]]:
    return [(finding.line, finding.severity, finding.message) for finding in outcome.findings]


# -- X ------------------------------------------------------------------------------------


def test_x_post_export_rows_are_snapshots_of_the_export_day(root: Path) -> None:
    outcome = _import(root, "x", "account_analytics_content_2026-10-21_2026-11-19.csv")
    assert outcome.account == "acme-us-x"  # from the handle in the post links
    assert _lines(root, "content/metrics/posts/acme-us-x/2026-11.csv") == [
        POSTS_HEADER,
        "2026-11-19,acme-us-x/2026-11-12-autumn-sale,1856000000000000001,1,1234,,,40,5,7,3,12,,",
        "2026-11-19,acme-us-x/2026-11-17-two-lines,1856000000000000002,0,980,,,12,2,3,0,1,,",
    ]
    # the third post is not in the repository: reported with its line (the second row spans lines 3-4)
    assert _messages(outcome) == [(5, "warning", "no published post of acme-us-x in the repository is post id "
                                                 "1856000000000000099; row skipped")]
    assert outcome.plan.added == 2


def test_reimporting_the_same_export_changes_nothing(root: Path) -> None:
    name = "account_analytics_content_2026-10-21_2026-11-19.csv"
    _import(root, "x", name)
    before = (root / "content/metrics/posts/acme-us-x/2026-11.csv").read_bytes()
    again = _import(root, "x", name)
    assert again.plan.rows_changed == 0 and again.written == []
    assert (root / "content/metrics/posts/acme-us-x/2026-11.csv").read_bytes() == before


def test_a_conflicting_value_is_reported_and_nothing_written_without_force(root: Path) -> None:
    _import(root, "x", "account_analytics_content_2026-10-21_2026-11-19.csv")
    path = root / "content/metrics/posts/acme-us-x/2026-11.csv"
    before = path.read_bytes()
    # the Turkish export of the same day says 1.250 impressions (Turkish thousands) and 41 likes
    outcome = _import(root, "x", "account_analytics_content_tr.csv")
    assert [(c.line, c.column, c.old, c.new) for c in outcome.plan.conflicts] == [
        (2, "impressions", "1234", "1250"), (2, "likes", "40", "41")]
    assert outcome.written == [] and path.read_bytes() == before
    forced = _import(root, "x", "account_analytics_content_tr.csv", force=True)
    assert forced.written == ["content/metrics/posts/acme-us-x/2026-11.csv"]
    assert _lines(root, "content/metrics/posts/acme-us-x/2026-11.csv")[1] == \
        "2026-11-19,acme-us-x/2026-11-12-autumn-sale,1856000000000000001,1,1250,,,41,5,7,3,12,,"


def test_x_legacy_tweet_activity_reads_floats_and_leaves_promoted_columns(root: Path) -> None:
    outcome = _import(root, "x", "tweet_activity_metrics_acme_20261101_20261119_en.csv")
    assert outcome.account == "acme-us-x"  # from the handle in the file name
    assert _lines(root, "content/metrics/posts/acme-us-x/2026-11.csv")[1:] == [
        "2026-11-19,acme-us-x/2026-11-12-autumn-sale,1856000000000000001,1,1200,,,40,5,7,,12,,",
        "2026-11-19,acme-us-x/2026-11-17-two-lines,1856000000000000002,0,950,,,12,2,3,,1,,",
    ]
    assert "promoted impressions" in outcome.ignored


def test_x_account_overview_needs_the_account_when_two_could_be_meant(root: Path) -> None:
    with pytest.raises(UsageError, match=r"Give --account with one of: acme-us-x \(@acme\), acme-tr-x \(@acme_tr\)"):
        _import(root, "x", "account_overview_analytics.csv")
    _import(root, "x", "account_overview_analytics.csv", account="acme-us-x")
    # newest first in the file, sorted by day in ours; "-" and "undefined" are no data, not 0
    assert _lines(root, "content/metrics/accounts/acme-us-x/2026-11.csv") == [
        ACCOUNTS_HEADER,
        "2026-11-17,acme-us-x,,0,,,,,0,0,0,,0,",
        "2026-11-18,acme-us-x,,21,1980,,,44,6,7,2,,120,",
        "2026-11-19,acme-us-x,,30,2510,,,61,8,11,4,,0,",
    ]


# -- Meta -----------------------------------------------------------------------------------


def test_facebook_posts_utf8_bom_found_by_pfbid_link_and_by_id(root: Path) -> None:
    outcome = _import(root, "facebook", "Nov-01-2026_Nov-19-2026_1290000000000000.csv")
    assert outcome.account == "acme-de-facebook" and outcome.findings == []
    assert _lines(root, "content/metrics/posts/acme-de-facebook/2026-11.csv") == [
        POSTS_HEADER,
        # a pfbid link carries no id: the row is found by the link, the id is the export's
        "2026-11-19,acme-de-facebook/2026-11-10-herbst,1290000000000001,,,5432,3100,80,10,6,,,,",
        "2026-11-19,acme-de-facebook/2026-11-16-reel,1290000000000002,,,12000,8000,120,20,10,,,4500,",
    ]


def test_facebook_legacy_export_skips_its_second_header_row(root: Path) -> None:
    name = "Facebook Insights Data Export (Post Level) - Acme Deutschland - 2026-11-19.csv"
    outcome = _import(root, "facebook", name)
    assert outcome.layout.startswith("Facebook posts, legacy")
    assert _lines(root, "content/metrics/posts/acme-de-facebook/2026-11.csv")[1:] == [
        "2026-11-19,acme-de-facebook/2026-11-05-link,1290000000000003,,600,,350,31,4,2,,9,,",
    ]


def test_meta_page_level_utf16_file_goes_to_the_metric_named_on_line_2(root: Path) -> None:
    outcome = _import(root, "facebook", "Views.csv")
    assert outcome.account == "acme-de-facebook"  # the only Facebook account
    assert _lines(root, "content/metrics/accounts/acme-de-facebook/2026-11.csv") == [
        ACCOUNTS_HEADER,
        "2026-11-01,acme-de-facebook,,,,1020,,,,,,,,",
        "2026-11-02,acme-de-facebook,,,,980,,,,,,,,",
        "2026-11-03,acme-de-facebook,,,,1105,,,,,,,,",
    ]


def test_meta_page_level_metric_without_a_column_imports_nothing(root: Path) -> None:
    outcome = _import(root, "facebook", "Follows.csv")
    assert _messages(outcome) == [(3, "warning", "the metric 'Facebook follows' has no column in the accounts "
                                                 "table; nothing imported from this file")]
    assert not (root / "content/metrics").exists()


def test_instagram_posts_found_by_shortcode(root: Path) -> None:
    outcome = _import(root, "instagram", "instagram_posts.csv")
    assert outcome.account == "acme-de-instagram"
    assert _lines(root, "content/metrics/posts/acme-de-instagram/2026-11.csv")[1:] == [
        "2026-11-19,acme-de-instagram/2026-11-10-herbst,CxAbC123_-z,3,,4321,2100,310,25,12,40,,,",
    ]


# -- LinkedIn -------------------------------------------------------------------------------


def _linkedin_workbook(path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    metrics = workbook.active
    metrics.title = "Metrics"
    metrics.append(["Aggregated metrics for Acme UK, Nov 1, 2026 - Nov 19, 2026"])
    metrics.append(["Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
                    "Unique impressions (organic)", "Clicks (organic)", "Clicks (sponsored)", "Clicks (total)",
                    "Reactions (organic)", "Reactions (sponsored)", "Reactions (total)", "Comments (organic)",
                    "Comments (sponsored)", "Comments (total)", "Reposts (organic)", "Reposts (sponsored)",
                    "Reposts (total)", "Engagement rate (organic)", "Engagement rate (sponsored)",
                    "Engagement rate (total)"])
    metrics.append(["11/01/2026", 300, 100, 400, 250, 12, 3, 15, 20, 0, 20, 2, 0, 2, 1, 0, 1, 0.1167, 0.03, 0.095])
    metrics.append([datetime(2026, 11, 2), 500, 0, 500, 410, 20, 0, 20, 31, 0, 31, 4, 0, 4, 2, 0, 2, 0.114, 0, 0.114])
    posts = workbook.create_sheet("All posts")
    posts.append(["All posts for Acme UK"])
    posts.append(["Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date",
                  "Campaign start date", "Campaign end date", "Audience", "Impressions",
                  "Views (excluding off-site video views)", "Off-site views", "Clicks", "Click through rate (CTR)",
                  "Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type"])
    posts.append(["We are hiring", "https://www.linkedin.com/feed/update/urn:li:activity:7390000000000000001",
                  "Organic", "", "Ann", "11/03/2026", "", "", "All followers", 1500, "", "", 45, 0.03, 60, 7, 3, 2,
                  0.077, "Text"])
    posts.append(["Not ours", "urn:li:activity:7390000000000000999", "Organic", "", "Ann", "11/04/2026", "", "",
                  "All followers", 10, "", "", 0, 0, 0, 0, 0, 0, 0, "Text"])
    workbook.save(path)


def test_linkedin_xlsx_metrics_sheet_note_row_then_header(root: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "acme-uk_content_1731000000000.xlsx"
    _linkedin_workbook(workbook)
    outcome = run(Request(root, "linkedin", workbook, exported=EXPORTED))
    assert outcome.account == "acme-gb-linkedin"  # the only LinkedIn account (and the file name's handle)
    assert _lines(root, "content/metrics/accounts/acme-gb-linkedin/2026-11.csv") == [
        ACCOUNTS_HEADER,
        "2026-11-01,acme-gb-linkedin,,,400,,,20,2,1,,15,,",
        "2026-11-02,acme-gb-linkedin,,,500,,,31,4,2,,20,,",  # a date cell of the workbook, not text
    ]


def test_linkedin_xls_the_older_workbook_format_reads_the_same(root: Path, tmp_path: Path) -> None:
    """LinkedIn also serves the older .xls (BIFF8): the same sheet written by xlwt gives the same rows."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Metrics")
    rows = [["Aggregated metrics for Acme UK, Nov 1, 2026 - Nov 19, 2026"],
            ["Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
             "Unique impressions (organic)", "Clicks (organic)", "Clicks (sponsored)", "Clicks (total)",
             "Reactions (organic)", "Reactions (sponsored)", "Reactions (total)", "Comments (organic)",
             "Comments (sponsored)", "Comments (total)", "Reposts (organic)", "Reposts (sponsored)", "Reposts (total)"],
            ["11/01/2026", 300, 100, 400, 250, 12, 3, 15, 20, 0, 20, 2, 0, 2, 1, 0, 1],
            [datetime(2026, 11, 2), 500, 0, 500, 410, 20, 0, 20, 31, 0, 31, 4, 0, 4, 2, 0, 2]]
    day = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for number, row in enumerate(rows):
        for column, value in enumerate(row):
            sheet.write(number, column, value, day if isinstance(value, datetime) else xlwt.Style.default_style)
    workbook = tmp_path / "acme-uk_content_1731000000000.xls"
    book.save(str(workbook))
    assert workbook.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # an OLE2 compound file, not a zip
    run(Request(root, "linkedin", workbook, exported=EXPORTED))
    assert _lines(root, "content/metrics/accounts/acme-gb-linkedin/2026-11.csv") == [
        ACCOUNTS_HEADER,
        "2026-11-01,acme-gb-linkedin,,,400,,,20,2,1,,15,,",
        "2026-11-02,acme-gb-linkedin,,,500,,,31,4,2,,20,,",  # a date cell of the workbook, not text
    ]


def test_linkedin_all_posts_sheet_found_by_activity_urn(root: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "acme-uk_content_1731000000000.xlsx"
    _linkedin_workbook(workbook)
    # the same workbook: the Metrics sheet is found first, so the posts need their own file
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    del book["Metrics"]
    posts_only = tmp_path / "acme-uk_posts.xlsx"
    book.save(posts_only)
    outcome = run(Request(root, "linkedin", posts_only, exported=EXPORTED))
    assert _lines(root, "content/metrics/posts/acme-gb-linkedin/2026-11.csv")[1:] == [
        "2026-11-19,acme-gb-linkedin/2026-11-03-hiring,urn:li:activity:7390000000000000001,2,1500,,,60,7,3,,45,,",
    ]
    assert _messages(outcome) == [(4, "warning", "sheet 'All posts', row 4: no published post of acme-gb-linkedin in "
                                                 "the repository is link urn:li:activity:7390000000000000999; row "
                                                 "skipped")]


# -- TikTok ---------------------------------------------------------------------------------


def test_tiktok_overview_spanish_yearless_dates_and_negative_comments(root: Path) -> None:
    outcome = _import(root, "tiktok", "Overview.csv")
    assert outcome.account == "acme-br-tiktok" and outcome.findings == []
    assert _lines(root, "content/metrics/accounts/acme-br-tiktok/2026-10.csv") == [
        ACCOUNTS_HEADER,
        "2026-10-30,acme-br-tiktok,,15,,1200,,80,-7,3,,,,",
        "2026-10-31,acme-br-tiktok,,9,,980,,60,4,1,,,,",
    ]
    assert _lines(root, "content/metrics/accounts/acme-br-tiktok/2026-11.csv")[1:] == [
        "2026-11-01,acme-br-tiktok,,12,,1050,,71,5,2,,,,",
    ]


def test_tiktok_follower_history_takes_the_year_back_from_the_export_day(root: Path) -> None:
    # exported on 2 March 2028: February 29 is 2028's (a leap year); the difference column is not read
    _import(root, "tiktok", "FollowerHistory.csv", exported=date(2028, 3, 2))
    assert _lines(root, "content/metrics/accounts/acme-br-tiktok/2028-02.csv")[1:] == [
        "2028-02-28,acme-br-tiktok,5100,,,,,,,,,,,",
        "2028-02-29,acme-br-tiktok,5112,,,,,,,,,,,",
    ]
    assert _lines(root, "content/metrics/accounts/acme-br-tiktok/2028-03.csv")[1:] == [
        "2028-03-01,acme-br-tiktok,5110,,,,,,,,,,,",
    ]


def test_tiktok_content_found_by_video_link(root: Path) -> None:
    outcome = _import(root, "tiktok", "Content.csv")
    assert _lines(root, "content/metrics/posts/acme-br-tiktok/2026-11.csv")[1:] == [
        "2026-11-19,acme-br-tiktok/2026-11-12-unboxing,7430000000000000001,,,30000,,1500,40,25,,,,",
    ]
    assert [line for line, _, _ in _messages(outcome)] == [3]


# -- YouTube --------------------------------------------------------------------------------


def test_youtube_table_data_drops_the_total_row(root: Path) -> None:
    outcome = _import(root, "youtube", "Table data.csv")
    assert outcome.findings == [] and outcome.rows_read == 2
    assert _lines(root, "content/metrics/posts/acme-ae-youtube/2026-11.csv")[1:] == [
        "2026-11-19,acme-ae-youtube/2026-11-10-launch,dQw4w9WgXcQ,38,70000,,,,,,,,4200,",
        "2026-11-19,acme-ae-youtube/2026-11-12-teaser,abcdefghijk,3,18000,,,,,,,,1000,",
    ]


def test_youtube_chart_data_sums_a_day_and_totals_agree(root: Path) -> None:
    _import(root, "youtube", "Chart data.csv")
    assert _lines(root, "content/metrics/accounts/acme-ae-youtube/2026-11.csv")[1:] == [
        "2026-11-12,acme-ae-youtube,,,,,,,,,,,950,",  # 800 + 150
        "2026-11-13,acme-ae-youtube,,,,,,,,,,,690,",  # 600 + 90
    ]
    totals = _import(root, "youtube", "Totals.csv")
    assert totals.plan.conflicts == [] and totals.plan.rows_changed == 1  # 14 November is new
    assert _lines(root, "content/metrics/accounts/acme-ae-youtube/2026-11.csv")[-1] == \
        "2026-11-14,acme-ae-youtube,,,,,,,,,,,500,"


# -- bad input ------------------------------------------------------------------------------


def test_a_bad_row_is_a_finding_with_its_line_and_the_rest_is_imported(root: Path, tmp_path: Path) -> None:
    export = tmp_path / "Totals.csv"
    export.write_text("Date,Impressions\n2026-11-12,12abc\n2026-11-13,-5\nnot a day,4\n2026-11-14,7\n", "utf-8")
    outcome = run(Request(root, "youtube", export, exported=EXPORTED))
    assert [(line, severity) for line, severity, _ in _messages(outcome)] == [(2, "error"), (3, "error"), (4, "error")]
    assert "'12abc' is not a whole number" in outcome.findings[0].message
    assert "-5 is negative" in outcome.findings[1].message
    assert _lines(root, "content/metrics/accounts/acme-ae-youtube/2026-11.csv")[1:] == [
        "2026-11-14,acme-ae-youtube,,,7,,,,,,,,,"]


def test_a_file_of_another_kind_is_a_usage_error(root: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not an export this importer reads for youtube"):
        _import(root, "youtube", "Overview.csv")
    binary = tmp_path / "export.csv"
    binary.write_bytes(b"Date,Views\n\xff\xfe\xfa")
    with pytest.raises(UsageError, match="not UTF-8 text"):
        run(Request(root, "youtube", binary))


def test_cli_says_zero_rows_changed_on_a_second_import_and_refuses_a_conflict(root: Path, tmp_path: Path) -> None:
    export = tmp_path / "Totals.csv"
    shutil.copy(EXPORTS / "Totals.csv", export)
    args = ("import", "youtube", str(export), "--exported", "2026-11-19", "--repo", str(root))
    first = run_cli(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "3 rows changed (3 added, 0 updated)" in first.stdout
    second = run_cli(*args, cwd=tmp_path)
    assert second.returncode == 0 and "0 rows changed" in second.stdout
    export.write_text("Date,Views\n2026-11-12,951\n", "utf-8")
    third = run_cli(*args, cwd=tmp_path)
    assert third.returncode == 1
    assert "content/metrics/accounts/acme-ae-youtube/2026-11.csv:2: conflict 2026-11-12 acme-ae-youtube " \
           "video_views: 950 → 951" in third.stdout
    assert "nothing written" in third.stdout


def test_without_exported_the_day_is_the_files_modification_day(root: Path, tmp_path: Path) -> None:
    export = tmp_path / "Overview.csv"
    shutil.copy(EXPORTS / "Overview.csv", export)
    # 2027-01-02 10:00 UTC is 07:00 the same day in São Paulo (the account's zone here is Berlin: 11:00)
    stamp = datetime(2027, 1, 2, 10, 0, tzinfo=UTC).timestamp()
    os.utime(export, (stamp, stamp))
    outcome = run(Request(root, "tiktok", export))
    assert outcome.exported == date(2027, 1, 2) and "modification day" in outcome.exported_from
    # "30 de octubre" read on 2 January 2027 is in 2026
    assert _lines(root, "content/metrics/accounts/acme-br-tiktok/2026-10.csv")[1].startswith("2026-10-30,")


def test_a_snapshot_dated_before_the_post_was_published_is_refused(root: Path) -> None:
    outcome = _import(root, "x", "account_analytics_content_2026-10-21_2026-11-19.csv", exported=date(2026, 11, 15))
    assert (3, "error", "the export's day 2026-11-15 is before acme-us-x/2026-11-17-two-lines was published "
                        "(2026-11-17); row skipped") in _messages(outcome)
    assert len(_lines(root, "content/metrics/posts/acme-us-x/2026-11.csv")) == 2  # the header and the first post


def test_an_existing_metric_file_that_cannot_be_merged_stops_the_import(root: Path) -> None:
    target = root / "content/metrics/accounts/acme-ae-youtube/2026-11.csv"
    target.parent.mkdir(parents=True)
    target.write_text("date,views\n2026-11-12,3\n", "utf-8")
    outcome = _import(root, "youtube", "Totals.csv")
    assert outcome.written == [] and target.read_text("utf-8") == "date,views\n2026-11-12,3\n"
    assert "content/metrics/accounts/acme-ae-youtube/2026-11.csv its header is not the accounts table's" \
        in outcome.findings[0].message


def test_an_account_that_is_not_of_the_platform_is_a_usage_error(root: Path) -> None:
    with pytest.raises(UsageError, match=r"--account acme-us-x: no youtube account of that id in accounts.yaml; "
                                         r"youtube accounts: acme-ae-youtube \(@AcmeArabia\)"):
        _import(root, "youtube", "Totals.csv", account="acme-us-x")


def test_a_large_file_shows_a_progress_bar_when_asked(root: Path, tmp_path: Path, capsys) -> None:
    export = tmp_path / "Totals.csv"
    days = [date(2020, 1, 1) + timedelta(days=offset) for offset in range(2_500)]
    export.write_text("Date,Views\n" + "".join(f"{day.isoformat()},{index}\n" for index, day in enumerate(days)),
                      "utf-8")
    outcome = run(Request(root, "youtube", export, exported=EXPORTED, progress=True))
    assert outcome.plan.added == 2_500 and len(outcome.written) == 83  # Jan 2020 to Nov 2026: 83 months
    assert "/2500 [" in capsys.readouterr().err  # the bar, on stderr


def test_linkedin_followers_location_sheet_becomes_region_shares(root: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    new_followers = workbook.active
    new_followers.title = "New followers"
    new_followers.append(["Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"])
    new_followers.append(["11/01/2026", 0, 3, 0, 3])
    location = workbook.create_sheet("Location")
    location.append(["Location", "Total followers"])
    for place, followers in (("Greater London, England, United Kingdom", 50), ("Manchester Area, United Kingdom", 25),
                             ("Berlin, Germany", 45)):
        location.append([place, followers])
    path = tmp_path / "acme-uk_followers_1731000000000.xlsx"
    workbook.save(path)
    outcome = run(Request(root, "linkedin", path, exported=EXPORTED))
    assert outcome.findings == []
    # 120 followers in all: 45/120 = 0.375, 50/120 = 0.41666…, 25/120 = 0.20833…
    assert _lines(root, "content/metrics/audience/acme-gb-linkedin/2026-11.csv") == [
        "date,account,dimension,value,share",
        '2026-11-19,acme-gb-linkedin,region,"Berlin, Germany",0.375',
        '2026-11-19,acme-gb-linkedin,region,"Greater London, England, United Kingdom",0.4167',
        '2026-11-19,acme-gb-linkedin,region,"Manchester Area, United Kingdom",0.2083',
    ]


def test_tiktok_top_territories_are_shares_as_given(root: Path) -> None:
    _import(root, "tiktok", "FollowerTopTerritories.csv")
    assert _lines(root, "content/metrics/audience/acme-br-tiktok/2026-11.csv")[1:] == [
        "2026-11-19,acme-br-tiktok,region,Brazil,0.812",
        "2026-11-19,acme-br-tiktok,region,Portugal,0.09",  # a decimal comma; Angola's "-" is no data
    ]


def test_a_post_id_rounded_by_a_spreadsheet_is_named_as_such(root: Path, tmp_path: Path) -> None:
    export = tmp_path / "account_analytics_content.csv"
    export.write_text("Post id,Post Link,Impressions\n1.856E+18,,10\n", "utf-8")
    outcome = run(Request(root, "x", export, account="acme-us-x", exported=EXPORTED))
    assert _messages(outcome) == [(2, "error", "the post id 1.856E+18 was rounded by a spreadsheet; row skipped")]


def test_a_zip_of_exports_is_a_usage_error_not_a_traceback(root: Path, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "tiktok.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("Overview.csv", "Date,Video Views\n")
    with pytest.raises(UsageError, match="ZIP archive, not a workbook: unpack it"):
        run(Request(root, "tiktok", archive))


CELLS = ["", "-", "1,234", "10.000", "-7", "1e9", "abc", "\ufeff", "Fri, Mar 21, 2025", "8 de marzo", "\x00", "\"",
         "https://x.com/acme/status/1856000000000000001", "1856000000000000001", "Total", "Lifetime: x", "99999999999999999999"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.sampled_from(CELLS), min_size=0, max_size=8), max_size=6),
       header=st.sampled_from(["Post id,Post Link,Impressions,Likes", "Date,Impressions,Likes",
                               "Date,Views", "Date,Content,Video title,Video publish time,Duration,Views"]))
def test_any_rows_give_findings_never_a_traceback(root: Path, tmp_path: Path, rows: list[list[str]], header: str) -> None:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header.split(","), *rows])
    export = tmp_path / "export.csv"
    export.write_text(out.getvalue(), "utf-8")
    platform = "youtube" if "Views" in header else "x"
    with contextlib.suppress(UsageError):  # a file the importer refuses as a whole: said, not a traceback
        run(Request(root, platform, export, account="acme-us-x" if platform == "x" else None, exported=EXPORTED,
                    force=True))


def test_with_account_given_the_posts_are_found_alike(root: Path) -> None:
    outcome = _import(root, "x", "account_analytics_content_2026-10-21_2026-11-19.csv", account="acme-us-x")
    assert outcome.plan.added == 2 and [line for line, _, _ in _messages(outcome)] == [5]
