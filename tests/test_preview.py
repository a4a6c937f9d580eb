"""`socialops preview` on a real git repository: a base commit, then a branch that adds,
changes, renames and removes posts. The sticky comment is kept against the local
stand-in for GitHub (tests/github_server.py); nothing reaches the network."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from socialops.github import gate, preview
from socialops.github.markdown import ZWSP
from tests.conftest import make_repo, run_cli, write_files
from tests.github_server import FakeGitHub, environment, fake_github

NOW = "2026-03-01T12:00:00Z"
POSTS = "content/posts"
SPRING = f"{POSTS}/acme-us-x/2026/2026-03-02-spring.md"
ESCAPE = f"{POSTS}/acme-us-x/2026/2026-03-03-escape.md"
RECALL = f"{POSTS}/acme-us-x/2026/2026-03-05-recall.md"
MOVING = f"{POSTS}/acme-us-x/2026/2026-03-06-moving.md"
MOVED = f"{POSTS}/acme-us-x/2026/2026-03-06-moved.md"
GONE = f"{POSTS}/acme-de-instagram/2026/2026-03-07-bye.md"
THREAD = f"{POSTS}/acme-us-x/2026/2026-03-04-thread.md"
COMMENTS = "/repos/lanterna/social/issues/7/comments"

PERMISSIONS = """\
people:
  alice: {name: Alice Writer, roles: [content], training: "2026-01-10"}
  dana: {name: Dana Director, roles: [director], training: "2026-01-10"}
  pat: {name: Pat Publisher, roles: [publishing], training: "2026-01-10"}
  rob: {name: Rob Reviewer, roles: [content], training: "2026-01-10"}
teams:
  us-review: {github: acme/us-review, members: [rob, pat]}
grants:
  acme-us-x: {writers: [alice], reviewers: [us-review], publishers: [pat]}
  acme-de-instagram: {writers: [alice], reviewers: [dana], publishers: [pat]}
  acme-gb-linkedin: {writers: [alice], reviewers: [dana], publishers: [pat]}
sensitive_approvers: [dana]
review: {date: "2026-01-15", by: dana}
"""
BASE_FILES = {
    "permissions.yaml": PERMISSIONS,
    RECALL: "---\npublish_at: 2026-03-05T12:00\nstatus: draft\nauthor: alice\n---\nOld copy.\n",
    MOVING: "---\npublish_at: 2026-03-06T12:00\nstatus: draft\nauthor: alice\n---\nOn the move.\n",
    GONE: "---\npublish_at: 2026-03-07T12:00\nstatus: draft\nauthor: alice\n---\nTschüss.\n",
}
# 春天来了 weighs 4 x 2 on X, " spring" 7: 15 weighted characters
SPRING_POST = """\
---
publish_at: 2026-03-02T09:00
status: scheduled
author: alice
format: image
language: en-US
disclosure: none
media:
  - file: content/media/spring.png
    alt: A lantern in spring light
---
春天来了 spring
"""
# what a writer might type that must not break the Markdown: HTML, a run of four
# backticks (the fence must be five), table pipes; nor ping anyone or cross-reference issues
ESCAPE_POST = """\
---
publish_at: 2026-03-03T10:00
status: draft
author: alice
risk: sensitive
media:
  - file: content/media/spring.png
    alt: "Alt | with <b>bold</b> & more"
waivers:
  - rule: media-source
    reason: "Our photo | shot <i>in-house</i> & cleared by @mallory (#12, acme/brand#7, GH-9)"
---
Launch day </details><script>alert(1)</script>
```` four backticks
a | b
"""
BRANCH_FILES = {
    "content/media/spring.png": {"image": [1080, 1350, "PNG"]},
    SPRING: SPRING_POST,
    ESCAPE: ESCAPE_POST,
    RECALL: "---\npublish_at: 2026-03-05T12:00\nstatus: draft\nauthor: alice\n---\nVoluntary recall of some cases.\n",
    THREAD: "---\npublish_at: 2026-03-04T12:00\nstatus: draft\nauthor: alice\nformat: thread\n---\n"
            "First part.\n---\nSecond part, 🎉.\n",
    GONE: None,
}


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True).stdout.strip()


def _commit(root: Path, message: str) -> str:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message)
    return _git(root, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pull(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A repository whose branch adds two posts, changes one, renames one and removes one; and its base."""
    root = make_repo(tmp_path_factory.mktemp("preview"), BASE_FILES)
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    _git(root, "checkout", "-q", "-b", "posts")
    write_files(root, BRANCH_FILES)
    _git(root, "mv", MOVING, MOVED)
    _commit(root, "posts")
    return root, base


