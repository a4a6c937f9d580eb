"""The demo's metric files tell the demo's story, counted here row by row from the CSV
files (not through the generator or the loader)."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

from socialops.model import loader
from tests.conftest import DEMO_NOW, ROOT, demo_only

pytestmark = demo_only
METRICS = ROOT / "content" / "metrics"


def _rows(table: str, key: str = "*") -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(METRICS.glob(f"{table}/{key}/*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


def test_every_published_post_has_daily_numbers() -> None:
    snapshots = Counter(row["post"] for row in _rows("posts"))
    today = datetime.fromisoformat(DEMO_NOW).date()  # numbers are read up to the day before
    published = []
    for path in sorted((ROOT / "content" / "posts").rglob("*.md")):
        meta = _front_matter(path)
        if meta.get("status") == "published" and str(meta["publish_at"])[:10] < today.isoformat():
            published.append(f"{path.parent.parent.name}/{path.stem}")
    assert len(published) > 80
    assert [post for post in published if snapshots[post] == 0] == []
    # a post of Oct 1 is read for 30 days; one of Nov 22 on Nov 22, 23, 24 and 25
    assert snapshots["lanterna-us-x/2026-10-01-drift-001"] == 30
    assert snapshots["lanterna-de-facebook/2026-11-22-halo-launch-009"] == 4
    assert set(snapshots) <= set(published)


def test_a_posts_totals_only_grow() -> None:
    by_post: dict[str, list[int]] = {}
    for row in _rows("posts"):
        by_post.setdefault(row["post"], []).append(int(row["reach"]))
    assert all(values == sorted(values) for values in by_post.values())


def test_the_br_incident_is_a_spike_of_negative_mentions() -> None:
    negative_words = ("golpe", "falso", "phishing", "parou de carregar", "não chegou")
    negative: Counter[str] = Counter()
    for row in _rows("mentions", "BR"):
        if any(word in row["text"].lower() for word in negative_words):
            negative[row["date"]] += 1
    incident = [negative[f"2026-10-{day}"] for day in (14, 15, 16)]
    september = [negative[f"2026-09-{day:02d}"] for day in range(1, 31)]
    assert min(incident) >= 14  # at least 14 scam reports on each incident day
    assert max(september) <= 4  # an ordinary day has a few complaints at most
    assert Counter(row["category"] for row in _rows("interactions", "lanterna-br-tiktok")
                   if row["received"].startswith(("2026-10-14", "2026-10-15", "2026-10-16")))["complaint"] >= 27


def test_the_giveaway_lifts_us_followers_as_its_evaluation_says() -> None:
    followers = {(row["account"], row["date"]): int(row["followers"]) for row in _rows("accounts")}
    us = ("lanterna-us-x", "lanterna-us-instagram")
    gained = sum(followers[(account, "2026-10-31")] - followers[(account, "2026-10-19")] for account in us)
    assert gained == 1930  # "1,930 new followers on the two accounts" in the campaign's evaluation
    plan = (ROOT / "content" / "campaigns" / "halloween-giveaway-2026.md").read_text(encoding="utf-8")
    assert "1,930 new followers" in plan
    september = sum(followers[(account, "2026-09-30")] - followers[(account, "2026-08-31")] for account in us)
    assert gained / 12 > 3 * september / 30  # a giveaway day brings over three times an ordinary day's followers
    engagements = sum(int(row["likes"]) + int(row["comments"]) + int(row["shares"]) + int(row["saves"] or 0)
                      for row in _rows("accounts") if row["account"] in us and "2026-10-20" <= row["date"] <= "2026-10-31")
    assert engagements > 60000  # the giveaway's engagements goal


def test_accounts_have_a_row_a_day_until_the_day_before_now() -> None:
    days = Counter(row["account"] for row in _rows("accounts"))
    until = datetime.fromisoformat(DEMO_NOW).date() - timedelta(days=1)
    every_day = (until - date(2026, 8, 1)).days + 1
    active = [name for name in days if name != "lanterna-mx-facebook"]
    assert len(active) == 8 and all(days[name] == every_day for name in active)
    assert days["lanterna-mx-facebook"] == 61  # August and September, until it was retired


def test_interactions_are_mostly_answered_in_time_by_responders() -> None:
    rows = _rows("interactions")
    important = [row for row in rows if row["priority"] == "important" and row["first_response"]]
    late = [row for row in important if datetime.fromisoformat(row["first_response"])
            - datetime.fromisoformat(row["received"]) > timedelta(hours=4)]
    assert 0 < len(late) < len(important) * 0.1
    assert {row["responder"] for row in rows if row["responder"]} == {"sofia-rossi", "layla-haddad"}
    assert any(row["escalated_to"] == "mei-lin" for row in rows if row["category"] == "complaint")


def test_mentions_are_in_each_markets_language() -> None:
    def has(text: str, low: int, high: int) -> bool:
        return any(low <= ord(char) <= high for char in text)

    assert all(has(row["text"], 0x3040, 0x30FF) or has(row["text"], 0x4E00, 0x9FFF) for row in _rows("mentions", "JP"))
    assert any(has(row["text"], 0x0600, 0x06FF) for row in _rows("mentions", "AE"))
    assert any(" der " in f" {row['text']} " or "Lieferung" in row["text"] for row in _rows("mentions", "DE"))


def test_the_demo_metrics_are_clean_and_all_reach_the_reports() -> None:
    repo = loader.load(ROOT)
    assert not [f for f in repo.problems if f.path.startswith("content/metrics/")]
    committed = sorted(path.relative_to(ROOT).as_posix() for path in METRICS.rglob("*.csv"))
    assert sorted(path for paths in repo.metrics.files.values() for path in paths) == committed
    assert all(repo.metrics.files[table] for table in ("accounts", "posts", "interactions", "mentions", "audience"))
    size = sum(path.stat().st_size for path in METRICS.rglob("*.csv"))
    assert size < 2_000_000  # the demo's metrics stay small


def test_the_halo_launch_lifts_what_every_account_shows() -> None:
    def shown(day: str) -> int:  # impressions, or views where Meta and TikTok report those
        return sum(int(row["impressions"] or row["views"] or 0) for row in _rows("accounts") if row["date"] == day)

    week_before = sum(shown(f"2026-11-0{day}") for day in range(3, 10)) / 7
    assert shown("2026-11-10") > 1.5 * week_before
