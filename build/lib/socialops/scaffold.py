"""`socialops new post`: a valid draft at the right path, never over an existing file."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .model import loader, schema

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DEFAULT_FORMAT = {"instagram": "image", "pinterest": "image", "tiktok": "video", "youtube": "video"}


class ScaffoldError(Exception):
    pass


def new_post(root: Path, account_id: str, at: str, slug: str, author: str | None,
             campaign: str | None = None, text: str = "") -> Path:
    reader = loader.Loader(root)
    accounts, _ = reader.read_yaml("accounts.yaml", "accounts")
    permissions, _ = reader.read_yaml("permissions.yaml", "permissions")
    account = accounts.get("accounts", {}).get(account_id)
    if account is None:
        known = ", ".join(sorted(accounts.get("accounts", {}))) or "none"
        raise ScaffoldError(f"unknown account '{account_id}' (accounts.yaml has: {known})")
    if not _SLUG.match(slug):
        raise ScaffoldError(f"slug '{slug}' must be lower-case letters, digits and hyphens, e.g. spring-launch")
    try:
        moment = schema.parse_datetime(at)
    except ValueError as exc:
        raise ScaffoldError(f"--at: {exc}") from None
    local = moment if moment.tzinfo is None else moment.astimezone(schema.zone(account["timezone"]))
    author = author or _git_github_user(root)
    if not author:
        raise ScaffoldError("say who writes the post: --author YOUR-GITHUB-HANDLE (or set $SOCIALOPS_AUTHOR)")
    if author not in permissions.get("people", {}):
        raise ScaffoldError(f"'{author}' is not a person in permissions.yaml; ask the director to add you")
    if campaign and not (root / loader.CAMPAIGNS_DIR / f"{campaign}.md").is_file():
        raise ScaffoldError(f"unknown campaign '{campaign}' (no {loader.CAMPAIGNS_DIR}/{campaign}.md)")
    day = local.date().isoformat()
    path = root / loader.POSTS_DIR / account_id / day[:4] / f"{day}-{slug}.md"
    fields = [
        f"publish_at: {at}",
        "status: draft",
        f"author: {author}",
        *([f"campaign: {campaign}"] if campaign else []),
        f"language: {account['languages'][0]}",
        f"format: {_DEFAULT_FORMAT.get(account['platform'], 'text')}",
        "disclosure: none",
        "risk: normal",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write("---\n" + "\n".join(fields) + "\n---\n" + (text.strip() + "\n" if text.strip() else ""))
    except FileExistsError:
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; choose another slug") from None
    return path


def _git_github_user(root: Path) -> str | None:
    try:
        result = subprocess.run(["git", "config", "github.user"], cwd=root, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None