def _env(**extra: str) -> dict[str, str]:
    """This process's environment without anything GitHub Actions set (the suite may run in a workflow)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "SOCIALOPS_"))}
    return {**clean, **extra}


def _preview(root: Path, base: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return run_cli("preview", "--base", base, "--now", NOW, *args, cwd=root, env=env or _env())


def _section(markdown: str, path: str) -> str:
    """The part of the preview about one post: from its heading to the next."""
    start = markdown.index(f"\n\n`{path}` (")  # under its heading (the intro's director table names it too)
    start = markdown.rindex("\n### ", 0, start)
    end = markdown.find("\n### ", start + 1)
    return markdown[start: end if end != -1 else None]


def _html(markdown: str) -> str:
    """As GitHub renders it (its cmark fork), with raw HTML let through so any leak shows."""
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def _pings(markdown: str) -> list[str]:
    """What GitHub would turn into a mention or an issue reference: @login, @org/team, #12,
    owner/repo#12, GH-12 in the rendered text, outside code blocks and code spans."""
    text = re.sub(r"<pre[^>]*>.*?</pre>|<code[^>]*>.*?</code>", "", _html(markdown), flags=re.S)
    return re.findall(r"@[A-Za-z0-9][\w/-]*|#\d+|\bGH-\d+", text, flags=re.I)


# -- the preview ------------------------------------------------------------------------------


def test_a_post_as_its_reviewer_sees_it(pull: tuple[Path, str]) -> None:
    root, base = pull
    result = _preview(root, base)
    assert result.returncode == 0, result.stderr
    spring = _section(result.stdout, SPRING)
    assert f"### Acme · x · @{ZWSP}acme" in spring  # the account's handle, which pings nobody
    assert "(added)" in spring
    assert "| account | Acme (acme-us-x), market US |" in spring
    # 09:00 in New York on 2 March (EST, before the switch on 8 March) is 14:00 UTC, 22:00 in Shanghai
    assert "| local time | Mon 2026-03-02 09:00 (America/New\\_York, UTC-05:00) |" in spring
    assert "| HQ time | Mon 2026-03-02 22:00 (Asia/Shanghai, UTC+08:00) |" in spring
    assert "| status | scheduled |" in spring and "| author | alice (Alice Writer) |" in spring
    assert "| disclosure | none |" in spring and "| risk | normal (not set) |" in spring
    assert "**The copy** (15 of 280 weighted characters, as x counts)" in spring
    assert "```text\n春天来了 spring\n```" in spring
    size = (root / "content/media/spring.png").stat().st_size
    assert f"| 1 | content/media/spring.png | image PNG | {size / 1000:.1f} KB | 1080 × 1350 |  | A lantern in spring light |" in spring
    assert "| error | media-source | 9 | content/media/spring.png does not say its source |" in spring
    # the reviewers are a team, expanded to its members; a normal post needs no director
    assert "- one of the account's reviewers: rob (Rob Reviewer), pat (Pat Publisher)" in spring
    assert "director" not in spring.split("**Who must approve**")[1]


def test_sensitive_waived_and_flagged_posts_go_to_a_director(pull: tuple[Path, str]) -> None:
    root, base = pull
    markdown = _preview(root, base).stdout
    escape = _section(markdown, ESCAPE)
    assert "| risk | sensitive |" in escape
    assert "| info | media-source | 7 | waived: content/media/spring.png does not say its source" in escape
    assert "**Waivers** (a director approves them)" in escape
    # the same reasons the review gate enforces
    assert "because risk: sensitive and waiver of media-source: dana (Dana Director)" in escape
    recall = _section(markdown, RECALL)
    assert "(changed)" in recall
    assert "| error | sensitive-terms | 6 | 'recall' is a sensitive subject" in recall
    assert "because sensitive term 'recall' (line 6): dana (Dana Director)" in recall


def test_each_part_of_a_thread_is_counted(pull: tuple[Path, str]) -> None:
    root, base = pull
    thread = _section(_preview(root, base).stdout, THREAD)
    assert "**Part 1 of the thread** (11 of 280 weighted characters, as x counts)\n\n```text\nFirst part.\n```" in thread
    # "Second part, " is 13, the emoji weighs 2 on X, the full stop 1
    assert "**Part 2 of the thread** (16 of 280 weighted characters, as x counts)" in thread


def test_renamed_and_removed_posts(pull: tuple[Path, str]) -> None:
    root, base = pull
    markdown = _preview(root, base).stdout
    assert f"`{MOVED}` (renamed from `{MOVING}`)" in markdown
    assert f"### Removed (1)\n\n- `{GONE}`" in markdown
    assert "5 post(s) added or changed, 1 removed" in markdown
    assert MOVING not in markdown.replace(f"renamed from `{MOVING}`", "")


