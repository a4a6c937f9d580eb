"""Reply-SLA figures (policy 5.1): due times counted on the calendar by hand, and one
account's month added up by hand."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from socialops.model import loader
from socialops.reports import sla
from tests.conftest import make_repo

BERLIN, NEW_YORK, DUBAI = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Dubai")
SLA = sla.Sla(important_hours=4, general_business_days=2)
HEADER = "id,account,channel,priority,category,received,first_response,resolved,responder,escalated_to,post\n"


def test_general_question_on_friday_before_a_holiday_monday_is_due_wednesday() -> None:
    # Fri 2026-05-22 17:00 Berlin; Sat 23, Sun 24 weekend; Mon 25 Whit Monday (national holiday);
    # Tue 26 = working day 1, Wed 27 = working day 2 -> due at the end of Wed 27 (midnight).
    received = datetime(2026, 5, 22, 17, 0, tzinfo=BERLIN)
    assert sla.due_time(received, "general", SLA, BERLIN, "DE") == datetime(2026, 5, 28, 0, 0, tzinfo=BERLIN)


def test_the_day_of_receipt_does_not_count_even_early_in_the_morning() -> None:
    # Tue 2026-03-10 00:05 Berlin: Wed 11 = 1, Thu 12 = 2 -> due at the end of Thu 12
    received = datetime(2026, 3, 10, 0, 5, tzinfo=BERLIN)
    assert sla.due_time(received, "general", SLA, BERLIN, "DE") == datetime(2026, 3, 13, 0, 0, tzinfo=BERLIN)


def test_the_day_is_the_accounts_local_day() -> None:
    # 2026-03-10 03:00 UTC is still Mon 9 in New York (22:00 EST): Tue 10 = 1, Wed 11 = 2
    received = datetime(2026, 3, 10, 3, 0, tzinfo=ZoneInfo("UTC"))
    assert sla.due_time(received, "general", SLA, NEW_YORK, "US") == datetime(2026, 3, 12, 0, 0, tzinfo=NEW_YORK)


@pytest.mark.parametrize(("received", "due"), [
    # since 2022 the UAE weekend is Saturday and Sunday: Thu 2026-07-09 -> Fri 10 = 1, Mon 13 = 2
    (datetime(2026, 7, 9, 10, 0, tzinfo=DUBAI), datetime(2026, 7, 14, 0, 0, tzinfo=DUBAI)),
    # until 2021 it was Friday and Saturday: Thu 2021-07-08 -> Sun 11 = 1, Mon 12 = 2
    (datetime(2021, 7, 8, 10, 0, tzinfo=DUBAI), datetime(2021, 7, 13, 0, 0, tzinfo=DUBAI)),
])
def test_the_uae_weekend_moved_in_2022(received: datetime, due: datetime) -> None:
    assert sla.due_time(received, "general", SLA, DUBAI, "AE") == due


def test_important_hours_are_clock_hours_across_a_weekend_and_a_clock_change() -> None:
    # Sat 2026-03-07 22:00 EST + 4 h = Sun 02:00 EST; DST starts Sun 2026-03-08 02:00, so 4 elapsed
    # hours from Sat 23:00 EST end at Sun 04:00 EDT (03:00 EST).
    assert sla.due_time(datetime(2026, 3, 7, 23, 0, tzinfo=NEW_YORK), "important", SLA, NEW_YORK, "US") \
        == datetime(2026, 3, 8, 4, 0, tzinfo=NEW_YORK)


def test_a_market_without_a_calendar_has_a_saturday_sunday_weekend() -> None:
    # "ZZ" is no country: Fri 2026-03-13 -> Mon 16 = 1, Tue 17 = 2
    received = datetime(2026, 3, 13, 9, 0, tzinfo=BERLIN)
    assert sla.due_time(received, "general", SLA, BERLIN, "ZZ") == datetime(2026, 3, 18, 0, 0, tzinfo=BERLIN)
    assert not sla.WorkingDays("ZZ").known


def _month(tmp_path: Path) -> list[sla.Month]:
    rows = [
        # in time: important, 3 h
        "a,acme-us-x,dm,important,complaint,2026-05-04T09:00:00-04:00,2026-05-04T12:00:00-04:00,2026-05-04T15:00:00-04:00,,dana,",
        # late: important, 5 h; a complaint resolved after 30 h, escalated
        "b,acme-us-x,dm,important,complaint,2026-05-05T09:00:00-04:00,2026-05-05T14:00:00-04:00,2026-05-06T15:00:00-04:00,,dana,",
        # in time: general, Wed 6 -> Thu 7 = 1, Fri 8 = 2; answered Fri
        "c,acme-us-x,comment,general,question,2026-05-06T09:00:00-04:00,2026-05-08T09:00:00-04:00,,,,",
        # overdue: general, Mon 11 -> due by the end of Wed 13, unanswered; a complaint still open
        "d,acme-us-x,comment,general,complaint,2026-05-11T09:00:00-04:00,,,,,",
        # open: received Thu 28 -> due by the end of Mon Jun 1; now is Fri 29
        "e,acme-us-x,comment,general,feedback,2026-05-28T09:00:00-04:00,,,,,",
        # in time: important, answered an hour later, after midnight (the next month) in New York
        "f,acme-us-x,dm,important,question,2026-05-31T23:30:00-04:00,2026-06-01T00:30:00-04:00,,,,",
    ]
    root = make_repo(tmp_path, {"content/metrics/interactions/acme-us-x/2026-05.csv": HEADER + "\n".join(rows) + "\n"})
    repo = loader.load(root)
    return sla.Judgement(repo, datetime(2026, 5, 29, 12, 0, tzinfo=NEW_YORK)).by_account_month()


def test_one_accounts_month_counted_by_hand(tmp_path: Path) -> None:
    [may] = _month(tmp_path)
    assert (may.account, may.month) == ("acme-us-x", "2026-05")
    assert (may.received, may.in_time, may.late, may.overdue, may.open) == (6, 3, 1, 1, 1)
    assert may.compliance == pytest.approx(100 * 3 / 5)  # open "e" is not yet decided: 3 of a, b, c, d, f
    # complaints a, b, d; resolved a (6 h) and b (30 h): median (6 + 30) / 2 = 18 h; a and b escalated
    assert (may.complaints, may.complaints_resolved, may.escalations) == (3, 2, 2)
    assert may.median_resolve_hours == pytest.approx(18)


def test_a_month_with_nothing_decided_has_no_compliance_figure() -> None:
    assert sla.Month("acme-us-x", "2026-05", received=1, open=1).compliance is None


def test_compliance_over_a_campaigns_days(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"content/metrics/interactions/acme-us-x/2026-05.csv": HEADER
                                + "a,acme-us-x,dm,important,question,2026-05-04T09:00:00-04:00,2026-05-04T12:00:00-04:00,,,,\n"
                                + "b,acme-us-x,dm,important,question,2026-05-05T09:00:00-04:00,2026-05-05T14:00:00-04:00,,,,\n"
                                + "c,acme-us-x,dm,important,question,2026-05-06T09:00:00-04:00,2026-05-06T10:00:00-04:00,,,,\n"
                                + "d,acme-us-x,dm,important,question,2026-05-07T09:00:00-04:00,2026-05-07T19:00:00-04:00,,,,\n"})
    judged = sla.Judgement(loader.load(root), datetime(2026, 5, 29, 12, 0, tzinfo=NEW_YORK))
    # May 4-6: a (3 h) and c (1 h) in time, b (5 h) late -> 2 of 3 = 66.7 %; d (May 7) is outside
    assert judged.compliance({"acme-us-x"}, date(2026, 5, 4), date(2026, 5, 6)) == pytest.approx(200 / 3)
    assert judged.compliance({"acme-de-instagram"}, date(2026, 5, 1), date(2026, 5, 31)) is None


def test_a_second_build_reads_each_markets_days_off_from_the_user_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Whit Monday case above, worked out from the holidays library once; a second run
    (a fresh process's memos) reads the days off from the user cache and builds no calendar."""
    from socialops import user_cache

    monkeypatch.setenv("SOCIALOPS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(user_cache, "_MEMOS", {})
    sla._year_off.cache_clear()
    received = datetime(2026, 5, 22, 17, 0, tzinfo=BERLIN)
    assert sla.due_time(received, "general", SLA, BERLIN, "DE") == datetime(2026, 5, 28, 0, 0, tzinfo=BERLIN)
    user_cache.save_memos()
    monkeypatch.setattr(user_cache, "_MEMOS", {})
    sla._year_off.cache_clear()
    monkeypatch.setattr(sla, "_calendar", lambda market: pytest.fail(f"the {market} calendar was built again"))
    assert sla.due_time(received, "general", SLA, BERLIN, "DE") == datetime(2026, 5, 28, 0, 0, tzinfo=BERLIN)
    sla._year_off.cache_clear()
