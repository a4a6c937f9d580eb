"""The media credits page (policy 4.2.4): every media item the posts use, where it comes
from (original, licensed, stock, user-generated), its license and credit, and the posts
that use it; a missing source, license or credit is marked, as the media-source rule
requires them. The files themselves are copied into the site under media/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.entities import MediaRef, Post, Repository
from ..rules.media_source import _OUTSIDE as OUTSIDE_SOURCES  # the sources that need license and credit
from .accounts import display_name
from .context import Output, Site
from .posts import site_media_path


def pages(site: Site) -> dict[str, Output]:
    repo = site.repo
    assets: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    files: dict[str, Path] = {}
    for post in sorted(repo.posts, key=lambda post: post.path):
        for ref in post.media:
            entry = _entry(repo, ref)
            key = (entry["name"], entry["source"], entry["license"], entry["credit"])
            assets.setdefault(key, entry)["posts"].append(_use(repo, post))
            if entry["site_file"]:
                files[entry["site_file"]] = ref.file  # type: ignore[assignment]
    rows = [assets[key] for key in sorted(assets)]
    page = "media.md"
    found = {page: Output(site.render("media.md.j2", page, rows=rows,
                                      missing=sum(1 for row in rows if row["missing"] or not row["source"])))}
    found.update({path: Output(source=file) for path, file in sorted(files.items())})
    return found


def _entry(repo: Repository, ref: MediaRef) -> dict[str, Any]:
    """One media item as a post declares it: the file, its source, license and credit, what is missing."""
    spec = ref.spec
    source = str(spec.get("source") or "")
    copy = site_media_path(repo, ref.media)  # the same files the post pages copy, to the same place
    name = ref.file.relative_to(repo.root).as_posix() if ref.file is not None else str(spec.get("file", ""))
    return {
        "name": name,
        "source": source,
        "license": str(spec.get("license") or ""),
        "credit": str(spec.get("credit") or ""),
        "missing": [key for key in ("license", "credit") if source in OUTSIDE_SOURCES and not spec.get(key)],
        "problem": ref.problem,
        "site_file": copy,
        "thumbnail": copy if copy and ref.info and ref.info.kind == "image" else None,
        "alt": str(spec.get("alt") or ""),
        "posts": [],
    }


def _use(repo: Repository, post: Post) -> dict[str, str]:
    return {"page": f"posts/{post.id}.md", "id": post.id, "account": display_name(repo, post.account_id),
            "status": post.status or ""}