def test_what_writers_typed_cannot_break_the_markdown(pull: tuple[Path, str]) -> None:
    root, base = pull
    markdown = _preview(root, base).stdout
    escape = _section(markdown, ESCAPE)
    # the copy: a fence longer than its longest backtick run
    assert "`````text\nLaunch day </details><script>alert(1)</script>\n```` four backticks\na | b\n`````" in escape
    assert "Alt \\| with &lt;b&gt;bold&lt;/b&gt; &amp; more" in escape
    html = _html(markdown)
    assert "<script" not in html and "</details>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, inside the code block
    assert "<td>Alt | with &lt;b&gt;bold&lt;/b&gt; &amp; more</td>" in html  # one cell, pipe included
    assert (f"<td>Our photo | shot &lt;i&gt;in-house&lt;/i&gt; &amp; cleared by @{ZWSP}mallory "
            f"(#{ZWSP}12, acme/brand#{ZWSP}7, GH-{ZWSP}9)</td>") in html
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        assert row.count("<td>") in (0, 2, 5, 7), row  # facts, waivers; findings; media


def test_the_preview_pings_nobody_and_links_no_issue(pull: tuple[Path, str]) -> None:
    """GitHub notifies @login and @org/team, and cross-references #12, owner/repo#12 and GH-12,
    wherever they appear in a comment's rendered text outside code; the handle in every
    heading and what writers typed must do neither."""
    root, base = pull
    markdown = _preview(root, base).stdout
    assert "@acme" in markdown.replace(ZWSP, "")  # the handle is there, just inert
    assert _pings(markdown) == []


def test_size_text() -> None:
    assert preview.size_text(999) == "999 B" and preview.size_text(7_345) == "7.3 KB"
    assert preview.size_text(5_000_000) == "5.00 MB"


