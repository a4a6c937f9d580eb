"""`socialops new post`: a draft at the right path that passes its own check, never over
an existing file.

What `new` can know it checks before writing (the account, the author, the time is still
to come, media where the platform needs it); then it writes the file and runs the check
on it, and if the check finds an error (a cadence clash, an author without a grant, a
local time the clocks skip) it takes the file back, so a writer never starts from a
draft that fails.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import atomic
from .findings import Finding
from .model import loader, schema
from .model.entities import BLOCKED_ACCOUNT_STATUSES
from .model.media import VIDEO_SUFFIXES

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")  # fullmatch: "$" would let a final newline through
# Formats of a post without media; the platforms that post only images or videos need --media.
_DEFAULT_FORMAT = {"instagram": "image", "pinterest": "image", "tiktok": "video", "youtube": "video"}


class ScaffoldError(Exception):
    """The post cannot be made as asked: nothing written."""


class DraftFails(Exception):
    """The check finds errors in the draft: it was taken back (nothing written)."""

    def __init__(self, relpath: str, findings: list[Finding]) -> None:
        super().__init__(relpath)
        self.relpath = relpath
        self.findings = findings


@dataclass
class Request:
    """What the writer asked for (the command's options)."""

    account_id: str
    at: str
    slug: str
    author: str | None
    campaign: str | None = None
    theme: str | None = None
    text: str = ""
    media: list[str] = field(default_factory=list)
    alts: list[str] = field(default_factory=list)
    source: str = "original"
    license: str | None = None
    credit: str | None = None


def new_post(root: Path, request: Request, now: datetime) -> tuple[Path, list[Finding]]:
    """Write the draft; its path and the check's warnings on it. ScaffoldError when it
    cannot be made, DraftFails when the check finds errors (both: nothing written)."""
    reader = loader.Loader(root)
    accounts, _ = reader.read_yaml("accounts.yaml", "accounts")
    permissions, _ = reader.read_yaml("permissions.yaml", "permissions")
    account = _account(accounts, request.account_id)
    _check_request(root, request, permissions)
    local = _local_time(request.at, account["timezone"], now)
    day = local.date().isoformat()
    path = root / loader.POSTS_DIR / request.account_id / day[:4] / f"{day}-{request.slug}.md"
    relpath = path.relative_to(root).as_posix()
    made = [folder for folder in (path.parent, path.parent.parent) if not folder.exists()]
    try:
        atomic.write_text(path, _compose(request, account), force=False)
    except atomic.FileExists:
        raise ScaffoldError(f"{relpath} already exists; choose another slug") from None
    findings = _own_check(root, relpath, now)
    if any(finding.severity == "error" for finding in findings):
        _take_back(path, made)
        raise DraftFails(relpath, findings)
    return path, findings


def themes(root: Path) -> list[str]:
    """The content themes policy.yaml lists for posts (the post-theme rule's option, none
    by default), to name in the next steps; none when that setting is malformed (the check says so)."""
    policy, _ = loader.Loader(root).read_yaml("policy.yaml", "policy", plain_words=frozenset({"off"}))
    rules = policy.get("rules") if isinstance(policy, dict) else None
    setting = rules.get("post-theme") if isinstance(rules, dict) else None
    listed = setting.get("themes") if isinstance(setting, dict) else None
    return [str(theme) for theme in listed] if isinstance(listed, list) else []


def _account(accounts: dict, account_id: str) -> dict:
    known = accounts.get("accounts", {})
    if account_id not in known:
        from . import suggest

        close = suggest.did_you_mean(suggest.closest(account_id, known))
        raise ScaffoldError(f"unknown account '{account_id}'" + (f"; {close}" if close else "")
                            + f" (accounts.yaml has: {', '.join(sorted(known)) or 'none'})")
    status = known[account_id].get("status")
    if status in BLOCKED_ACCOUNT_STATUSES:  # policy 3.2.4: nothing is posted to it meanwhile
        raise ScaffoldError(f"{account_id} is {status} in accounts.yaml: it takes no new posts; nothing written")
    return known[account_id]


def _check_request(root: Path, request: Request, permissions: dict) -> None:
    if not _SLUG.fullmatch(request.slug):
        raise ScaffoldError(f"slug '{request.slug}' must be lower-case letters, digits and hyphens, e.g. spring-launch")
    if not request.author:
        raise ScaffoldError("say who writes the post: --author YOUR-GITHUB-HANDLE (or set $SOCIALOPS_AUTHOR)")
    if request.author not in permissions.get("people", {}):
        raise ScaffoldError(f"'{request.author}' is not a person in permissions.yaml; ask the director to add you")
    if request.campaign and not (root / loader.CAMPAIGNS_DIR / f"{request.campaign}.md").is_file():
        raise ScaffoldError(f"unknown campaign '{request.campaign}' (no {loader.CAMPAIGNS_DIR}/{request.campaign}.md)")
    if request.source != "original" and not (request.license and request.credit):
        raise ScaffoldError(f"{request.source} media needs --license (what allows the use) and --credit (who to credit)")
    if len(request.alts) > len(request.media):
        raise ScaffoldError("more --alt than --media: give one --alt for each image, in the same order")


def _local_time(at: str, zone_name: str, now: datetime) -> datetime:
    """The publishing time in the account's zone; refused unless it is still to come."""
    try:
        moment = schema.parse_datetime(at)
    except ValueError as exc:
        raise ScaffoldError(f"--at: {exc}") from None
    zone = schema.zone(zone_name)
    local = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
    if local <= now:
        raise ScaffoldError(f"--at {at} is in the past (now is {now.astimezone(zone):%Y-%m-%d %H:%M} in {zone_name}): "
                            "a new post must be scheduled for a time still to come; nothing written")
    return local


def _compose(request: Request, account: dict) -> str:
    fields = [
        f"publish_at: {request.at}",
        "status: draft",
        f"author: {request.author}",
        *([f"campaign: {request.campaign}"] if request.campaign else []),
        *([f"theme: {_plain_or_quoted(request.theme)}"] if request.theme else []),
        f"language: {account['languages'][0]}",
        f"format: {_format(request, account['platform'])}",
        *_media_lines(request),
        "disclosure: none",
        "risk: normal",
    ]
    copy = request.text.strip()
    return "---\n" + "\n".join(fields) + "\n---\n" + (copy + "\n" if copy else "")


def _format(request: Request, platform: str) -> str:
    videos = sum(1 for name in request.media if Path(name).suffix.lower() in VIDEO_SUFFIXES)
    images = len(request.media) - videos
    if images > 1 or (images and videos):
        return "carousel"
    if images or videos:
        return "image" if images else "video"
    if platform in _DEFAULT_FORMAT:
        what = "an image" if _DEFAULT_FORMAT[platform] == "image" else "a video"
        raise ScaffoldError(f"{platform} posts need {what}: give it with --media content/media/FILE "
                            "(and --alt TEXT saying what an image shows); nothing written")
    return "text"


def _media_lines(request: Request) -> list[str]:
    if not request.media:
        return []
    lines = ["media:"]
    for index, name in enumerate(request.media):
        lines.append(f"  - file: {_quoted(name)}")
        if index < len(request.alts):
            lines.append(f"    alt: {_quoted(request.alts[index])}")
        lines.append(f"    source: {request.source}")
        if request.source != "original":
            lines += [f"    license: {_quoted(request.license or '')}", f"    credit: {_quoted(request.credit or '')}"]
    return lines


def _plain_or_quoted(text: str) -> str:
    """A name as it is (`product`) when it is lower-case letters, digits and hyphens that
    YAML reads back as that text (not `null`, `no` or `2026`), else quoted."""
    import yaml

    return text if _SLUG.fullmatch(text) and yaml.safe_load(text) == text else _quoted(text)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: whatever the writer typed stays text."""
    import json

    return json.dumps(text, ensure_ascii=False)


def _own_check(root: Path, relpath: str, now: datetime) -> list[Finding]:
    from . import check

    result = check.run(root, now, {relpath}, jobs=1)
    return result.config_errors + result.findings


def _take_back(path: Path, made: list[Path]) -> None:
    os.unlink(path)
    for folder in made:  # deepest first
        try:
            folder.rmdir()
        except OSError:
            break


def git_github_user(root: Path) -> str | None:
    try:
        result = subprocess.run(["git", "config", "github.user"], cwd=root, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None
