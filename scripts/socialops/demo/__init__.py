"""The demo repository: Lanterna Audio's overseas social media operations, Oct-Dec 2026.

`generate(out)` writes the whole content repository (accounts, people, policy, ~150
posts, campaigns, an incident and its kinds' playbooks, the year's plan, an evaluation
report, market briefs, media, metric files, and .github/CODEOWNERS generated from them).
Everything is derived from a seed, so the committed demo can be regenerated and
compared. With `accounts=` and `posts=` it scales up the same company for the benchmark.

The demo is written around one reference date, `DEMO_NOW`: before it posts are
published, after it they are scheduled or drafts. The demo's policy.yaml names it as
`reference_time`, so the demo's check stays green as the real calendar moves on.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from . import media, metrics
from .company import ACCOUNTS, DEMO_NOW, AccountTemplate
from .plans import CAMPAIGN_FILES, INCIDENT, PLAYBOOKS
from .posts import Generated, account_posts
from .settings import POLICY_YAML, SOURCES_YAML, accounts_yaml, permissions_yaml, policy_yaml
from .strategy import MARKET_FILES, PLAN_FILES, REPORT_FILES

__all__ = ["DEMO_NOW", "Generated", "build", "generate", "policy_yaml"]


def generate(out: Path, accounts: int | None = None, posts: int | None = None, seed: int = 2026,
             with_media: bool = True, with_metrics: bool | None = None) -> Generated:
    """Write the demo repository into `out` and return what was written. Each file is
    written whole (atomic) and replaces a file of the same name: the command refuses a
    folder that is not empty unless --force."""
    from .. import atomic

    plan = build(accounts, posts, seed, with_metrics)
    for relpath, text in plan.files.items():
        atomic.write_text(out / relpath, text, force=True)
    from ..github import codeowners  # generated from the settings just written, as the command does

    codeowners.write(out, force=True)
    plan.files[codeowners.CODEOWNERS] = (out / codeowners.CODEOWNERS).read_text(encoding="utf-8")
    if with_media:
        for relpath, (product, size) in plan.images.items():
            media.write_image(out / relpath, product, size)
        for relpath, (product, size) in plan.videos.items():
            media.write_video(out / relpath, product, size)
    return plan


def build(accounts: int | None = None, posts: int | None = None, seed: int = 2026,
          with_metrics: bool | None = None) -> Generated:
    """The demo's files. `with_metrics` (default: only for the demo as it is, not a
    scaled-up one) adds its metric files under content/metrics."""
    rng = random.Random(seed)
    templates = _scaled_accounts(accounts)
    counts = _post_counts(templates, posts)
    result = Generated()
    result.images["content/media/brand/avatar.png"] = ("brand", (400, 400))
    result.files["accounts.yaml"] = accounts_yaml(templates)
    result.files["permissions.yaml"] = permissions_yaml(templates)
    result.files["policy.yaml"] = POLICY_YAML
    result.files["sources.yaml"] = SOURCES_YAML
    for campaign_id, text in CAMPAIGN_FILES.items():
        result.files[f"content/campaigns/{campaign_id}.md"] = text
    result.files["content/incidents/2026-10-14-br-tiktok-phishing.md"] = INCIDENT
    for kind, text in PLAYBOOKS.items():
        result.files[f"content/playbooks/{kind}.md"] = text
    for folder, texts in (("plans", PLAN_FILES), ("reports", REPORT_FILES), ("markets", MARKET_FILES)):
        for name, text in texts.items():
            result.files[f"content/{folder}/{name}.md"] = text
    now = datetime.fromisoformat(DEMO_NOW)
    for template in templates:
        for post in account_posts(template, counts[template.id], now, rng, result):
            result.files[post[0]] = post[1]
    if with_metrics if with_metrics is not None else (accounts is None and posts is None):
        result.files.update(metrics.write(templates, result.files, seed))
    return result


def _scaled_accounts(wanted: int | None) -> list[AccountTemplate]:
    if wanted is None:
        return list(ACCOUNTS)
    active = [a for a in ACCOUNTS if a.status == "active"]
    scaled = []
    for index in range(wanted):
        base = active[index % len(active)]
        copy_no = index // len(active)
        suffix = f"-{copy_no:02d}" if copy_no else ""
        scaled.append(AccountTemplate(**{**base.__dict__, "id": base.id + suffix, "handle": base.handle + suffix.replace("-", "")}))
    return scaled


def _post_counts(templates: list[AccountTemplate], total: int | None) -> dict[str, int]:
    if total is None:
        return {t.id: t.posts for t in templates}
    active = [t for t in templates if t.status == "active"]  # a retired account has no copy to scale up
    share, extra = divmod(total, len(active))
    counts = {t.id: 0 for t in templates}
    counts.update({t.id: share + (1 if i < extra else 0) for i, t in enumerate(active)})
    return counts