def test_no_changed_posts_and_no_director_is_one_line(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    write_files(root, {"content/media/new.png": {"image": [20, 10, "PNG"]}})
    _commit(root, "a picture no post uses yet")
    result = _preview(root, base)
    assert result.returncode == 0
    assert result.stdout == preview.NO_POSTS + "\n"


def test_no_changed_posts_but_a_file_outside_content_names_the_director(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    write_files(root, {"README.md": "notes\n", "GNUmakefile": "test:\n\ttrue\n"})
    _commit(root, "not a post")
    result = _preview(root, base)
    assert result.returncode == 0
    assert "0 post(s) added or changed, 0 removed" in result.stdout
    assert ("**A director must approve** (a sensitive approver, from permissions.yaml as the base has it: dana "
            "(Dana Director)), because the pull request changes, as the review gate finds:") in result.stdout
    assert "| `GNUmakefile` | outside content/ (code, tests, configuration or documentation) |" in result.stdout
    assert "| `README.md` | outside content/ (code, tests, configuration or documentation) |" in result.stdout


def test_summary_and_out_file(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    summary = tmp_path / "summary.md"
    summary.write_text("## earlier step output\n", encoding="utf-8")
    result = _preview(root, base, env=_env(GITHUB_STEP_SUMMARY=str(summary)))
    assert result.returncode == 0 and result.stdout == ""
    text = summary.read_text("utf-8")
    assert text.startswith("## earlier step output\n## socialops preview")  # appended, never replaced
    out = tmp_path / "preview.md"
    assert _preview(root, base, "--out", str(out)).returncode == 0
    assert out.read_text("utf-8") == text.removeprefix("## earlier step output\n")


def test_an_unknown_base_is_a_usage_error(pull: tuple[Path, str]) -> None:
    root, _ = pull
    result = _preview(root, "no-such-ref")
    assert result.returncode == 2
    assert "fetch-depth: 0" in result.stderr and "Traceback" not in result.stderr


# -- fitting GitHub's limits ------------------------------------------------------------------


def test_a_preview_too_long_for_a_comment_is_cut_post_by_post() -> None:
    posts = [["### Post A\n\n`a.md` (added)", "facts", "```text\n" + "x" * 5000 + "\n```", "**Findings**: none."],
             ["### Post B\n\n`b.md` (added)", "facts", "short copy", "**Who must approve**"]]
    whole = preview.Preview(["## socialops preview", "intro"], posts, ["gone.md"])
    assert preview.fitted(whole, 100_000, len, "elsewhere") == whole.markdown()
    cut = preview.fitted(whole, 1200, len, "in the summary")
    assert len(cut) <= 1200
    assert "### Post A" in cut and "### Post B" in cut and "x" * 5000 not in cut
    assert "**Findings**: none." in cut and "**Who must approve**" in cut  # the small blocks after it stay
    assert "*Parts of this post are left out here; they are in the summary.*" in cut
    assert "- `gone.md`" in cut
    tiny = preview.fitted(whole, 330, len, "in the summary")
    assert len(tiny) <= 330 and "### Post A" in tiny and "*1 more post(s) are in the summary.*" in tiny
    many = preview.Preview(["## socialops preview"], [[f"### Post {n}", "y" * 500] for n in range(300)])
    cut = preview.fitted(many, 20_000, len, "in the summary")
    shown = cut.count("### Post ")
    assert len(cut) <= 20_000 and 100 < shown < 300 and f"*{300 - shown} more post(s) are in the summary.*" in cut


def test_bytes_are_what_the_summary_limit_counts() -> None:
    whole = preview.Preview(["## socialops preview"], [["### 春", "春" * 400]])
    assert len(whole.markdown()) < 1000 < len(whole.markdown().encode())
    assert len(preview.fitted(whole, 1000, lambda s: len(s.encode()), "x").encode()) <= 1000


# -- the sticky comment -----------------------------------------------------------------------


def _comment_env(fake: FakeGitHub, tmp_path: Path, payload: dict | None = None, **extra: str) -> dict[str, str]:
    event = tmp_path / "event.json"
    event.write_text(json.dumps(payload or {"pull_request": {
        "number": 7, "head": {"repo": {"full_name": "lanterna/social"}}, "base": {"repo": {"full_name": "lanterna/social"}},
    }}), encoding="utf-8")
    return _env(**environment(fake, GITHUB_EVENT_PATH=str(event), GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
                              **extra))


def _bot(comment_id: int, body: str, login: str = preview.BOT) -> dict:
    return {"id": comment_id, "body": body, "user": {"login": login, "type": "Bot"},
            "html_url": f"https://github.com/lanterna/social/pull/7#issuecomment-{comment_id}"}


def _record_writes(fake: FakeGitHub, comment_id: int | None = None) -> list[tuple[str, dict]]:
    writes: list[tuple[str, dict]] = []

    def create(body: dict | None, query: dict) -> tuple[int, dict]:
        writes.append(("POST", body or {}))
        return 201, _bot(900, (body or {}).get("body", ""))

    def edit(body: dict | None, query: dict) -> tuple[int, dict]:
        writes.append(("PATCH", body or {}))
        return 200, _bot(comment_id or 0, (body or {}).get("body", ""))

    fake.routes[f"POST {COMMENTS}"] = create
    if comment_id is not None:
        fake.routes[f"PATCH /repos/lanterna/social/issues/comments/{comment_id}"] = edit
    return writes


def test_the_first_run_creates_the_one_comment(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = [_bot(1, "Thanks for the PR!", login="octocat")]
        writes = _record_writes(fake)
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path))
    assert result.returncode == 0, result.stderr
    assert [verb for verb, _ in writes] == ["POST"]
    body = writes[0][1]["body"]
    assert body.startswith(preview.MARKER + "\n## socialops preview")
    assert body.removeprefix(preview.MARKER + "\n") == (tmp_path / "summary.md").read_text("utf-8")
    assert "preview comment created" in result.stderr


def test_a_later_run_edits_it_and_an_unchanged_one_leaves_it(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = [_bot(55, f"{preview.MARKER}\nan older preview")]
        writes = _record_writes(fake, comment_id=55)
        assert _preview(root, base, "--comment", env=_comment_env(fake, tmp_path)).returncode == 0
        assert [verb for verb, _ in writes] == ["PATCH"]
        current = writes[0][1]["body"]
        fake.routes[f"GET {COMMENTS}"] = [_bot(55, current)]
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path))
    assert result.returncode == 0 and "already up to date" in result.stderr
    assert [verb for verb, _ in writes] == ["PATCH"]  # nothing more was written


def test_someone_elses_comment_with_the_marker_is_not_ours(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = [_bot(3, f"{preview.MARKER}\nquoted by a person", login="mallory"),
                                          _bot(4, f"see {preview.MARKER} in the docs")]
        writes = _record_writes(fake)
        assert _preview(root, base, "--comment", env=_comment_env(fake, tmp_path)).returncode == 0
    assert [verb for verb, _ in writes] == ["POST"]


def test_the_comment_is_found_on_a_later_page(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        others = [_bot(n, f"comment {n}", login="octocat") for n in range(1, 231)]
        fake.routes[f"GET {COMMENTS}"] = [*others, _bot(231, f"{preview.MARKER}\nold"), _bot(232, "later", "octocat")]
        writes = _record_writes(fake, comment_id=231)
        assert _preview(root, base, "--comment", env=_comment_env(fake, tmp_path)).returncode == 0
        assert fake.count("GET", COMMENTS) == 3  # 100 + 100 + 32
    assert [verb for verb, _ in writes] == ["PATCH"]


def test_a_fork_gets_no_comment_but_the_summary(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    fork = {"pull_request": {"number": 7, "head": {"repo": {"full_name": "stranger/social"}},
                             "base": {"repo": {"full_name": "lanterna/social"}}}}
    with fake_github() as fake:
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path, fork))
        assert fake.requests == []
    assert result.returncode == 0
    assert "fork" in result.stderr
    assert "## socialops preview" in (tmp_path / "summary.md").read_text("utf-8")


def test_a_refused_comment_is_a_message_not_a_failure(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = []
        fake.routes[f"POST {COMMENTS}"] = lambda body, query: (403, {"message": "Resource not accessible by integration"})
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path))
    assert result.returncode == 0
    assert "Resource not accessible by integration" in result.stderr and "pull-requests: write" in result.stderr
    assert "## socialops preview" in (tmp_path / "summary.md").read_text("utf-8")


def test_other_github_failures_exit_1_after_the_summary(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = lambda body, query: (502, {"message": "Bad Gateway"})
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path))
    assert result.returncode == 1
    assert "not kept up to date" in result.stderr and "502" in result.stderr
    assert "## socialops preview" in (tmp_path / "summary.md").read_text("utf-8")


