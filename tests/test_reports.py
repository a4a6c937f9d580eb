"""The report numbers: every expected value below was computed by hand from the small metric
files written in the test (the arithmetic is in the comments), not by the code under test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from socialops.model import loader
from socialops.reports import db as reports_db
from socialops.reports import queries
from socialops.reports.queries import Period
from tests.conftest import make_repo

HEADER_ACCOUNTS = ("date,account,followers,profile_visits,impressions,views,reach,likes,comments,shares,saves,"
                   "clicks,video_views,conversions\n")
HEADER_POSTS = ("date,post,platform_post_id,follows,impressions,views,reach,likes,comments,shares,saves,clicks,"
                "video_views,conversions\n")


def _post(publish_at: str, post_format: str) -> str:
    return (f"---\npublish_at: {publish_at}\nstatus: published\nauthor: alice\nlanguage: en-US\nformat: {post_format}\n"
            "disclosure: none\nrisk: normal\npublished_url: https://x.com/acme/status/1\n---\nHello.\n")


FILES = {
    # acme-us-x (x, US, New York); October's last day gives November's follower growth its start
    "content/metrics/accounts/acme-us-x/2026-10.csv": HEADER_ACCOUNTS + "2026-10-31,acme-us-x,1000,,400,,,8,2,1,1,4,,\n",
    "content/metrics/accounts/acme-us-x/2026-11.csv": HEADER_ACCOUNTS
    + "2026-11-01,acme-us-x,1010,,600,,,12,3,2,1,6,,1\n"
    + "2026-11-02,acme-us-x,1030,,400,,,5,0,1,0,4,,1\n",
    # acme-de-instagram (instagram, DE): Meta reports views, not impressions; no October
    "content/metrics/accounts/acme-de-instagram/2026-11.csv": HEADER_ACCOUNTS
    + "2026-11-01,acme-de-instagram,500,,,1000,,30,5,5,10,10,,\n",
    # four US posts: local hour 9, 12, 15, 18 on Monday..Thursday (New York is UTC-5 in November)
    "content/posts/acme-us-x/2026/2026-11-02-a.md": _post("2026-11-02T09:00:00-05:00", "image"),
    "content/posts/acme-us-x/2026/2026-11-03-b.md": _post("2026-11-03T12:00:00-05:00", "image"),
    "content/posts/acme-us-x/2026/2026-11-04-c.md": _post("2026-11-04T15:00:00-05:00", "video"),
    "content/posts/acme-us-x/2026/2026-11-05-d.md": _post("2026-11-05T18:00:00-05:00", "video"),
    # each post 1,000 impressions at its latest reading: 20, 30, 50, 60 engagements = 2, 3, 5, 6 %
    # (post a's earlier reading, 5 of 500 = 1 %, is not its latest)
    "content/metrics/posts/acme-us-x/2026-11.csv": HEADER_POSTS
    + "2026-11-02,acme-us-x/2026-11-02-a,1,,500,,,5,0,0,0,,,\n"
    + "2026-11-03,acme-us-x/2026-11-02-a,1,,1000,,,15,3,1,1,,,\n"
    + "2026-11-06,acme-us-x/2026-11-03-b,1,,1000,,,20,5,5,0,,,\n"
    + "2026-11-06,acme-us-x/2026-11-04-c,1,,1000,,,40,5,5,0,,,\n"
    + "2026-11-06,acme-us-x/2026-11-05-d,1,,1000,,,50,5,5,0,,,\n",
    "content/metrics/audience/acme-us-x/2026-11.csv": "date,account,dimension,value,share\n"
    + "2026-11-01,acme-us-x,age,25-34,0.4\n2026-11-01,acme-us-x,age,18-24,0.6\n",
    "content/metrics/audience/acme-us-x/2026-10.csv": "date,account,dimension,value,share\n"
    + "2026-10-01,acme-us-x,age,18-24,0.9\n",
}
NOVEMBER = Period.month("2026-11")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = make_repo(tmp_path_factory.mktemp("reports"), FILES)
    return reports_db.connect(loader.load(root))


def test_a_month_is_its_days_and_the_month_before_it() -> None:
    assert Period(date(2026, 11, 1), date(2026, 11, 30)) == NOVEMBER
    assert NOVEMBER.before() == Period(date(2026, 10, 1), date(2026, 10, 31))
    assert Period.month("2026-01").before() == Period.month("2025-12")
    assert Period(date(2026, 11, 8), date(2026, 11, 14)).before() == Period(date(2026, 11, 1), date(2026, 11, 7))
    # a month so far against the same days of the month before (31 March so far: to 28 February)
    so_far = queries.so_far(NOVEMBER, date(2026, 11, 25))
    assert so_far == Period(date(2026, 11, 1), date(2026, 11, 25))
    assert so_far.before() == Period(date(2026, 10, 1), date(2026, 10, 25))
    assert Period(date(2027, 3, 1), date(2027, 3, 31)).before() == Period.month("2027-02")
    assert Period(date(2027, 3, 1), date(2027, 3, 30)).before() == Period(date(2027, 2, 1), date(2027, 2, 28))
    assert queries.so_far(NOVEMBER, date(2026, 12, 3)) == NOVEMBER


def test_the_views_have_the_contracts_types(database) -> None:  # type: ignore[no-untyped-def]
    types = dict(database.execute("SELECT column_name, data_type FROM information_schema.columns "
                                  "WHERE table_name = 'accounts'").fetchall())
    assert types["date"] == "DATE" and types["followers"] == "BIGINT" and types["account"] == "VARCHAR"
    assert queries.months(database) == ["2026-10", "2026-11"]
    assert queries.last_day(database) == date(2026, 11, 6)  # the posts' last reading; the accounts' is the 2nd


def test_kpis_of_a_month_for_all_accounts(database) -> None:  # type: ignore[no-untyped-def]
    (total,) = queries.kpi_values(database, NOVEMBER)
    # impressions: US 600 + 400, DE (Meta: views) 1,000 = 2,000
    assert total["impressions"] == 2000
    # engagements: US (12+3+2+1) + (5+0+1+0) = 24, DE 30+5+5+10 = 50: 74; rate 74 / 2,000 = 3.7 %
    assert total["engagements"] == 74
    assert total["engagement_rate"] == pytest.approx(3.7)
    # clicks 6 + 4 + 10 = 20: CTR 20 / 2,000 = 1.0 %; conversions 1 + 1 = 2 (DE reports none): 2 / 20 = 10 %
    assert total["clicks"] == 20 and total["click_through_rate"] == pytest.approx(1.0)
    assert total["conversions"] == 2 and total["conversion_rate"] == pytest.approx(10.0)
    # followers: US 1,030 at the end, 1,000 before: +30, 30 / 1,000 = 3.0 %; DE has no count before
    assert total["follower_growth"] == 30 and total["follower_growth_rate"] == pytest.approx(3.0)
    assert total["reach"] is None and total["video_views"] is None  # not reported: not zero


def test_kpis_by_market_and_platform(database) -> None:  # type: ignore[no-untyped-def]
    by_market = {row["market"]: row for row in queries.kpi_values(database, NOVEMBER, by=("market",))}
    assert by_market["US"]["engagement_rate"] == pytest.approx(2.4)  # 24 / 1,000
    assert by_market["DE"]["engagement_rate"] == pytest.approx(5.0)  # 50 / 1,000
    assert by_market["DE"]["follower_growth"] is None
    by_platform = queries.kpi_values(database, NOVEMBER, by=("platform",), scope={"market": ["DE"]})
    assert [(row["platform"], row["impressions"]) for row in by_platform] == [("instagram", 1000)]


def test_every_months_kpis_in_one_query(database) -> None:  # type: ignore[no-untyped-def]
    monthly = queries.monthly_kpis(database, {"account": ["acme-us-x"]})
    # October: 400 impressions, 12 engagements (3.0 %), no count before it; November: 1,000, 24, +30 followers
    assert list(monthly) == ["2026-10", "2026-11"]
    assert (monthly["2026-10"]["impressions"], monthly["2026-10"]["follower_growth"]) == (400, None)
    assert monthly["2026-10"]["engagement_rate"] == pytest.approx(3.0)
    assert (monthly["2026-11"]["impressions"], monthly["2026-11"]["follower_growth"]) == (1000, 30)
    every = queries.monthly_kpis(database)
    for month in ("2026-10", "2026-11"):  # the same as each month's own query
        assert every[month] == queries.kpi_values(database, Period.month(month))[0]


def test_every_scope_at_once_gives_each_scopes_own_numbers(database) -> None:  # type: ignore[no-untyped-def]
    by_market = queries.monthly_kpis_by(database, "market")
    assert sorted(by_market) == ["DE", "US"] and list(by_market["DE"]) == ["2026-11"]
    assert by_market["US"]["2026-11"]["engagement_rate"] == pytest.approx(2.4)  # 24 / 1,000
    assert by_market["DE"]["2026-11"]["engagement_rate"] == pytest.approx(5.0)  # 50 / 1,000
    assert by_market["US"] == queries.monthly_kpis(database, {"market": ["US"]})
    days = queries.trends_by_scope(database)
    assert queries.within(days[("all", "")], NOVEMBER) == queries.trend(database, NOVEMBER)
    # DE on 1 November: its 1,000 views, 50 engagements, 500 followers
    assert [(row["bucket"], row["impressions"], row["engagements"], row["followers"])
            for row in days[("market", "DE")]] == [(date(2026, 11, 1), 1000, 50, 500)]
    assert days[("account", "acme-us-x")] == queries.trend(database, Period(date(2026, 10, 1), date(2026, 11, 30)),
                                                           scope={"account": ["acme-us-x"]})
    weeks = queries.trends_by_scope(database, "week")
    # the week of Monday 26 October holds 31 October (US 400) and 1 November (1,600): 2,000; it overlaps November
    assert [(row["bucket"], row["impressions"]) for row in queries.within(weeks[("all", "")], NOVEMBER, "week")] == [
        (date(2026, 10, 26), 2000), (date(2026, 11, 2), 400)]
    # every post was published in November and read only in November: its month's numbers are its latest
    for by_its_month in (True, False):
        rates = queries.every_post_rate(database, by_its_month)
        assert rates == queries.post_rates(database, NOVEMBER)
        assert {(row["month"], row["market"], row["platform"]) for row in rates} == {("2026-11", "US", "x")}


def test_period_over_period(database) -> None:  # type: ignore[no-untyped-def]
    lines = {line.kpi: line for line in queries.period_over_period(database, NOVEMBER, {"account": ["acme-us-x"]})}
    # impressions 1,000 against October's 400: +150 %
    assert (lines["impressions"].value, lines["impressions"].before) == (1000, 400)
    assert lines["impressions"].change == pytest.approx(150.0)
    # engagement rate 2.4 % against October's 12 / 400 = 3.0 %: -0.6 percentage points
    assert lines["engagement_rate"].change == pytest.approx(-0.6) and lines["engagement_rate"].change_unit == "points"
    assert lines["follower_growth"].before is None and lines["follower_growth"].change is None


def test_daily_and_weekly_trends(database) -> None:  # type: ignore[no-untyped-def]
    days = queries.trend(database, NOVEMBER)
    # 1 November: US 600 + DE 1,000 impressions, 18 + 50 engagements = 68 / 1,600 = 4.25 %, followers 1,010 + 500
    assert (days[0]["bucket"], days[0]["impressions"], days[0]["engagements"], days[0]["followers"]) == \
        (date(2026, 11, 1), 1600, 68, 1510)
    assert days[0]["engagement_rate"] == pytest.approx(4.25)
    weeks = queries.trend(database, NOVEMBER, "week")
    # 1 November 2026 is a Sunday: its ISO week starts Monday 26 October; 2 November starts the next
    assert [(week["bucket"], week["impressions"]) for week in weeks] == [(date(2026, 10, 26), 1600),
                                                                         (date(2026, 11, 2), 400)]


def test_top_and_bottom_posts_by_their_latest_numbers(database) -> None:  # type: ignore[no-untyped-def]
    rates = queries.post_rates(database, NOVEMBER)
    # post a: its latest reading, (15+3+1+1) / 1,000 = 2 %, not its first (1 %)
    assert [(row["post"].split("/")[1], row["engagement_rate"]) for row in rates] == [
        ("2026-11-05-d", 6.0), ("2026-11-04-c", 5.0), ("2026-11-03-b", 3.0), ("2026-11-02-a", 2.0)]
    # by 2 November only post a is out, and its reading of that day is the latest: 5 / 500 = 1 %
    assert [(row["post"][-1], row["engagement_rate"]) for row in
            queries.post_rates(database, Period(date(2026, 11, 1), date(2026, 11, 2)))] == [("a", 1.0)]
    # to 5 December: November's last readings (post a's of the 3rd) stand for the whole month
    assert queries.post_rates(database, Period(date(2026, 11, 1), date(2026, 12, 5))) == rates
    top, bottom = queries.top_and_bottom(rates, 2)
    assert [row["post"][-1] for row in top] == ["d", "c"] and [row["post"][-1] for row in bottom] == ["a", "b"]
    top, bottom = queries.top_and_bottom(rates[:1], 2)
    assert len(top) == 1 and bottom == []


def test_posting_time_and_format_against_engagement(database) -> None:  # type: ignore[no-untyped-def]
    rates = queries.post_rates(database, NOVEMBER)
    # hours 9, 12, 15, 18 (mean 13.5) against rates 2, 3, 5, 6 (mean 4):
    # Sxy = (-4.5)(-2) + (-1.5)(-1) + (1.5)(1) + (4.5)(2) = 21; Sxx = 45; Syy = 10; r = 21 / √450 = 0.98995
    hour = queries.correlation(rates, "hour")
    assert hour.n == 4 and hour.r == pytest.approx(0.98995, abs=1e-5)
    assert queries.correlation(rates, "weekday").r == pytest.approx(0.98995, abs=1e-5)  # Monday..Thursday = 1..4
    # image 2 and 3 (mean 2.5), video 5 and 6 (mean 5.5); between 2(1.5²) + 2(1.5²) = 9 of 10: η = √0.9 = 0.94868
    means, eta = queries.by_category(rates, "format")
    assert means == [("image", 2.5, 2), ("video", 5.5, 2)]
    assert eta.n == 4 and eta.r == pytest.approx(0.94868, abs=1e-5)
    assert queries.correlation(rates[:2], "hour") == queries.Correlation(None, 2)


def test_a_posts_history_and_the_latest_audience(database) -> None:  # type: ignore[no-untyped-def]
    readings = "SELECT post, date, engagements FROM ({}) ORDER BY post, newness"
    history = [row[1:] for row in database.execute(readings.format(queries.latest_readings_sql())).fetchall()
               if row[0] == "acme-us-x/2026-11-02-a"]
    # newest first: 15 + 3 + 1 + 1 on 3 November; 5 + 0 + 0 + 0 on the 2nd
    assert history == [(date(2026, 11, 3), 20), (date(2026, 11, 2), 5)]
    newest = database.execute(readings.format(queries.latest_readings_sql(latest=1))).fetchall()  # each post's newest
    assert [post for post, _, _ in newest] == [
        f"acme-us-x/2026-11-0{day}-{slug}" for day, slug in ((2, "a"), (3, "b"), (4, "c"), (5, "d"))]
    assert newest[0] == ("acme-us-x/2026-11-02-a", date(2026, 11, 3), 20)
    day, rows = queries.audience(database, "acme-us-x", date(2026, 11, 30))
    assert day == date(2026, 11, 1)
    assert [(row["value"], row["share"]) for row in rows] == [("18-24", 0.6), ("25-34", 0.4)]
    assert queries.audience(database, "acme-us-x", date(2026, 10, 31))[1] == [
        {"dimension": "age", "value": "18-24", "share": 0.9}]
    assert queries.audience(database, "acme-us-x", date(2026, 9, 30)) == (None, [])


def test_campaign_goals_against_results(database) -> None:  # type: ignore[no-untyped-def]
    results = queries.campaign_results(database, {"impressions": 800, "engagement_rate": 3.0, "not_a_kpi": 5},
                                       ["acme-us-x"], Period(date(2026, 11, 1), date(2026, 11, 2)))
    by_kpi = {result.kpi: result for result in results}
    assert set(by_kpi) == {"impressions", "engagement_rate"}
    # 1,000 impressions of 800: 125 %, met; 2.4 % of a 3.0 % target: 80 %, not met
    assert by_kpi["impressions"].progress == pytest.approx(125.0) and by_kpi["impressions"].met
    assert by_kpi["engagement_rate"].progress == pytest.approx(80.0) and by_kpi["engagement_rate"].met is False


def test_times_are_read_in_every_iso_form_the_check_accepts(tmp_path: Path) -> None:
    header = "id,account,channel,priority,category,received,first_response,resolved,responder,escalated_to,post\n"
    rows = [f"i{n},acme-us-x,comment,general,question,{received},,,,,\n" for n, received in enumerate((
        "2026-11-03T10:00:00Z", "2026-11-03T18:00+08:00", "2026-11-03T15:30:00.5+05:30", "2026-11-03T05:00:00-05:00"))]
    root = make_repo(tmp_path, {"content/metrics/interactions/acme-us-x/2026-11.csv": header + "".join(rows)})
    database = reports_db.connect(loader.load(root))
    # each is 10:00 UTC (the third half a second after): as seconds after 2026-11-03T00:00Z
    seconds = database.execute("SELECT epoch(received) - epoch(TIMESTAMPTZ '2026-11-03 00:00:00+00') "
                               "FROM interactions ORDER BY id").fetchall()
    assert [row[0] for row in seconds] == [36000, 36000, 36000.5, 36000]


def test_a_repository_without_metrics_has_empty_views(tmp_path: Path) -> None:
    database = reports_db.connect(loader.load(make_repo(tmp_path)))
    assert queries.kpi_values(database, NOVEMBER) == []
    assert queries.months(database) == [] and queries.post_rates(database, NOVEMBER) == []