def test_no_posts_changed_creates_no_comment_but_clears_an_old_one(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = []
        writes = _record_writes(fake, comment_id=55)
        assert _preview(root, base, "--comment", "--pr", "7", env=_comment_env(fake, tmp_path)).returncode == 0
        assert writes == []
        fake.routes[f"GET {COMMENTS}"] = [_bot(55, f"{preview.MARKER}\nan older preview")]
        assert _preview(root, base, "--comment", "--pr", "7", env=_comment_env(fake, tmp_path)).returncode == 0
    assert writes == [("PATCH", {"body": f"{preview.MARKER}\n{preview.NO_POSTS}\n"})]


def test_a_long_preview_is_cut_for_the_comment_and_whole_in_the_summary(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    long_copy = "word " * 16_000  # 80,000 characters: more than a comment may hold
    write_files(root, {SPRING: f"---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\n{long_copy}\n"})
    _commit(root, "a long post")
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = []
        writes = _record_writes(fake)
        env = _comment_env(fake, tmp_path, GITHUB_SERVER_URL="https://github.com", GITHUB_RUN_ID="42")
        assert _preview(root, base, "--comment", env=env).returncode == 0
    body = writes[0][1]["body"]
    assert len(body) <= preview.COMMENT_LIMIT
    assert "[this workflow run](https://github.com/lanterna/social/actions/runs/42)" in body
    assert "| error | text-length | 6 | the copy is 79,999 weighted characters" in body  # the findings stay
    assert long_copy.strip() in (tmp_path / "summary.md").read_text("utf-8")


def test_duplicates_from_runs_that_raced_are_deleted(pull: tuple[Path, str], tmp_path: Path) -> None:
    """Two runs that each found no comment each created one: the oldest is kept (edited), the rest deleted."""
    root, base = pull
    deleted: list[int] = []

    def delete(comment_id: int):
        def handler(body: dict | None, query: dict) -> tuple[int, None]:
            deleted.append(comment_id)
            return 204, None
        return handler

    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = [_bot(61, f"{preview.MARKER}\nthe second run's"), _bot(3, "hi", "octocat"),
                                          _bot(55, f"{preview.MARKER}\nthe first run's")]
        writes = _record_writes(fake, comment_id=55)
        fake.routes["DELETE /repos/lanterna/social/issues/comments/61"] = delete(61)
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path))
        assert result.returncode == 0, result.stderr
        assert [verb for verb, _ in writes] == ["PATCH"] and deleted == [61]
        assert "deleted 1 duplicate(s)" in result.stderr
        # the kept one already current, a duplicate already gone (404): still nothing else written, exit 0
        current = writes[0][1]["body"]
        fake.routes[f"GET {COMMENTS}"] = [_bot(55, current), _bot(70, f"{preview.MARKER}\nanother"),
                                          _bot(71, f"{preview.MARKER}\nand another")]
        fake.routes["DELETE /repos/lanterna/social/issues/comments/70"] = delete(70)
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path))
        assert result.returncode == 0, result.stderr
        assert fake.count("DELETE", "/repos/lanterna/social/issues/comments/71") == 1  # answered 404
    assert [verb for verb, _ in writes] == ["PATCH"] and deleted == [61, 70]
    assert "already up to date" in result.stderr


def test_the_director_is_one_of_the_bases_approvers(tmp_path: Path) -> None:
    """A pull request that names itself a new sensitive approver cannot change who the
    preview asks for: the base's list, as the review gate counts it."""
    root = make_repo(tmp_path, BASE_FILES)
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    mine = PERMISSIONS.replace("sensitive_approvers: [dana]", "sensitive_approvers: [eve]").replace(
        "  rob:", '  eve: {name: Eve Newcomer, roles: [director], training: "2026-01-10"}\n  rob:')
    write_files(root, {"permissions.yaml": mine, ESCAPE: ESCAPE_POST})
    _commit(root, "a sensitive post, and its author's friend as director")
    escape = _section(_preview(root, base).stdout, ESCAPE)
    assert "director, from permissions.yaml as the base has it), because risk: sensitive" in escape
    approval = escape.split("**Who must approve**")[1]
    assert approval.endswith(": dana (Dana Director)\n") and "Eve" not in approval
    assert gate.base_approvers(root, base)[0] == ["dana"]  # what the gate counts


def test_no_approver_at_the_base_is_said(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {**BASE_FILES, "permissions.yaml": PERMISSIONS.replace("sensitive_approvers: [dana]\n", "")})
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    write_files(root, {"permissions.yaml": PERMISSIONS, ESCAPE: ESCAPE_POST})
    _commit(root, "approvers only on the branch")
    escape = _section(_preview(root, base).stdout, ESCAPE)
    assert "because risk: sensitive and waiver of media-source: nobody: permissions.yaml at the base" in escape
    assert "names no sensitive\\_approvers" in escape


# -- the comment from trusted code: --comment-file, then --post-file ---------------------------


def _post(tmp_path: Path, fake: FakeGitHub, text: str | bytes, *args: str) -> subprocess.CompletedProcess:
    """--post-file as the workflow_run follower runs it: from outside any repository, a workflow_run event."""
    path = tmp_path / "artifact" / "comment.md"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"workflow_run": {"id": 42, "pull_requests": []}}), encoding="utf-8")
    env = _env(**environment(fake, GITHUB_EVENT_PATH=str(event)))
    return run_cli("preview", "--post-file", str(path), *args, cwd=tmp_path, env=env)


def test_the_check_job_writes_the_comment_and_the_follower_posts_it(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    comment = tmp_path / "preview" / "comment.md"
    env = _env(GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"), GITHUB_SERVER_URL="https://github.com",
               GITHUB_REPOSITORY="lanterna/social", GITHUB_RUN_ID="42")
    result = _preview(root, base, "--comment-file", str(comment), env=env)
    assert result.returncode == 0, result.stderr
    text = comment.read_text("utf-8")
    assert text == (tmp_path / "summary.md").read_text("utf-8")  # fits: the same preview
    assert not text.startswith(preview.MARKER)  # the poster adds the marker, not the pull request's code
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = []
        writes = _record_writes(fake)
        posted = _post(tmp_path, fake, text, "--pr", "7")
        assert posted.returncode == 0, posted.stderr
        assert all(not target.startswith("/repos/lanterna/social/pulls") for _, target, _ in fake.requests)
    # the poster's banner on top; the rendered text, inert already, is posted as it is
    assert writes == [("POST", {"body": f"{preview.MARKER}\n{preview.BANNER}\n\n{text}"})]


def test_a_posted_file_is_capped_and_never_more_than_a_comment(tmp_path: Path) -> None:
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = []
        writes = _record_writes(fake)
        huge = "## socialops preview\n\n" + "x" * 300_000 + "\n"
        assert _post(tmp_path, fake, huge, "--pr", "7").returncode == 0
        assert _post(tmp_path, fake, b"\xff\xfe not UTF-8 \x00", "--pr", "7").returncode == 0
    body = writes[0][1]["body"]
    assert len(body) == preview.COMMENT_LIMIT
    assert body.startswith(f"{preview.MARKER}\n{preview.BANNER}\n\n## socialops preview")
    assert body.endswith("*(cut here: longer than a comment may be)*\n")
    assert writes[1][1]["body"] == f"{preview.MARKER}\n{preview.BANNER}\n\n\ufffd\ufffd not UTF-8 \ufffd"


def test_a_posted_file_is_untrusted_text_under_the_posters_banner(tmp_path: Path) -> None:
    """The policy job runs the pull request's code, so the file may say anything: outside its
    code blocks nothing renders as HTML and nothing pings; the banner is the poster's own."""
    hostile = ("## socialops preview\n\n<!-- socialops-preview --> <details open><summary>Approved by "
               "@dana</summary></details>\n\nPing @mallory &#64;mallory, see #12 and GH-7\n\n- ```\n  x\n   ```\n"
               "<img src=x onerror=alert(1)> @org/team\n\n```text\n<b>copy</b> @shown-not-pinged\n```\n")
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = []
        writes = _record_writes(fake)
        assert _post(tmp_path, fake, hostile, "--pr", "7").returncode == 0
    body = writes[0][1]["body"]
    assert body.startswith(f"{preview.MARKER}\n{preview.BANNER}\n\n## socialops preview\n")
    assert body.count(preview.MARKER) == 1  # the file's own marker is text now
    outside = re.sub(r"<pre[^>]*>.*?</pre>", "", _html(body.removeprefix(preview.MARKER)), flags=re.S)
    assert re.findall(r"<(?!/?(?:p|em|h2|code|ul|li)\b)[a-z!/][^>]*>", outside) == []
    assert _pings(body) == []
    assert "&lt;b&gt;copy&lt;/b&gt; @shown-not-pinged" in _html(body)  # the copy's block, as it was


def test_a_posted_no_posts_line_creates_no_comment(tmp_path: Path) -> None:
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = []
        writes = _record_writes(fake)
        result = _post(tmp_path, fake, preview.NO_POSTS + "\n", "--pr", "7")
    assert result.returncode == 0 and writes == []


def test_a_preview_of_an_older_head_is_not_posted(tmp_path: Path) -> None:
    with fake_github() as fake:
        fake.routes["GET /repos/lanterna/social/pulls/7"] = {"number": 7, "head": {"sha": "b" * 40}}
        fake.routes[f"GET {COMMENTS}"] = []
        writes = _record_writes(fake)
        stale = _post(tmp_path, fake, "## socialops preview\n", "--pr", "7", "--head-sha", "a" * 40)
        assert stale.returncode == 0 and writes == [] and "out of date" in stale.stderr
        current = _post(tmp_path, fake, "## socialops preview\n", "--pr", "7", "--head-sha", "b" * 40)
    assert current.returncode == 0 and [verb for verb, _ in writes] == ["POST"]


def test_post_file_failures(tmp_path: Path) -> None:
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = []
        fake.routes[f"POST {COMMENTS}"] = lambda body, query: (403, {"message": "Resource not accessible by integration"})
        refused = _post(tmp_path, fake, "## socialops preview\n", "--pr", "7")
        no_number = _post(tmp_path, fake, "## socialops preview\n")
        mixed = _post(tmp_path, fake, "x", "--pr", "7", "--base", "main")
    assert refused.returncode == 1 and "403" in refused.stderr  # the trusted workflow must be able to write
    assert no_number.returncode == 1 and "--pr N" in no_number.stderr
    assert mixed.returncode == 2 and "--post-file only posts a file" in mixed.stderr
    missing = run_cli("preview", "--post-file", str(tmp_path / "absent.md"), "--pr", "7", cwd=tmp_path, env=_env())
    assert missing.returncode == 2 and "cannot read --post-file" in missing.stderr
    assert run_cli("preview", cwd=tmp_path, env=_env()).returncode == 2


# -- the workflows ------------------------------------------------------------------------------


def _workflow(name: str) -> dict:
    import yaml

    from tests.conftest import ROOT

    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text("utf-8"))


def test_no_job_that_runs_pull_request_code_may_write_to_the_pull_request() -> None:
    check = _workflow("check.yml")
    for job_id, job in check["jobs"].items():
        assert not {"pull-requests", "issues"} & set(job["permissions"]), job_id
    steps = check["jobs"]["policy"]["steps"]
    [render] = [step for step in steps if "socialops preview" in step.get("run", "")]
    assert '--comment-file "$RUNNER_TEMP/preview-comment/comment.md"' in render["run"]
    assert "--comment " not in render["run"] + " " and "GITHUB_TOKEN" not in render.get("env", {})
    [upload] = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["name"] == "preview-comment"
    assert upload["with"]["path"] == "${{ runner.temp }}/preview-comment/comment.md"


def test_the_comment_is_posted_by_a_follower_that_runs_no_pull_request_code() -> None:
    follower = _workflow("preview-comment.yml")
    assert follower[True] == {"workflow_run": {"workflows": [_workflow("check.yml")["name"]], "types": ["completed"]}}
    assert follower["permissions"] == {}
    [job] = follower["jobs"].values()
    assert job["permissions"] == {"actions": "read", "contents": "read", "pull-requests": "write"}
    assert "pull_requests[0].number" in job["if"] and "workflow_run.event == 'pull_request'" in job["if"]
    steps = job["steps"]
    [checkout] = [step for step in steps if step.get("uses", "").startswith("actions/checkout@")]
    assert set(checkout["with"]) == {"persist-credentials"}  # the default branch, never the pull request's ref
    [download] = [step for step in steps if step.get("uses", "").startswith("actions/download-artifact@")]
    # v4.3.0, verified: git rev-parse v4.3.0^{commit} in a clone of actions/download-artifact
    assert download["uses"].startswith("actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093")
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    assert download["with"]["name"] == "preview-comment"
    [post] = [step for step in steps if "socialops" in step.get("run", "")]
    assert post["run"].startswith('.venv/bin/socialops preview --post-file "$RUNNER_TEMP/preview-comment/comment.md"')
    assert post["env"]["PR_NUMBER"] == "${{ github.event.workflow_run.pull_requests[0].number }}"
    assert post["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    runs = [step["run"] for step in steps if "run" in step]
    assert runs == ["make setup", post["run"]]  # nothing else is executed


# -- who must approve: the review gate's answer ---------------------------------------------------


def test_the_preview_names_a_director_for_exactly_what_the_review_gate_finds(tmp_path: Path) -> None:
    """One source of truth: a downgraded post, a deleted sensitive post, the swapped media of a
    sensitive post, a settings file and a file outside content/ are named as the gate names
    them, and each changed post's 'Who must approve' gives the gate's reasons for it."""
    from socialops.github import changes, triggers
    from socialops.github.markdown import inline

    downgraded = f"{POSTS}/acme-us-x/2026/2026-03-08-downgraded.md"
    deleted = f"{POSTS}/acme-us-x/2026/2026-03-09-deleted.md"
    pictured = f"{POSTS}/acme-us-x/2026/2026-03-10-pictured.md"
    german = f"{POSTS}/acme-de-instagram/2026/2026-03-11-rueckruf.md"
    media = "content/media/notice.png"

    def post(front: str = "", body: str = "Hello.", day: str = "08") -> str:
        return f"---\npublish_at: 2026-03-{day}T12:00\nstatus: draft\nauthor: alice\n{front}---\n{body}\n"

    root = make_repo(tmp_path, {**BASE_FILES, downgraded: post("risk: sensitive\n"),
                                deleted: post("risk: sensitive\n", day="09"), media: {"image": [20, 10, "PNG"]},
                                pictured: post(f"risk: sensitive\nmedia:\n  - file: ./{media}\n    alt: A notice.\n",
                                               day="10")})
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    write_files(root, {downgraded: post(body="Nothing to see."), deleted: None, media: {"image": [40, 30, "PNG"]},
                       "policy.yaml": (root / "policy.yaml").read_text("utf-8") + "\n", "tox.ini": "[tox]\n",
                       german: post("language: en-DE\n", "Freiwilliger Rückruf.", day="11")})
    head = _commit(root, "a bit of everything")
    found = triggers.find_triggers(root, changes.changed_files(root, base, head), base, base, head, "main")
    assert {trigger.path for trigger in found} == {downgraded, deleted, media, "policy.yaml", "tox.ini", german}
    markdown = _preview(root, base).stdout
    for trigger in found:
        assert f"| `{trigger.path}` | {inline(trigger.reason)} |" in markdown, trigger
    assert markdown.count("\n| `") == len(found)  # and nothing else in the director table
    approval = _section(markdown, downgraded).split("**Who must approve**")[1]
    assert ("because changes a post that needs a director at the base (the merge base "
            f"{base[:7]}): risk: sensitive: dana (Dana Director)") in approval
    assert "because sensitive term 'Rückruf' (line 7): dana" in _section(markdown, german)


def test_waivers_on_campaigns_and_incidents_go_to_a_director(tmp_path: Path) -> None:
    """A campaign or incident with a waiver needs a director as a post with one does: when a
    pull request adds it, or changes or deletes one that had it."""
    from socialops.github import changes, triggers

    campaign, incident, plain = ("content/campaigns/winter.md", "content/incidents/2026-02-20-phishing.md",
                                 "content/campaigns/spring.md")
    waiver = "waivers:\n  - rule: campaign-evaluation\n    reason: The evaluation is in the quarterly report.\n"

    def plan(extra: str = "") -> str:
        return ("---\ntitle: Winter Q&A\ntype: qa\nowner: dana\nstart: 2026-01-10T09:00\nend: 2026-01-20T18:00\n"
                f"accounts: [acme-us-x]\n{extra}---\n## Theme\n\nQ&A.\n")

    phishing = ("---\ntitle: Phishing DMs\nseverity: high\nstatus: open\nopened: 2026-02-20T10:00\naccounts: [acme-us-x]\n"
                "owner: dana\nwaivers:\n  - rule: references\n    reason: The platform's own team handled it.\n---\n"
                "## Summary\n\nPhishing messages sent to our followers in our name.\n")
    root = make_repo(tmp_path, {**BASE_FILES, incident: phishing, plain: plan()})
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    write_files(root, {campaign: plan(waiver), incident: None, plain: plan().replace("Q&A.", "Questions.")})
    head = _commit(root, "a waived campaign; the waived incident deleted; a plain campaign changed")
    found = triggers.find_triggers(root, changes.changed_files(root, base, head), base, base, head, "main")
    assert [(trigger.path, trigger.reason) for trigger in found] == [
        (campaign, "waiver of campaign-evaluation"),
        (incident, f"deletes a plan that needs a director at the base (the merge base {base[:7]}): "
                   "waiver of references"),
    ]
